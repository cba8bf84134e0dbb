/**
 * One benchmark step in its own process, so peak RSS belongs to that step:
 *   child.ts generate <listings> <dir> <out.json>
 *   child.ts run <listings> <dir> <out.json> [rss-limit-bytes]
 *   child.ts real <out.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, type GenerateResult } from './generate';
import { maxRss, runRealBuild, runSize } from './run';

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'generate') {
    const [n, dir, out] = args;
    const t = performance.now();
    const gen = generate({ listings: Number(n), dir: dir! });
    const ms = Math.round(performance.now() - t);
    writeFileSync(join(dir!, 'generate.json'), JSON.stringify(gen));
    writeFileSync(out!, JSON.stringify({ ms, maxRss: maxRss() }));
    log(`  generated ${gen.listings} listings of ${gen.entities} datasets (${gen.families} families) in ${gen.sources.length} sources: ${(ms / 1000).toFixed(1)} s, ${(gen.bytes / 2 ** 20).toFixed(0)} MiB of NDJSON`);
  } else if (mode === 'run') {
    const [n, dir, out, limit] = args;
    const gen = JSON.parse(readFileSync(join(dir!, 'generate.json'), 'utf8')) as GenerateResult;
    const generated = JSON.parse(readFileSync(`${out!}.gen`, 'utf8')) as { ms: number };
    const result = await runSize({ gen, generateMs: generated.ms, requested: Number(n), progress: log, rssLimit: limit ? Number(limit) : undefined });
    writeFileSync(out!, JSON.stringify(result));
  } else if (mode === 'real') {
    const [out] = args;
    writeFileSync(out!, JSON.stringify(await runRealBuild(log)));
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
