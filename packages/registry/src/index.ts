import { join } from 'node:path';
import { loadAwesomeListConfig } from '@imcat/awesome-list';
import { ConfigError, describeError } from '@imcat/errors';
import { validateSource, type Source } from '@imcat/source-kit';
import { SOURCES_DIR } from './discover';
import { codeSources, declarativeSourceDirs } from './sources.generated';

export { discoverSources, renderRegistry, REPO_ROOT, SOURCES_DIR } from './discover';

export interface LoadedSources {
  sources: Source[];
  /** Sources that failed to load: reported by id, never a crash of the whole run. */
  failures: { id: string; error: Error }[];
}

/** Every registered source, each validated as it loads, sorted by id. */
export function loadSources(sourcesDir = SOURCES_DIR): LoadedSources {
  const sources: Source[] = [];
  const failures: LoadedSources['failures'] = [];
  for (const candidate of codeSources) {
    try {
      sources.push(validateSource(candidate));
    } catch (error) {
      failures.push({ id: String((candidate as { id?: unknown }).id ?? 'unknown'), error: error as Error });
    }
  }
  for (const dir of declarativeSourceDirs) {
    try {
      sources.push(loadAwesomeListConfig(join(sourcesDir, dir, 'source.json')));
    } catch (error) {
      failures.push({ id: dir, error: error instanceof Error ? error : new ConfigError(describeError(error)) });
    }
  }
  const seen = new Set<string>();
  for (const s of sources) {
    if (seen.has(s.id)) failures.push({ id: s.id, error: new ConfigError(`two sources share the id ${s.id}`) });
    seen.add(s.id);
  }
  sources.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { sources, failures };
}

/** Pick sources by id, with an error that lists the known ids. */
export function selectSources(all: Source[], ids: string[] | undefined): Source[] {
  if (!ids || ids.length === 0) return all;
  return ids.map((id) => {
    const found = all.find((s) => s.id === id);
    if (!found) throw new ConfigError(`unknown source "${id}"; known sources: ${all.map((s) => s.id).join(', ')}`);
    return found;
  });
}
