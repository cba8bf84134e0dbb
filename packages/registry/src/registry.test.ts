import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discoverSources, loadSources, renderRegistry } from './index';

describe('source registry', () => {
  it('matches the sources/ directory (run `npm run -w @imcat/registry generate` after adding a source)', () => {
    const { moduleText, modulePath, packageJson, packagePath } = renderRegistry();
    expect(readFileSync(modulePath, 'utf8')).toBe(moduleText);
    expect(readFileSync(packagePath, 'utf8')).toBe(packageJson);
  });

  it('loads every discovered source without failures', () => {
    const { sources, failures } = loadSources();
    expect(failures.map((f) => `${f.id}: ${f.error.message}`)).toEqual([]);
    expect(sources.map((s) => s.id)).toEqual(discoverSources().map((d) => d.dir));
  });
});
