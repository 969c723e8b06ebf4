/**
 * A value from a repo is never echoed whole in a diagnostic: a 200 KB ref gives a short message that
 * still says which field is wrong and why, with control characters shown escaped.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { validatePaths } from '../../../src/pipeline/validate-portal.js';
import { makeTree } from './tree.js';

const HUGE = 200 * 1024;
const big = (c: string) => c.repeat(HUGE);

const component = (name: string, spec: string, meta = '') => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
${meta}spec:
  type: service
  lifecycle: production
${spec}`;

async function diagnosticsOf(text: string) {
  const root = makeTree({ 'catalog-info.yaml': text });
  const r = await validatePaths(['catalog-info.yaml'], { cwd: root, cacheDir: mkdtempSync(path.join(tmpdir(), 'playbill-long-')) });
  return r.diagnostics;
}

describe('long and hostile values in messages', () => {
  it('a 200 KB spec.owner gives a short diagnostic that still says what was wrong', async () => {
    const [d, ...rest] = await diagnosticsOf(component('long-owner', `  owner: ${big('a')}\n`));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'catalog.dangling-ref', file: 'catalog-info.yaml', line: 8 });
    expect(d!.message.length).toBeLessThan(300);
    expect(d!.message).toMatch(/^spec\.owner: "group:default\/a+…" \(204,814 chars\) is not in the catalog/);
  });

  it('a 200 KB invalid ref, list item, label and tag are each cut short', async () => {
    const ds = await diagnosticsOf([
      component('bad-ref', `  owner: "${big('b')}/"\n`),
      component('bad-item', `  owner: team-a\n  dependsOn:\n    - component:x\n    - [${big('c')}]\n`),
      component('bad-meta', '  owner: team-a\n', `  labels:\n    tier: "${big('d')}"\n  tags:\n    - "${big('E')}"\n  annotations:\n    "${big('k')}": v\n`),
    ].join('---\n'));
    const byCode = (code: string, field: RegExp) => ds.find((d) => d.code === code && field.test(d.message));
    expect(byCode('catalog.invalid-ref', /^spec\.owner: Entity reference "b+…" \(204,801 chars\) was not on the form/)).toBeDefined();
    expect(byCode('catalog.invalid-field', /^spec\.dependsOn\[1\]: \["c+… \(a list of 1 item\) is not valid; expected an entity ref/)).toBeDefined();
    expect(byCode('catalog.invalid-field', /^metadata\.labels\.tier: "d+…" \(204,800 chars\) is not valid; expected /)).toBeDefined();
    expect(byCode('catalog.invalid-field', /^metadata\.tags\[0\]: "E+…" \(204,800 chars\) is not a valid tag/)).toBeDefined();
    expect(byCode('catalog.invalid-field', /^metadata\.annotations\["k+…" \(204,800 chars\)\]: key "k+…" \(204,800 chars\) is not valid/)).toBeDefined();
    for (const d of ds) expect(d.message.length, d.message.slice(0, 120)).toBeLessThan(400);
  });

  it('escape sequences and line breaks in a value are shown escaped', async () => {
    const ds = await diagnosticsOf(component('ctl', '  owner: "group:\\e[2J\\nfake: line\\u202e"\n'));
    expect(ds).toEqual([expect.objectContaining({ code: 'catalog.dangling-ref' })]);
    expect(ds[0]!.message).toContain('"group:default/\\u001b[2j\\nfake: line\\u202e"');
    expect(ds[0]!.message).not.toMatch(/[\u0000-\u001f\u202e]/);
  });
});
