import type { ColumnInfo } from './tables';

/** Frictionless field type for a DuckDB column type. */
export function frictionlessType(duckType: string): string {
  const t = duckType.toUpperCase();
  if (t.endsWith('[]')) return 'array';
  if (t.startsWith('STRUCT') || t.startsWith('MAP')) return 'object';
  if (['INTEGER', 'BIGINT', 'SMALLINT', 'TINYINT', 'HUGEINT'].includes(t)) return 'integer';
  if (['DOUBLE', 'FLOAT', 'REAL'].includes(t) || t.startsWith('DECIMAL')) return 'number';
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'DATE') return 'date';
  if (t.startsWith('TIMESTAMP')) return 'datetime';
  return 'string';
}

/** Croissant (schema.org) data type for a DuckDB column type. */
function croissantType(duckType: string): string {
  const t = frictionlessType(duckType);
  return { integer: 'sc:Integer', number: 'sc:Float', boolean: 'sc:Boolean', date: 'sc:Date', datetime: 'sc:DateTime' }[t] ?? 'sc:Text';
}

export interface FileEntry {
  path: string;
  bytes: number;
  sha256: string;
}

export interface TableMeta {
  name: string;
  description: string;
  key: readonly string[];
  /** Whether the key is a primary key (unique, never empty), or only the sort order. */
  unique: boolean;
  columns: ColumnInfo[];
  rows: number;
  file: FileEntry;
}

const FOREIGN_KEYS: Record<string, { fields: string[]; resource: string; reference: string[] }[]> = {
  listings: [{ fields: ['dataset_id'], resource: 'datasets', reference: ['dataset_id'] }],
  fusion_members: [
    { fields: ['group_id'], resource: 'fusion_groups', reference: ['group_id'] },
    { fields: ['dataset_id'], resource: 'datasets', reference: ['dataset_id'] },
  ],
  conflicts: [{ fields: ['dataset_id'], resource: 'datasets', reference: ['dataset_id'] }],
  provenance: [{ fields: ['dataset_id'], resource: 'datasets', reference: ['dataset_id'] }],
  datasets: [{ fields: ['family_id'], resource: 'families', reference: ['family_id'] }],
};

/** datapackage.json: a Frictionless Data Package with table schemas, primary and foreign keys. */
export function dataPackage(version: string, createdAt: string, tables: TableMeta[]): Record<string, unknown> {
  return {
    profile: 'tabular-data-package',
    name: 'imcat-catalog',
    title: 'imcat: catalog of open medical-imaging datasets',
    version: version.slice(1),
    created: createdAt,
    licenses: [{ name: 'CC0-1.0', path: 'https://creativecommons.org/publicdomain/zero/1.0/', title: 'CC0 1.0 (catalog metadata)' }],
    resources: tables.map((t) => ({
      name: t.name,
      path: t.file.path,
      format: 'parquet',
      mediatype: 'application/vnd.apache.parquet',
      bytes: t.file.bytes,
      hash: `sha256:${t.file.sha256}`,
      description: t.description,
      schema: {
        fields: t.columns.map((c) => ({ name: c.column_name, type: frictionlessType(c.column_type), 'x-duckdb-type': c.column_type })),
        ...(t.unique ? { primaryKey: [...t.key] } : {}),
        ...(FOREIGN_KEYS[t.name] ? { foreignKeys: FOREIGN_KEYS[t.name]!.map((fk) => ({ fields: fk.fields, reference: { resource: fk.resource, fields: fk.reference } })) } : {}),
      },
    })),
  };
}

/** croissant.json: Croissant 1.0 metadata describing the release files (with sha256) and their record sets. */
export function croissant(version: string, createdAt: string, tables: TableMeta[], extraFiles: FileEntry[]): Record<string, unknown> {
  return {
    '@context': {
      '@language': 'en',
      '@vocab': 'https://schema.org/',
      cr: 'http://mlcommons.org/croissant/',
      sc: 'https://schema.org/',
      dct: 'http://purl.org/dc/terms/',
      data: { '@id': 'cr:data', '@type': '@json' },
      dataType: { '@id': 'cr:dataType', '@type': '@vocab' },
      extract: 'cr:extract',
      field: 'cr:field',
      fileObject: 'cr:fileObject',
      recordSet: 'cr:recordSet',
      source: 'cr:source',
      column: 'cr:column',
      conformsTo: 'dct:conformsTo',
      md5: 'cr:md5',
    },
    '@type': 'sc:Dataset',
    conformsTo: 'http://mlcommons.org/croissant/1.0',
    name: 'imcat-catalog',
    description: 'A versioned, deduplicated catalog of open medical-imaging datasets, resolved from public listings.',
    version: version.slice(1),
    datePublished: createdAt.slice(0, 10),
    license: 'https://creativecommons.org/publicdomain/zero/1.0/',
    url: 'https://github.com/imcat-catalog/imcat',
    distribution: [
      ...tables.map((t) => ({
        '@type': 'cr:FileObject',
        '@id': `${t.name}-file`,
        name: t.file.path,
        contentUrl: t.file.path,
        encodingFormat: 'application/vnd.apache.parquet',
        contentSize: `${t.file.bytes} B`,
        sha256: t.file.sha256,
      })),
      ...extraFiles.map((f) => ({
        '@type': 'cr:FileObject',
        '@id': f.path,
        name: f.path,
        contentUrl: f.path,
        encodingFormat: f.path.endsWith('.arrow') ? 'application/vnd.apache.arrow.file' : 'application/json',
        contentSize: `${f.bytes} B`,
        sha256: f.sha256,
      })),
    ],
    recordSet: tables.map((t) => ({
      '@type': 'cr:RecordSet',
      '@id': t.name,
      name: t.name,
      description: t.description,
      ...(t.unique ? { key: t.key.map((k) => ({ '@id': `${t.name}/${k}` })) } : {}),
      field: t.columns.map((c) => ({
        '@type': 'cr:Field',
        '@id': `${t.name}/${c.column_name}`,
        name: c.column_name,
        dataType: croissantType(c.column_type),
        ...(c.column_type.endsWith('[]') ? { repeated: true } : {}),
        source: { fileObject: { '@id': `${t.name}-file` }, extract: { column: c.column_name } },
      })),
    })),
  };
}
