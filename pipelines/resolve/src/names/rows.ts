import type { Analyser, NameAnalysis } from './analyse';

/**
 * What name analysis hands to DuckDB: CSV rows, read back by 01-er-names.sql, which names the columns
 * in this order (read_csv; every string quoted, "" inside, so a quoted empty string is '' and an empty
 * unquoted field NULL). Lists are their words joined by one space (the words are [a-z0-9]+, so they
 * split back exactly); values SQL can derive from others (base_key, word_set_key, the compact strings,
 * the name's own variant row) are left to it, and what no later step reads (the folded forms) is left out.
 */

/** A CSV field: a string quoted (quotes doubled), null empty, a boolean as true/false. */
function field(v: string | boolean | null): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return v.includes('"') ? `"${v.replaceAll('"', '""')}"` : `"${v}"`;
}

const list = (ws: readonly string[]) => `"${ws.join(' ')}"`;

export function nameRow(a: NameAnalysis): string {
  return [
    field(a.name),
    field(a.edition_kind),
    field(a.edition),
    list(a.tokens),
    list(a.words),
    field(a.core_base_key),
    list(a.numbers),
    field(a.last_word),
    list(a.name_tails),
    field(a.numbers_are_counts),
    list(a.parts),
    list(a.part_names),
    list(a.sorted_words),
    field(a.generic),
    field(a.acronym_kind),
    list(a.acronyms),
    list(a.qualifier_tokens),
    list(a.modality_tokens),
    field(a.accession_like),
    field(a.name_variant),
    field(a.base_generic),
  ].join(',');
}

export function variantRows(a: NameAnalysis): string {
  let out = '';
  for (const v of a.variants) {
    out += `${field(a.name)},"${v.kind}",${field(v.own_edition)},${field(v.stripped_key)},${field(v.stripped_core_key)},${field(v.stripped_generic)}\n`;
  }
  return out;
}

/** A chunk of distinct names, analysed: the CSV text of its name rows and of its variant rows. */
export function analyseChunk(analyser: Analyser, names: readonly string[]): { names: string; variants: string } {
  let nameText = '';
  let variantText = '';
  for (let i = 0; i < names.length; i++) {
    const a = analyser.analyse(names[i]!);
    nameText += `${nameRow(a)}\n`;
    variantText += variantRows(a);
  }
  return { names: nameText, variants: variantText };
}
