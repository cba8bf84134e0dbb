import { readFileSync } from 'node:fs';
import type { Source } from '@imcat/source-kit';
import { captureRoutes, type LoopbackRequest } from '@imcat/source-testing';

/**
 * What each source's live fetch requests, served on loopback from real
 * captures (and, where the live endpoint is not what was captured, from the
 * fixtures the source's own tests use for that endpoint).
 */

export interface Resource {
  body: Uint8Array;
  type: string;
}

export interface LiveSite {
  source: Source;
  /** Which resource a request is for, under a stable key; undefined answers 404. */
  resolve(req: LoopbackRequest): { key: string; resource: Resource } | undefined;
  /** Every key the site can serve (a clean fetch may request a subset: openmedlab skips the pages of text-only rows). */
  keys: string[];
  /** Keys whose first request gets the fault (all keys, except openmedlab: see below). */
  faultKeys: Set<string>;
  /** Keys of the pages that hold the list itself: the ones served corrupted. */
  listKeys: string[];
  /** A renamed column, key or heading that the parser must report as layout drift (none for a source added without one). */
  drift: { key: string; from: string; to: string } | undefined;
  /** Notes for the report (what is served from where). */
  note?: string;
}

const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../sources/${path}`, import.meta.url)));

/** Capture files served at the paths the source maps them to: the live path for most sources. */
function captureSite(source: Source, drift: LiveSite['drift'], options: { listKeys?: string[]; faultKeys?: (keys: string[]) => string[]; note?: string } = {}): LiveSite {
  const routes = captureRoutes(source);
  const keys = [...routes.keys()];
  return {
    source,
    resolve: (req) => {
      const hit = req.method === 'GET' ? routes.get(req.path) : undefined;
      return hit ? { key: req.path, resource: { body: hit.body, type: hit.type } } : undefined;
    },
    keys,
    faultKeys: new Set(options.faultKeys ? options.faultKeys(keys) : keys),
    listKeys: options.listKeys ?? keys,
    drift,
    ...(options.note ? { note: options.note } : {}),
  };
}

const RAW = '/raw.githubusercontent.com';

export function liveSite(source: Source): LiveSite {
  switch (source.id) {
    case 'adalca-medical-datasets':
      return captureSite(source, { key: `${RAW}/adalca/medical-datasets/master/README.md`, from: 'Other lists or pooling resources', to: 'Other lists or shared resources' });
    case 'amaljova-medical-imaging-datasets':
      return captureSite(source, { key: `${RAW}/amaljova/Medical-Imaging-Datasets/main/README.md`, from: '**Dataset Name**', to: '**Dataset Title**' });
    case 'm-aryayi-medical-imaging-datasets':
      return captureSite(source, { key: `${RAW}/m-aryayi/Medical-Imaging-Datasets/main/README.md`, from: '## Brain', to: '## Brains' });
    case 'imaging-x':
      // The commits API (version pin) is not captured: it answers 404 and fetch reads main, as it does live when the API is down.
      return captureSite(source, { key: `${RAW}/uni-medical/Project-Imaging-X/main/skills/project-imaging-x-discovery/datasets.json`, from: '"section"', to: '"category"' }, {
        note: 'commits API answers 404 (fallback to main)',
      });
    case 'imaging-x-browser':
      return captureSite(source, { key: `${RAW}/tchenglv520/medical-dataset-browser/main/static/data/cleaned_total.json`, from: '"organ"', to: '"organ_system"' });
    case 'medmnist-site':
      // assets/v2/data.js is optional and not captured: it answers 404, which fetch logs and goes on.
      // The index page holds no listings by design (Vue templates; parse records it as a reject), so only v0.html is served corrupted.
      return captureSite(source, { key: '/medmnist.com/v0.html', from: 'Data Modality', to: 'Imaging Modality' }, {
        listKeys: ['/medmnist.com/v0.html'],
        note: 'data.js answers 404 (optional); corruption on v0.html (the index page holds no listings)',
      });
    case 'openmedlab-awesome-medical-dataset':
      // 381 pages: faults go to the README and every 40th resource page, so a hang or a slow body costs ten pages' time, not 381.
      return captureSite(source, { key: `${RAW}/openmedlab/Awesome-Medical-Dataset/main/README.md`, from: 'Official Website', to: 'Website' }, {
        // a resource page feeds a listing's meta fields: garbage there must fail the parse too
        listKeys: [`${RAW}/openmedlab/Awesome-Medical-Dataset/main/README.md`, `${RAW}/openmedlab/Awesome-Medical-Dataset/main/resources/MyoPS_2020.md`],
        faultKeys: (keys) => keys.filter((k, i) => k.endsWith('/README.md') || i % 40 === 1),
        note: 'faults on README + every 40th of 380 resource pages',
      });
    case 'idc': {
      // The capture holds the release notes; the API answer is the fixture of the source's own live test.
      const notes = captureRoutes(source);
      const api = { body: fixture('idc/src/fixtures/api-v2-collections.json'), type: 'application/json' };
      const apiKey = '/api.imaging.datacommons.cancer.gov/v2/collections';
      const keys = [...notes.keys(), apiKey];
      return {
        source,
        resolve: (req) => {
          if (req.path === apiKey) return { key: apiKey, resource: api };
          const hit = notes.get(req.path);
          return hit ? { key: req.path, resource: hit } : undefined;
        },
        keys,
        faultKeys: new Set(keys),
        listKeys: keys,
        drift: { key: apiKey, from: '"collections"', to: '"items"' },
        note: 'API answer from sources/idc/src/fixtures',
      };
    }
    case 'grand-challenge': {
      // Live fetch starts at offset 0 (the fixture of the source's own live test), whose next link is the captured last page.
      const path = '/grand-challenge.org/api/v1/challenges/';
      const first = { body: fixture('grand-challenge/src/fixtures/challenges-first-page.json'), type: 'application/json' };
      const last = captureRoutes(source).get(path);
      if (!last) throw new Error('grand-challenge capture missing');
      const pages: Record<string, Resource> = { [`${path}?offset=0&limit=100`]: first, [`${path}?offset=230&limit=34`]: last };
      return {
        source,
        resolve: (req) => {
          if (req.path !== path) return undefined;
          const key = `${path}?offset=${req.query.get('offset')}&limit=${req.query.get('limit')}`;
          const resource = pages[key];
          return resource ? { key, resource } : undefined;
        },
        keys: Object.keys(pages),
        faultKeys: new Set(Object.keys(pages)),
        listKeys: Object.keys(pages),
        drift: { key: `${path}?offset=230&limit=34`, from: '"slug"', to: '"id_slug"' },
        note: 'first page from sources/grand-challenge/src/fixtures',
      };
    }
    case 'openneuro': {
      // Live fetch POSTs GraphQL; the capture is a TSV export of it. The GraphQL pages are the fixtures of the source's own live test.
      const path = '/openneuro.org/crn/graphql';
      const pages: Record<string, Resource> = {
        'graphql after=null': { body: fixture('openneuro/src/fixtures/graphql-page-1.json'), type: 'application/json' },
        'graphql after=Y3Vyc29yOjI=': { body: fixture('openneuro/src/fixtures/graphql-page-2.json'), type: 'application/json' },
      };
      return {
        source,
        resolve: (req) => {
          if (req.method !== 'POST' || req.path !== path) return undefined;
          let after: unknown;
          try {
            after = (JSON.parse(req.body) as { variables?: { after?: unknown } }).variables?.after ?? null;
          } catch {
            return undefined;
          }
          const key = `graphql after=${String(after)}`;
          const resource = pages[key];
          return resource ? { key, resource } : undefined;
        },
        keys: Object.keys(pages),
        faultKeys: new Set(Object.keys(pages)),
        listKeys: Object.keys(pages),
        drift: { key: 'graphql after=null', from: '"datasets"', to: '"datasetList"' },
        note: 'GraphQL pages from sources/openneuro/src/fixtures (the TSV capture is not what the live path fetches)',
      };
    }
    default:
      // A source registered after this suite was written: its captures, served at the paths it maps them to.
      return captureSite(source, undefined, { note: 'generic: captures at their mapped paths, no drift case' });
  }
}

