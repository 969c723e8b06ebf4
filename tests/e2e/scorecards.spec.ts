/** Scorecards as a reader meets them: on an entity, per scorecard, in the explorer, rolled up on a team's page. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { portals } from './support/portals.js';

const url = (path = '') => portals().root.url + path;

interface ScorecardsJson {
  scorecards: { id: string; title: string; levels: string[]; entities: { ref: string; level: string | null; rules: { id: string; passed: boolean; reason?: string }[] }[] }[];
}
const table = (): ScorecardsJson => JSON.parse(readFileSync(join(portals().root.outDir, 'scorecards.json'), 'utf8')) as ScorecardsJson;
const card = (id: string) => table().scorecards.find((c) => c.id === id)!;

test('an entity page shows each scorecard: the level reached and every rule, a failure with its reason', async ({ page }) => {
  const refunds = card('production-readiness').entities.find((e) => e.ref === 'component:default/refunds-worker')!;
  expect(refunds.level).toBe('silver');
  await page.goto(url('catalog/default/component/refunds-worker/'));
  const sc = page.locator('[data-scorecard="production-readiness"]');
  await expect(sc.getByRole('heading', { name: /Production readiness/ })).toBeVisible();
  await expect(sc.locator('h3 .badge-level')).toHaveText('silver');
  await expect(sc.locator('[data-rule]')).toHaveCount(6);
  for (const r of refunds.rules) await expect(sc.locator(`[data-rule="${r.id}"]`)).toHaveAttribute('data-passed', String(r.passed));
  const oncall = sc.locator('[data-rule="oncall"]');
  await expect(oncall).toContainText('Failed:');
  await expect(oncall).toContainText('no annotation pagerduty.com/service-id');
  // a plugin's check (adr.has_adrs), beside the built-in ones
  await expect(sc.locator('[data-rule="decisions"]')).toHaveAttribute('data-passed', 'false');
  // the card's title leads to the scorecard's page
  await sc.getByRole('link', { name: 'Production readiness' }).click();
  await expect(page).toHaveURL(/\/scorecards\/production-readiness\/$/);
});

test('the scorecards page counts what scorecards.json holds, level by level', async ({ page }) => {
  await page.goto(url('scorecards/'));
  for (const c of table().scorecards) {
    const section = page.locator(`[data-scorecard="${c.id}"]`);
    await expect(section.locator('[data-total]')).toHaveText(String(c.entities.length));
    for (const level of [...c.levels, null]) {
      const n = c.entities.filter((e) => e.level === level).length;
      await expect(section.locator(`tr[data-level="${level ?? ''}"] [data-count]`)).toHaveText(String(n));
    }
  }
  // one scorecard's page: the same counts, and each rule's failures
  const pr = card('production-readiness');
  await page.goto(url('scorecards/production-readiness/'));
  for (const [i, level] of [null, ...pr.levels].entries()) {
    await expect(page.locator(`.dist [data-rank="${i}"] [data-count]`)).toHaveText(String(pr.entities.filter((e) => e.level === level).length));
  }
  for (const id of ['owner', 'docs', 'codeowners', 'oncall', 'decisions']) {
    const failing = pr.entities.filter((e) => e.rules.some((r) => r.id === id && !r.passed)).length;
    await expect(page.locator(`tr[data-rule="${id}"] [data-failing]`)).toHaveText(String(failing));
  }
  // the entity list filters by level
  await page.getByRole('combobox', { name: 'Level' }).selectOption({ label: 'gold' });
  const rows = page.locator('[data-sc-table] tbody tr:not([hidden])');
  await expect(rows).toHaveCount(pr.entities.filter((e) => e.level === 'gold').length);
  await expect(rows.first()).toContainText('Checkout service');
});

test('the explorer filters by scorecard level, from the URL and from the filter', async ({ page }) => {
  const pr = card('production-readiness');
  await page.goto(url('catalog/?score=production-readiness%3Abronze'));
  await expect(page.locator('[data-explorer][data-ready]')).toBeAttached();
  const rows = page.locator('.explorer-table tbody tr');
  const bronze = pr.entities.filter((e) => e.level === 'bronze').length;
  expect(bronze).toBeGreaterThan(1);
  await expect(rows).toHaveCount(bronze);
  await expect(rows.locator('[data-score="production-readiness"]')).toHaveText(new Array(bronze).fill('bronze'));
  const levels = page.locator('[data-facet="score"]');
  await levels.locator('input[value="production-readiness:bronze"]').uncheck();
  if (!(await levels.locator('input[value="production-readiness:gold"]').count())) await levels.locator('[data-more]').click();
  await levels.locator('input[value="production-readiness:gold"]').check();
  await expect(rows).toHaveCount(pr.entities.filter((e) => e.level === 'gold').length);
  await expect(rows.first().locator('td:first-child a')).toHaveText('Checkout service');
  expect(new URL(page.url()).searchParams.get('score')).toBe('production-readiness:gold');
});

test("a department's page rolls up what its teams own, and a team's page what it owns", async ({ page }) => {
  const pr = card('production-readiness');
  const catalog = JSON.parse(readFileSync(join(portals().root.outDir, 'catalog.json'), 'utf8')) as { kind: string; metadata: { name: string }; relations: { type: string; targetRef: string }[] }[];
  const ownerOf = new Map(catalog.map((e) => [`${e.kind.toLowerCase()}:default/${e.metadata.name}`, e.relations.find((r) => r.type === 'ownedBy')?.targetRef]));
  const children = (ref: string) => catalog.filter((e) => e.relations.some((r) => r.type === 'childOf' && r.targetRef === ref)).map((e) => `group:default/${e.metadata.name}`);
  const subtree = (ref: string): string[] => [ref, ...children(ref).flatMap(subtree)];
  const engineering = new Set(subtree('group:default/engineering'));
  const owned = pr.entities.filter((e) => engineering.has(ownerOf.get(e.ref) ?? ''));
  expect(owned.length).toBeGreaterThan(0);

  await page.goto(url('catalog/default/group/engineering/'));
  const roll = page.locator('[data-rollup="production-readiness"]');
  const cells = roll.locator('tr[data-scope="subteams"] td');
  // top level first, then the total
  await expect(cells).toHaveText([...[...pr.levels].reverse(), null].map((l) => String(owned.filter((e) => e.level === l).length)).concat(String(owned.length)));
  // it owns nothing itself
  await expect(roll.locator('tr[data-scope="direct"] td').last()).toHaveText('0');

  await page.goto(url('catalog/default/group/payments-team/'));
  const direct = pr.entities.filter((e) => ownerOf.get(e.ref) === 'group:default/payments-team');
  await expect(page.locator('[data-rollup="production-readiness"] tr[data-scope="direct"] td').last()).toHaveText(String(direct.length));
});
