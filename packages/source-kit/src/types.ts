import type { RawPage, RejectedRecord, SourceListing } from '@imcat/schema';

export type { RawPage, RejectedRecord, SourceListing };

/** Structured log lines; the CLI decides how to render them (TTY bars or plain lines). */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface RequestOptions {
  /** Extra request headers (Accept, Content-Type …). */
  headers?: Record<string, string>;
  /** Request body for POST (e.g. a GraphQL query). */
  body?: string;
  method?: 'GET' | 'POST';
  /** Skip the robots.txt check (API endpoints that robots.txt does not govern). */
  skipRobots?: boolean;
}

/**
 * What a source's fetch step may use to reach the network. The implementation
 * (packages/http) adds retries, timeouts, conditional requests, per-host
 * limits, politeness delays, the imcat User-Agent and robots.txt checks.
 * Every call resolves to a whole RawPage or throws an HttpError.
 */
export interface HttpClient {
  get(url: string, options?: RequestOptions): Promise<RawPage>;
  post(url: string, body: string, options?: RequestOptions): Promise<RawPage>;
}

export interface FetchContext {
  http: HttpClient;
  log: Logger;
  signal?: AbortSignal;
}

/** The result of a pure parse: listings plus every record that was rejected, with why. */
export interface ParseOutput {
  listings: SourceListing[];
  rejects: RejectedRecord[];
  /** Facts worth reporting that are not rejects (e.g. rows on which two files of one source disagree). */
  notes: string[];
}

/** The roles a FieldMap can assign raw fields to, and those a source-wide default may fill. */
export const FIELD_MAP_ROLES = [
  'modality', 'anatomy', 'task', 'dimensionality', 'samples', 'year', 'license', 'access',
  'has_labels', 'diseases', 'doi', 'paper_url', 'download_url', 'description',
] as const;
export const DEFAULT_ROLES = ['modality', 'anatomy', 'task', 'dimensionality', 'access', 'license'] as const;

/**
 * Which raw fields carry which canonical meaning. The shared normaliser reads
 * these; a source never normalises its own values. Each entry names raw keys,
 * tried in order; the first non-empty one wins.
 */
export interface FieldMap {
  modality?: string[];
  anatomy?: string[];
  task?: string[];
  dimensionality?: string[];
  samples?: string[];
  year?: string[];
  license?: string[];
  access?: string[];
  has_labels?: string[];
  diseases?: string[];
  doi?: string[];
  paper_url?: string[];
  download_url?: string[];
  description?: string[];
  /** Values that hold for every listing of the source (e.g. OpenNeuro is all brain). */
  defaults?: Partial<Record<'modality' | 'anatomy' | 'task' | 'dimensionality' | 'access' | 'license', string>>;
}

/** A file in a capture directory (laid out like ../shared/snapshots/<id>/) and the live URL it stands for. */
export interface CaptureFile {
  /** Path inside the source's capture directory, e.g. "datasets.json" or "resources/ADAM.md". */
  file: string;
  url: string;
}

export interface Source {
  /** Kebab-case id, also the capture directory name. */
  id: string;
  title: string;
  homepage: string;
  /** The live endpoint(s), for docs and the manifest. */
  endpoints: string[];
  fieldMap: FieldMap;
  /**
   * True when the source lists each dataset once, under its own id (OpenNeuro
   * accessions, IDC collections): two of its listings are never the same
   * dataset, however alike their names. Lists that file a dataset under several
   * sections (Imaging-X) leave it unset.
   */
  distinctListings?: boolean;
  /** Fetch raw pages from the live endpoint. */
  fetch(ctx: FetchContext): Promise<RawPage[]>;
  /** Pure and synchronous: same pages in, same output out. Throws only @imcat/errors classes. */
  parse(pages: RawPage[]): ParseOutput;
  /**
   * Map a capture directory's files to the URLs they stand for. Receives the
   * file names present (relative paths), so sources with many pages
   * (openmedlab resources) can list them.
   */
  captureFiles(files: string[]): CaptureFile[];
}
