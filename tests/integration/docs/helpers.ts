/** Builders for docs-stage integration tests: a source tree on disk, hand-made entities and catalog. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Catalog, Entity } from '../../../src/pipeline/catalog/types.js';
import type { Snapshot } from '../../../src/pipeline/sources/types.js';

export const tempDir = (prefix = 'pb-docs-') => mkdtempSync(path.join(os.tmpdir(), prefix));

export function writeTree(root: string, files: Record<string, string>): string {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return root;
}

export function entity(name: string, annotations: Record<string, string>, over: { kind?: string; path?: string; source?: string; namespace?: string; title?: string } = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: over.kind ?? 'Component',
    metadata: { name, namespace: over.namespace ?? 'default', annotations, ...(over.title ? { title: over.title } : {}) },
    spec: { type: 'service', lifecycle: 'production', owner: 'group:default/team' },
    relations: [],
    source: { source: over.source ?? 'pay', path: over.path ?? 'catalog-info.yaml', line: 1 },
  };
}

export const catalog = (...entities: Entity[]): Catalog => ({
  entities, diagnostics: [], counts: { files: 0, documents: 0, entities: entities.length, byKind: {} },
});

export function snapshot(root: string, over: Partial<Snapshot> = {}): Snapshot {
  return { name: 'pay', root, origin: 'path', catalogGlobs: ['catalog-info.yaml'], stale: false, history: {}, ...over };
}
