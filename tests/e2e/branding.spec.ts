/**
 * The demo's branding (content/portal.yaml `site:`, issue 13) as a reader meets it: Foyer's logo per
 * theme, its favicon and accent colours, the dismissible banner, header and footer links, the home
 * page's introduction and start-here cards, the custom stylesheet — all under the CSP, at `/` and
 * under a sub-path.
 */
import { expect, test, type Page } from '@playwright/test';
import { portals } from './support/portals.js';

const HASHED = /\/playbill\/brand\/[a-z-]+\.[0-9a-f]{8}\.(svg|css)$/;

/** CSP violations and console errors the page reports. */
async function track(page: Page): Promise<() => Promise<string[]>> {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    (window as { __csp?: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as { __csp?: string[] }).__csp!.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  return async () => [...errors, ...await page.evaluate(() => (window as { __csp?: string[] }).__csp ?? [])];
}

test('the logo replaces the mark beside the title, one per theme, with its alt text', async ({ browser }) => {
  for (const scheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(portals().root.url);
    const brand = page.locator('.site-header a.brand');
    await expect(brand.locator('svg.brand-mark')).toHaveCount(0);
    await expect(brand).toContainText('Foyer Developer Portal');
    const shown = brand.locator(`img.brand-logo-${scheme}`);
    const hidden = brand.locator(`img.brand-logo-${scheme === 'light' ? 'dark' : 'light'}`);
    await expect(shown).toBeVisible();
    await expect(hidden).toBeHidden();
    await expect(shown).toHaveAttribute('alt', 'Foyer');
    expect(await shown.getAttribute('src')).toMatch(new RegExp(`/playbill/brand/logo${scheme === 'dark' ? '-dark' : ''}\\.[0-9a-f]{8}\\.svg$`));
    await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    // the reader's choice wins over the system's, as for every other colour
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect(hidden).toBeVisible();
    await expect(shown).toBeHidden();
    await context.close();
  }
});

test('the favicon and the stylesheets are hashed files of the portal that exist', async ({ page, request }) => {
  await page.goto(portals().root.url);
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(icon).toMatch(/^\/playbill\/brand\/favicon\.[0-9a-f]{8}\.svg$/);
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('type', 'image/svg+xml');
  const sheets = await page.locator('link[rel="stylesheet"][href*="/playbill/brand/"]').evaluateAll((ls) => ls.map((l) => l.getAttribute('href')!));
  expect(sheets).toEqual([expect.stringMatching(/accent\.[0-9a-f]{8}\.css$/), expect.stringMatching(/custom\.[0-9a-f]{8}\.css$/)]);
  for (const href of [icon!, ...sheets]) {
    expect(href).toMatch(HASHED);
    const res = await request.get(new URL(href, portals().root.url).href);
    expect(res.status(), href).toBe(200);
    expect(res.headers()['content-type'], href).toMatch(href.endsWith('.svg') ? /^image\/svg\+xml/ : /^text\/css/);
  }
  // the owner's stylesheet comes after Playbill's own, so that its rules win a tie
  const order = await page.evaluate(() => [...document.styleSheets].map((s) => s.href ?? ''));
  expect(order.findIndex((h) => h.includes('/custom.'))).toBeGreaterThan(order.findIndex((h) => h.includes('/_astro/')));
});

test('the accent colours links and primary buttons, with readable button text, in both themes', async ({ browser }) => {
  const expected = { light: ['rgb(124, 58, 237)', 'rgb(255, 255, 255)'], dark: ['rgb(167, 139, 250)', 'rgb(13, 17, 23)'] };
  for (const scheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(portals().root.url);
    const button = page.locator('.home-search button.button-primary');
    const [bg, fg] = await button.evaluate((b) => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color]);
    expect([bg, fg], scheme).toEqual(expected[scheme]);
    expect(await page.locator('.intro a').first().evaluate((a) => getComputedStyle(a).color)).toBe(expected[scheme][0]);
    await context.close();
  }
});

test('the custom stylesheet is applied', async ({ page }) => {
  await page.goto(portals().root.url);
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--foyer-brand').trim())).toBe('1');
  expect(await page.locator('.site-header').evaluate((h) => getComputedStyle(h).boxShadow)).toContain('rgb(124, 58, 237)');
});

test('the banner shows on every page until dismissed, and stays dismissed after a reload and on other pages', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(portals().root.url);
  const banner = page.getByRole('region', { name: 'Announcement' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Change freeze for the holiday season from Dec 18');
  await expect(banner.locator('strong')).toHaveText('Dec 18');
  await expect(banner.getByRole('link', { name: 'Release checklist' })).toHaveAttribute('href', '/docs/default/component/box-office-web/operations/release-checklist/');
  await page.goto(`${portals().root.url}catalog/default/component/checkout-service/`);
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Dismiss this announcement' }).click();
  await expect(banner).toBeHidden();
  await page.reload();
  await expect(banner).toBeHidden();
  // hidden before the first paint, not after: the attribute is set by the script in <head>
  expect(await page.evaluate(() => document.documentElement.hasAttribute('data-banner-dismissed'))).toBe(true);
  await page.goto(`${portals().root.url}docs/default/system/payments/`);
  await expect(banner).toBeHidden();
  expect(await page.evaluate(() => localStorage.getItem('playbill-dismissed-banners'))).toBe('["q4-freeze"]');
  // an announcement with another id is news again
  await page.evaluate(() => localStorage.setItem('playbill-dismissed-banners', '["q3-freeze"]'));
  await page.reload();
  await expect(banner).toBeVisible();
  await context.close();
});

test('header and footer links from the config, after Playbill\'s own', async ({ page }) => {
  await page.goto(portals().root.url);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link')).toHaveText(['Home', 'Catalog', 'Docs', 'Teams', 'Create', 'Scorecards', 'Health', 'Search', 'Status']);
  await expect(nav.getByRole('link', { name: 'Status' })).toHaveAttribute('href', 'https://status.foyer.example');
  const footer = page.getByRole('navigation', { name: 'Footer' });
  await expect(footer.getByRole('link')).toHaveText(['Handbook', '#platform on Slack', 'Security']);
  await expect(footer.getByRole('link', { name: 'Security' })).toHaveAttribute('href', 'mailto:security@foyer.example');
  await footer.getByRole('link', { name: 'Handbook' }).click();
  await expect(page).toHaveURL(/\/docs\/default\/component\/engineering-handbook\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('the home page shows the introduction below the lead and the start-here cards, which lead to their pages', async ({ page }) => {
  await page.goto(portals().root.url);
  const intro = page.locator('.hero .lead + .intro');
  await expect(intro).toContainText('Everything that runs Foyer');
  await expect(intro.locator('code')).toHaveText('#platform');
  const section = page.getByRole('region', { name: 'Start here' });
  const cards = section.locator('a.card');
  await expect(cards.locator('.start-title')).toHaveText(['Your first week', 'Golden path for a new service', 'How payments work']);
  await expect(cards.nth(0)).toContainText('Accounts, the tour of the stack');
  await cards.nth(2).click();
  await expect(page).toHaveURL(/\/catalog\/default\/system\/payments\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payments');
});

test('under a sub-path, the portal\'s own links and files get the base', async ({ page }) => {
  const { url, base } = portals().sub;
  await page.goto(url);
  expect(await page.locator('link[rel="icon"]').getAttribute('href')).toMatch(new RegExp(`^${base}playbill/brand/favicon\\.`));
  expect(await page.locator('img.brand-logo').first().getAttribute('src')).toMatch(new RegExp(`^${base}playbill/brand/logo\\.`));
  await expect(page.locator('.intro a')).toHaveAttribute('href', `${base}docs/default/component/engineering-handbook/`);
  await expect(page.getByRole('region', { name: 'Announcement' }).getByRole('link')).toHaveAttribute('href', `${base}docs/default/component/box-office-web/operations/release-checklist/`);
  await expect(page.getByRole('navigation', { name: 'Footer' }).getByRole('link', { name: 'Handbook' })).toHaveAttribute('href', `${base}docs/default/component/engineering-handbook/`);
  await page.getByRole('region', { name: 'Start here' }).getByRole('link', { name: /Your first week/ }).click();
  await expect(page).toHaveURL(new RegExp(`${base}docs/default/component/engineering-handbook/onboarding/first-week/$`));
  // the accent's stylesheet loaded from under the base too
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim())).toBe('#7c3aed');
});

test('home, entity and docs pages with the branding violate no CSP and log no error', async ({ page }) => {
  const problems = await track(page);
  for (const path of ['', 'catalog/default/component/checkout-service/', 'docs/default/system/payments/runbooks/idempotency-key-rotation/']) {
    await page.goto(portals().root.url + path);
    await expect(page.locator('img.brand-logo').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
  }
  await page.getByRole('button', { name: 'Dismiss this announcement' }).click();
  expect(await problems()).toEqual([]);
});
