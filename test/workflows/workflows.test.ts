import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '@imcat/registry';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  'working-directory'?: string;
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; 'timeout-minutes'?: number; steps: Step[] }>;
}

const dir = join(REPO_ROOT, '.github', 'workflows');
const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));
const load = (f: string) => parse(readFileSync(join(dir, f), 'utf8')) as Workflow;
const rootScripts = Object.keys((JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

function cronFieldsValid(cron: string): boolean {
  const fields = cron.trim().split(/\s+/);
  const ranges: [number, number][] = [
    [0, 59],
    [0, 23],
    [1, 31],
    [1, 12],
    [0, 6],
  ];
  return fields.length === 5 && fields.every((f, i) => f === '*' || f.split(',').every((n) => /^\d+$/.test(n) && Number(n) >= ranges[i]![0] && Number(n) <= ranges[i]![1]));
}

describe('GitHub workflows', () => {
  it('exist for tests and for the scheduled release', () => {
    expect(files.sort()).toEqual(['ci.yml', 'release.yml']);
  });

  for (const file of files) {
    describe(file, () => {
      const wf = load(file);
      it('has a name, triggers, least-privilege permissions and bounded jobs', () => {
        expect(wf.name).toBeTruthy();
        expect(Object.keys(wf.on).length).toBeGreaterThan(0);
        expect(wf.permissions).toBeDefined();
        for (const job of Object.values(wf.jobs)) {
          expect(job['runs-on']).toMatch(/ubuntu/);
          expect(job['timeout-minutes']).toBeLessThanOrEqual(90);
          expect(job.steps.length).toBeGreaterThan(0);
        }
      });
      it('installs with npm ci on Node 20 and pins actions to a major version', () => {
        const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
        expect(steps.some((s) => s.uses?.startsWith('actions/setup-node@') && String(s.with?.['node-version']) === '20')).toBe(true);
        expect(steps.some((s) => /npm ci\b/.test(s.run ?? ''))).toBe(true);
        for (const s of steps.filter((x) => x.uses)) expect(s.uses).toMatch(/^[\w.-]+\/[\w.-]+@v\d+$/);
      });
      it('runs only npm scripts and imcat commands that exist', () => {
        const runs = Object.values(wf.jobs).flatMap((j) => j.steps).map((s) => s.run ?? '').join('\n');
        for (const m of runs.matchAll(/npm run ([\w:-]+)/g)) expect(rootScripts).toContain(m[1]);
        for (const m of runs.matchAll(/npx imcat (\w+)/g)) expect(['build', 'scrape', 'verify', 'query', 'search']).toContain(m[1]);
      });
    });
  }

  it('tests on push and pull request, with the captures the tests read', () => {
    const ci = load('ci.yml');
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    const runs = ci.jobs.test!.steps.map((s) => s.run ?? '');
    expect(runs).toEqual(expect.arrayContaining(['npm test', 'npm run typecheck']));
    expect(JSON.stringify(ci)).toMatch(/IMCAT_SNAPSHOTS/);
  });

  it('builds weekly and on demand, then opens a pull request with the release and its changeset', () => {
    const rel = load('release.yml');
    const schedule = rel.on.schedule as { cron: string }[];
    expect(schedule).toHaveLength(1);
    expect(cronFieldsValid(schedule[0]!.cron)).toBe(true);
    expect(schedule[0]!.cron.split(/\s+/)[4]).not.toBe('*');
    expect(rel.on).toHaveProperty('workflow_dispatch');
    const steps = rel.jobs.release!.steps;
    expect(steps.some((s) => /npx imcat build --live/.test(s.run ?? ''))).toBe(true);
    expect(steps.some((s) => /npx changeset version/.test(s.run ?? ''))).toBe(true);
    const pr = steps.find((s) => s.uses?.startsWith('peter-evans/create-pull-request@'));
    expect(String(pr?.with?.['add-paths'])).toMatch(/releases\/\*\*[\s\S]*\.changeset\/\*\*/);
    expect(rel.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' });
  });
});
