/**
 * The few named error classes imcat throws. Each carries the source id (when
 * there is one), a machine-readable code, and the underlying `cause`, so the
 * orchestrator can report and classify failures without string matching.
 */

export interface ImcatErrorOptions {
  sourceId?: string | undefined;
  cause?: unknown;
}

export class ImcatError extends Error {
  readonly code: string = 'IMCAT';
  readonly sourceId: string | undefined;

  constructor(message: string, options: ImcatErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.sourceId = options.sourceId;
  }
}

/** Show a short, single-line slice of the input around where parsing went wrong. */
export function excerpt(input: string, at = 0, width = 80): string {
  const start = Math.max(0, at - Math.floor(width / 4));
  const slice = input.slice(start, start + width).replace(/\s+/g, ' ').trim();
  return (start > 0 ? '…' : '') + slice + (start + width < input.length ? '…' : '');
}

export interface HttpErrorOptions extends ImcatErrorOptions {
  url: string;
  status?: number | undefined;
  retryable?: boolean;
}

/** A request failed: non-2xx status, timeout, reset, or a body that did not arrive whole. */
export class HttpError extends ImcatError {
  override readonly code = 'HTTP';
  readonly url: string;
  readonly status: number | undefined;
  readonly retryable: boolean;

  constructor(message: string, options: HttpErrorOptions) {
    super(message, options);
    this.url = options.url;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
  }
}

export interface ParseErrorOptions extends ImcatErrorOptions {
  /** The record being parsed (a row key, a line number, a file name). */
  record?: string | undefined;
  /** The field being parsed, when one is to blame. */
  field?: string | undefined;
  expected: string;
  found: string;
}

/** A page or value could not be read as the source's format promises. */
export class ParseError extends ImcatError {
  override readonly code: string = 'PARSE';
  readonly record: string | undefined;
  readonly field: string | undefined;
  readonly expected: string;
  readonly found: string;

  constructor(message: string, options: ParseErrorOptions) {
    const where = [
      options.sourceId && `source ${options.sourceId}`,
      options.record && `record ${options.record}`,
      options.field && `field ${options.field}`,
    ]
      .filter(Boolean)
      .join(', ');
    super(`${where ? `[${where}] ` : ''}${message}: expected ${options.expected}, found ${options.found}`, options);
    this.record = options.record;
    this.field = options.field;
    this.expected = options.expected;
    this.found = options.found;
  }
}

/** The page's layout no longer matches what the parser was written for (renamed column, missing table). */
export class LayoutDriftError extends ParseError {
  override readonly code = 'LAYOUT_DRIFT';
}

/** A value failed validation against the canonical schema. */
export class SchemaError extends ImcatError {
  override readonly code = 'SCHEMA';
  readonly record: string | undefined;
  readonly issues: readonly { path: string; message: string }[];

  constructor(
    message: string,
    options: ImcatErrorOptions & { record?: string; issues: readonly { path: string; message: string }[] },
  ) {
    super(message, options);
    this.record = options.record;
    this.issues = options.issues;
  }
}

/** A source module, config file or CLI argument is not valid. */
export class ConfigError extends ImcatError {
  override readonly code = 'CONFIG';
}

/** A release could not be written, read or verified. */
export class ReleaseError extends ImcatError {
  override readonly code = 'RELEASE';
}

/** A query was refused or failed. */
export class QueryError extends ImcatError {
  override readonly code = 'QUERY';
}

/**
 * Render an error and its cause chain as one readable message. A cause whose first line the message before it
 * already quotes (a wrapper that repeats its cause's text) is not repeated.
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 6; depth++) {
    const message = current instanceof Error ? current.message : String(current);
    const firstLine = message.split('\n')[0]!.trim();
    if (!(parts.length > 0 && firstLine && parts.at(-1)!.includes(firstLine))) parts.push(message);
    if (!(current instanceof Error)) break;
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join(' <- caused by: ');
}
