import { describe, expect, it } from 'vitest';
import { LayoutDriftError, ParseError } from '@imcat/errors';
import type { AwesomeListConfigInput } from './config';
import { defineAwesomeListSource } from './define';
import { pageOf } from './test-page';

const URL_ = 'https://raw.githubusercontent.com/example/list/main/README.md';

const config: AwesomeListConfigInput = {
  id: 'example-heading-list',
  title: 'Example heading list',
  homepage: 'https://github.com/example/list',
  url: URL_,
  capture_file: 'README.md',
  mode: 'heading',
  include_sections: ['Imaging'],
  reject_sections: [{ section: 'Non-imaging', reason: 'non-imaging' }],
  required_sections: ['Other lists'],
  heading: { level: 3, fields: { keywords: ['**Keywords**:', '**Keyworks**:'] } },
  field_map: { modality: ['keywords'], description: ['description'] },
  min_listings: 3,
};

const FIXTURE = [
  '# Example list',
  'Intro text.',
  '',
  '## Imaging',
  '',
  '### [Alpha Set](https://example.org/alpha)  ',
  '100 CT scans  ',
  'See [paper](https://example.org/paper)  ',
  '**Keywords**: large, CT, labels',
  '',
  '### Beta Set',
  'No link in the heading.',
  '**Keyworks**: small, MRI',
  '',
  '### [Gamma](https://example.org/gamma-1)',
  'first gamma',
  '',
  '### [Gamma](https://example.org/gamma-2)',
  'second gamma',
  '',
  '### [Delta]([https://wrong.example.org/](https://example.org/delta))',
  'nested link target',
  '',
  '<!--',
  '### [Hidden](https://example.org/hidden)',
  '-->',
  '',
  '```',
  '### [Quoted](https://example.org/quoted)',
  '```',
  '',
  '## Non-imaging',
  '',
  '### [Sepsis Records](https://example.org/sepsis)',
  'ICU tables',
  '',
  '## Other lists',
  '',
  ' - [another list](https://example.org/other)',
  '',
].join('\r\n');

const source = defineAwesomeListSource(config);
const parse = (text: string) => source.parse([pageOf(text, URL_)]);

describe('heading mode', () => {
  const out = parse(FIXTURE);
  const byName = (name: string) => out.listings.filter((l) => l.name === name);

  it('reads one entry per heading of the level, inside the included sections', () => {
    expect(out.listings.map((l) => l.name)).toEqual(['Alpha Set', 'Beta Set', 'Gamma', 'Gamma', 'Delta']);
  });

  it('splits labelled lines from the description and keeps the section', () => {
    const [alpha] = byName('Alpha Set');
    expect(alpha?.url).toBe('https://example.org/alpha');
    expect(alpha?.source_key).toBe('alpha-set');
    expect(alpha?.raw).toEqual({
      description: '100 CT scans See paper',
      keywords: 'large, CT, labels',
      section: 'Imaging',
      section_path: 'Example list > Imaging',
    });
  });

  it('gives a heading without a link a null URL, and reads every configured label variant', () => {
    const [beta] = byName('Beta Set');
    expect(beta?.url).toBeNull();
    expect(beta?.raw.keywords).toBe('small, MRI');
  });

  it('disambiguates a repeated name by URL when the section is the same', () => {
    expect(byName('Gamma').map((l) => l.source_key)).toEqual([
      'gamma--example-org-gamma-1',
      'gamma--example-org-gamma-2',
    ]);
  });

  it('takes the inner URL of a link whose target is itself a link', () => {
    expect(byName('Delta')[0]?.url).toBe('https://example.org/delta');
  });

  it('ignores entries in HTML comments and code fences', () => {
    expect(out.listings.some((l) => l.name === 'Hidden' || l.name === 'Quoted')).toBe(false);
  });

  it('rejects entries under reject_sections with the configured reason', () => {
    expect(out.rejects).toEqual([
      expect.objectContaining({ record: 'sepsis-records', field: 'section', reason: 'non-imaging' }),
    ]);
  });

  it('rejects the second of two identical entries as an exact duplicate', () => {
    const twice = FIXTURE.replace('## Non-imaging', '### Beta Set\r\nNo link in the heading.\r\n**Keyworks**: small, MRI\r\n\r\n## Non-imaging');
    const again = parse(twice);
    expect(again.listings.filter((l) => l.name === 'Beta Set')).toHaveLength(1);
    expect(again.rejects.map((r) => r.reason)).toContain('exact duplicate of beta-set');
  });

  it('keeps keys when entries are reordered', () => {
    const blocks = FIXTURE.split('\r\n\r\n');
    const swapped = [...blocks];
    [swapped[3], swapped[4]] = [blocks[4]!, blocks[3]!];
    const keys = (o: typeof out) => o.listings.map((l) => `${l.source_key}=${l.url}`).sort();
    expect(keys(parse(swapped.join('\r\n\r\n')))).toEqual(keys(out));
  });

  it('notes entries under headings that are not included', () => {
    const extra = FIXTURE.replace('## Other lists', '## Misc\r\n\r\n### [Odd](https://example.org/odd)\r\n\r\n## Other lists');
    const again = parse(extra);
    expect(again.listings).toHaveLength(5);
    expect(again.notes).toContain('1 entries under "Misc" (not in include_sections) not read');
  });
});

describe('heading mode: drift and truncation', () => {
  it('throws LayoutDriftError when an included heading was renamed', () => {
    const renamed = FIXTURE.replace('## Imaging', '## Imaging datasets');
    expect(() => parse(renamed)).toThrow(LayoutDriftError);
    expect(() => parse(renamed)).toThrow(/expected headings "Imaging", found .*"Imaging datasets"/);
  });

  it('throws when the keywords label was renamed everywhere', () => {
    const relabelled = FIXTURE.replace('**Keywords**:', '**Tags**:').replace('**Keyworks**:', '**Tags**:');
    expect(() => parse(relabelled)).toThrow(LayoutDriftError);
    expect(() => parse(relabelled)).toThrow(/field keywords.*"\*\*Keywords\*\*:"/);
  });

  it('throws a ParseError when the page is cut before its last heading', () => {
    const cut = FIXTURE.slice(0, FIXTURE.indexOf('### [Gamma]'));
    expect(() => parse(cut)).toThrow(ParseError);
  });

  it('throws a ParseError when fewer entries than min_listings remain', () => {
    const thin = FIXTURE.replace(/### \[Gamma\][^#]*### \[Gamma\][^#]*/, '').replace(/### \[Delta\][^\r]*/, '');
    expect(() => parse(thin)).toThrow(/at least 3 entries \(min_listings\), found 2 \(plus 1 rejected/);
  });

  it('refuses pages that are not text', () => {
    const page = pageOf('', URL_);
    expect(() => source.parse([{ ...page, body: new Uint8Array([0xff, 0xfe, 0x00]) }])).toThrow(ParseError);
  });

  it('refuses a page set without the configured URL', () => {
    expect(() => source.parse([pageOf(FIXTURE, 'https://example.org/other.md')])).toThrow(/a page fetched from https:\/\/raw/);
  });
});
