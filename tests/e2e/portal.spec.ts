/** What a developer does with the portal: filter the catalog, read an entity, follow its diagram, search. */
import { expect, test, type Page } from '@playwright/test';
import { portals } from './support/portals.js';

const url = (path = '') => portals().root.url + path;

function trackConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test('the explorer filters by kind and owner, keeps them in the URL, and survives reload and back', async ({ page }) => {
  await page.goto(url('catalog/'));
  await expect(page.locator('[data-explorer][data-ready]')).toBeAttached();
  const rows = page.locator('.explorer-table tbody tr');
  // It opens on the demo's 19 components.
  await expect(rows).toHaveCount(19);
  await expect(page.locator('[data-status]')).toContainText('of 19 components');
  const owner = page.locator('[data-facet="owner"] input[value="group:default/payments-team"]');
  await owner.check();
  await expect(rows).toHaveCount(6);
  const query = new URL(page.url()).searchParams;
  expect(query.get('kind')).toBe('component');
  expect(query.get('owner')).toBe('group:default/payments-team');
  await expect(rows.locator('td:first-child a')).toHaveText(
    ['@foyer/payments-sdk', 'Checkout service', 'Fraud screening', 'Ledger', 'Payment gateway adapter', 'Refunds worker']);

  await page.reload();
  await expect(page.locator('[data-explorer][data-ready]')).toBeAttached();
  await expect(rows).toHaveCount(6);
  await expect(owner).toBeChecked();

  await page.goBack();
  await expect(rows).toHaveCount(19);
  await expect(owner).not.toBeChecked();

  // A shared link with the filters in the query opens filtered.
  await page.goto(url('catalog/?kind=api&owner=group:default/platform-team'));
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Identity API');
  await page.getByLabel('Filter', { exact: true }).fill('nothing-matches-this');
  await expect(page.locator('[data-status]')).toHaveText('No entities match these filters.');
});

test('an entity page shows its owner, relations, missing targets and a diagram whose links all work', async ({ page, request }) => {
  await page.goto(url('catalog/default/component/checkout-service/'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Checkout service');
  const about = page.locator('section.about');
  const owner = about.locator('div', { has: page.locator('dt', { hasText: /^Owner$/ }) }).getByRole('link');
  await expect(owner).toHaveText('Payments');
  await expect(owner).toHaveAttribute('href', '/catalog/default/group/payments-team/');
  const section = (title: RegExp) => page.locator('.entity-section', { has: page.getByRole('heading', { name: title }) });
  const consumes = section(/^Consumed APIs/);
  await expect(consumes.getByRole('link', { name: 'Identity API' })).toBeVisible();
  await expect(consumes.getByRole('link', { name: 'Ledger gRPC API' })).toBeVisible();
  // The demo's deliberate dangling ref: shown, marked missing, never linked.
  const dependsOn = section(/^Depends on/);
  await expect(dependsOn.getByRole('link', { name: 'Payments database' })).toBeVisible();
  await expect(dependsOn.locator('.missing')).toContainText('legacy-billing');
  await expect(dependsOn.locator('.missing a')).toHaveCount(0);

  const diagram = page.locator('[data-diagram="depth1"] svg');
  await expect(diagram).toBeVisible();
  const hrefs = await diagram.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? a.getAttribute('xlink:href') ?? ''));
  expect(hrefs.length).toBeGreaterThanOrEqual(5);
  for (const href of hrefs) {
    const res = await request.get(new URL(href, page.url()).href);
    expect(res.status(), href).toBe(200);
  }
});

test('an API page highlights its definition and offers it for download', async ({ page, request }) => {
  await page.goto(url('catalog/default/api/payments-api/'));
  await expect(page.locator('.code-block pre.shiki')).toContainText('/payment-intents');
  const link = page.getByRole('link', { name: 'Download' });
  await expect(link).toHaveAttribute('download', 'payments-api.yaml');
  const res = await request.get(new URL((await link.getAttribute('href'))!, page.url()).href);
  expect(res.status()).toBe(200);
  expect(await res.text()).toMatch(/^openapi: 3\./m);
});

test('search finds a component by name first, and a kind filter narrows the results', async ({ page }) => {
  await page.goto(url(''));
  await page.locator('#home-search-input').fill('ledger');
  await page.locator('#home-search-input').press('Enter');
  await expect(page).toHaveURL(/\/search\/\?q=ledger/);
  const results = page.locator('.search-result');
  await expect(results.first()).toBeVisible();
  await expect(results.first().locator('.search-result-link')).toHaveText('Ledger');
  await expect(results.first().locator('.search-result-link')).toHaveAttribute('href', '/catalog/default/component/ledger-service/');
  const before = await results.count();
  expect(before).toBeGreaterThan(2);
  await page.locator('.search-filter-name', { hasText: 'Kind' }).click();
  await page.getByLabel(/^API\s*\d/).check();
  await expect(results).toHaveCount(1);
  await expect(results.first().locator('.search-result-link')).toHaveText('Ledger gRPC API');
});

test('keyboard only: Tab from page load reaches the search box, and "/" opens the search dialog', async ({ page }) => {
  await page.goto(url('catalog/default/component/ledger-service/'));
  let reached = false;
  // skip link, brand, the sections and the demo's header link (site.header_links), then the box
  for (let i = 0; i < 12 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.id === 'header-search-input');
  }
  expect(reached).toBe(true);
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('/');
  await expect(page.locator('#search-dialog-input')).toBeFocused();
  await page.keyboard.type('refunds');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/search\/\?q=refunds$/);
  await expect(page.locator('.search-result').first()).toBeVisible();
});

test('the skip link is the first stop and moves focus to the content', async ({ page }) => {
  await page.goto(url(''));
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
});

test('no console errors on any page type', async ({ page }) => {
  // nineteen pages, each to network idle: on a loaded 2-core machine that is more than the default 30 s
  test.setTimeout(90_000);
  const errors = trackConsole(page);
  const paths = ['', 'catalog/?kind=component', 'catalog/default/component/checkout-service/', 'catalog/default/api/ledger-grpc/',
    'catalog/default/api/catalog-graphql/', 'catalog/default/resource/payments-db/', 'catalog/default/system/payments/',
    'catalog/default/domain/ticketing/', 'catalog/default/group/payments-team/', 'catalog/default/user/priya.raman/',
    'catalog/default/location/foyer-org/', 'catalog/default/template/node-service/', 'search/?q=payments', 'docs/',
    'docs/default/system/payments/', 'docs/default/system/payments/architecture/', 'docs/default/system/developer-platform/',
    'docs/default/component/engineering-handbook/practices/incidents/response/'];
  for (const p of paths) {
    const res = await page.goto(url(p));
    expect(res?.status(), p).toBe(200);
    await page.waitForLoadState('networkidle');
  }
  const res = await page.goto(url('catalog/nope/'));
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  // The 404 response itself is logged by Chromium as a failed resource load; nothing else may be.
  expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
});

test('a --base /sub/path/ build works under its sub-path: pages, assets, explorer, diagrams and search', async ({ page, request }) => {
  const { sub } = portals();
  const errors = trackConsole(page);
  await page.goto(sub.url);
  await expect(page.getByRole('link', { name: 'Catalog', exact: true })).toHaveAttribute('href', '/sub/path/catalog/');
  const css = await page.locator('link[rel="stylesheet"]').first().getAttribute('href');
  expect(css).toMatch(/^\/sub\/path\/_astro\//);
  await page.getByRole('link', { name: 'Catalog', exact: true }).click();
  await expect(page.locator('.explorer-table tbody tr').first()).toBeVisible();
  await page.getByRole('link', { name: 'Checkout service' }).click();
  await expect(page).toHaveURL(/\/sub\/path\/catalog\/default\/component\/checkout-service\/$/);
  const nodeHref = await page.locator('[data-diagram="depth1"] svg a').first().getAttribute('href');
  expect(nodeHref).toMatch(/^\/sub\/path\/catalog\//);
  expect((await request.get(new URL(nodeHref!, page.url()).href)).status()).toBe(200);
  await page.goto(`${sub.url}search/?q=ledger`);
  const first = page.locator('.search-result-link').first();
  await expect(first).toHaveText('Ledger');
  expect(await first.getAttribute('href')).toMatch(/^\/sub\/path\/catalog\/default\/component\/ledger-service\/$/);
  expect(errors).toEqual([]);
});
