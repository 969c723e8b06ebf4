/**
 * The catalog kept across builds (catalog/cache.ts): the same commits give the catalog read before,
 * without reading a descriptor; a new commit, a local folder, a plugin hook or a bad entry read afresh.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildCatalog, type BuildCatalogOptions } from '../../../src/pipeline/catalog/index.js';
import { CatalogCache } from '../../../src/pipeline/catalog/cache.js';
import type { Snapshot } from '../../../src/pipeline/sources/types.js';
import { component, makeTree, snapshot } from './tree.js';

const made: string[] = [];
afterEach(() => { for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true }); });

function setup() {
  const root = makeTree({ 'catalog-info.yaml': component('a', 'owner: user:x'), 'b/catalog-info.yaml': component('b', 'owner: nobody:here') });
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'playbill-catalog-cache-'));
  made.push(root, cacheDir);
  const snap = snapshot('payments', root, { origin: 'git', commit: 'abc123', webRef: 'main' });
  let reads = 0;
  const read = (snaps: Snapshot[], options: BuildCatalogOptions = {}) =>
    new CatalogCache(cacheDir).catalog(snaps, options, () => { reads++; return buildCatalog(snaps, options); });
  return { root, cacheDir, snap, read, reads: () => reads };
}

describe('the catalog cache', () => {
  it('gives the same catalog for the same commits without reading the sources again', () => {
    const { root, snap, read, reads } = setup();
    const first = read([snap]);
    expect(first.entities.map((e) => e.metadata.name).sort()).toEqual(['a', 'b']);
    expect(first.diagnostics.length).toBeGreaterThan(0);
    // the tree is its commit: even a changed file is not read while the commit is the same
    writeFileSync(path.join(root, 'catalog-info.yaml'), component('changed'));
    const again = read([snap]);
    expect(reads()).toBe(1);
    expect(again).toEqual(first);
  });

  it('reads afresh when a commit, a setting or the options change', () => {
    const { root, snap, read, reads } = setup();
    read([snap]);
    writeFileSync(path.join(root, 'catalog-info.yaml'), component('changed'));
    expect(read([{ ...snap, commit: 'def456' }]).entities.map((e) => e.metadata.name).sort()).toEqual(['b', 'changed']);
    read([{ ...snap, commit: 'def456', webRef: 'release' }]);
    read([{ ...snap, commit: 'def456', webRef: 'release' }], { maxFileBytes: 10 });
    expect(reads()).toBe(4);
  });

  it('never keeps the catalog of a local folder or one a plugin hook takes part in', () => {
    const { snap, read, reads } = setup();
    const local = { ...snap, origin: 'path' as const };
    delete local.commit;
    read([local]);
    read([local]);
    const descriptor = (d: Record<string, unknown>) => d;
    read([snap], { descriptor });
    read([snap], { descriptor });
    const extra = [{ plugin: 'p', documents: [{ apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'g' }, spec: { type: 'team', children: [] } }] }];
    read([snap], { extra });
    expect(read([snap], { extra }).entities.map((e) => e.metadata.name)).toContain('g');
    expect(reads()).toBe(6);
  });

  it('reads afresh over a truncated or foreign entry, and writes it over', () => {
    const { cacheDir, snap, read, reads } = setup();
    const first = read([snap]);
    const dir = path.join(cacheDir, 'catalog');
    const entry = readdirSync(dir, { recursive: true, withFileTypes: true }).find((e) => e.isFile() && e.name.endsWith('.json'))!;
    const file = path.join(entry.parentPath, entry.name);
    for (const bad of ['{"entities": [', '{"entities": [{"kind": 1}], "diagnostics": [], "counts": {}}']) {
      writeFileSync(file, bad);
      expect(read([snap])).toEqual(first);
    }
    expect(reads()).toBe(3);
    read([snap]);
    expect(reads()).toBe(3);
  });
});
