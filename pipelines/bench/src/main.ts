import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Db } from '@imcat/duckdb';
import { BLOCK_ALLOCATOR_SHARE, PIPELINE_MEMORY_LIMIT } from '@imcat/pipeline-build';
import { REPO_ROOT } from '@imcat/registry';
import { referenceMs } from './reference';
import { renderReport, targetRows, type BenchReport, type Machine } from './report';
import type { RealBuildResult, SizeResult } from './run';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const DOC = join(REPO_ROOT, 'docs', 'benchmarks.md');

interface Args {
  sizes: number[];
  write: boolean;
  real: boolean;
  timeoutMin: number;
  rssLimitGiB: number;
  /** Minutes to wait for other work on the machine to stop before each measurement. */
  waitIdleMin: number;
  /** Where to write the report (docs/benchmarks.md by default). */
  out: string;
  /** Also keep the raw results as JSON here. */
  json: string | null;
  /** Only render the report from this JSON (written by --json), measuring nothing. */
  render: string | null;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { sizes: [10_000, 100_000, 1_000_000], write: true, real: true, timeoutMin: 25, rssLimitGiB: 16, waitIdleMin: 20, out: DOC, json: null, render: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a.startsWith('--sizes')) args.sizes = value().split(',').map((x) => Number(x.trim().replace(/k$/i, '000').replace(/m$/i, '000000')));
    else if (a === '--no-write') args.write = false;
    else if (a === '--no-real') args.real = false;
    else if (a.startsWith('--timeout-min')) args.timeoutMin = Number(value());
    else if (a.startsWith('--rss-limit-gib')) args.rssLimitGiB = Number(value());
    else if (a.startsWith('--wait-idle-min')) args.waitIdleMin = Number(value());
    else if (a.startsWith('--out')) args.out = value();
    else if (a.startsWith('--json')) args.json = value();
    else if (a.startsWith('--render')) args.render = value();
    else throw new Error(`unknown argument ${a} (known: --sizes 10000,100000  --no-write  --no-real  --out FILE  --json FILE  --render FILE  --timeout-min 25  --rss-limit-gib 16  --wait-idle-min 20)`);
  }
  if (args.sizes.some((s) => !Number.isInteger(s) || s <= 0)) throw new Error(`--sizes: expected positive integers, found ${args.sizes.join(',')}`);
  return args;
}

const log = (line: string) => process.stdout.write(`${line}\n`);

/** Busy and total CPU time of the whole machine, in clock ticks (/proc/stat). */
function machineTicks(): { busy: number; total: number } | null {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = f;
    const busy = user + nice + system + irq + softirq + steal;
    return { busy, total: busy + idle + iowait };
  } catch {
    return null;
  }
}

/** CPU time of one process (all its threads), in clock ticks. */
function processTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

export interface CpuUse {
  /** Average cores the benchmark process used. */
  pipelineCores: number;
  /** Average cores everything else on the machine used meanwhile (other work skews the times). */
  backgroundCores: number;
}

/** Average CPU use of a process and of everything else, sampled once a second while it runs. */
function monitorCpu(pid: number): () => CpuUse | null {
  const cores = cpus().length;
  const m0 = machineTicks();
  const p0 = processTicks(pid) ?? 0;
  let last = { m: m0, p: p0 };
  const timer = setInterval(() => {
    const p = processTicks(pid);
    if (p !== null) last = { m: machineTicks(), p };
  }, 1000);
  timer.unref();
  return () => {
    clearInterval(timer);
    if (!m0 || !last.m || last.m.total === m0.total) return null;
    const totalCores = ((last.m.total - m0.total) / cores);
    const mine = (last.p - p0) / totalCores;
    const busy = (last.m.busy - m0.busy) / totalCores;
    return { pipelineCores: mine, backgroundCores: Math.max(0, busy - mine) };
  };
}

/** Cores busy on the machine over a few seconds, while the benchmark itself is idle. */
async function backgroundLoad(seconds = 3): Promise<number> {
  const a = machineTicks();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const b = machineTicks();
  if (!a || !b || b.total === a.total) return 0;
  return ((b.busy - a.busy) / (b.total - a.total)) * cpus().length;
}

/** Wait (up to a limit) until other work on the machine has stopped, so it does not skew the timings. */
async function waitIdle(limitMin: number): Promise<number> {
  const deadline = Date.now() + limitMin * 60_000;
  let load = await backgroundLoad();
  if (load <= 0.25) return load;
  log(`  other work is using ${load.toFixed(2)} cores: waiting up to ${limitMin} min for the machine to go idle …`);
  while (load > 0.25 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20_000));
    load = await backgroundLoad();
  }
  log(load > 0.25 ? `  still ${load.toFixed(2)} cores busy elsewhere: measuring anyway (recorded in the report)` : '  idle now');
  return load;
}

/** Run one step in a fresh Node process (tsx loader), with a time limit. */
function child(args: string[], timeoutMs: number): Promise<{ code: number | null; timedOut: boolean; cpu: CpuUse | null }> {
  return new Promise((done, fail) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    const cpu = proc.pid ? monitorCpu(proc.pid) : () => null;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      log(`  time limit of ${Math.round(timeoutMs / 60000)} min reached: stopping process ${proc.pid}`);
      proc.kill('SIGKILL');
    }, timeoutMs);
    proc.on('error', fail);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, timedOut, cpu: cpu() });
    });
  });
}

async function machine(): Promise<Machine> {
  const db = await Db.open(':memory:');
  const v = await db.one<{ v: string }>('SELECT version() AS v');
  db.close();
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  const api = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules/@duckdb/node-api/package.json'), 'utf8')) as { version: string };
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryBytes: totalmem(),
    platform: `${type()} ${release()}`,
    node: process.version,
    duckdb: v?.v ?? 'unknown',
    duckdbNodeApi: api.version,
    commit,
    date: new Date().toISOString().slice(0, 10),
    // The child processes read the same environment (IMCAT_MEMORY_LIMIT), so they run with these.
    memoryLimit: PIPELINE_MEMORY_LIMIT,
    blockAllocatorShare: BLOCK_ALLOCATOR_SHARE,
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.render) {
    // Re-render a report from the JSON of an earlier run, without measuring again.
    writeFileSync(args.out, renderReport(JSON.parse(readFileSync(args.render, 'utf8')) as BenchReport));
    log(`wrote ${args.out} from ${args.render}`);
    return;
  }
  const report: BenchReport = { machine: await machine(), sizes: [], failedSizes: [], real: null, realError: null };
  const m = report.machine;
  log(`imcat bench: ${m.cpu}, ${m.cores} cores, ${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB; Node ${m.node}; DuckDB ${m.duckdb}`);
  const scratch = mkdtempSync(join(tmpdir(), 'imcat-bench-'));
  await waitIdle(args.waitIdleMin);
  m.reference = { beforeMs: await referenceMs(), afterMs: null };
  log(`reference workload: ${(m.reference.beforeMs / 1000).toFixed(2)} s (how fast the machine is now; see reference.ts)`);
  try {
    if (args.real) {
      log('real build, then again unchanged:');
      const out = join(scratch, 'real.json');
      await waitIdle(args.waitIdleMin);
      const r = await child(['real', out], args.timeoutMin * 60_000);
      if (r.code === 0 && existsSync(out)) {
        report.real = { ...(JSON.parse(readFileSync(out, 'utf8')) as RealBuildResult), cpu: r.cpu };
        log(`  ratio second/first: ${report.real.ratio.toFixed(3)}`);
      } else report.realError = r.timedOut ? 'time limit reached' : `exit code ${r.code}`;
    }
    for (const size of args.sizes) {
      log(`N = ${size.toLocaleString('en-US')}:`);
      const dir = mkdtempSync(join(scratch, `n${size}-`));
      const out = join(scratch, `n${size}.json`);
      try {
        const g = await child(['generate', String(size), dir, `${out}.gen`], args.timeoutMin * 60_000);
        if (g.code !== 0) {
          report.failedSizes.push({ requested: size, reason: g.timedOut ? 'generation hit the time limit' : `generation failed (exit ${g.code})` });
          continue;
        }
        await waitIdle(args.waitIdleMin);
        const r = await child(['run', String(size), dir, out, String(args.rssLimitGiB * 2 ** 30)], args.timeoutMin * 60_000);
        if (r.code === 0 && existsSync(out)) {
          const result: SizeResult = { ...(JSON.parse(readFileSync(out, 'utf8')) as SizeResult), cpu: r.cpu };
          report.sizes.push(result);
          log(
            `  total ${(result.totalMs / 1000).toFixed(2)} s, peak RSS ${(Math.max(result.peakRss, result.maxRss) / 2 ** 30).toFixed(2)} GiB, ` +
              `precision ${result.precision.toFixed(4)}, recall ${result.recall.toFixed(4)}, ${result.resolvedEntities} datasets from ${result.truthEntities} true` +
              (r.cpu ? `; used ${r.cpu.pipelineCores.toFixed(2)} cores, ${r.cpu.backgroundCores.toFixed(2)} busy elsewhere` : ''),
          );
        } else {
          const reason = r.timedOut
            ? `stopped at the ${args.timeoutMin}-minute limit`
            : r.code === 3
              ? `stopped: RSS went over ${args.rssLimitGiB} GiB`
              : `pipeline process failed (exit ${r.code})`;
          report.failedSizes.push({ requested: size, reason });
          log(`  ${reason}`);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    await waitIdle(args.waitIdleMin);
    m.reference.afterMs = await referenceMs();
    log(`reference workload after the runs: ${(m.reference.afterMs / 1000).toFixed(2)} s`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  log('');
  for (const row of targetRows(report)) log(`${row.status.replace(/\*/g, '').padEnd(8)} ${row.target}: ${row.measured}`);
  if (args.json) writeFileSync(args.json, JSON.stringify(report, null, 2));
  if (args.write) {
    writeFileSync(args.out, renderReport(report));
    log(`wrote ${args.out}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
