/** Catalog health on entity pages: the problems the build found with an entity, as the build report has them. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { portals } from './support/portals.js';
import { buildPortal } from './support/build-portal.js';
import { serve } from '../../src/cli/static-server.js';

interface Diagnostic { severity: string; code: string; message: string; entityRef?: string; file?: string; line?: number; url?: string }
const report = () => JSON.parse(readFileSync(join(portals().root.outDir, 'build-report.json'), 'utf8')) as { diagnostics: Diagnostic[] };

test("an entity's page shows the build's problems with it, each at its place in the source", async ({ page }) => {
  const ref = 'component:default/checkout-service';
  const mine = report().diagnostics.filter((d) => d.entityRef === ref);
  expect(mine.map((d) => d.code)).toEqual(['catalog.dangling-ref']);
  await page.goto(`${portals().root.url}catalog/default/component/checkout-service/`);
  const banner = page.locator('[data-problems]');
  await expect(banner).toHaveAttribute('data-problems', String(mine.length));
  await expect(banner.getByRole('heading')).toHaveText('The build found 1 problem with this entity');
  const item = banner.locator('li[data-code="catalog.dangling-ref"]');
  await expect(item.locator('.msg')).toHaveText(mine[0]!.message);
  await expect(item.locator('.where')).toHaveText(`${mine[0]!.file}:${mine[0]!.line}`);
  // the link to the line on the web host, exactly when the source has one
  if (mine[0]!.url) await expect(item.locator('.where a')).toHaveAttribute('href', mine[0]!.url);
  else await expect(item.locator('.where a')).toHaveCount(0);

  // an entity the build found nothing wrong with has no banner
  expect(report().diagnostics.some((d) => d.entityRef === 'component:default/refunds-worker')).toBe(false);
  await page.goto(`${portals().root.url}catalog/default/component/refunds-worker/`);
  await expect(page.locator('[data-problems]')).toHaveCount(0);
});

test('/health/ counts what the build report counts, by owner, and its filters narrow it', async ({ page }) => {
  // the health page covers what the build read; the site and search stages report on themselves
  const read = report().diagnostics.filter((d) => !/^(site|search)\./.test(d.code));
  const count = (s: string) => read.filter((d) => d.severity === s).length;
  await page.goto(`${portals().root.url}health/`);
  await expect(page.locator('[data-stat="error"] strong')).toHaveText(String(count('error')));
  await expect(page.locator('[data-stat="warning"] strong')).toHaveText(String(count('warning')));
  await expect(page.locator('[data-stat="info"] strong')).toHaveText(String(count('info')));
  await expect(page.locator('.health-rows tbody tr')).toHaveCount(read.length);
  // the demo's orphan: flagged, and its dangling owner listed under the owner it names
  await expect(page.locator('[data-flagged="orphaned"] li')).toHaveText(['Venue CSV export']);
  const checkout = page.locator('tr', { hasText: 'legacy-billing' });
  await expect(checkout.locator('td').nth(2)).toHaveText('Checkout service');
  await expect(checkout.locator('a[href*="catalog-info.yaml#L"]')).toHaveCount(1);

  // filters: one owner's part, then a text match, kept in the URL
  await page.locator('select[name="owner"]').selectOption({ label: 'Payments' });
  await expect(page.locator('[data-owner]:visible')).toHaveCount(1);
  await expect(page.locator('[data-health-shown]')).toHaveText(`${read.filter((d) => d.entityRef === 'component:default/checkout-service').length} shown`);
  await page.locator('[data-health-filters] input[name="q"]').fill('no-such-problem');
  await expect(page.locator('[data-health-shown]')).toHaveText('0 shown');
  expect(new URL(page.url()).searchParams.get('q')).toBe('no-such-problem');

  // from an orphan's banner to its owner's part of the page, in one click
  await page.goto(`${portals().root.url}catalog/default/component/venue-export/`);
  const banner = page.locator('[data-problems]');
  await expect(banner.locator('[data-flag="orphaned"]')).toContainText('group:default/analytics-team is not in the catalog');
  await banner.getByRole('link', { name: /All problems of this owner/ }).click();
  await expect(page).toHaveURL(/health\/#owner-group-default-analytics-team$/);
  await expect(page.locator('#owner-group-default-analytics-team')).toContainText('Venue CSV export');
});

test("/health/ stays small with many problems and loads an owner's rest when asked, as text", async ({ page }) => {
  test.setTimeout(120_000);
  // one component with 30 dangling dependencies (one of them markup) owned by one team: more than the page shows
  const dir = mkdtempSync(join(tmpdir(), 'playbill-health-'));
  const refs = [...Array.from({ length: 29 }, (_, i) => `component:gone-${i}`), 'component:x-<img-src-onerror>'];
  mkdirSync(join(dir, 'repo'));
  // and 24 teams with one problem each: more owners than the page gives a section
  const teams = Array.from({ length: 24 }, (_, i) => `team-${String(i).padStart(2, '0')}`);
  writeFileSync(join(dir, 'repo', 'catalog-info.yaml'), [
    ...teams.flatMap((t) => [
      `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: ${t} }\nspec: { type: team, children: [] }`,
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: svc-${t} }\nspec: { type: service, lifecycle: production, owner: ${t}, dependsOn: ["component:gone"] }`,
    ]),
    'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: team-a }\nspec: { type: team, children: [] }',
    `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: busy }\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n  dependsOn:\n${refs.map((r) => `    - "${r}"`).join('\n')}`,
  ].join('\n---\n'));
  writeFileSync(join(dir, 'portal.yaml'), 'site: { title: Busy }\nsources:\n  - name: repo\n    path: ./repo\n');
  const out = join(dir, 'out');
  await buildPortal(out, '/', { config: join(dir, 'portal.yaml') });
  const server = await serve({ outDir: out, port: 0 });
  try {
    const problems = (JSON.parse(readFileSync(join(out, 'build-report.json'), 'utf8')) as { diagnostics: Diagnostic[] }).diagnostics
      .filter((d) => d.entityRef === 'component:default/busy');
    expect(problems.length).toBeGreaterThanOrEqual(30);
    await page.goto(`${server.url}health/`);
    const section = page.locator('#owner-group-default-team-a');
    await expect(section.locator('tbody tr')).toHaveCount(20);
    await section.getByRole('button', { name: `Show all ${problems.length}` }).click();
    await expect(section.locator('tbody tr')).toHaveCount(problems.length);
    // what came from the JSON is text: the ref's markup is shown, never parsed
    await expect(section.locator('tbody img')).toHaveCount(0);
    await expect(section).toContainText('x-<img-src-onerror>');
    // an owner's anchor loads all of that owner's part by itself
    await page.goto(`${server.url}health/#owner-group-default-team-a`);
    await expect(page.locator('#owner-group-default-team-a tbody tr')).toHaveCount(problems.length);
    // owners past the page's sections are listed by name; one click shows their part
    await expect(page.locator('[data-owner]')).toHaveCount(20);
    const listed = page.locator('[data-health-others] li a');
    await expect(listed).toHaveCount(25 - 20);
    const name = (await listed.first().textContent())!;
    await listed.first().click();
    const made = page.locator('[data-owner]', { has: page.getByRole('link', { name, exact: true }) });
    await expect(made.locator('tbody tr')).toHaveCount(1);
    await expect(made).toContainText('component:default/gone');
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
