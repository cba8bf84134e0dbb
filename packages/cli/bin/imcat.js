#!/usr/bin/env node
// The imcat command: runs the TypeScript sources through tsx, so there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/main.ts');
await run(process.argv.slice(2));
