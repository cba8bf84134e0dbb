import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ParseError } from '@imcat/errors';
import { SourceId } from '@imcat/schema';
import type { RawPage } from '@imcat/source-kit';

/** What the store keeps about one fetched page besides its bytes. */
export interface PageRecord {
  source_id: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  fetched_at: string;
  sha256: string;
}

export interface RunRecord {
  source_id: string;
  fetched_at: string;
  /** ok: parsed and validated; failed: fetched but not usable (kept for forensics). */
  status: 'ok' | 'failed';
  reason?: string;
  pages: PageRecord[];
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function writeAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/**
 * A content-addressed store of raw pages: bytes under objects/<aa>/<sha256>,
 * and per-source run records naming the exact pages a run used. Any listing
 * can be traced to the bytes it came from, and a run can be replayed offline.
 */
export class CaptureStore {
  constructor(readonly root: string) {}

  private objectPath(hash: string): string {
    return join(this.root, 'objects', hash.slice(0, 2), hash);
  }

  /** Store a page's bytes (once) and index its metadata. */
  put(sourceId: string, page: RawPage): PageRecord {
    const id = SourceId.parse(sourceId);
    const actual = sha256(page.body);
    if (actual !== page.sha256) {
      throw new ParseError('page bytes do not match their sha256', { sourceId: id, record: page.url, expected: page.sha256, found: actual });
    }
    const path = this.objectPath(actual);
    if (!existsSync(path)) writeAtomic(path, page.body);
    const record: PageRecord = {
      source_id: id,
      url: page.url,
      status: page.status,
      headers: page.headers,
      fetched_at: page.fetched_at,
      sha256: actual,
    };
    mkdirSync(join(this.root, 'index'), { recursive: true });
    appendFileSync(join(this.root, 'index', `${id}.jsonl`), JSON.stringify(record) + '\n');
    return record;
  }

  /** Read bytes back, verifying they still hash to their name. */
  read(hash: string): Uint8Array {
    const path = this.objectPath(hash);
    if (!existsSync(path)) throw new ParseError('object missing from the capture store', { record: hash, expected: `a file at ${path}`, found: 'nothing' });
    const bytes = new Uint8Array(readFileSync(path));
    const actual = sha256(bytes);
    if (actual !== hash) throw new ParseError('capture store object is corrupted', { record: path, expected: hash, found: actual });
    return bytes;
  }

  page(record: PageRecord): RawPage {
    return { url: record.url, status: record.status, headers: record.headers, fetched_at: record.fetched_at, sha256: record.sha256, body: this.read(record.sha256) };
  }

  /** Record which pages one run of a source used, and whether they parsed. */
  saveRun(sourceId: string, pages: RawPage[], status: RunRecord['status'], reason?: string): RunRecord {
    const id = SourceId.parse(sourceId);
    const records = pages.map((p) => this.put(id, p));
    const fetchedAt = records.map((r) => r.fetched_at).sort().at(-1) ?? new Date(0).toISOString();
    const run: RunRecord = { source_id: id, fetched_at: fetchedAt, status, ...(reason ? { reason } : {}), pages: records };
    const digest = createHash('sha256').update(records.map((r) => r.sha256).join('\n')).digest('hex').slice(0, 12);
    writeAtomic(join(this.root, 'runs', id, `${fetchedAt.replace(/[:.]/g, '-')}-${status}-${digest}.json`), JSON.stringify(run, null, 2) + '\n');
    return run;
  }

  runs(sourceId: string): RunRecord[] {
    const dir = join(this.root, 'runs', SourceId.parse(sourceId));
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as RunRecord);
  }

  /** The pages of the newest run that parsed, for replay when a live fetch fails. */
  lastGoodRun(sourceId: string): { run: RunRecord; pages: RawPage[] } | undefined {
    const run = this.runs(sourceId).filter((r) => r.status === 'ok').at(-1);
    return run ? { run, pages: run.pages.map((p) => this.page(p)) } : undefined;
  }

  /** The newest stored page for a URL: what conditional requests revalidate. */
  lookup(url: string): RawPage | undefined {
    const dir = join(this.root, 'index');
    if (!existsSync(dir)) return undefined;
    let best: PageRecord | undefined;
    for (const file of readdirSync(dir).sort()) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        if (!line) continue;
        const record = JSON.parse(line) as PageRecord;
        if (record.url === url && record.status === 200 && (!best || record.fetched_at >= best.fetched_at)) best = record;
      }
    }
    return best ? this.page(best) : undefined;
  }
}
