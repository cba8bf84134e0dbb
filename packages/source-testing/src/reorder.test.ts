import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RawPage } from '@imcat/source-kit';
import { changePages, reverseJsonArray, reverseRecords, reverseRowsAfterHeader, reverseTableRows } from './reorder';

describe('reverseRecords', () => {
  it('reverses each run of entries with the lines under them, and leaves headings and text outside runs in place', () => {
    const text = ['# List', 'intro', '## A', '### a1', 'about a1', '', '### a2', 'about a2', '## B', '### b1', '### b2', ''].join('\n');
    const out = reverseRecords(text, (line) => line.startsWith('### '), (line) => /^#{1,2} /.test(line));
    expect(out.split('\n')).toEqual(['# List', 'intro', '## A', '### a2', 'about a2', '### a1', 'about a1', '', '## B', '### b2', '', '### b1']);
  });

  it('leaves a text without records as it is', () => {
    expect(reverseRecords('a\nb\n', (line) => line.startsWith('-'), () => false)).toBe('a\nb\n');
  });
});

describe('reverseTableRows', () => {
  it("reverses each table's data rows, keeping its header and separator, and the text around it", () => {
    const text = ['Intro', '| Name | N |', '|:---|---:|', '| x | 1 |', '| y | 2 |', '| z | 3 |', '', 'After', '| H |', '|---|', '| p |', '| q |'].join('\n');
    expect(reverseTableRows(text).split('\n')).toEqual(['Intro', '| Name | N |', '|:---|---:|', '| z | 3 |', '| y | 2 |', '| x | 1 |', '', 'After', '| H |', '|---|', '| q |', '| p |']);
  });
});

describe('reverseRowsAfterHeader', () => {
  it('keeps the header first and the final line break', () => {
    expect(reverseRowsAfterHeader('id\tname\n1\ta\n2\tb\n3\tc\n')).toBe('id\tname\n3\tc\n2\tb\n1\ta\n');
    expect(reverseRowsAfterHeader('id\n1\n2')).toBe('id\n2\n1');
  });
});

describe('reverseJsonArray', () => {
  it('reverses the array at a path, or the document itself', () => {
    expect(JSON.parse(reverseJsonArray('{"count":3,"page":{"results":[1,2,3]}}', ['page', 'results']))).toEqual({ count: 3, page: { results: [3, 2, 1] } });
    expect(JSON.parse(reverseJsonArray('[{"a":1},{"a":2}]', []))).toEqual([{ a: 2 }, { a: 1 }]);
  });

  it('says what it found where it expected an array', () => {
    expect(() => reverseJsonArray('{"results":{"a":1}}', ['results'])).toThrow('expected an array at results, found object');
  });
});

describe('changePages', () => {
  it("changes only the pages it is told to, with the body's hash and length following", () => {
    const page = (url: string, text: string): RawPage => {
      const body = new TextEncoder().encode(text);
      return { url, status: 200, headers: { 'content-type': 'text/plain', 'content-length': String(body.byteLength) }, fetched_at: '2026-01-01T00:00:00.000Z', sha256: createHash('sha256').update(body).digest('hex'), body };
    };
    const pages = [page('https://a.example/1', 'one'), page('https://a.example/2', 'two')];
    const out = changePages(pages, (url) => url.endsWith('/2'), (text) => `${text} — changed`);
    expect(out[0]).toBe(pages[0]);
    expect(new TextDecoder().decode(out[1]!.body)).toBe('two — changed');
    expect(out[1]!.sha256).toBe(createHash('sha256').update('two — changed').digest('hex'));
    expect(out[1]!.headers['content-length']).toBe(String(new TextEncoder().encode('two — changed').byteLength));
    expect(pages[1]!.sha256).toBe(createHash('sha256').update('two').digest('hex'));
  });
});
