import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ParseError } from '@imcat/errors';
import { CaptureStore } from './store';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function store() {
  const dir = mkdtempSync(join(tmpdir(), 'imcat-store-'));
  dirs.push(dir);
  return new CaptureStore(dir);
}
function page(url: string, text: string, fetched_at = '2026-11-22T00:00:00.000Z', headers: Record<string, string> = {}) {
  const body = new TextEncoder().encode(text);
  return { url, status: 200, headers, fetched_at, sha256: createHash('sha256').update(body).digest('hex'), body };
}

describe('CaptureStore', () => {
  it('stores bytes once by sha256 and reads them back verified', () => {
    const s = store();
    const p = page('https://example.org/a.json', '{"a":1}');
    s.put('demo', p);
    s.put('demo', p);
    expect(readdirSync(join(s.root, 'objects', p.sha256.slice(0, 2)))).toEqual([p.sha256]);
    expect(new TextDecoder().decode(s.read(p.sha256))).toBe('{"a":1}');
  });

  it('refuses a page whose bytes do not match its hash', () => {
    const p = { ...page('https://example.org/a.json', 'x'), sha256: 'f'.repeat(64) };
    expect(() => store().put('demo', p)).toThrow(ParseError);
  });

  it('detects a corrupted object', () => {
    const s = store();
    const p = page('https://example.org/a.json', 'good');
    s.put('demo', p);
    writeFileSync(join(s.root, 'objects', p.sha256.slice(0, 2), p.sha256), 'evil');
    expect(() => s.read(p.sha256)).toThrow(/corrupted/);
  });

  it('replays the newest good run and skips failed ones', () => {
    const s = store();
    s.saveRun('demo', [page('https://example.org/a', 'v1', '2026-11-01T00:00:00.000Z')], 'ok');
    s.saveRun('demo', [page('https://example.org/a', 'v2', '2026-11-08T00:00:00.000Z')], 'ok');
    s.saveRun('demo', [page('https://example.org/a', 'broken', '2026-11-15T00:00:00.000Z')], 'failed', 'layout drift');
    const last = s.lastGoodRun('demo');
    expect(last && new TextDecoder().decode(last.pages[0]!.body)).toBe('v2');
    expect(s.runs('demo').map((r) => r.status)).toEqual(['ok', 'ok', 'failed']);
  });

  it('finds the newest page for a URL for conditional requests', () => {
    const s = store();
    s.put('demo', page('https://example.org/a', 'old', '2026-11-01T00:00:00.000Z', { etag: '"1"' }));
    s.put('demo', page('https://example.org/a', 'new', '2026-11-08T00:00:00.000Z', { etag: '"2"' }));
    expect(s.lookup('https://example.org/a')?.headers.etag).toBe('"2"');
    expect(s.lookup('https://example.org/other')).toBeUndefined();
  });

  it('rejects source ids that would escape the store', () => {
    expect(() => store().put('../../etc', page('https://example.org/a', 'x'))).toThrow();
  });
});
