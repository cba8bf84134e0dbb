import { sha256Hex, slugify as slugifyText } from '@imcat/source-kit';

export function slugify(text: string): string {
  return slugifyText(text, { unicode: true });
}

export interface KeyInput {
  /** The row's own slug, or the fallback derived from name and year. */
  base: string;
  /** Canonical content of the whole row. */
  content: string;
}

export interface KeyResult {
  key: string;
  /** True for the second and later copies of a fully identical row. */
  duplicate: boolean;
}

/**
 * source_key = the row's slug; rows sharing a slug but differing in content
 * get --<8 hex of sha256 of their content>, so keys never depend on row order.
 * Identical rows share the key and all but the first are marked duplicate.
 */
export function assignKeys(inputs: KeyInput[]): KeyResult[] {
  const distinct = new Map<string, Set<string>>();
  for (const { base, content } of inputs) {
    const set = distinct.get(base);
    if (set) set.add(content);
    else distinct.set(base, new Set([content]));
  }
  const seen = new Set<string>();
  return inputs.map(({ base, content }) => {
    const key = (distinct.get(base)?.size ?? 1) > 1 ? `${base}--${sha256Hex(content).slice(0, 8)}` : base;
    const id = `${key}\u0000${content}`;
    const duplicate = seen.has(id);
    seen.add(id);
    return { key, duplicate };
  });
}
