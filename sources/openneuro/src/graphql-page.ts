import { LayoutDriftError, ParseError, excerpt } from '@imcat/errors';
import { decodeJson, type RawPage } from '@imcat/source-kit';
import { SOURCE_ID } from './config';

/** One dataset as a flat row keyed like the TSV export's columns, so both formats build listings the same way. */
export type DatasetRow = Record<string, string | undefined>;

export interface GraphqlPage {
  rows: DatasetRow[];
  /** Edges without a node object (GraphQL nulls a node whose resolver failed): rejected, not fatal. */
  invalid: { record: string; reason: string; raw: string }[];
  hasNextPage: boolean;
  endCursor: string | null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}

/** A JSON scalar or list as the raw string the TSV export would hold; null and objects give undefined. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map(text).filter((v): v is string => v !== undefined && v !== '');
    return parts.join(', ');
  }
  return undefined;
}

function firstText(...values: unknown[]): string | undefined {
  for (const v of values) {
    const t = text(v);
    if (t !== undefined && t.trim() !== '') return t;
  }
  return undefined;
}

/** Map a GraphQL dataset node to the TSV export's column names (plus a few fields only the API has). */
export function nodeToRow(node: Record<string, unknown>): DatasetRow {
  const meta = objectAt(node.metadata);
  const snapshot = objectAt(node.latestSnapshot);
  const description = objectAt(snapshot.description);
  const summary = objectAt(snapshot.summary);
  const id = text(node.id);
  const tag = text(snapshot.tag);
  return {
    accession_number: id,
    dataset_url: firstText(meta.datasetUrl) ?? (id && tag ? `https://openneuro.org/datasets/${id}/versions/${tag}` : undefined),
    dataset_name: firstText(meta.datasetName, description.Name),
    made_public: firstText(meta.firstSnapshotCreatedAt),
    most_recent_snapshot: firstText(meta.latestSnapshotCreatedAt),
    num_subjects: Array.isArray(summary.subjects) ? String(summary.subjects.length) : undefined,
    modalities: firstText(meta.modalities, summary.modalities),
    dx_status: text(meta.dxStatus),
    ages: text(meta.ages),
    tasks: firstText(meta.tasksCompleted, summary.tasks),
    num_trials: text(meta.trialCount),
    study_design: text(meta.studyDesign),
    domain_studied: text(meta.studyDomain),
    longitudinal: text(meta.studyLongitudinal),
    processed_data: text(meta.dataProcessed),
    species: text(meta.species),
    doi_of_papers_from_source_data_lab: text(meta.associatedPaperDOI),
    doi_of_paper_published_using_openneuro_dataset: text(meta.openneuroPaperDOI),
    senior_author: text(meta.seniorAuthor),
    created: text(node.created),
    snapshot_tag: tag,
    size_bytes: text(summary.size),
    license: text(description.License),
  };
}

/**
 * Read one page of the datasets query: its rows and the cursor to the next
 * page. Fetch uses this to paginate, parse to build listings.
 */
export function readGraphqlPage(page: RawPage): GraphqlPage {
  const json = decodeJson(page, SOURCE_ID);
  const root = objectAt(json);
  const data = objectAt(root.data);
  const datasets = data.datasets;
  if (!isObject(datasets)) {
    const errors = Array.isArray(root.errors) ? root.errors.map((e) => text(objectAt(e).message) ?? JSON.stringify(e)) : [];
    if (errors.length) {
      throw new ParseError('the GraphQL API answered with errors instead of data', {
        sourceId: SOURCE_ID,
        record: page.url,
        expected: 'data.datasets',
        found: excerpt(errors.join('; '), 0, 300),
      });
    }
    throw new LayoutDriftError('the GraphQL response has no data.datasets object', {
      sourceId: SOURCE_ID,
      record: page.url,
      expected: '{"data":{"datasets":{"edges":[…],"pageInfo":{…}}}}',
      found: `top-level keys ${Object.keys(root).join(', ') || '(none)'}; data keys ${Object.keys(data).join(', ') || '(none)'}`,
    });
  }
  const { edges, pageInfo } = datasets;
  if (!Array.isArray(edges) || !isObject(pageInfo) || typeof pageInfo.hasNextPage !== 'boolean') {
    throw new LayoutDriftError('data.datasets lacks edges[] or pageInfo.hasNextPage', {
      sourceId: SOURCE_ID,
      record: page.url,
      expected: 'edges: [...] and pageInfo { hasNextPage: boolean, endCursor }',
      found: excerpt(JSON.stringify({ edges: Array.isArray(edges) ? `${edges.length} edges` : edges, pageInfo }), 0, 200),
    });
  }
  const rows: DatasetRow[] = [];
  const invalid: GraphqlPage['invalid'] = [];
  edges.forEach((edge, i) => {
    const node = objectAt(edge).node;
    if (isObject(node)) rows.push(nodeToRow(node));
    else invalid.push({ record: `${page.url} edge ${i}`, reason: 'GraphQL edge without a dataset node', raw: JSON.stringify(edge) ?? '' });
  });
  const endCursor = typeof pageInfo.endCursor === 'string' && pageInfo.endCursor !== '' ? pageInfo.endCursor : null;
  return { rows, invalid, hasNextPage: pageInfo.hasNextPage, endCursor };
}
