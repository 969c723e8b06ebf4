/**
 * Scorecards over an org of real git repos with known files and histories, built twice: every
 * entity's level and rule results, then one commit adding a CODEOWNERS file raises exactly that
 * entity's level, and the next build's report says so.
 */
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/pipeline/build.js';
import { loadConfig } from '../../../src/pipeline/config/load.js';
import { applyFlags } from '../../../src/pipeline/settings.js';
import { commit, git, tmpDir, cleanupTmp } from '../sources/helpers.js';

afterAll(cleanupTmp);

const DAY = 86_400_000;
/** Commit dates far from every threshold below, so results hold whatever day the test runs. */
const daysAgo = (n: number) => new Date(Math.floor(Date.now() / DAY) * DAY - n * DAY + 10 * 3_600_000).toISOString();

const work = tmpDir('playbill-scorecards-');

function repo(name: string, files: Record<string, string>, age: number): string {
  const dir = path.join(work, 'repos', name);
  git(work, ['init', '-q', '-b', 'main', dir]);
  commit(dir, files, daysAgo(age), 'Ada');
  return dir;
}

const component = (name: string, extra = '') => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  description: The ${name} service.
${extra}spec:
  type: service
  lifecycle: production
  owner: team-a
`;
const docs = { 'mkdocs.yml': 'site_name: Docs\n', 'docs/index.md': '# Docs\n\nHow it works.\n' };

repo('org', {
  'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: dept }
spec: { type: department, children: [team-a] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-a }
spec: { type: team, parent: dept, children: [] }
`,
}, 3);
// gold: owner, description, docs (fresh), CODEOWNERS, on-call
repo('alpha', {
  'catalog-info.yaml': component('alpha', '  annotations:\n    backstage.io/techdocs-ref: dir:.\n    pagerduty.com/service-id: PALPHA\n'),
  ...docs, CODEOWNERS: '* @acme/team-a\n',
}, 10);
// bronze: docs (old) but no CODEOWNERS — the one the second build fixes
const beta = repo('beta', { 'catalog-info.yaml': component('beta', '  annotations:\n    backstage.io/techdocs-ref: dir:.\n'), ...docs }, 400);
// bronze: CODEOWNERS but no docs
repo('gamma', { 'catalog-info.yaml': component('gamma'), '.github/CODEOWNERS': '* @acme/team-a\n' }, 10);
// none: owned by a group that is not in the catalog; its CODEOWNERS is a link out of the repo
const delta = repo('delta', { 'catalog-info.yaml': component('delta').replace('owner: team-a', 'owner: ghosts') }, 10);
symlinkSync('/etc/passwd', path.join(delta, 'CODEOWNERS'));
git(delta, ['add', 'CODEOWNERS']);
git(delta, ['commit', '-q', '-m', 'link'], daysAgo(10));

const configFile = path.join(work, 'portal.yaml');
const names = ['org', 'alpha', 'beta', 'gamma', 'delta'];
writeFileSync(configFile, `site: { title: Scores }
sources:
${names.map((n) => `  - { name: ${n}, git: ./repos/${n} }`).join('\n')}
scorecards:
  - id: production-readiness
    title: Production readiness
    applies_to: { kind: [Component], type: [service] }
    levels: [bronze, silver, gold]
    rules:
      - { id: owner, level: bronze, title: Has an owning team, check: { relation: ownedBy } }    # exists and resolves
      - { id: description, level: bronze, check: { field: metadata.description } }
      - { id: docs, level: silver, check: { techdocs: true } }
      - { id: codeowners, level: silver, check: { file: [CODEOWNERS, .github/CODEOWNERS] } }
      - { id: oncall, level: gold, check: { annotation: pagerduty.com/service-id } }
  - id: freshness
    title: Freshness
    applies_to: { kind: [Component] }
    levels: [active, current]
    rules:
      - { id: commits, level: active, check: { commit_within_days: 90 } }
      - { id: fresh-docs, level: current, check: { techdocs: true, max_age_days: 180 } }
`);

interface Scores { scorecards: { id: string; entities: { ref: string; level: string | null; rules: { id: string; passed: boolean; reason?: string }[] }[] }[] }

async function buildOnce(outDir: string) {
  const loaded = loadConfig(configFile);
  expect(loaded.diagnostics).toEqual([]);
  const result = await build({ ...applyFlags(loaded.config!, { cacheDir: path.join(work, 'cache') }), outDir });
  const scores = JSON.parse(readFileSync(path.join(outDir, 'scorecards.json'), 'utf8')) as Scores;
  const table = Object.fromEntries(scores.scorecards.map((c) => [c.id, Object.fromEntries(c.entities.map((e) => [e.ref.replace('component:default/', ''), [e.level, Object.fromEntries(e.rules.map((r) => [r.id, r.passed]))]]))]));
  return { result, scores, table };
}

const out = path.join(work, 'out');

describe('scorecards over real git repos', () => {
  it('scores every entity from its descriptor, docs, files and history, and says why a rule failed', async () => {
    const { result, scores, table } = await buildOnce(out);
    expect(table['production-readiness']).toEqual({
      alpha: ['gold', { owner: true, description: true, docs: true, codeowners: true, oncall: true }],
      beta: ['bronze', { owner: true, description: true, docs: true, codeowners: false, oncall: false }],
      gamma: ['bronze', { owner: true, description: true, docs: false, codeowners: true, oncall: false }],
      delta: [null, { owner: false, description: true, docs: false, codeowners: false, oncall: false }],
    });
    expect(table.freshness).toEqual({
      alpha: ['current', { commits: true, 'fresh-docs': true }],
      beta: [null, { commits: false, 'fresh-docs': false }],
      gamma: ['active', { commits: true, 'fresh-docs': false }],
      delta: ['active', { commits: true, 'fresh-docs': false }],
    });
    const rule = (card: string, ref: string, id: string) => scores.scorecards.find((c) => c.id === card)!.entities.find((e) => e.ref === `component:default/${ref}`)!.rules.find((r) => r.id === id)!;
    expect(rule('production-readiness', 'delta', 'owner').reason).toBe('owned by group:default/ghosts, which is not in the catalog');
    expect(rule('production-readiness', 'delta', 'codeowners').reason).toContain('refused: CODEOWNERS leads out of the repository');
    expect(rule('freshness', 'beta', 'fresh-docs').reason).toMatch(/^docs older than 180 days \(last changed \d{4}-\d\d-\d\d, 400 days ago\)$/);
    expect(result.report.diagnostics).toContainEqual(expect.objectContaining({ code: 'scorecards.file-outside', source: 'delta' }));
    // catalog.json carries each entity's results
    const catalog = JSON.parse(readFileSync(path.join(out, 'catalog.json'), 'utf8')) as { metadata: { name: string }; scorecards?: { id: string; level: string | null }[] }[];
    expect(catalog.find((e) => e.metadata.name === 'alpha')!.scorecards).toEqual([
      expect.objectContaining({ id: 'production-readiness', level: 'gold' }), expect.objectContaining({ id: 'freshness', level: 'current' }),
    ]);
    expect(catalog.find((e) => e.metadata.name === 'team-a')!.scorecards).toBeUndefined();
    // the department's page rolls up its team's services
    const dept = readFileSync(path.join(out, 'catalog/default/group/dept/index.html'), 'utf8');
    expect(dept).toMatch(/data-rollup="production-readiness"/);
  }, 120_000);

  it('a commit adding CODEOWNERS raises exactly that entity, and the change report says so', async () => {
    commit(beta, { CODEOWNERS: '* @acme/team-a\n' }, daysAgo(1), 'Bea');
    const { result, table } = await buildOnce(out);
    expect(table['production-readiness']!.beta).toEqual(['silver', { owner: true, description: true, docs: true, codeowners: true, oncall: false }]);
    // the commit also made beta's repo active again
    expect(result.report.changes?.scorecards).toEqual([
      { scorecard: 'freshness', ref: 'component:default/beta', from: null, to: 'active', resolved: [expect.stringMatching(/^no commit in 90 days/)] },
      { scorecard: 'production-readiness', ref: 'component:default/beta', from: 'bronze', to: 'silver', resolved: ['no CODEOWNERS or .github/CODEOWNERS in the repository'] },
    ]);
    const history = JSON.parse(readFileSync(path.join(work, 'cache/scorecards/history.json'), 'utf8')) as { entries: unknown[] };
    expect(history.entries).toHaveLength(2);
    rmSync(path.join(work, 'cache'), { recursive: true, force: true });
  }, 120_000);
});
