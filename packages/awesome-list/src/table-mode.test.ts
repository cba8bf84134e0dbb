import { describe, expect, it } from 'vitest';
import { LayoutDriftError } from '@imcat/errors';
import type { AwesomeListConfigInput } from './config';
import { defineAwesomeListSource } from './define';
import { pageOf } from './test-page';

const URL_ = 'https://raw.githubusercontent.com/example/tables/main/README.md';

const config: AwesomeListConfigInput = {
  id: 'example-table-list',
  title: 'Example table list',
  homepage: 'https://github.com/example/tables',
  url: URL_,
  capture_file: 'README.md',
  mode: 'table',
  exclude_sections: ['Tools'],
  reject_sections: [{ section: 'Genomics', reason: 'non-imaging' }],
  required_sections: ['License'],
  table: {
    name_column: 'Dataset',
    url_column: 'Link',
    columns: { Modality: 'modality', Year: 'year', Paper: 'paper_url' },
    required_headers: ['Modality'],
  },
  field_map: { modality: ['modality'], year: ['year'], paper_url: ['paper_url'] },
  min_listings: 3,
};

const FIXTURE = `# Tables

## Brain

| Dataset | Modality | Link | Year | Paper |
|---|---|---|---|---|
| **BraTS 2021** | MRI | [site](https://example.org/brats) | 2021 | [pdf](https://arxiv.org/abs/1) |
| IXI | MRI \\| T1 | https://example.org/ixi | | |

## Chest

| Dataset | Link | Modality |
|:--|:--|:--|
| [CheXpert](https://example.org/chexpert-home) | [get](https://example.org/chexpert) | X-ray |
| ![logo](logo.png) | | CT |

## Genomics

| Dataset | Modality | Link |
|---|---|---|
| TCGA-RNA | sequencing | https://example.org/tcga |

## Tools

| Tool | Link |
|---|---|
| ITK-SNAP | https://example.org/itk |

## License
MIT
`;

const source = defineAwesomeListSource(config);
const parse = (text: string) => source.parse([pageOf(text, URL_)]);

describe('table mode', () => {
  const out = parse(FIXTURE);

  it('reads every row of every in-scope table, whatever the column order', () => {
    expect(out.listings.map((l) => [l.source_key, l.name, l.url])).toEqual([
      ['brats-2021', 'BraTS 2021', 'https://example.org/brats'],
      ['ixi', 'IXI', 'https://example.org/ixi'],
      ['chexpert', 'CheXpert', 'https://example.org/chexpert'],
    ]);
  });

  it('maps configured columns to raw fields; *_url fields take the link target', () => {
    expect(out.listings[0]?.raw).toEqual({
      modality: 'MRI',
      year: '2021',
      paper_url: 'https://arxiv.org/abs/1',
      section: 'Brain',
      section_path: 'Tables > Brain',
    });
    expect(out.listings[1]?.raw.modality).toBe('MRI | T1');
  });

  it('rejects rows with no name and rows under reject_sections; notes skipped tables', () => {
    expect(out.rejects.map((r) => [r.record, r.reason])).toEqual([
      ['tcga-rna', 'non-imaging'],
      ['line 15', 'the name is empty once markup is removed'],
    ]);
    expect(out.notes).toEqual(['1 table rows under "Tools" (exclude_sections) not read']);
  });

  it('throws LayoutDriftError naming expected and found headers when a column is renamed', () => {
    const renamed = FIXTURE.replace('| Dataset | Link | Modality |', '| Dataset | URL | Modality |');
    expect(() => parse(renamed)).toThrow(LayoutDriftError);
    expect(() => parse(renamed)).toThrow(/expected headers including "Dataset\|Link\|Modality", found "Dataset\|URL\|Modality"/);
  });

  it('throws when a required header is missing', () => {
    expect(() => parse(FIXTURE.replace('| Dataset | Modality | Link | Year |', '| Dataset | Kind | Link | Year |'))).toThrow(
      /field Modality/,
    );
  });
});
