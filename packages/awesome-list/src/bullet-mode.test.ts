import { describe, expect, it } from 'vitest';
import { LayoutDriftError, ParseError } from '@imcat/errors';
import type { AwesomeListConfigInput } from './config';
import { defineAwesomeListSource } from './define';
import { pageOf } from './test-page';

const URL_ = 'https://raw.githubusercontent.com/example/bullets/main/README.md';

const config: AwesomeListConfigInput = {
  id: 'example-bullet-list',
  title: 'Example bullet list',
  homepage: 'https://github.com/example/bullets',
  url: URL_,
  capture_file: 'README.md',
  mode: 'bullet',
  include_sections: ['Datasets'],
  required_sections: ['Contributing'],
  bullet: {},
  field_map: { description: ['description'] },
  min_listings: 2,
};

const FIXTURE = `# Awesome bullets

- [Datasets](#datasets)
- [Contributing](#contributing)

## Datasets

### Eyes

- [DRIVE](https://example.org/drive) - 40 retinal images
  with vessel segmentations
  - mirror: [zip](https://example.org/drive.zip)
* **[STARE](https://example.org/stare)**: 400 fundus images
- Ask the maintainers for more
+ [IDRiD](<https://example.org/idrid> "title") — diabetic retinopathy

---

## Contributing

- [open an issue](https://example.org/issues)
`;

const source = defineAwesomeListSource(config);
const parse = (text: string) => source.parse([pageOf(text, URL_)]);

describe('bullet mode', () => {
  const out = parse(FIXTURE);

  it('reads top-level items that start with a link', () => {
    expect(out.listings.map((l) => [l.source_key, l.name, l.url])).toEqual([
      ['drive', 'DRIVE', 'https://example.org/drive'],
      ['stare', 'STARE', 'https://example.org/stare'],
      ['idrid', 'IDRiD', 'https://example.org/idrid'],
    ]);
  });

  it('puts the text after the link, with continuation lines, into the description', () => {
    expect(out.listings[0]?.raw).toEqual({
      description: '40 retinal images with vessel segmentations - mirror: zip',
      section: 'Eyes',
      section_path: 'Awesome bullets > Datasets > Eyes',
    });
    expect(out.listings[1]?.raw.description).toBe('400 fundus images');
    expect(out.listings[2]?.raw.description).toBe('diabetic retinopathy');
  });

  it('counts prose items and out-of-scope items in notes, never as listings', () => {
    expect(out.rejects).toEqual([]);
    expect(out.notes).toEqual([
      '1 list items do not start with a link and were read as prose, not datasets',
      '2 list items under "Awesome bullets" (not in include_sections) not read',
      '1 list items under "Contributing" (not in include_sections) not read',
    ]);
  });

  it('reads unlinked items as "Name - description" when require_link is false', () => {
    const loose = defineAwesomeListSource({ ...config, bullet: { require_link: false } });
    const again = loose.parse([pageOf(FIXTURE.replace('- Ask the maintainers for more', '- LocalSet - kept on a disk'), URL_)]);
    const local = again.listings.find((l) => l.name === 'LocalSet');
    expect(local?.url).toBeNull();
    expect(local?.raw.description).toBe('kept on a disk');
  });

  it('fails on a page cut before its last heading, and on a renamed section', () => {
    expect(() => parse(FIXTURE.slice(0, FIXTURE.indexOf('* **[STARE]')))).toThrow(ParseError);
    expect(() => parse(FIXTURE.replace('## Datasets', '## Data'))).toThrow(LayoutDriftError);
  });
});
