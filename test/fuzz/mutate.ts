import { sha256Hex, type RawPage } from '@imcat/source-kit';

/**
 * Deterministic mutation of real captures for the parser fuzz suite. Every
 * case is reproducible from (seed, source id, case index) alone: the case's
 * PRNG is seeded from a hash of the three, so one case can be replayed
 * without running the ones before it.
 */

/** mulberry32: a tiny, fast, deterministic 32-bit PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over a string: turns (seed, source, case) into one 32-bit PRNG seed. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const enc = new TextEncoder();
const dec = new TextDecoder();
const bytes = (s: string): Uint8Array => enc.encode(s);

/** Things a hostile or broken page could hold, as raw bytes (some deliberately not UTF-8). */
export const HOSTILE_SNIPPETS: readonly Uint8Array[] = [
  new Uint8Array([0]),
  new Uint8Array([0, 0, 0, 0]),
  new Uint8Array([0xff]),
  new Uint8Array([0xc3, 0x28]),
  new Uint8Array([0x80]),
  new Uint8Array([0xed, 0xa0, 0x80]), // an encoded UTF-16 surrogate: not valid UTF-8
  new Uint8Array([0xf8, 0x88, 0x80, 0x80, 0x80]),
  new Uint8Array([0xef, 0xbb, 0xbf]), // BOM mid-page
  bytes('<script>alert(1)</script>'),
  bytes('<script>'),
  bytes('<img src=x onerror=alert(1)>'),
  bytes('javascript:alert(1)'),
  bytes('[x](javascript:alert(1))'),
  bytes('<a href="javascript:alert(1)">x</a>'),
  bytes('data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='),
  bytes('vbscript:msgbox(1)'),
  bytes('file:///etc/passwd'),
  bytes('../../../../etc/passwd'),
  bytes('\u0001\u0002\u001b[31m\u007f\u0085\u009f'),
  bytes('\u200b\u200d\u2060\ufeff\u202e'),
  bytes('\u2028\u2029'),
  bytes('\r'),
  bytes('\r\n'),
  bytes('\n'),
  bytes('\n\n\n'),
  bytes('|'),
  bytes(' | | | '),
  bytes('\t'),
  bytes('\t\t\t'),
  bytes('"'),
  bytes("'"),
  bytes('\\'),
  bytes('{'),
  bytes('}'),
  bytes('['),
  bytes(']'),
  bytes(','),
  bytes(':'),
  bytes('<'),
  bytes('>'),
  bytes('<!--'),
  bytes('-->'),
  bytes('</table>'),
  bytes('<details>'),
  bytes('</details>'),
  bytes('# '),
  bytes('\n## '),
  bytes('\n### '),
  bytes('\n- '),
  bytes('**'),
  bytes('`'),
  bytes('```\n'),
  bytes('&lt;script&gt;alert(1)&lt;/script&gt;'),
  bytes('&#0;&#x110000;&#xd800;&#99999999999;'),
  bytes('__proto__'),
  bytes('constructor'),
  bytes('"__proto__":{"polluted":1},'),
  bytes('1e309'),
  bytes('-0'),
  bytes('NaN'),
  bytes('9007199254740993'),
  bytes('null'),
  bytes('😀🏥'),
  bytes('e\u0301\u0301\u0301'),
  bytes('x'.repeat(2000)),
  bytes(' '.repeat(500)),
  bytes('https://'),
  bytes('http://[::1'),
  bytes('doi:10.'),
  bytes('10.1234/'),
];

/** Other-typed JSON values to drop in place of a real one. */
const JSON_REPLACEMENTS: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e21,
  '',
  ' ',
  'x',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '\u0000',
  '\u202e\u200b',
  'x'.repeat(5000),
  [],
  [null],
  [1, 'a', {}],
  {},
  { a: [] },
  { url: 'javascript:alert(1)' },
];

interface JsonSlot {
  container: Record<string, unknown> | unknown[];
  key: string | number;
}

/** One page, prepared once: line offsets for the line mutations, the parsed JSON for the value mutations. */
export interface PreparedPage {
  page: RawPage;
  lineStarts: number[];
  json: { root: unknown; slots: JsonSlot[]; keys: string[] } | undefined;
  text: string;
}

export function preparePage(page: RawPage): PreparedPage {
  const body = page.body;
  const lineStarts = [0];
  for (let i = 0; i < body.length; i++) if (body[i] === 10 && i + 1 < body.length) lineStarts.push(i + 1);
  const text = dec.decode(body);
  let json: PreparedPage['json'];
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') {
    try {
      const root: unknown = JSON.parse(text);
      const slots: JsonSlot[] = [];
      const keys = new Set<string>();
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) {
          v.forEach((item, i) => {
            slots.push({ container: v, key: i });
            walk(item);
          });
        } else if (v && typeof v === 'object') {
          for (const [k, item] of Object.entries(v)) {
            keys.add(k);
            slots.push({ container: v as Record<string, unknown>, key: k });
            walk(item);
          }
        }
      };
      walk(root);
      json = { root, slots, keys: [...keys] };
    } catch {
      json = undefined;
    }
  }
  return { page, lineStarts, json, text };
}

function concat(parts: Uint8Array[]): Uint8Array {
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Byte range of lines [from, to) (to exclusive). */
function lineSpan(p: PreparedPage, from: number, to: number): [number, number] {
  const start = p.lineStarts[from] ?? p.page.body.length;
  const end = to >= p.lineStarts.length ? p.page.body.length : p.lineStarts[to]!;
  return [start, end];
}

function randomLineRange(rng: Rng, p: PreparedPage): [number, number] {
  const n = p.lineStarts.length;
  const from = rng.int(n);
  const len = rng.chance(0.8) ? rng.range(1, 5) : rng.range(1, Math.max(1, Math.floor(n / 4)));
  return [from, Math.min(n, from + len)];
}

function randomBytes(rng: Rng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(256);
  return out;
}

/** Replace every (or one) occurrence of `from` in the text by `to`. */
function replaceText(text: string, from: string, to: string, rng: Rng): string | undefined {
  const first = text.indexOf(from);
  if (first === -1) return undefined;
  if (rng.chance(0.5)) return text.split(from).join(to);
  // the n-th occurrence, n picked among the first 50
  let at = first;
  const n = rng.int(50);
  for (let i = 0; i < n; i++) {
    const next = text.indexOf(from, at + 1);
    if (next === -1) break;
    at = next;
  }
  return text.slice(0, at) + to + text.slice(at + from.length);
}

type Mutation = (rng: Rng, p: PreparedPage) => { body: Uint8Array; what: string } | undefined;

const MUTATIONS: { name: string; weight: number; run: Mutation }[] = [
  {
    name: 'byte-flip',
    weight: 10,
    run: (rng, p) => {
      const body = p.page.body.slice();
      if (body.length === 0) return undefined;
      const n = rng.range(1, 8);
      const at: number[] = [];
      for (let i = 0; i < n; i++) {
        const j = rng.int(body.length);
        // mostly ASCII-range flips so the page usually still decodes and the parser itself is exercised
        body[j] = rng.chance(0.75) ? 0x20 + rng.int(0x5f) : body[j]! ^ (1 << rng.int(8));
        at.push(j);
      }
      return { body, what: `bytes changed at ${at.join(',')}` };
    },
  },
  {
    name: 'truncate',
    weight: 6,
    run: (rng, p) => {
      const at = rng.chance(0.1) ? rng.int(64) : rng.int(p.page.body.length + 1);
      return { body: p.page.body.slice(0, at), what: `cut at byte ${at}` };
    },
  },
  {
    name: 'delete-lines',
    weight: 8,
    run: (rng, p) => {
      const [from, to] = randomLineRange(rng, p);
      const [s, e] = lineSpan(p, from, to);
      return { body: concat([p.page.body.subarray(0, s), p.page.body.subarray(e)]), what: `lines ${from}..${to} deleted` };
    },
  },
  {
    name: 'duplicate-lines',
    weight: 8,
    run: (rng, p) => {
      const [from, to] = randomLineRange(rng, p);
      const [s, e] = lineSpan(p, from, to);
      const times = rng.chance(0.8) ? 1 : rng.range(2, 10);
      const copies = Array.from({ length: times }, () => p.page.body.subarray(s, e));
      return { body: concat([p.page.body.subarray(0, e), ...copies, p.page.body.subarray(e)]), what: `lines ${from}..${to} duplicated ${times}x` };
    },
  },
  {
    name: 'swap-lines',
    weight: 6,
    run: (rng, p) => {
      const n = p.lineStarts.length;
      if (n < 2) return undefined;
      let a = rng.int(n);
      let b = rng.int(n);
      if (a === b) return undefined;
      if (a > b) [a, b] = [b, a];
      const [as, ae] = lineSpan(p, a, a + 1);
      const [bs, be] = lineSpan(p, b, b + 1);
      const body = p.page.body;
      const withNl = (x: Uint8Array) => (x[x.length - 1] === 10 ? x : concat([x, bytes('\n')]));
      return {
        body: concat([body.subarray(0, as), withNl(body.subarray(bs, be)), body.subarray(ae, bs), withNl(body.subarray(as, ae)), body.subarray(be)]),
        what: `lines ${a} and ${b} swapped`,
      };
    },
  },
  {
    name: 'shuffle-lines',
    weight: 5,
    run: (rng, p) => {
      // table rows / TSV rows are consecutive lines: shuffle a block of them
      const n = p.lineStarts.length;
      const from = rng.int(n);
      const to = Math.min(n, from + rng.range(2, 40));
      const [s, e] = lineSpan(p, from, to);
      const lines: Uint8Array[] = [];
      for (let i = from; i < to; i++) {
        const [ls, le] = lineSpan(p, i, i + 1);
        const l = p.page.body.subarray(ls, le);
        lines.push(l[l.length - 1] === 10 ? l : concat([l, bytes('\n')]));
      }
      for (let i = lines.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      }
      return { body: concat([p.page.body.subarray(0, s), ...lines, p.page.body.subarray(e)]), what: `lines ${from}..${to} shuffled` };
    },
  },
  {
    name: 'insert-hostile',
    weight: 10,
    run: (rng, p) => {
      const n = rng.range(1, 3);
      let body = p.page.body;
      const what: string[] = [];
      for (let i = 0; i < n; i++) {
        const at = rng.int(body.length + 1);
        const snippet = rng.chance(0.9) ? rng.pick(HOSTILE_SNIPPETS) : randomBytes(rng, rng.range(1, 32));
        body = concat([body.subarray(0, at), snippet, body.subarray(at)]);
        what.push(`${JSON.stringify(dec.decode(snippet).slice(0, 24))}@${at}`);
      }
      return { body, what: `inserted ${what.join(' ')}` };
    },
  },
  {
    name: 'hostile-url',
    weight: 6,
    run: (rng, p) => {
      const scheme = rng.pick(['javascript:alert(1)//', 'data:text/html,<script>alert(1)</script>//', 'vbscript:', 'file:///', 'JaVaScRiPt:', ' javascript:', 'java\tscript:', '//']);
      const from = rng.pick(['https://', 'http://', 'https://doi.org/', 'https://github.com/']);
      const text = replaceText(p.text, from, scheme, rng);
      return text === undefined ? undefined : { body: bytes(text), what: `${from} -> ${scheme}` };
    },
  },
  {
    name: 'markup-in-text',
    weight: 4,
    run: (rng, p) => {
      // wrap a random word in markup a renderer would act on
      const n = p.lineStarts.length;
      const line = rng.int(n);
      const [s, e] = lineSpan(p, line, line + 1);
      const original = dec.decode(p.page.body.subarray(s, e));
      const wrapped = original.replace(/[A-Za-z]{3,}/, (w) =>
        rng.pick([`<script>${w}</script>`, `<b onmouseover=x>${w}</b>`, `**${w}**`, `[${w}](javascript:alert(1))`, `&lt;i&gt;${w}&lt;/i&gt;`, `${w}\u0007\u200b`, `<!-- ${w}`]),
      );
      return { body: concat([p.page.body.subarray(0, s), bytes(wrapped), p.page.body.subarray(e)]), what: `line ${line} markup` };
    },
  },
  {
    name: 'rename-token',
    weight: 5,
    run: (rng, p) => {
      // layout drift: a heading, column or key spelled differently
      const line = rng.int(p.lineStarts.length);
      const [s, e] = lineSpan(p, line, line + 1);
      const words = dec.decode(p.page.body.subarray(s, e)).match(/[A-Za-z_][A-Za-z_]{2,}/g);
      if (!words?.length) return undefined;
      const word = rng.pick(words);
      const to = rng.pick([`${word}_x`, word.toUpperCase(), word.slice(1), '', `${word} ${word}`]);
      const text = replaceText(p.text, word, to, rng);
      return text === undefined ? undefined : { body: bytes(text), what: `"${word}" -> "${to}"` };
    },
  },
  {
    name: 'separators',
    weight: 5,
    run: (rng, p) => {
      // drop or add a cell separator / delimiter on one line
      const line = rng.int(p.lineStarts.length);
      const [s, e] = lineSpan(p, line, line + 1);
      const original = dec.decode(p.page.body.subarray(s, e));
      const sep = rng.pick(['|', '\t', ',', '"', ':']);
      const positions: number[] = [];
      for (let i = 0; i < original.length; i++) if (original[i] === sep) positions.push(i);
      let changed: string;
      if (positions.length && rng.chance(0.6)) {
        const at = rng.pick(positions);
        changed = original.slice(0, at) + original.slice(at + 1);
      } else {
        const at = rng.int(original.length + 1);
        changed = original.slice(0, at) + sep + original.slice(at);
      }
      return { body: concat([p.page.body.subarray(0, s), bytes(changed), p.page.body.subarray(e)]), what: `line ${line}: ${JSON.stringify(sep)} moved` };
    },
  },
  {
    name: 'line-endings',
    weight: 2,
    run: (rng, p) => {
      const to = rng.pick(['\r\n', '\r', '\n\n', '\u2028']);
      const [from, until] = randomLineRange(rng, p);
      const [s, e] = lineSpan(p, from, until);
      const middle = dec.decode(p.page.body.subarray(s, e)).replace(/\r?\n/g, to);
      return { body: concat([p.page.body.subarray(0, s), bytes(middle), p.page.body.subarray(e)]), what: `lines ${from}..${until} end in ${JSON.stringify(to)}` };
    },
  },
  {
    name: 'json-value',
    weight: 8,
    run: (rng, p) => {
      if (!p.json || p.json.slots.length === 0) return undefined;
      const n = rng.range(1, 3);
      const undo: (() => void)[] = [];
      const what: string[] = [];
      try {
        for (let i = 0; i < n; i++) {
          const slot = rng.pick(p.json.slots);
          const c = slot.container as Record<string | number, unknown>;
          const old = c[slot.key];
          const hadKey = Object.prototype.hasOwnProperty.call(c, slot.key);
          const action = rng.int(10);
          if (action === 0 && !Array.isArray(c)) {
            delete c[slot.key];
            what.push(`deleted ${String(slot.key)}`);
          } else {
            const value = rng.pick(JSON_REPLACEMENTS);
            c[slot.key] = value;
            what.push(`${String(slot.key)} = ${JSON.stringify(value)?.slice(0, 40)}`);
          }
          undo.push(() => {
            if (hadKey) c[slot.key] = old;
            else delete c[slot.key];
          });
        }
        return { body: bytes(JSON.stringify(p.json.root)), what: what.join('; ') };
      } finally {
        // restore in reverse so the prepared tree is the capture again
        for (const u of undo.reverse()) u();
      }
    },
  },
  {
    name: 'json-key',
    weight: 4,
    run: (rng, p) => {
      if (!p.json || p.json.keys.length === 0) return undefined;
      const key = rng.pick(p.json.keys);
      const to = rng.pick([`${key}_renamed`, key.toUpperCase(), '__proto__', '', 'constructor']);
      const text = replaceText(p.text, `"${key}":`, `"${to}":`, rng);
      return text === undefined ? undefined : { body: bytes(text), what: `key "${key}" -> "${to}"` };
    },
  },
  {
    name: 'whole-page',
    weight: 2,
    run: (rng, p) => {
      const kind = rng.int(5);
      if (kind === 0) return { body: new Uint8Array(0), what: 'empty body' };
      if (kind === 1) return { body: concat([p.page.body, p.page.body]), what: 'body twice' };
      if (kind === 2) return { body: randomBytes(rng, rng.range(1, 4096)), what: 'random bytes' };
      if (kind === 3) return { body: bytes('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>'), what: 'an error page' };
      return { body: bytes(p.text.split('\n').reverse().join('\n')), what: 'lines reversed' };
    },
  },
];

const TOTAL_WEIGHT = MUTATIONS.reduce((a, m) => a + m.weight, 0);

function pickMutation(rng: Rng): (typeof MUTATIONS)[number] {
  let r = rng.int(TOTAL_WEIGHT);
  for (const m of MUTATIONS) {
    if (r < m.weight) return m;
    r -= m.weight;
  }
  return MUTATIONS[0]!;
}

export interface MutatedCase {
  pages: RawPage[];
  /** Which page was changed and how: printed with any failure. */
  description: string;
}

export interface CaseOptions {
  /**
   * Which pages a case passes: by default all. Sources with hundreds of
   * pages may pass a subset (the mutated page is always included).
   */
  subset?: (rng: Rng, prepared: PreparedPage[], mutated: number) => number[];
  /** Probability of mutating the first page rather than a uniformly chosen one. */
  firstPageBias?: number;
}

/** Build case `index` of the fuzz run for one source: one page mutated, the others unchanged. */
export function mutatedCase(prepared: PreparedPage[], seed: number, sourceId: string, index: number, options: CaseOptions = {}): MutatedCase {
  const rng = new Rng(hash32(`${seed}:${sourceId}:${index}`));
  const target = rng.chance(options.firstPageBias ?? 0) ? 0 : rng.int(prepared.length);
  const p = prepared[target]!;
  let result: { body: Uint8Array; what: string } | undefined;
  let name = '';
  for (let tries = 0; tries < 8 && !result; tries++) {
    const m = pickMutation(rng);
    name = m.name;
    result = m.run(rng, p);
  }
  if (!result) {
    name = 'truncate';
    result = { body: p.page.body.slice(0, p.page.body.length >> 1), what: 'cut in half' };
  }
  const mutated: RawPage = { ...p.page, body: result.body, sha256: sha256Hex(result.body) };
  const chosen = options.subset ? options.subset(rng, prepared, target) : prepared.map((_, i) => i);
  const pages = chosen.map((i) => (i === target ? mutated : prepared[i]!.page));
  if (!chosen.includes(target)) pages.push(mutated);
  return { pages, description: `page ${target} (${p.page.url}): ${name}: ${result.what}` };
}
