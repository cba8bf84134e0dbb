import { parseArgs } from 'node:util';
import { SqlError, parseSize } from '@imcat/duckdb';
import { ConfigError, ImcatError, describeError } from '@imcat/errors';
import { MAX_LIMIT, checkReleaseOption } from '@imcat/query';
import { PIPELINE_MEMORY_LIMIT } from '@imcat/pipeline-build';
import { buildCommand } from './commands/build';
import { queryCommand, searchCommand, verifyCommand } from './commands/inspect';
import { scrapeCommand } from './commands/scrape';
import { networkAvailable } from './network';
import { defaultPaths } from './paths';
import { Progress } from './progress';

const USAGE = `imcat: the open catalog of medical-imaging datasets

usage:
  imcat build   [--offline DIR] [--live] [--source ID…] [--allow-drop] [--no-changeset] [--releases DIR]
  imcat scrape  [--source ID…] [--offline DIR] [--live] [--from-store]
  imcat release [--source ID…] [--allow-drop] [--no-changeset] [--releases DIR]   (from the staged listings)
  imcat verify  [vX.Y.Z] [--releases DIR]
  imcat query   "SQL" [--release vX.Y.Z|latest] [--format table|csv|json] [--releases DIR]
  imcat search  [--modality M] [--anatomy A] [--task T] [--dim D] [--access A] [--labelled] [--family F] [--limit N]
                [--release vX.Y.Z|latest] [--format table|csv|json] [--releases DIR]
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const paths = defaultPaths();
  const progress = new Progress(process.stderr, Boolean(process.stderr.isTTY) && !process.env.CI, Boolean(process.env.IMCAT_VERBOSE));
  switch (command) {
    case 'scrape': {
      const { values } = parseArgs({
        args: rest,
        options: { source: { type: 'string', multiple: true }, offline: { type: 'string' }, live: { type: 'boolean' }, 'from-store': { type: 'boolean' } },
        strict: true,
      });
      const result = await scrapeCommand(
        { sources: values.source, offline: values.offline, live: values.live, fromStore: values['from-store'], stagingDir: paths.staging, storeDir: paths.store, snapshotsDir: paths.snapshots },
        progress,
        networkAvailable,
      );
      return result.failed.length ? 1 : 0;
    }
    case 'build':
    case 'release': {
      const { values } = parseArgs({
        args: rest,
        options: {
          source: { type: 'string', multiple: true },
          offline: { type: 'string' },
          live: { type: 'boolean' },
          'allow-drop': { type: 'boolean' },
          'no-changeset': { type: 'boolean' },
          releases: { type: 'string' },
        },
        strict: true,
      });
      if (command === 'release' && (values.offline !== undefined || values.live)) {
        throw new ConfigError(`imcat release builds from the listings imcat scrape staged: --${values.offline !== undefined ? 'offline' : 'live'} belongs to imcat build or imcat scrape`);
      }
      return buildCommand(
        {
          sources: values.source,
          offline: values.offline,
          live: values.live,
          allowDrop: values['allow-drop'],
          changeset: !values['no-changeset'],
          // `release` builds from what `imcat scrape` staged; `build` scrapes first.
          staged: command === 'release',
          repoRoot: paths.repoRoot,
          snapshotsDir: paths.snapshots,
          staging: paths.staging,
          store: paths.store,
          work: paths.work,
          releases: values.releases ?? paths.releases,
        },
        progress,
        networkAvailable,
      );
    }
    case 'verify': {
      const { values, positionals } = parseArgs({ args: rest, options: { releases: { type: 'string' } }, allowPositionals: true, strict: true });
      return verifyCommand(positionals[0], values.releases ?? paths.releases, process.stdout);
    }
    case 'query': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { release: { type: 'string' }, format: { type: 'string' }, releases: { type: 'string' } },
        allowPositionals: true,
        strict: true,
      });
      checkReleaseOption(values.releases ?? paths.releases, values.release);
      return queryCommand(positionals.join(' ') || undefined, { release: values.release, format: values.format, releases: values.releases ?? paths.releases }, process.stdout);
    }
    case 'search': {
      const { values } = parseArgs({
        args: rest,
        options: {
          modality: { type: 'string' },
          anatomy: { type: 'string' },
          task: { type: 'string' },
          dim: { type: 'string' },
          access: { type: 'string' },
          labelled: { type: 'boolean' },
          family: { type: 'string' },
          limit: { type: 'string' },
          release: { type: 'string' },
          format: { type: 'string' },
          releases: { type: 'string' },
        },
        strict: true,
      });
      const limit = values.limit === undefined ? undefined : parseLimit(values.limit);
      checkReleaseOption(values.releases ?? paths.releases, values.release);
      return searchCommand(
        {
          modality: values.modality,
          anatomy: values.anatomy,
          task: values.task,
          dim: values.dim,
          access: values.access,
          labelled: values.labelled,
          family: values.family,
          limit,
        },
        { release: values.release, format: values.format, releases: values.releases ?? paths.releases },
        process.stdout,
      );
    }
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`imcat: unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

/** --limit: a plain whole number from 1 to MAX_LIMIT, written in decimal digits (not 1e3, 0x10 or 2.0). */
export function parseLimit(text: string): number {
  const n = /^[0-9]+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!(n >= 1 && n <= MAX_LIMIT)) throw new ConfigError(`--limit: expected a whole number from 1 to ${MAX_LIMIT}, found "${text}"`);
  return n;
}

/**
 * What the user can do about an error, when there is something: a build or release whose DuckDB ran out of
 * memory under the pipeline's limit needs a higher IMCAT_MEMORY_LIMIT. Null for anything else.
 */
export function errorHint(command: string | undefined, error: unknown, limit = PIPELINE_MEMORY_LIMIT): string | null {
  if (command !== 'build' && command !== 'release') return null;
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) {
    if (e instanceof SqlError && e.outOfMemory) {
      const bytes = parseSize(limit);
      const more = bytes === null ? 'a larger size' : `${Math.ceil((2 * bytes) / 1e9)}GB`;
      return `DuckDB needed more memory than the pipeline's limit of ${limit} (IMCAT_MEMORY_LIMIT) allows; run again with IMCAT_MEMORY_LIMIT=${more} or more`;
    }
  }
  return null;
}

/**
 * Resolve once everything written to the stream so far has gone out. process.exit() drops what a pipe has not
 * taken yet (a large query result piped to another program stopped at 64 KiB). A reader that went away (EPIPE,
 * `| head`) ends the wait too: the rest of the output has nowhere to go.
 */
export function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    stream.once('error', () => resolve());
    stream.write('', () => resolve());
  });
}

/** Usage errors: a command's flags that parseArgs refuses (unknown, or missing their value), and ConfigError/QueryError. */
function isUsageError(error: unknown): boolean {
  if (error instanceof ImcatError) return error.code === 'CONFIG' || error.code === 'QUERY';
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/** Run the command line and exit with its code once its output is out; errors are printed with their cause chain. */
export async function run(argv: string[]): Promise<never> {
  // A reader that stops early (`imcat query … | head`) closes the pipe: the rest of the output is dropped, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  let code: number;
  try {
    code = await main(argv);
  } catch (error) {
    process.stderr.write(`imcat: ${describeError(error)}\n`);
    const hint = errorHint(argv[0], error);
    if (hint) process.stderr.write(`imcat: ${hint}\n`);
    code = isUsageError(error) ? 2 : 1;
  }
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  process.exit(code);
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) await run(process.argv.slice(2));
