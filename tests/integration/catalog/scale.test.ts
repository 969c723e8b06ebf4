/** 10,000 entities across 200 repos: every one kept, every relation computed. Speed is the benchmark's job (npm run bench). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { buildCatalog } from '../../../src/pipeline/catalog/index.js';
import type { Snapshot } from '../../../src/pipeline/sources/types.js';
import { makeTree } from './tree.js';

const REPOS = 200;
const PER_REPO = 50; // 1 System + 1 Group + 47 Components + 1 API
const base = mkdtempSync(path.join(tmpdir(), 'playbill-scale-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function repo(r: number): Snapshot {
  const files: Record<string, string> = {
    'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: sys-${r}\nspec:\n  owner: team-${r}\n---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-${r}\nspec:\n  type: team\n  children: []\n---\napiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: api-${r}\nspec:\n  type: openapi\n  lifecycle: production\n  owner: team-${r}\n  system: sys-${r}\n  definition:\n    $text: ./openapi.yaml\n`,
    'openapi.yaml': 'openapi: 3.0.0\ninfo:\n  title: x\n',
  };
  for (let c = 0; c < PER_REPO - 3; c++) {
    files[`services/svc-${c}/catalog-info.yaml`] = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: svc-${r}-${c}
  description: Service ${c} of repo ${r}
  tags: [java, lang:go]
  annotations:
    backstage.io/techdocs-ref: dir:.
spec:
  type: service
  lifecycle: production
  owner: team-${r}
  system: sys-${r}
  providesApis: [api-${r}]
  consumesApis: [api-${(r + 1) % REPOS}]
  dependsOn: [component:svc-${r}-${(c + 1) % (PER_REPO - 3)}]
`;
  }
  const root = makeTree(files, path.join(base, `repo-${r}`));
  return { name: `repo-${r}`, root, origin: 'path', catalogGlobs: ['catalog-info.yaml', '*/*/catalog-info.yaml'], stale: false, history: {} };
}

it('builds 10,000 entities from 200 repos with all their relations', () => {
  const snapshots = Array.from({ length: REPOS }, (_, r) => repo(r));
  const catalog = buildCatalog(snapshots);
  expect(catalog.counts.entities).toBe(REPOS * PER_REPO);
  expect(catalog.diagnostics).toEqual([]);
  const api = catalog.entities.find((e) => e.metadata.name === 'api-7')!;
  expect(api.spec.definition).toContain('openapi');
  expect(api.relations.filter((r) => r.type === 'apiProvidedBy')).toHaveLength(PER_REPO - 3);
}, 120_000);
