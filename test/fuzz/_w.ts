import { Worker } from 'node:worker_threads';
const w = new Worker(new URL('./_w2.ts', import.meta.url), { execArgv: ['--import', 'tsx'], workerData: { id: 'openneuro' } });
w.on('message', (m) => console.log('msg', m));
w.on('error', (e) => console.log('err', e));
w.on('exit', (c) => console.log('exit', c));
