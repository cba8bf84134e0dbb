import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { FieldMap } from '@imcat/source-kit';
import { Rng } from './rng';
import {
  ACCESS,
  ALL_MODALITIES,
  anatomyText,
  COMPOUND_WORDS,
  LEAD_WORDS,
  LICENSES,
  modalityText,
  ORG_WORDS,
  PART_WORDS,
  PORTAL_URLS,
  SYLLABLE_PARTS,
  TAIL_WORDS,
  TASK_WORDS,
  taskText,
  THEMES,
  type Theme,
} from './vocabulary';

/**
 * A deterministic generator of synthetic sources with known truth. Families of
 * datasets get realistic names (acronym cores with their long forms, compound
 * and invented words, editions as years or sequels, subsets with qualifiers,
 * parts of one collection, near-named look-alikes); each source lists a
 * random subset of the datasets in its own style, with case, punctuation,
 * edition-format and typo noise, specific and portal URLs, DOIs and
 * vocabulary-backed modality, anatomy and task fields. The truth file maps
 * each (source_id, source_key) to the dataset it really is.
 */

export type SourceStyle = 'table' | 'browser' | 'awesome' | 'challenge' | 'archive' | 'neuro' | 'catalog' | 'minimal';

export interface SyntheticSource {
  id: string;
  style: SourceStyle;
  fieldMap: FieldMap;
  /** Each listing is a distinct dataset (Source.distinctListings). */
  distinct: boolean;
}

export interface TruthRow {
  source_id: string;
  source_key: string;
  /** The dataset this listing is; for a listing that names a whole family, "family:<id>". */
  entity: string;
  family: string;
  kind: 'dataset' | 'family';
  /** How the name was written and what noise it carries, comma-separated (for error breakdowns). */
  noise: string;
}

export interface GenerateOptions {
  listings: number;
  dir: string;
  sources?: number;
  seed?: string;
}

export interface GenerateResult {
  stagingDir: string;
  truthFile: string;
  sources: SyntheticSource[];
  listingFiles: string[];
  listings: number;
  entities: number;
  families: number;
  bySource: Record<string, number>;
  /** Counts that show the mix: cross-source duplicates, look-alikes, noise. */
  mix: Record<string, number>;
  bytes: number;
}

const FETCHED_AT = '2026-11-22T00:00:00.000Z';

const FIELD_MAPS: Record<SourceStyle, FieldMap> = {
  table: {
    modality: ['modality'],
    anatomy: ['structure'],
    task: ['task'],
    dimensionality: ['dim'],
    samples: ['samples'],
    year: ['year'],
    has_labels: ['label'],
    diseases: ['diseases'],
    access: ['access'],
  },
  browser: {
    modality: ['modality', 'modality_secondary'],
    anatomy: ['organ'],
    task: ['task'],
    dimensionality: ['dimension'],
    samples: ['images_valid'],
    year: ['year'],
    has_labels: ['has_labels'],
    license: ['license'],
  },
  awesome: { modality: ['keywords'], anatomy: ['section'], description: ['description'] },
  challenge: { modality: ['modalities'], anatomy: ['structures'], task: ['task_types'], year: ['year'], description: ['description'] },
  archive: { modality: ['modalities'], anatomy: ['location'], samples: ['subjects'], license: ['license'], doi: ['doi'] },
  neuro: { modality: ['modalities'], samples: ['num_subjects'], license: ['license'], defaults: { anatomy: 'brain', access: 'open' } },
  catalog: { modality: ['modality'], anatomy: ['body_region'], samples: ['scans'], license: ['license'], paper_url: ['paper'] },
  minimal: { anatomy: ['section_path'], description: ['description'], license: ['license'] },
};

const STYLE_ORDER: SourceStyle[] = ['table', 'browser', 'awesome', 'challenge', 'archive', 'neuro', 'catalog', 'minimal', 'awesome', 'table', 'catalog', 'minimal'];

/** K synthetic sources, cycling through the source styles. */
export function syntheticSources(k = 12): SyntheticSource[] {
  return Array.from({ length: k }, (_, i) => {
    const style = STYLE_ORDER[i % STYLE_ORDER.length]!;
    return { id: `syn-${style}-${i + 1}`, style, fieldMap: FIELD_MAPS[style], distinct: style === 'archive' || style === 'neuro' };
  });
}

type Edition = { kind: 'year'; year: number } | { kind: 'sequel'; n: number } | null;
type FamilyKind = 'none' | 'year1' | 'years' | 'sequel' | 'parts';
type NameType = 'acronym' | 'compound' | 'pseudo';

interface Family {
  idx: number;
  id: string;
  kind: FamilyKind;
  nameType: NameType;
  short: string;
  long: string | null;
  tail: string | null;
  theme: Theme;
  challenge: boolean;
  familyUrl: string | null;
  /** The near-named family this one is a look-alike of. */
  twinOf: string | null;
  entities: Entity[];
}

interface Entity {
  idx: number;
  id: string;
  family: Family;
  edition: Edition;
  qualifier: string | null;
  part: string | null;
  modalities: string[];
  anatomy: string[];
  tasks: string[];
  dims: string[];
  urls: string[];
  doi: string | null;
  neuro: string | null;
  samples: number;
  year: number;
  license: string;
  access: string;
}

/** Fold like the resolver does: lower-case words of letters and digits. */
function fold(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
const CORE_STOP = new Set([
  'the', 'a', 'an', 'of', 'and', 'for', 'dataset', 'datasets', 'database', 'data', 'set', 'challenge', 'grand', 'benchmark',
  'collection', 'archive', 'study', 'project', 'nih', 'nihcc', 'nci', 'tcia', 'miccai', 'isbi', 'kaggle', 'open', 'public',
  'cohort', 'images', 'image', 'imaging',
]);
/** What must be unique between families: the compact core of a name. */
function identity(s: string): string {
  return fold(s)
    .split(' ')
    .filter((t) => t && !CORE_STOP.has(t))
    .join('');
}
function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'x'
  );
}
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Buffered NDJSON writer: one file descriptor, flushed in ~1 MB writes. */
class Writer {
  private fd: number;
  private parts: string[] = [];
  private size = 0;
  bytes = 0;
  lines = 0;
  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }
  write(obj: unknown): void {
    const line = JSON.stringify(obj) + '\n';
    this.parts.push(line);
    this.size += line.length;
    this.lines++;
    if (this.size > 1 << 20) this.flush();
  }
  flush(): void {
    if (!this.parts.length) return;
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    writeSync(this.fd, buf);
    this.bytes += buf.length;
    this.parts = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

interface SourceState {
  source: SyntheticSource;
  writer: Writer;
  keys: Map<string, number>;
  sha: string;
}

class Generator {
  private rng: Rng;
  private taken = new Set<string>();
  private familyCount = 0;
  private entityCount = 0;
  readonly mix: Record<string, number> = {};

  constructor(seed: string) {
    this.rng = new Rng(seed);
  }

  count(key: string, n = 1): void {
    this.mix[key] = (this.mix[key] ?? 0) + n;
  }

  private syllable(): string {
    const { ONSETS, VOWELS, CODAS } = SYLLABLE_PARTS;
    return this.rng.pick(ONSETS) + this.rng.pick(VOWELS) + this.rng.pick(CODAS);
  }

  private pseudoWord(syllables: number): string {
    let w = '';
    for (let i = 0; i < syllables; i++) w += this.syllable();
    return capitalise(w);
  }

  private claim(...names: (string | null)[]): boolean {
    const ids = names.filter((n): n is string => n !== null).map(identity);
    if (ids.some((id) => id.length < 3 || this.taken.has(id))) return false;
    for (const id of ids) this.taken.add(id);
    return true;
  }

  /** An acronym core and the long name it abbreviates: "Liver Tumor Segmentation" → "LiTS". */
  private acronymNames(theme: Theme): { short: string; long: string; tail: string | null } | null {
    const r = this.rng;
    for (let attempt = 0; attempt < 16; attempt++) {
      const words = [r.pick(theme.subjects), r.pick(theme.findings), r.pick(TASK_WORDS)];
      if (r.chance(attempt < 4 ? 0.55 : 1)) words.unshift(r.pick(LEAD_WORDS));
      const tail = r.chance(0.4) ? r.pick(TAIL_WORDS) : null;
      let short = '';
      for (const [i, w] of words.entries()) {
        const infill = i === 0 ? r.weighted([[0, 3], [1, 2], [2, 2]] as const) : r.weighted([[0, 6], [1, 1]] as const);
        short += w.charAt(0).toUpperCase() + w.slice(1, 1 + infill).toLowerCase();
      }
      if (short.length < 3) continue;
      const long = words.join(' ');
      if (this.claim(short, long)) return { short, long, tail };
    }
    return null;
  }

  /** A compound ("PadChest") or invented ("Kvasir") name; longer ones once the short ones run out. */
  private otherNames(type: 'compound' | 'pseudo'): string {
    for (let attempt = 0; ; attempt++) {
      const extra = Math.floor(attempt / 8);
      const short =
        type === 'compound'
          ? this.pseudoWord(1 + extra) + this.rng.pick(COMPOUND_WORDS)
          : this.pseudoWord(this.rng.weighted([[2, 3], [3, 1]] as const) + extra);
      if (this.claim(short)) return short;
    }
  }

  /** One letter changed, inside the word: a look-alike name of a different dataset ("Kavix" / "Kavex"). */
  private nearName(short: string): string | null {
    for (let attempt = 0; attempt < 8; attempt++) {
      const i = this.rng.range(1, short.length - 1);
      const ch = short.charAt(i);
      const pool = ch === ch.toUpperCase() ? 'BCDFGKLMNPRSTV' : 'aeioubcdklmnrst';
      const next = short.slice(0, i) + this.rng.pick(pool.split('')) + short.slice(i + 1);
      if (identity(next) !== identity(short) && this.claim(next)) return next;
    }
    return null;
  }

  private entityFields(theme: Theme, edition: Edition): Omit<Entity, 'idx' | 'id' | 'family' | 'edition' | 'qualifier' | 'part' | 'urls' | 'doi' | 'neuro'> {
    const r = this.rng;
    const anatomy = theme.anatomy.length > 1 && r.chance(0.6) ? [r.pick(theme.anatomy)] : theme.anatomy.slice(0, r.range(1, theme.anatomy.length));
    const tasks = r.chance(0.7) ? [theme.tasks[0]!] : [...theme.tasks];
    const year = edition?.kind === 'year' ? edition.year : r.range(2008, 2025);
    return {
      modalities: [...theme.modalities],
      anatomy,
      tasks,
      dims: theme.dims.length > 1 && r.chance(0.5) ? [theme.dims[1]!] : [theme.dims[0]!],
      samples: Math.round(Math.exp(r.next() * 9 + 3)),
      year,
      license: r.weighted(LICENSES),
      access: r.weighted(ACCESS),
    };
  }

  private entityUrls(e: Entity, r: Rng): void {
    const f = e.family;
    const ed = e.edition?.kind === 'year' ? String(e.edition.year) : e.edition?.kind === 'sequel' ? `v${e.edition.n}` : '';
    const name = slug([f.short, e.qualifier ?? '', e.part ?? '', ed].filter(Boolean).join('-'));
    const compact = name.replace(/-/g, '');
    const n = e.idx;
    const primary =
      f.theme.key === 'mr-brain' && r.chance(0.35)
        ? `https://openneuro.org/datasets/ds${String(n % 1000000).padStart(6, '0')}`
        : f.challenge
          ? `https://${compact}.grand-challenge.org/`
          : r.weighted([
              [`https://github.com/${slug(r.pick(LEAD_WORDS))}-lab/${f.short}${ed ? `-${ed}` : ''}${e.qualifier ? `-${e.qualifier}` : ''}${e.part ? `-${e.part}` : ''}`, 3],
              [`https://zenodo.org/records/${1000000 + n}`, 3],
              [`https://www.kaggle.com/datasets/${slug(r.pick(PART_WORDS))}/${name}`, 3],
              [`https://www.cancerimagingarchive.net/collection/${name}/`, 2],
              [`https://physionet.org/content/${name}/1.0.0/`, 1],
              [`https://figshare.com/articles/dataset/${name}/${20000000 + n}`, 1],
              [`https://data.mendeley.com/datasets/${(n * 7919).toString(36).padStart(8, 'x')}/1`, 1],
              [`https://${compact}.${r.pick(['org', 'com', 'net', 'io'])}/`, 3],
            ] as const);
    e.urls = [primary];
    if (primary.includes('openneuro.org')) e.neuro = primary.slice(primary.lastIndexOf('/') + 1);
    if (r.chance(0.4)) e.urls.push(r.chance(0.5) ? `https://github.com/${slug(f.short)}-team/${name}` : `https://zenodo.org/records/${5000000 + n}`);
    if (r.chance(0.35) || f.theme.key === 'histo') e.doi = `10.${r.range(5000, 9999)}/${r.pick(['tcia', 'zenodo', 'd', 'm9'])}.${e.year}.${(n * 2654435761 % 2 ** 32).toString(36)}`;
  }

  /** A family of datasets: one, or several editions, sequels or parts, sometimes with a subset and a look-alike. */
  makeFamily(twinOf: Family | null): Family {
    const r = this.rng;
    const theme = twinOf && r.chance(0.4) ? twinOf.theme : r.weighted(THEMES.map((t) => [t, t.weight] as const));
    let nameType: NameType = r.weighted([['acronym', 45], ['compound', 30], ['pseudo', 25]] as const);
    let short: string | null = null;
    let long: string | null = null;
    let tail: string | null = null;
    if (twinOf) {
      short = this.nearName(twinOf.short);
      if (short) nameType = twinOf.nameType === 'acronym' ? 'pseudo' : twinOf.nameType;
    }
    if (!short && nameType === 'acronym') {
      const a = this.acronymNames(theme);
      if (a) ({ short, long, tail } = a);
      else nameType = 'pseudo';
    }
    if (!short) short = this.otherNames(nameType === 'compound' ? 'compound' : 'pseudo');
    const kind: FamilyKind = r.weighted([['none', 55], ['year1', 18], ['years', 14], ['sequel', 7], ['parts', 6]] as const);
    const idx = this.familyCount++;
    const family: Family = {
      idx,
      id: `f${idx}`,
      kind,
      nameType,
      short,
      long,
      tail,
      theme,
      challenge: kind === 'year1' || kind === 'years' ? r.chance(0.6) : r.chance(0.1),
      familyUrl: null,
      twinOf: twinOf?.id ?? null,
      entities: [],
    };
    if ((kind === 'years' || kind === 'sequel' || kind === 'parts') && r.chance(0.5)) family.familyUrl = `https://www.${slug(short)}-${r.pick(['challenge', 'project', 'data'])}.org/`;
    const editions: Edition[] = [];
    const parts: (string | null)[] = [];
    if (kind === 'none') editions.push(null);
    else if (kind === 'year1') editions.push({ kind: 'year', year: r.range(2010, 2024) });
    else if (kind === 'years') {
      let y = r.range(2010, 2021);
      const count = r.weighted([[2, 4], [3, 3], [4, 2], [5, 1]] as const);
      for (let i = 0; i < count; i++) {
        editions.push({ kind: 'year', year: y });
        y += r.chance(0.8) ? 1 : 2;
      }
    } else if (kind === 'sequel') {
      editions.push(null, { kind: 'sequel', n: 2 });
      if (r.chance(0.3)) editions.push({ kind: 'sequel', n: 3 });
    } else {
      const count = r.range(2, 3);
      const start = r.int(PART_WORDS.length);
      for (let i = 0; i < count; i++) parts.push(PART_WORDS[(start + i * 7) % PART_WORDS.length]!);
    }
    const add = (edition: Edition, qualifier: string | null, part: string | null, modality: string | null): Entity => {
      const fields = this.entityFields(theme, edition);
      const idx = this.entityCount++;
      const e: Entity = { idx, id: `e${idx}`, family, edition, qualifier, part, ...fields, urls: [], doi: null, neuro: null };
      if (modality) e.modalities = [modality];
      this.entityUrls(e, r);
      family.entities.push(e);
      return e;
    };
    if (parts.length) for (const p of parts) add(null, null, p, null);
    else for (const ed of editions) add(ed, null, null, null);
    // A subset or a sibling in another modality: "CHAOS" and "CHAOS-MRI", "Kvasir" and "Kvasir-SEG".
    if ((kind === 'none' || kind === 'year1') && r.chance(0.1)) {
      const q = r.pick(theme.qualifiers);
      add(family.entities[0]!.edition, q.word, null, q.modality);
      this.count('truth: subset or sibling-modality datasets');
    }
    if (kind === 'years') this.count('truth: families with several year editions');
    if (kind === 'sequel') this.count('truth: families with sequels (v2, II)');
    if (kind === 'parts') this.count('truth: collections in several parts');
    if (twinOf) this.count('truth: near-named look-alike families');
    this.count(`names: ${nameType === 'acronym' ? 'acronym with a long form' : nameType === 'compound' ? 'compound word' : 'invented word'}`);
    return family;
  }

  /** How one source writes this dataset's name. */
  renderName(e: Entity, style: SourceStyle, familyLevel: false | 'undated' | 'range'): { name: string; noise: string[] } {
    const r = this.rng;
    const f = e.family;
    const noise: string[] = [];
    const sep = (options: readonly (readonly [string, number])[]) => r.weighted(options);
    let core = f.short;
    if (e.qualifier) core += sep([['-', 5], [' ', 3], ['_', 2]]) + e.qualifier;
    if (e.part) core += sep([[' ', 4], ['_', 3], ['-', 3]]) + (r.chance(0.3) ? e.part.toLowerCase() : e.part);
    let edition = '';
    let longEdition = '';
    if (familyLevel === 'range') {
      const years = f.entities.map((x) => (x.edition?.kind === 'year' ? x.edition.year : 0)).filter(Boolean);
      const a = years[0]!;
      const b = years[years.length - 1]!;
      edition = r.chance(0.5) ? ` ${a}-${b}` : ` ${a}/${String(b).slice(2)}`;
      longEdition = ` ${a}-${b}`;
      noise.push('family:range');
    } else if (familyLevel === 'undated') {
      noise.push('family:undated');
    } else if (e.edition?.kind === 'year') {
      if (f.kind === 'year1' && r.chance(0.2)) {
        // The family's only edition, written without its year ("LUNA" for "LUNA16").
        noise.push('edition:omitted');
      } else {
        const two = r.chance(0.3);
        const y = two ? String(e.edition.year).slice(2) : String(e.edition.year);
        edition = (two ? sep([['', 5], [' ', 2], ['-', 2], ['_', 1]]) : sep([[' ', 6], ['', 2], ['-', 2], ['_', 1]])) + y;
        longEdition = ` ${e.edition.year}`;
        if (two) noise.push('edition:2-digit');
      }
    } else if (e.edition?.kind === 'sequel') {
      const n = e.edition.n;
      const roman = ['', 'I', 'II', 'III', 'IV'][n]!;
      edition = sep([[` v${n}`, 4], [` V${n}`, 2], [`-v${n}`, 2], [` ${roman}`, 2], [`-${roman}`, 1], [` ${n}`, 2], [` version ${n}`, 1]]);
      longEdition = edition;
    }
    const hasLong = f.long !== null && !e.part;
    const longText = hasLong ? f.long! + (e.qualifier ? ` ${e.qualifier}` : '') : null;
    const preferLong = style === 'awesome' || style === 'minimal' || style === 'challenge' ? 2 : 1;
    const form = r.weighted([
      ['short', 10],
      ['long', hasLong ? 3 * preferLong : 0],
      ['long (short)', hasLong ? 2 * preferLong : 0],
      ['short: long', hasLong ? 1 * preferLong : 0],
      ['short tail', style === 'challenge' ? 4 : 1],
      ['org short', 0.6],
      ['the short dataset', 0.4],
    ] as const);
    noise.push(`form:${form}`);
    const tail = f.tail ?? (style === 'challenge' || f.challenge ? 'Challenge' : r.pick(['Dataset', 'Database', 'Challenge']));
    let name: string;
    switch (form) {
      case 'short':
        name = core + edition;
        break;
      case 'long':
        name = longText! + (f.tail && r.chance(0.5) ? ` ${f.tail}` : '') + longEdition;
        break;
      case 'long (short)':
        name = r.chance(0.5) ? `${longText}${longEdition} (${core})` : `${longText} (${core}${edition.replace(/^[ _-]/, '')})`;
        break;
      case 'short: long':
        name = `${core}${edition}: ${longText}${f.tail ? ` ${f.tail}` : ''}`;
        break;
      case 'short tail':
        name = r.chance(0.6) ? `${core}${edition} ${tail}` : `${core} ${tail}${longEdition || edition}`;
        break;
      case 'org short':
        name = `${r.pick(ORG_WORDS)} ${core}${edition}`;
        break;
      case 'the short dataset':
        name = `The ${core}${edition} Dataset`;
        break;
    }
    // Noise: case, punctuation and spacing, typos.
    if (r.chance(0.08)) {
      name = name.toUpperCase();
      noise.push('case:upper');
    } else if (r.chance(0.04)) {
      name = name.toLowerCase();
      noise.push('case:lower');
    }
    if (!name.includes('(') && !name.includes(':') && r.chance(0.06)) {
      name = name.replace(/ /g, r.pick(['-', '_']));
      noise.push('punct:joined');
    } else if (r.chance(0.03)) {
      name = name.replace(/ /, '  ') + (r.chance(0.5) ? '.' : ' ');
      noise.push('punct:spacing');
    }
    if (r.chance(0.025)) {
      const t = this.typo(name);
      if (t !== name) {
        name = t;
        noise.push('typo');
      }
    }
    return { name: name.trim() || f.short, noise };
  }

  /** One keyboard slip inside a word of five letters or more: swap, drop, double or replace a letter. */
  private typo(name: string): string {
    const words = [...name.matchAll(/[A-Za-z]{5,}/g)];
    if (!words.length) return name;
    const w = this.rng.pick(words);
    const start = w.index ?? 0;
    const i = start + this.rng.range(1, w[0].length - 2);
    const op = this.rng.int(4);
    const c = name.charAt(i);
    if (op === 0) return name.slice(0, i) + name.charAt(i + 1) + c + name.slice(i + 2);
    if (op === 1) return name.slice(0, i) + name.slice(i + 1);
    if (op === 2) return name.slice(0, i) + c + name.slice(i);
    const near = 'qwertyuiopasdfghjklzxcvbnm';
    const k = near.indexOf(c.toLowerCase());
    const sub = k < 0 ? 'e' : near.charAt((k + 1) % near.length);
    return name.slice(0, i) + (c === c.toUpperCase() ? sub.toUpperCase() : sub) + name.slice(i + 1);
  }

  /** How one source writes this dataset's URL: a specific link (in one of its spellings), a portal, or none. */
  renderUrl(e: Entity, style: SourceStyle, noise: string[]): string | null {
    const r = this.rng;
    if (style === 'neuro' && e.neuro) return `https://openneuro.org/datasets/${e.neuro}/versions/1.0.${r.int(3)}`;
    if (style === 'archive') {
      if (e.doi) return `https://doi.org/${r.chance(0.5) ? e.doi.toUpperCase() : e.doi}`;
    }
    const choice = r.weighted([
      ['primary', style === 'challenge' ? 8 : 6],
      ['secondary', e.urls.length > 1 ? 1.5 : 0],
      ['family', e.family.familyUrl ? 1.5 : 0],
      ['portal', style === 'catalog' || style === 'minimal' ? 2 : 1],
      ['none', style === 'table' || style === 'browser' ? 1 : 0.5],
    ] as const);
    if (choice !== 'primary') noise.push(`url:${choice}`);
    if (choice === 'none') return null;
    if (choice === 'portal') return r.pick(PORTAL_URLS);
    if (choice === 'family') return e.family.familyUrl;
    let u = choice === 'secondary' ? e.urls[1]! : e.urls[0]!;
    // Spellings of one link that the resolver's resource keys see through.
    if (r.chance(0.15)) u = u.replace('https://', 'http://');
    if (u.includes('zenodo.org/records/') && r.chance(0.4)) u = u.replace('/records/', '/record/');
    if (u.includes('kaggle.com/datasets/') && r.chance(0.3)) u = u.replace('kaggle.com/datasets/', 'kaggle.com/');
    if (u.includes('github.com/') && r.chance(0.2)) u += r.pick(['.git', '/tree/main', '/blob/main/README.md']);
    if (u.includes('grand-challenge.org') && r.chance(0.3)) u += r.pick(['evaluation/', 'data/', 'participate/']);
    if (u.endsWith('/') && r.chance(0.3)) u = u.slice(0, -1);
    return u;
  }

  /** The raw fields of a listing, in the source's own field names and spellings. */
  renderRaw(e: Entity, style: SourceStyle, section: string | null): Record<string, string> {
    const r = this.rng;
    let mods = e.modalities;
    if (r.chance(0.005)) mods = [r.pick(ALL_MODALITIES)];
    const anatomyLevel = r.chance(0.3) ? 'region' : 'term';
    const anatomy = [...new Set(e.anatomy.map((a) => anatomyText(a, anatomyLevel)))].join(', ');
    const samples = () =>
      r.weighted([
        [String(e.samples), 5],
        [e.samples.toLocaleString('en-US'), 3],
        [e.samples >= 1000 ? `${(e.samples / 1000).toFixed(1)}k` : String(e.samples), 1],
        [`~${Math.round(e.samples * (0.95 + r.next() * 0.1))}`, 1],
      ] as const);
    const license = r.chance(0.2) ? e.license.replace(/ /g, '-') : e.license;
    const year = String(r.chance(0.03) ? e.year + 1 : e.year);
    const raw: Record<string, string> = {};
    switch (style) {
      case 'table':
        raw.section = section ?? `${e.dims[0]!.toUpperCase()} ${modalityText(mods[0]!, 'code')} Datasets`;
        raw.year = year;
        raw.dim = e.dims.map((d) => d.toUpperCase()).join(', ');
        if (r.chance(0.95)) raw.modality = mods.map((m) => modalityText(m, 'code')).join(', ');
        raw.structure = anatomy;
        raw.samples = samples();
        raw.label = String(r.chance(0.8));
        raw.task = e.tasks.map((t) => taskText(t, true)).join(', ');
        raw.access = e.access;
        break;
      case 'browser':
        raw.slug = slug(`${e.family.short}-${e.year}`);
        raw.modality = modalityText(mods[0]!, 'dicom');
        if (mods[1]) raw.modality_secondary = modalityText(mods[1], 'code');
        raw.organ = anatomy;
        raw.task = e.tasks.map((t) => taskText(t, false)).join(', ');
        raw.dimension = e.dims[0]!.toUpperCase();
        raw.year = year;
        raw.images_valid = String(e.samples);
        raw.has_labels = String(r.chance(0.8));
        if (r.chance(0.7)) raw.license = license;
        break;
      case 'awesome':
        raw.section = anatomyText(e.anatomy[0]!, 'region');
        raw.keywords = [...mods.map((m) => modalityText(m, 'word')), anatomyText(e.anatomy[0]!, 'term').toLowerCase()].join(', ');
        raw.description = `${e.dims[0]!.toUpperCase()} ${mods.map((m) => modalityText(m, 'code')).join('/')}, ${e.samples} cases, ${e.anatomy.join(' and ')} ${e.tasks.join(' and ')}.`;
        break;
      case 'challenge':
        raw.slug = slug(e.family.short);
        raw.year = year;
        if (r.chance(0.8)) raw.modalities = mods.map((m) => modalityText(m, 'label')).join(', ');
        if (r.chance(0.8)) raw.structures = anatomy;
        raw.task_types = e.tasks.map((t) => taskText(t, false)).join(', ');
        raw.description = `Welcome to the ${e.family.short} challenge on ${e.anatomy.join(', ')} ${e.tasks.join(' and ')}.`;
        break;
      case 'archive':
        raw.modalities = [...mods.map((m) => modalityText(m, 'dicom')), ...(r.chance(0.3) ? ['SEG'] : [])].join(', ');
        raw.location = anatomy;
        raw.subjects = String(Math.max(1, Math.round(e.samples / 3)));
        raw.license = license;
        if (e.doi) raw.doi = e.doi;
        break;
      case 'neuro':
        raw.modalities = r.pick(['mri_structural, mri', 'MRI', 'mri_functional, mri_structural, mri']);
        raw.num_subjects = String(Math.max(1, Math.round(e.samples / 10)));
        raw.license = 'CC0';
        break;
      case 'catalog':
        raw.modality = modalityText(mods[0]!, r.chance(0.5) ? 'label' : 'code');
        raw.body_region = anatomy;
        raw.scans = samples();
        if (r.chance(0.8)) raw.license = license;
        if (e.doi && r.chance(0.5)) raw.paper = `https://doi.org/${e.doi}`;
        break;
      case 'minimal':
        raw.section_path = `${anatomyText(e.anatomy[0]!, 'region')} > ${anatomyText(e.anatomy[0]!, 'term')}`;
        raw.description = `A ${mods.map((m) => modalityText(m, 'word')).join(' and ')} dataset of the ${e.anatomy.join(' and ')} for ${e.tasks.join(' and ')}.`;
        if (r.chance(0.5)) raw.license = license;
        break;
    }
    return raw;
  }

  /** How likely this source lists this dataset. */
  coverage(e: Entity, style: SourceStyle): number {
    const f = e.family;
    switch (style) {
      case 'table':
        return 0.32;
      case 'browser':
        return 0.28;
      case 'awesome':
        return 0.22;
      case 'challenge':
        return f.challenge ? 0.65 : 0.02;
      case 'archive':
        return e.doi && ['ct', 'mr', 'pet', 'histopathology'].includes(e.modalities[0]!) ? 0.45 : 0;
      case 'neuro':
        return e.neuro ? 0.9 : 0;
      case 'catalog':
        return 0.22;
      case 'minimal':
        return 0.2;
    }
  }
}

/**
 * Write `listings` synthetic listings across the synthetic sources into
 * <dir>/staging/<source>/listings.ndjson, and the truth into <dir>/truth.ndjson.
 * Same options, same bytes.
 */
export function generate(options: GenerateOptions): GenerateResult {
  const target = options.listings;
  const sources = syntheticSources(options.sources ?? 12);
  const stagingDir = join(options.dir, 'staging');
  const truthFile = join(options.dir, 'truth.ndjson');
  mkdirSync(stagingDir, { recursive: true });
  const g = new Generator(options.seed ?? 'imcat-bench');
  const rng = new Rng(`${options.seed ?? 'imcat-bench'}/listings`);
  const states: SourceState[] = sources.map((source) => {
    mkdirSync(join(stagingDir, source.id), { recursive: true });
    return {
      source,
      writer: new Writer(join(stagingDir, source.id, 'listings.ndjson')),
      keys: new Map(),
      sha: createHash('sha256').update(`synthetic ${source.id}`).digest('hex'),
    };
  });
  const general = states.filter((s) => !s.source.distinct && s.source.style !== 'challenge');
  const truth = new Writer(truthFile);
  let written = 0;
  let entities = 0;
  let families = 0;
  let lastFamily: Family | null = null;

  const key = (state: SourceState, base: string): string => {
    const seen = state.keys.get(base);
    state.keys.set(base, (seen ?? 0) + 1);
    return seen === undefined ? base : `${base}-${seen + 1}`;
  };
  const emit = (state: SourceState, e: Entity, familyLevel: false | 'undated' | 'range', dupOf?: { name: string; noise: string[] }): { name: string; noise: string[] } => {
    const style = state.source.style;
    const rendered = dupOf ?? g.renderName(e, style, familyLevel);
    const noise = [...rendered.noise];
    if (dupOf) noise.push('dup:same-source');
    // A family-level listing links the family's site, a portal, or nothing; never one edition's own page.
    const url = familyLevel ? (e.family.familyUrl ?? (rng.chance(0.5) ? rng.pick(PORTAL_URLS) : null)) : g.renderUrl(e, style, noise);
    const section = dupOf ? `${capitalise(e.anatomy[0]!)} Datasets` : null;
    const raw = g.renderRaw(e, style, section);
    let sourceKey: string;
    if (style === 'neuro' && e.neuro) sourceKey = e.neuro;
    else if (style === 'table') sourceKey = key(state, `${slug(rendered.name)}--${slug(raw.section ?? 'x')}`);
    else sourceKey = key(state, slug(rendered.name));
    state.writer.write({ source_id: state.source.id, source_key: sourceKey, name: rendered.name, url, raw, fetched_at: FETCHED_AT, snapshot_sha256: state.sha });
    const row: TruthRow = {
      source_id: state.source.id,
      source_key: sourceKey,
      entity: familyLevel ? `family:${e.family.id}` : e.id,
      family: e.family.id,
      kind: familyLevel ? 'family' : 'dataset',
      noise: noise.join(','),
    };
    truth.write(row);
    written++;
    return rendered;
  };

  outer: while (written < target) {
    const twin = lastFamily && rng.chance(0.04) ? lastFamily : null;
    const family = g.makeFamily(twin);
    families++;
    lastFamily = family;
    for (const e of family.entities) {
      entities++;
      const chosen = states.filter((s) => rng.chance(g.coverage(e, s.source.style)));
      if (chosen.length === 0) chosen.push(rng.pick(general));
      if (chosen.length > 1) g.count('truth: datasets listed by two or more sources');
      for (const s of chosen) {
        if (written >= target) break outer;
        const rendered = emit(s, e, false);
        // Lists that file a dataset under several sections list it twice.
        if (s.source.style === 'table' && rng.chance(0.12) && written < target) {
          emit(s, e, false, rendered);
          g.count('truth: same-source duplicates');
        }
      }
    }
    // Listings that name the whole family ("BraTS", "BraTS 2018-2021"), not one edition.
    if (family.kind === 'years') {
      for (const s of general) {
        if (written >= target) break outer;
        if (rng.chance(0.06)) {
          emit(s, family.entities[0]!, rng.chance(0.8) ? 'undated' : 'range');
          g.count('truth: family-level listings');
        }
      }
    }
  }
  for (const s of states) s.writer.close();
  truth.close();
  const bySource = Object.fromEntries(states.map((s) => [s.source.id, s.writer.lines]));
  return {
    stagingDir,
    truthFile,
    sources,
    listingFiles: states.map((s) => join(stagingDir, s.source.id, 'listings.ndjson')),
    listings: written,
    entities,
    families,
    bySource,
    mix: Object.fromEntries(Object.entries(g.mix).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    bytes: states.reduce((sum, s) => sum + s.writer.bytes, 0),
  };
}
