import { parentPort, workerData } from 'node:worker_threads';
import { loadSources } from '@imcat/registry';
import { Rng } from './mutate';
const s = loadSources().sources.find((x) => x.id === (workerData as { id: string }).id);
parentPort!.postMessage({ id: s?.id, r: new Rng(1).int(100) });
