/** Test helper: a temp folder with given files, and a hand-built snapshot over it. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Snapshot } from '../../../src/pipeline/sources/types.js';

export function makeTree(files: Record<string, string | Buffer>, parent?: string): string {
  const root = parent ?? mkdtempSync(path.join(tmpdir(), 'playbill-catalog-'));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return root;
}

export function snapshot(name: string, root: string, extra: Partial<Snapshot> = {}): Snapshot {
  return { name, root, origin: 'path', catalogGlobs: ['catalog-info.yaml', '*/catalog-info.yaml'], stale: false, history: {}, ...extra };
}

export const component = (name: string, spec = 'owner: team-a', meta = '') => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
${meta}spec:
  type: service
  lifecycle: production
  ${spec}
`;

export const location = (name: string, targets: string, extra = '') => `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: ${name}
spec:
  ${extra}targets:
${targets.split(',').map((t) => `    - ${t}`).join('\n')}
`;
