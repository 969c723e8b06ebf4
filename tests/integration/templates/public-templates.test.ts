/**
 * Real templates nobody here wrote, as they are: point PLAYBILL_TEMPLATE_REPOS at a folder of
 * checkouts (backstage/software-templates, RoadieHQ/software-templates…). Every template whose steps
 * Playbill can run renders with made-up values into files that carry them, with no `${{` left where
 * it rendered. CI has no network and no such folder: the test says so and skips.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildCatalog } from '../../../src/pipeline/catalog/index.js';
import { fetchSources } from '../../../src/pipeline/sources/index.js';
import { templatesStage } from '../../../src/pipeline/templates/index.js';
import { checkValues, scaffold, withDefaults } from '../../../src/pipeline/templates/scaffold.js';
import { renderInput, renderSkeleton } from '../../../src/pipeline/templates/render/index.js';
import { configFor, tmpDir } from '../sources/helpers.js';

const dir = process.env.PLAYBILL_TEMPLATE_REPOS;
const RUNNABLE = /^(fetch:(template|plain)(:file)?|publish:(github|gitlab)(:pull-request|:merge-request)?|catalog:(register|write)|debug:log)$/;

/** A value each field accepts, as a reader filling the form would type it. */
function valueFor(key: string, prop: Record<string, unknown>): unknown {
  if (prop.default !== undefined) return prop.default;
  if (Array.isArray(prop.enum)) return prop.enum[0];
  if (prop['ui:field'] === 'RepoUrlPicker') return 'github.com?owner=acme&repo=demo-repo';
  if (prop['ui:field'] === 'OwnerPicker') return 'group:default/team-a';
  if (prop['ui:field'] === 'EntityPicker') return 'system:default/demo-system';
  if (prop.type === 'boolean') return true;
  if (prop.type === 'number' || prop.type === 'integer') return 1;
  if (prop.type === 'array') return ['demo'];
  return key.toLowerCase().includes('package') ? 'io.acme.demo' : `demo-${key.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

describe.skipIf(!dir || !existsSync(dir))(`public templates${dir ? '' : ' (skipped: set PLAYBILL_TEMPLATE_REPOS to a folder of template repositories)'}`, () => {
  it('render with their values and leave no ${{ behind', async () => {
    const work = tmpDir();
    const sources = readdirSync(dir!).map((name) => ({ name: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), path: path.join(dir!, name), catalog: ['**/template.yaml', '**/template.yml'] }));
    const read = await fetchSources(configFor(work, sources), { cacheDir: path.join(work, 'cache'), offline: true, overrides: {}, concurrency: 2, env: {} });
    const catalog = buildCatalog(read.snapshots);
    const { templates } = templatesStage({ catalog, snapshots: read.snapshots });
    let rendered = 0;
    for (const t of templates) {
      if (t.apiVersion !== 'scaffolder.backstage.io/v1beta3' || !t.steps.every((s) => RUNNABLE.test(s.action)) || !t.steps.some((s) => s.skeleton)) continue;
      const values = withDefaults(t, Object.fromEntries(t.parameters.flatMap((p) => Object.entries((p.properties ?? {}) as Record<string, Record<string, unknown>>).map(([k, prop]) => [k, valueFor(k, prop)]))));
      expect(checkValues(t, values), t.ref).toEqual([]);
      const r = await scaffold(t, values, {
        skeleton: async (files, opts) => renderSkeleton(files, opts),
        input: async (v, c) => renderInput(v, c),
        read: async (f) => new Uint8Array(await readFile(f.abs)),
      });
      expect(r.problems, t.ref).toEqual([]);
      expect(r.files.length, t.ref).toBeGreaterThan(0);
      for (const f of r.files.filter((x) => x.rendered)) expect(new TextDecoder().decode(f.content), `${t.ref} ${f.path}`).not.toContain('${{');
      // where the skeleton has expressions, the values are in what they rendered to
      const sources = await Promise.all(t.steps.flatMap((s) => s.skeleton?.files ?? []).map((f) => readFile(f.abs, 'utf8')));
      if (sources.some((text) => /\$\{\{\s*values\./.test(text))) {
        const all = r.files.map((f) => new TextDecoder().decode(f.content)).join('\n');
        expect(all.includes('demo-') || all.includes('acme'), t.ref).toBe(true);
      }
      rendered++;
    }
    expect(rendered).toBeGreaterThan(0);
  });
});
