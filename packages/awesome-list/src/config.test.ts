import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@imcat/errors';
import type { HttpClient, RawPage } from '@imcat/source-kit';
import { parseAwesomeListConfig, type AwesomeListConfigInput } from './config';
import { defineAwesomeListSource } from './define';
import { loadAwesomeListConfig, readAwesomeListConfig } from './load-config';
import { pageOf } from './test-page';

const valid: AwesomeListConfigInput = {
  id: 'example-list',
  title: 'Example list',
  homepage: 'https://github.com/example/list',
  url: 'https://raw.githubusercontent.com/example/list/main/README.md',
  capture_file: 'README.md',
  mode: 'heading',
  heading: { level: 3, fields: { keywords: ['**Keywords**:'] } },
  field_map: { modality: ['keywords'], description: ['description'] },
  min_listings: 1,
};

const dir = mkdtempSync(join(tmpdir(), 'awesome-list-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeConfig(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('config validation', () => {
  it('fills defaults', () => {
    const config = parseAwesomeListConfig(valid);
    expect(config.include_sections).toEqual([]);
    expect(config.heading?.description_field).toBe('description');
  });

  it('accepts field_map defaults for some roles and refuses unknown roles', () => {
    const config = parseAwesomeListConfig({ ...valid, field_map: { ...valid.field_map, defaults: { anatomy: 'brain' } } });
    expect(config.field_map.defaults).toEqual({ anatomy: 'brain' });
    expect(() => parseAwesomeListConfig({ ...valid, field_map: { defaults: { organ: 'brain' } } })).toThrow(/field_map\.defaults: Unrecognized key: "organ"/);
  });

  it('rejects unknown keys, naming them', () => {
    expect(() => parseAwesomeListConfig({ ...valid, min_listing: 3 })).toThrow(/\(root\): Unrecognized key: "min_listing"/);
    expect(() => parseAwesomeListConfig({ ...valid, heading: { level: 3, keyword_prefix: 'x' } })).toThrow(/heading: Unrecognized key/);
  });

  it('requires the settings of the chosen mode and refuses those of other modes', () => {
    const { heading: _h, ...noHeading } = valid;
    expect(() => parseAwesomeListConfig(noHeading)).toThrow(/heading: settings "heading" are required when mode is "heading"/);
    expect(() => parseAwesomeListConfig({ ...valid, bullet: {} })).toThrow(/bullet: settings "bullet" are not allowed/);
  });

  it('checks that field_map names raw fields the config produces', () => {
    expect(() => parseAwesomeListConfig({ ...valid, field_map: { modality: ['kw'] } })).toThrow(
      /field_map\.modality\[0\]: raw field "kw" is never produced by this config \(it produces: description, heading_extra, keywords, section, section_path\)/,
    );
  });

  it('refuses a section listed twice, unsafe capture paths and non-http URLs', () => {
    expect(() => parseAwesomeListConfig({ ...valid, include_sections: ['A'], exclude_sections: ['a'] })).toThrow(/listed in both include_sections and exclude_sections/);
    expect(() => parseAwesomeListConfig({ ...valid, capture_file: '../x/README.md' })).toThrow(/capture_file: a relative path/);
    expect(() => parseAwesomeListConfig({ ...valid, url: 'ftp://example.org/README.md' })).toThrow(/url: an absolute http\(s\) URL/);
  });

  it('refuses table columns mapped onto automatic or repeated raw fields', () => {
    const table = { ...valid, mode: 'table' as const, heading: undefined, table: { name_column: 'Name', columns: { Where: 'section', A: 'x', B: 'x' } } };
    expect(() => parseAwesomeListConfig(table)).toThrow(/"section" is set automatically.*raw field "x" is mapped from two columns/);
  });

  it('throws ConfigError from files, naming the file and the field', () => {
    const bad = writeConfig('bad.json', JSON.stringify({ ...valid, mode: 'list' }));
    expect(() => readAwesomeListConfig(bad)).toThrow(ConfigError);
    expect(() => readAwesomeListConfig(bad)).toThrow(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a valid awesome-list config: mode:`));
    expect(() => readAwesomeListConfig(writeConfig('broken.json', '{"id": '))).toThrow(/broken\.json is not valid JSON/);
    expect(() => readAwesomeListConfig(join(dir, 'absent.json'))).toThrow(/cannot read awesome-list config/);
  });
});

describe('the Source built from a config', () => {
  const path = writeConfig('source.json', JSON.stringify(valid));
  const source = loadAwesomeListConfig(path);

  it('carries id, endpoints and the field map', () => {
    expect(source.id).toBe('example-list');
    expect(source.endpoints).toEqual([valid.url]);
    expect(source.fieldMap).toEqual({ modality: ['keywords'], description: ['description'] });
  });

  it('maps the capture file to the URL it stands for', () => {
    expect(source.captureFiles(['SOURCE.json', 'README.md'])).toEqual([{ file: 'README.md', url: valid.url }]);
    expect(source.captureFiles(['other.md'])).toEqual([]);
  });

  it('fetches the configured URL with one GET', async () => {
    const requested: string[] = [];
    const page = pageOf('### [A](https://example.org/a)\n**Keywords**: CT\n', valid.url);
    const http: HttpClient = {
      get: async (url: string): Promise<RawPage> => {
        requested.push(url);
        return page;
      },
      post: async () => {
        throw new Error('no POST expected');
      },
    };
    const pages = await source.fetch({ http, log: { info() {}, warn() {}, error() {} } });
    expect(requested).toEqual([valid.url]);
    expect(source.parse(pages).listings.map((l) => l.name)).toEqual(['A']);
  });

  it('passes field_map defaults through to the Source', () => {
    const withDefaults = defineAwesomeListSource({ ...valid, field_map: { ...valid.field_map, defaults: { anatomy: 'brain' } } });
    expect(withDefaults.fieldMap.defaults).toEqual({ anatomy: 'brain' });
  });

  it('is also built from an object in code', () => {
    expect(defineAwesomeListSource(valid).id).toBe('example-list');
    expect(() => defineAwesomeListSource({ ...valid, id: 'Bad Id' })).toThrow(/id: a lower-case kebab-case id/);
  });
});
