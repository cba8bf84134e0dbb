import { SchemaError, excerpt } from '@imcat/errors';
import { plainText, stripControl } from '@imcat/markdown';
import { validateListing } from '@imcat/schema';
import type { ParseOutput, RawPage, RejectedRecord, SourceListing } from './types';

export interface ListingDraft {
  /** Stable within the source across runs: an id, a slug, a DOI; never a row number. */
  key: string;
  /** The name as shown; markup is removed here. */
  name: string;
  url?: string | null | undefined;
  /** Every other field, as the source gives it. Values are cleaned of control characters (newlines and tabs stay); null/undefined are dropped. */
  raw: Record<string, string | number | boolean | null | undefined>;
}

const SAFE_SCHEMES = new Set(['http:', 'https:']);

/**
 * Accumulates the listings and rejects of one parse. Every draft is cleaned
 * and validated against SourceListing; anything that fails becomes a reject
 * with its reason, never a silent drop.
 */
export class ListingCollector {
  private readonly listings: SourceListing[] = [];
  private readonly rejects: RejectedRecord[] = [];
  private readonly notes: string[] = [];
  private readonly keys = new Map<string, string>();

  constructor(private readonly sourceId: string) {}

  add(page: RawPage, draft: ListingDraft): SourceListing | undefined {
    const name = plainText(draft.name);
    const key = draft.key.trim();
    const raw: Record<string, string> = {};
    for (const [field, value] of Object.entries(draft.raw)) {
      if (value === null || value === undefined) continue;
      raw[field] = stripControl(String(value), true).trim();
    }
    let url: string | null = null;
    if (draft.url) {
      const checked = this.checkUrl(draft.url);
      if (checked.ok) url = checked.url;
      else {
        this.reject({ record: key || name, field: 'url', reason: checked.reason, raw: draft.url });
        raw.url_rejected = draft.url;
      }
    }
    if (!key) {
      this.reject({ record: name || '(unnamed)', field: 'source_key', reason: 'no stable key could be derived', raw: JSON.stringify(draft.raw) });
      return undefined;
    }
    if (!name) {
      this.reject({ record: key, field: 'name', reason: 'the name is empty once markup is removed', raw: draft.name });
      return undefined;
    }
    const previous = this.keys.get(key);
    if (previous !== undefined) {
      this.reject({
        record: key,
        field: 'source_key',
        reason: `duplicate source_key: already used by "${previous}"`,
        raw: name,
      });
      return undefined;
    }
    try {
      const listing = validateListing({
        source_id: this.sourceId,
        source_key: key,
        name,
        url,
        raw,
        fetched_at: page.fetched_at,
        snapshot_sha256: page.sha256,
      });
      this.keys.set(key, name);
      this.listings.push(listing);
      return listing;
    } catch (error) {
      if (!(error instanceof SchemaError)) throw error;
      for (const issue of error.issues) {
        this.reject({ record: key, field: issue.path, reason: issue.message, raw: name });
      }
      return undefined;
    }
  }

  reject(r: { record: string; field?: string | null; reason: string; raw?: string }): void {
    this.rejects.push({
      source_id: this.sourceId,
      record: r.record,
      field: r.field ?? null,
      reason: r.reason,
      raw: excerpt(r.raw ?? '', 0, 200),
    });
  }

  note(message: string): void {
    this.notes.push(message);
  }

  result(): ParseOutput {
    return { listings: [...this.listings], rejects: [...this.rejects], notes: [...this.notes] };
  }

  private checkUrl(input: string): { ok: true; url: string } | { ok: false; reason: string } {
    const trimmed = input.trim().replace(/\\([#%_()&])/g, '$1');
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      return { ok: false, reason: `expected an absolute http(s) URL, found "${excerpt(trimmed, 0, 80)}"` };
    }
    if (!SAFE_SCHEMES.has(parsed.protocol)) {
      return { ok: false, reason: `expected an http(s) URL, found the scheme ${parsed.protocol}` };
    }
    return { ok: true, url: parsed.href };
  }
}
