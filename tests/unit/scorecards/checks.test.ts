/** Every built-in check over small, hand-made catalogs and a real folder of files (confinement included). */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { levelReached, scoreCatalog, type ScorecardsInput } from '../../../src/pipeline/scorecards/index.js';
import { ScorecardsSchema } from '../../../src/pipeline/config/scorecards-schema.js';
import type { Entity } from '../../../src/pipeline/catalog/types.js';
import type { Snapshot } from '../../../src/pipeline/sources/types.js';
import type { Diagnostic } from '../../../src/pipeline/diagnostics.js';

const root = mkdtempSync(path.join(tmpdir(), 'playbill-checks-'));
const outside = mkdtempSync(path.join(tmpdir(), 'playbill-checks-outside-'));
afterAll(() => { rmSync(root, { recursive: true, force: true }); rmSync(outside, { recursive: true, force: true }); });

function files(base: string, tree: Record<string, string>) {
  for (const [rel, text] of Object.entries(tree)) {
    mkdirSync(path.dirname(path.join(base, rel)), { recursive: true });
    writeFileSync(path.join(base, rel), text);
  }
}
files(root, {
  'CODEOWNERS': '* @acme/payments\n',
  '.github/workflows/ci.yml': 'on: push\n',
  'services/a/catalog-info.yaml': '',
  'services/a/README.md': '# a\n',
  'services/b/catalog-info.yaml': '',
});
files(outside, { 'secret.txt': 'token\n' });
symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'services/b/SECURITY.md'));
symlinkSync(outside, path.join(root, 'services/b/linked'));

const NOW = new Date('2026-06-30T12:00:00Z');
const snapshot: Snapshot = { name: 'src', root, origin: 'git', stale: false, catalogGlobs: [], history: {}, commitDate: '2026-06-20T10:00:00Z' };

function entity(kind: string, name: string, extra: { spec?: Record<string, unknown>; metadata?: Record<string, unknown>; relations?: [string, string][]; path?: string } = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1', kind,
    metadata: { name, namespace: 'default', ...extra.metadata },
    spec: extra.spec ?? {},
    relations: (extra.relations ?? []).map(([type, targetRef]) => ({ type, targetRef })),
    source: { source: 'src', path: extra.path ?? 'services/a/catalog-info.yaml', line: 1, viewUrl: `https://github.com/acme/x/blob/main/${extra.path ?? 'services/a/catalog-info.yaml'}` },
  };
}

const team = entity('Group', 'payments', { spec: { type: 'team' } });
const user = entity('User', 'ada');

/** Runs one rule (level `l`) over entities; returns each entity's result of it. */
function run(check: Record<string, unknown>, entities: Entity[], extra: Partial<ScorecardsInput> = {}) {
  const scorecards = ScorecardsSchema.parse([{ id: 't', title: 'T', levels: ['l'], rules: [{ id: 'r', level: 'l', check }] }]);
  const result = scoreCatalog({ scorecards, catalog: { entities: [team, user, ...entities] }, docs: { sites: [] }, snapshots: [snapshot], diagnostics: [], now: NOW, ...extra });
  const byRef = new Map(result.scorecards[0]!.entities.map((e) => [e.ref, e.rules[0]!]));
  return { byRef, result, of: (e: Entity) => byRef.get(`${e.kind.toLowerCase()}:default/${e.metadata.name}`)! };
}

describe('levels', () => {
  it('reaches a level when its rules and every lower level pass; none is null', () => {
    const levels = ['bronze', 'silver', 'gold'];
    expect(levelReached(levels, [{ level: 'bronze', passed: true }, { level: 'silver', passed: false }, { level: 'gold', passed: true }])).toBe('bronze');
    expect(levelReached(levels, [{ level: 'bronze', passed: false }, { level: 'silver', passed: true }])).toBeNull();
    expect(levelReached(levels, [{ level: 'bronze', passed: true }, { level: 'silver', passed: true }, { level: 'gold', passed: true }])).toBe('gold');
    // a level without rules is reached with the one below it
    expect(levelReached(levels, [{ level: 'bronze', passed: true }, { level: 'gold', passed: false }])).toBe('silver');
  });

  it('leaves out entities a scorecard does not apply to', () => {
    const svc = entity('Component', 'svc', { spec: { type: 'service', lifecycle: 'production' }, metadata: { tags: ['java'] }, relations: [['ownedBy', 'group:default/payments']] });
    const lib = entity('Component', 'lib', { spec: { type: 'library' } });
    const scorecards = ScorecardsSchema.parse([{
      id: 't', title: 'T', levels: ['l'], applies_to: { kind: ['component'], type: ['Service'], lifecycle: ['production'], tags: ['java'], owner: ['payments'] },
      rules: [{ id: 'r', level: 'l', check: { no_errors: true } }],
    }]);
    const r = scoreCatalog({ scorecards, catalog: { entities: [team, svc, lib] }, docs: { sites: [] }, snapshots: [snapshot], diagnostics: [], now: NOW });
    expect(r.scorecards[0]!.entities.map((e) => e.ref)).toEqual(['component:default/svc']);
  });
});

describe('built-in checks', () => {
  it('field: present and not empty, matching a pattern or one of a set', () => {
    const a = entity('Component', 'a', { metadata: { description: 'Takes payments' }, spec: { lifecycle: 'production' } });
    const b = entity('Component', 'b', { metadata: { description: '  ' }, spec: { lifecycle: 'experimental' } });
    const present = run({ field: 'metadata.description' }, [a, b]);
    expect(present.of(a)).toEqual({ id: 'r', passed: true });
    expect(present.of(b)).toMatchObject({ passed: false, reason: 'no metadata.description', fix: b.source.viewUrl });
    const oneOf = run({ field: 'spec.lifecycle', one_of: ['production', 'beta'] }, [a, b]);
    expect(oneOf.of(a).passed).toBe(true);
    expect(oneOf.of(b)).toMatchObject({ passed: false, reason: 'spec.lifecycle is "experimental", not one of production, beta' });
    expect(run({ field: 'metadata.description', matches: '^Takes' }, [a]).of(a).passed).toBe(true);
    expect(run({ field: 'metadata.description', matches: '^Gives' }, [a]).of(a).passed).toBe(false);
  });

  it('annotation: present, or matching', () => {
    const a = entity('Component', 'a', { metadata: { annotations: { 'pagerduty.com/service-id': 'P123' } } });
    const b = entity('Component', 'b');
    const r = run({ annotation: 'pagerduty.com/service-id', matches: '^P[0-9]+$' }, [a, b]);
    expect(r.of(a).passed).toBe(true);
    expect(r.of(b)).toMatchObject({ passed: false, reason: 'no annotation pagerduty.com/service-id' });
  });

  it('relation: exists and resolves, optionally to a kind', () => {
    const ok = entity('Component', 'ok', { relations: [['ownedBy', 'group:default/payments']] });
    const dangling = entity('Component', 'dangling', { relations: [['ownedBy', 'group:default/ghosts']] });
    const byUser = entity('Component', 'byuser', { relations: [['ownedBy', 'user:default/ada']] });
    const none = entity('Component', 'none');
    const r = run({ relation: 'ownedBy', kind: 'group' }, [ok, dangling, byUser, none]);
    expect(r.of(ok).passed).toBe(true);
    expect(r.of(dangling)).toMatchObject({ passed: false, reason: 'owned by group:default/ghosts, which is not in the catalog' });
    expect(r.of(byUser)).toMatchObject({ passed: false, reason: 'owned by user:default/ada, not a group' });
    expect(r.of(none)).toMatchObject({ passed: false, reason: 'no "owned by" relation' });
  });

  it('techdocs: has docs (own or shared), changed within N days', () => {
    const a = entity('Component', 'a');
    const b = entity('Component', 'b');
    const c = entity('Component', 'c');
    const sites = [
      { entityRef: 'component:default/a', alsoFor: ['component:default/b'], urlPath: 'docs/default/component/a/', pages: [{ lastChange: { date: '2026-06-01T00:00:00Z' } }, {}] },
    ];
    const has = run({ techdocs: true }, [a, b, c], { docs: { sites } });
    expect([has.of(a).passed, has.of(b).passed, has.of(c).passed]).toEqual([true, true, false]);
    const fresh = run({ techdocs: true, max_age_days: 30 }, [a], { docs: { sites } });
    expect(fresh.of(a).passed).toBe(true);
    const stale = run({ techdocs: true, max_age_days: 20 }, [a], { docs: { sites } });
    expect(stale.of(a)).toMatchObject({ passed: false, reason: 'docs older than 20 days (last changed 2026-06-01, 29 days ago)', fix: 'docs/default/component/a/' });
  });

  it('file: in the repo or the descriptor folder, by name, list or glob, optionally with content', () => {
    const a = entity('Component', 'a');
    const b = entity('Component', 'b', { path: 'services/b/catalog-info.yaml' });
    expect(run({ file: 'CODEOWNERS' }, [a]).of(a)).toEqual({ id: 'r', passed: true, reason: 'found CODEOWNERS' });
    expect(run({ file: ['docs/CODEOWNERS', '.github/CODEOWNERS', 'CODEOWNERS'] }, [a]).of(a).passed).toBe(true);
    expect(run({ file: '.github/workflows/*.yml' }, [a]).of(a)).toMatchObject({ passed: true, reason: 'found .github/workflows/ci.yml' });
    expect(run({ file: 'README.md', in: 'folder' }, [a, b]).of(a).passed).toBe(true);
    expect(run({ file: 'README.md', in: 'folder' }, [a, b]).of(b)).toMatchObject({ passed: false, reason: "no README.md in the descriptor's folder" });
    expect(run({ file: 'renovate.json' }, [a]).of(a)).toMatchObject({ passed: false, reason: 'no renovate.json in the repository' });
    expect(run({ file: 'CODEOWNERS', matches: '@acme/payments' }, [a]).of(a).passed).toBe(true);
    expect(run({ file: 'CODEOWNERS', matches: '@acme/ledger' }, [a]).of(a)).toMatchObject({ passed: false, reason: 'CODEOWNERS does not contain @acme/ledger' });
  });

  it('file: refuses a symlink out of the repository, with a diagnostic, and never reads through it', () => {
    const b = entity('Component', 'b', { path: 'services/b/catalog-info.yaml' });
    const link = run({ file: 'SECURITY.md', in: 'folder', matches: 'token' }, [b]);
    expect(link.of(b).passed).toBe(false);
    expect(link.of(b).reason).toContain('refused: SECURITY.md leads out of the repository');
    expect(link.result.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'scorecards.file-outside', source: 'src', file: 'services/b' })]);
    const viaFolder = run({ file: 'linked/*.txt', in: 'folder' }, [b]);
    expect(viaFolder.of(b).passed).toBe(false);
    expect(viaFolder.result.diagnostics.map((d) => d.code)).toEqual(['scorecards.file-outside']);
    // `..` never gets past the config
    expect(ScorecardsSchema.safeParse([{ id: 't', title: 'T', levels: ['l'], rules: [{ id: 'r', level: 'l', check: { file: '../../etc/passwd' } }] }]).success).toBe(false);
  });

  it('commit_within_days: the repository had a commit recently', () => {
    const a = entity('Component', 'a');
    expect(run({ commit_within_days: 30 }, [a]).of(a).passed).toBe(true);
    expect(run({ commit_within_days: 5 }, [a]).of(a)).toMatchObject({ passed: false, reason: 'no commit in 5 days (last 2026-06-20, 10 days ago)' });
  });

  it('no_errors: the entity has no error diagnostics, by ref or in its descriptor', () => {
    const a = entity('Component', 'a');
    const b = entity('Component', 'b', { path: 'services/b/catalog-info.yaml' });
    const diagnostics: Diagnostic[] = [
      { severity: 'error', code: 'catalog.invalid', message: 'x', entityRef: 'component:default/a', file: 'services/a/catalog-info.yaml', line: 4 },
      { severity: 'warning', code: 'catalog.dangling-ref', message: 'y', entityRef: 'component:default/b' },
    ];
    const r = run({ no_errors: true }, [a, b], { diagnostics });
    expect(r.of(a)).toMatchObject({ passed: false, reason: 'an error: catalog.invalid at services/a/catalog-info.yaml:4' });
    expect(r.of(b).passed).toBe(true);
  });

  it('healthy_dependencies: nothing missing or deprecated among what it depends on', () => {
    const old = entity('Component', 'old', { spec: { lifecycle: 'deprecated' } });
    const a = entity('Component', 'a', { relations: [['dependsOn', 'component:default/old'], ['consumesApi', 'api:default/gone']] });
    const b = entity('Component', 'b', { relations: [['dependsOn', 'group:default/payments']] });
    const r = run({ healthy_dependencies: true }, [old, a, b]);
    expect(r.of(a)).toMatchObject({ passed: false, reason: 'depends on what it should not: component:default/old is deprecated; api:default/gone is not in the catalog' });
    expect(r.of(b).passed).toBe(true);
  });

  it('api_definition_valid: the definition parses as its type says', () => {
    const good = entity('API', 'good', { spec: { type: 'openapi', definition: 'openapi: 3.0.0\ninfo: { title: x, version: "1" }\npaths: {}\n' } });
    const broken = entity('API', 'broken', { spec: { type: 'asyncapi', definition: 'asyncapi: 2.6.0\nchannels: [\n' } });
    const wrong = entity('API', 'wrong', { spec: { type: 'openapi', definition: 'hello: world\n' } });
    const graphql = entity('API', 'gql', { spec: { type: 'graphql', definition: 'type Query { a: Int }' } });
    const svc = entity('Component', 'svc');
    const r = run({ api_definition_valid: true }, [good, broken, wrong, graphql, svc]);
    expect(r.of(good).passed).toBe(true);
    expect(r.of(broken).passed).toBe(false);
    expect(r.of(broken).reason).toMatch(/^the asyncapi definition does not parse: .*\(line \d+\)$/);
    expect(r.of(wrong)).toMatchObject({ passed: false, reason: 'the definition has no `openapi` or `swagger` version at its top, as a openapi document must' });
    expect(r.of(graphql).passed).toBe(true);
    expect(r.of(svc)).toMatchObject({ passed: false, reason: 'not an API' });
  });

  it('api_definition_valid: fails where the API reader could not read what the definition refers to', () => {
    const refs = entity('API', 'refs', { spec: { type: 'openapi', definition: 'openapi: 3.0.0\ninfo: { title: x, version: "1" }\npaths: {}\n' } });
    const proto = entity('API', 'proto', { spec: { type: 'grpc', definition: 'syntax = "proto3";\nimport "../../x.proto";\n' } });
    const diagnostics: Diagnostic[] = [
      { severity: 'error', code: 'api.ref-outside', message: '$ref "/etc/passwd" is an absolute path; refused', entityRef: 'api:default/refs', file: 'openapi.yaml', line: 12 },
      { severity: 'warning', code: 'api.import-missing', message: 'not an error', entityRef: 'api:default/proto', file: 'a.proto', line: 2 },
    ];
    const r = run({ api_definition_valid: true }, [refs, proto], { diagnostics });
    expect(r.of(refs)).toMatchObject({ passed: false, reason: '$ref "/etc/passwd" is an absolute path; refused (api.ref-outside at openapi.yaml:12)' });
    expect(r.of(proto).passed).toBe(true);
  });

  it('runs a pattern in linear time on a value built to make backtracking explode', () => {
    // the config refuses nested repetition; RE2 would run it in linear time anyway
    const a = entity('Component', 'a', { metadata: { description: `${'a'.repeat(50_000)}!` } });
    expect(run({ field: 'metadata.description', matches: '^(a|aa)*$' }, [a]).of(a).passed).toBe(false);
  });
});
