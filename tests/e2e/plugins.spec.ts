/**
 * What plugins add, in Chromium: cards and sections on entity pages (their markup sanitized, their
 * javascript: links dropped, nothing of theirs runs), a page of their own with a table a reader
 * filters, and a search record a query finds.
 */
import { expect, test } from '@playwright/test';
import { portals } from './support/portals.js';

const hostile = (path = '') => portals().hostile.url + path;
const pwned = (page: import('@playwright/test').Page) => page.evaluate(() => (window as { __pwned?: unknown }).__pwned);

test('a plugin card and section show on the entity page, and nothing in them runs', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  await page.goto(hostile('catalog/default/component/hostile-docs/'));
  const card = page.locator('section.ext-card[data-plugin="showcase"]');
  await expect(card.getByRole('heading', { name: 'Deploys' })).toBeVisible();
  await expect(card.getByRole('link', { name: 'green' })).toHaveAttribute('href', 'https://deploy.example/hostile-docs');
  await expect(card.getByRole('link', { name: 'Runbook' })).toBeVisible();
  await expect(card.getByRole('link', { name: 'Escape' })).toHaveCount(0);
  await expect(card.locator('img')).toHaveCount(0);
  const section = page.locator('section.ext-section[data-plugin="showcase"]');
  await expect(section.getByRole('heading', { name: 'Incidents' })).toBeVisible();
  await expect(section).toContainText('Two incidents this quarter.');
  await expect(section.locator('a[href^="javascript"], script, [onerror]')).toHaveCount(0);
  await page.waitForTimeout(200);
  expect(await pwned(page)).toBeUndefined();
  expect(dialogs).toEqual([]);
});

test('a plugin page filters its table by a column, kept in the URL', async ({ page }) => {
  await page.goto(hostile('cost/'));
  await expect(page.getByRole('heading', { level: 1, name: 'Cost overview' })).toBeVisible();
  const rows = page.locator('table[data-ext-table] tbody tr');
  await expect(rows).toHaveCount(3);
  await page.getByLabel('Team').selectOption('payments');
  await expect(rows.filter({ visible: true })).toHaveCount(2);
  await expect(page.locator('[data-count]')).toHaveText('2 of 3');
  expect(new URL(page.url()).searchParams.get('team')).toBe('payments');
  // a shared link opens filtered
  await page.goto(hostile('cost/?team=storefront'));
  await expect(rows.filter({ visible: true })).toHaveCount(1);
  await expect(rows.filter({ visible: true })).toContainText('bff');
  // a cell linking into the portal
  await page.getByLabel('Team').selectOption('');
  await page.getByRole('link', { name: 'ledger' }).click();
  await expect(page).toHaveURL(/catalog\/default\/component\/hostile-docs\/$/);
});

test('without JavaScript a plugin page shows every row and no filter', async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(hostile('cost/'));
  await expect(page.locator('table[data-ext-table] tbody tr')).toHaveCount(3);
  await expect(page.locator('form[data-ext-filters]')).toBeHidden();
  await ctx.close();
});

test('search finds a plugin record and a plugin page', async ({ page }) => {
  await page.goto(hostile('search/?q=quillfeather'));
  await expect(page.locator('.search-result-link').filter({ hasText: 'Cost overview' }).first()).toBeVisible();
  await page.goto(hostile('search/?q=monthly%20cloud%20spend'));
  await expect(page.locator('.search-result-link').filter({ hasText: 'Cost overview' }).first()).toBeVisible();
});

const demo = (path = '') => portals().root.url + path;

test('the demo’s first-party plugins: a README with its image, an owner from CODEOWNERS, a changelog, the on-call card', async ({ page }) => {
  await page.goto(demo('catalog/default/component/sales-ingest/'));
  const readme = page.locator('section#x-readme');
  await expect(readme.getByRole('heading', { name: 'README' })).toBeVisible();
  await expect(readme).toContainText('Running it locally');
  // a relative image of the repo, published with the portal
  const img = readme.locator('img').first();
  await expect(img).toBeVisible();
  expect(await img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);

  await page.goto(demo('catalog/default/component/payments-sdk/'));
  await expect(page.locator('.about-grid')).toContainText('Payments (from CODEOWNERS, line 2)');

  await page.goto(demo('catalog/default/component/storefront-bff/'));
  const changelog = page.locator('section#x-changelog');
  await expect(changelog.getByRole('heading', { name: /2\.3\.0/ })).toBeVisible();
  await expect(changelog.getByRole('link', { name: 'Full changelog' })).toHaveAttribute('href', /CHANGELOG\.md$/);
  await expect(page.locator('[data-action="github#1"] a')).toHaveText('Pull requests');

  await page.goto(demo('catalog/default/component/audience-reporting/'));
  const oncall = page.locator('section.ext-card[data-plugin="on-call"]');
  await expect(oncall).toContainText('go to the data-primary rotation');
  await expect(oncall.getByRole('link', { name: 'Who is on call now' })).toHaveAttribute('href', 'https://oncall.foyer.example/rotations/data-primary');
});

test('a plugin’s Markdown image loads under a sub-path too', async ({ page }) => {
  await page.goto(portals().sub.url + 'catalog/default/component/sales-ingest/');
  const img = page.locator('section#x-readme img').first();
  await expect(img).toBeVisible();
  expect(await img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
});

test('ADRs: from the entity to the index, filtered by status, to a record and along the series', async ({ page }) => {
  await page.goto(demo('catalog/default/component/checkout-service/'));
  await expect(page.locator('section.ext-card[data-plugin="adr"]')).toContainText('Superseded');
  await page.locator('.entity-actions').getByRole('link', { name: 'Architecture decisions' }).click();
  await expect(page).toHaveURL(/checkout-service\/adrs\/$/);
  const rows = page.locator('table[data-ext-table] tbody tr');
  await expect(rows).toHaveCount(4);
  await page.getByLabel('Status').selectOption('superseded');
  await expect(rows.filter({ visible: true })).toHaveCount(1);
  await rows.filter({ visible: true }).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Capture payment when the order is created');
  await expect(page.locator('.ext-facts')).toContainText('Superseded by');
  // the record it was superseded by, through the status fact, and back along the series
  await page.locator('.ext-facts').getByRole('link', { name: /Superseded by/ }).click();
  await expect(page).toHaveURL(/adrs\/0004-[^/]+\/$/);
  await page.getByRole('link', { name: /^← / }).click();
  await expect(page).toHaveURL(/adrs\/0003-[^/]+\/$/);
});

test('search finds an ADR by a phrase of its text, under its own section', async ({ page }) => {
  await page.goto(demo('search/?q=uncaptured%20money'));
  await expect(page.locator('.search-result-link').filter({ hasText: 'Capture payment when the order is created' }).first()).toBeVisible();
});
