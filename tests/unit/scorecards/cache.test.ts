/** Scorecard results come from the cache only while nothing a check reads has changed. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scorecardsStage, type ScorecardsInput } from '../../../src/pipeline/scorecards/index.js';
import { ScorecardsSchema } from '../../../src/pipeline/config/scorecards-schema.js';
import type { Snapshot } from '../../../src/pipeline/sources/types.js';

const work = mkdtempSync(path.join(tmpdir(), 'playbill-sc-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const root = path.join(work, 'repo');
const cacheDir = path.join(work, 'cache');

describe('scorecards cache', () => {
  it('serves a rebuild with the same input, and recomputes when a commit, an entity or the config changes', () => {
    mkdirSync(root);
    const snapshot: Snapshot = { name: 's', root, origin: 'git', commit: 'a'.repeat(40), stale: false, catalogGlobs: [], history: {} };
    const entity = { apiVersion: 'v1', kind: 'Component', metadata: { name: 'svc', namespace: 'default' }, spec: {}, relations: [], source: { source: 's', path: 'catalog-info.yaml', line: 1 } };
    const input = (over: Partial<ScorecardsInput> = {}): ScorecardsInput & { cacheDir: string } => ({
      cacheDir, now: new Date('2026-06-30T12:00:00Z'),
      scorecards: ScorecardsSchema.parse([{ id: 't', title: 'T', levels: ['l'], rules: [{ id: 'r', level: 'l', check: { file: 'CODEOWNERS' } }] }]),
      catalog: { entities: [entity] }, docs: { sites: [] }, snapshots: [snapshot], diagnostics: [], ...over,
    });
    const level = (i: ScorecardsInput & { cacheDir: string }) => scorecardsStage(i).scorecards[0]!.entities[0]!.level;
    expect(level(input())).toBeNull();
    // the file appears without a new commit: a pinned tree cannot do that, so the cache answers
    writeFileSync(path.join(root, 'CODEOWNERS'), '*\n');
    expect(level(input())).toBeNull();
    // a new commit is a new tree
    expect(level(input({ snapshots: [{ ...snapshot, commit: 'b'.repeat(40) }] }))).toBe('l');
    // a path source is never cached
    rmSync(path.join(root, 'CODEOWNERS'));
    const folder = { ...snapshot, origin: 'path' as const };
    expect(level(input({ snapshots: [folder] }))).toBeNull();
    writeFileSync(path.join(root, 'CODEOWNERS'), '*\n');
    expect(level(input({ snapshots: [folder] }))).toBe('l');
    // another day, another key
    rmSync(path.join(root, 'CODEOWNERS'));
    expect(level(input({ now: new Date('2026-07-01T12:00:00Z') }))).toBeNull();
  });
});
