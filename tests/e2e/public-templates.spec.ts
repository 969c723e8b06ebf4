/**
 * Real public templates used as a reader would: a portal built from checkouts of template
 * repositories (backstage/software-templates, RoadieHQ/software-templates), and for every template
 * whose steps are all ones Playbill runs, its form filled in Chromium, the zip downloaded and read:
 * files present, the values in them, no `${{` left where the skeleton was rendered.
 *
 * Skipped unless PLAYBILL_TEMPLATE_REPOS names a folder of such checkouts (CI has no network to fetch them).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { minimatch } from 'minimatch';
import { buildPortal } from './support/build-portal.js';
import { serve } from '../../src/cli/static-server.js';

const repos = process.env.PLAYBILL_TEMPLATE_REPOS;
const RUNNABLE = /^(fetch:(template|plain)(:file)?|publish:(github|gitlab)(:pull-request|:merge-request)?|catalog:(register|write)|debug:log)$/;

test.skip(!repos, 'set PLAYBILL_TEMPLATE_REPOS to a folder of template repositories');

interface Run { steps: Array<{ action: string; input: Record<string, unknown>; skeleton?: unknown }> }

/** Fills every empty visible field with a value a reader would type; choices take their first option. */
async function fill(page: Page): Promise<void> {
  for (const field of await page.locator('[data-tpl-form] .tpl-field:visible').all()) {
    const owner = field.locator('[data-part=owner]');
    if (await owner.count()) {
      if (await owner.evaluate((e) => e.tagName === 'SELECT')) await owner.selectOption({ index: 1 }); else await owner.fill('acme');
      await field.locator('[data-part=repo]').fill('demo-repo');
      continue;
    }
    const select = field.locator('select:not([multiple])');
    if (await select.count()) {
      if (!(await select.inputValue())) await select.selectOption({ index: 1 });
      continue;
    }
    const text = field.locator('input[type=text], input[type=number], input[type=password], textarea');
    if (await text.count() && !(await text.inputValue()) && !(await text.getAttribute('readonly'))) {
      await text.fill((await text.getAttribute('type')) === 'number' ? '1' : 'demo-value');
    }
  }
}

test('public templates scaffold in the browser into zips that carry the values', async ({ page }) => {
  test.setTimeout(600_000);
  const work = mkdtempSync(path.join(tmpdir(), 'playbill-public-templates-'));
  // the catalog the pickers offer: a team and a system of ours
  mkdirSync(path.join(work, 'org'));
  writeFileSync(path.join(work, 'org/catalog-info.yaml'), 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: team-a}\nspec: {type: team, children: []}\n---\napiVersion: backstage.io/v1alpha1\nkind: System\nmetadata: {name: demo-system}\nspec: {owner: team-a}\n');
  const sources = readdirSync(repos!).map((name) => `  - name: ${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}\n    path: ${path.join(repos!, name)}\n    catalog: ["**/template.yaml", "**/template.yml"]\n`);
  writeFileSync(path.join(work, 'portal.yaml'), `sources:\n  - name: org\n    path: ./org\n${sources.join('')}`);
  await buildPortal(path.join(work, 'out'), '/', { config: path.join(work, 'portal.yaml') });
  const server = await serve({ outDir: path.join(work, 'out'), port: 0 });
  const catalog = JSON.parse(readFileSync(path.join(work, 'out/catalog.json'), 'utf8')) as Array<{ kind: string; metadata: { name: string; namespace?: string } }>;
  const pages = catalog.filter((e) => e.kind === 'Template').map((e) => `${server.url}catalog/${e.metadata.namespace ?? 'default'}/template/${e.metadata.name}/`);
  let done = 0;
  const failures: string[] = [];
  page.setDefaultTimeout(20_000);
  for (const url of pages) {
    console.log(`template ${url}`);
    await page.goto(url);
    const json = await page.locator('[data-tpl-data]').textContent().catch(() => null);
    if (!json) continue;
    const run = (JSON.parse(json) as { run: Run }).run;
    if (!run.steps.every((s) => RUNNABLE.test(s.action)) || !run.steps.some((s) => s.skeleton)) {
      continue;
    }
    await fill(page);
    await page.locator('[data-tpl-form]').getByRole('button', { name: 'Create' }).click();
    const result = page.locator('[data-tpl-result]');
    const summary = page.locator('[data-tpl-summary]');
    await expect(result.or(summary.filter({ visible: true }))).toBeVisible();
    if (await summary.isVisible()) { failures.push(`${url}: ${await summary.innerText()}`); continue; }
    const [download] = await Promise.all([page.waitForEvent('download'), result.getByRole('link', { name: 'Download the zip' }).click()]);
    const files = Object.entries(unzipSync(new Uint8Array(readFileSync((await download.path())!))));
    expect(files.length, url).toBeGreaterThan(0);
    const verbatim = run.steps.flatMap((s) => [...((s.input.copyWithoutTemplating ?? s.input.copyWithoutRender ?? []) as string[])]);
    const texts = files.map(([name, bytes]) => [name.split('/').slice(1).join('/'), strFromU8(bytes)] as const);
    for (const [name, text] of texts) {
      if (verbatim.some((g) => minimatch(name, g.replace(/^\.\//, ''), { dot: true })) || run.steps.some((s) => s.action.startsWith('fetch:plain'))) continue;
      expect(text, `${url} ${name}`).not.toContain('${{ values');
    }
    // where the skeleton has expressions of values, the values are in what they rendered to
    const skeleton = run.steps.flatMap((s) => (s.skeleton as { files: Array<{ hash: string }> } | undefined)?.files ?? []).map((f) => readFileSync(path.join(work, 'out/playbill/skeletons', f.hash), 'utf8'));
    if (skeleton.some((t) => /\$\{\{\s*values\./.test(t))) expect(texts.some(([, t]) => t.includes('demo-value') || t.includes('acme') || t.includes('team-a')), url).toBe(true);
    done++;
  }
  await server.close();
  expect(failures).toEqual([]);
  console.log(`public templates scaffolded in the browser: ${done}`);
  expect(done).toBeGreaterThan(0);
});
