/** TechDocs in the portal: what a reader of the demo's docs sees and does, and what hostile docs cannot do. */
import { expect, test, type Page } from '@playwright/test';
import { portals } from './support/portals.js';

const url = (path = '') => portals().root.url + path;
const RUNBOOK = 'docs/default/system/payments/runbooks/idempotency-key-rotation/';

function trackConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test('a docs page: sidebar with the current page, TOC, highlighted code, admonition, edit link, last change, breadcrumbs, owner', async ({ page }) => {
  const errors = trackConsole(page);
  await page.goto(url(RUNBOOK));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Idempotency key rotation/);
  await expect(page).toHaveTitle(/^Idempotency key rotation · Payments · Foyer Developer Portal$/);

  const sidebar = page.locator('.sidebar');
  const current = sidebar.locator('a[aria-current="page"]');
  await expect(current).toHaveCount(1);
  await expect(current).toHaveText('Idempotency key rotation');
  // The page's section is open; its sibling in that section is listed too.
  await expect(sidebar.getByRole('link', { name: 'Refund backlog' })).toBeVisible();

  const toc = page.locator('aside.toc');
  await expect(toc.getByRole('link')).toHaveText(['When to run it', 'Before you start', 'Steps', 'If conflicts spike']);
  await toc.getByRole('link', { name: 'Steps' }).click();
  await expect(page).toHaveURL(/#steps$/);
  await expect(page.locator('.docs-content h2#steps')).toBeInViewport();

  const content = page.locator('article.docs-content');
  expect(await content.locator('pre.shiki span[style*="--shiki-light"]').count()).toBeGreaterThan(5);
  await expect(content.locator('.admonition.warning .admonition-title')).toHaveText('Do not delete the old secret early');

  await expect(page.getByRole('link', { name: 'Edit this page' }))
    .toHaveAttribute('href', 'https://github.com/foyer-tickets/payments/edit/main/docs/runbooks/idempotency-key-rotation.md');
  await expect(page.locator('.docs-updated')).toHaveText(/^Last updated \d{1,2} \w+ \d{4} by .+/);
  await expect(page.locator('.breadcrumbs li')).toHaveText(['Docs', 'Payments', 'Idempotency key rotation']);
  await expect(page.locator('.breadcrumbs a').nth(1)).toHaveAttribute('href', '/docs/default/system/payments/');
  const context = page.locator('.docs-context');
  await expect(context.getByRole('link').first()).toHaveAttribute('href', '/catalog/default/system/payments/');
  await expect(context.getByRole('link', { name: 'Payments' }).last()).toHaveAttribute('href', '/catalog/default/group/payments-team/');
  expect(errors).toEqual([]);
});

test('the copy button copies a code block', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(url(RUNBOOK));
  const block = page.locator('.docs-content figure.code-block').first();
  const button = block.locator('button.code-copy');
  await expect(button).toBeVisible();
  await button.click();
  await expect(button).toHaveText('Copied');
  const code = await block.locator('pre code').textContent();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  expect(code).toContain('vault kv');
});

test('tabs switch', async ({ page }) => {
  await page.goto(url('docs/default/system/developer-platform/getting-started/'));
  const set = page.locator('.docs-content .tabbed-set').first();
  const blocks = set.locator('.tabbed-content > .tabbed-block');
  await expect(blocks.nth(0)).toBeVisible();
  await expect(blocks.nth(1)).toBeHidden();
  await set.locator('.tabbed-labels label', { hasText: 'pnpm' }).click();
  await expect(blocks.nth(1)).toBeVisible();
  await expect(blocks.nth(0)).toBeHidden();
  await expect(blocks.nth(1)).toContainText('pnpm');
});

test('a mermaid diagram renders to SVG in the browser, from the bundled script', async ({ page }) => {
  const errors = trackConsole(page);
  const external: string[] = [];
  page.on('request', (r) => { if (!r.url().startsWith(portals().root.url)) external.push(r.url()); });
  await page.goto(url('docs/default/system/payments/architecture/'));
  const svg = page.locator('.docs-content pre.mermaid svg');
  await expect(svg).toBeVisible();
  // Mermaid draws a syntax error as an SVG too: check it drew the flowchart.
  await expect(svg).not.toHaveAttribute('aria-roledescription', 'error');
  expect(await svg.locator('g.node').count()).toBeGreaterThanOrEqual(5);
  await expect(svg).toContainText('checkout-service');
  expect(external).toEqual([]);
  expect(errors).toEqual([]);
  // Pages without diagrams do not pay for the script.
  await page.goto(url(RUNBOOK));
  await expect(page.locator('script[src*="mermaid"]')).toHaveCount(0);
});

test('sidebar and prev/next links of every docs site lead to existing pages', async ({ page, request }) => {
  await page.goto(url('docs/'));
  const sites = await page.locator('table.docs-index tbody tr td:first-child > a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  expect(sites).toHaveLength(4);
  const seen = new Set<string>();
  for (const site of sites) {
    await page.goto(site);
    const links = await page.locator('.sidebar .docs-nav-list a:not(.docs-nav-external), .docs-pager a')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.length, site).toBeGreaterThan(2);
    for (const href of links) {
      if (seen.has(href)) continue;
      seen.add(href);
      expect((await request.get(href)).status(), href).toBe(200);
    }
  }
  expect(seen.size).toBeGreaterThanOrEqual(21);
  // Walking "Next" from a site's first page visits its pages in nav order.
  await page.goto(url('docs/default/system/payments/'));
  const titles: string[] = [];
  for (let i = 0; i < 10 && (await page.locator('a[rel="next"]').count()); i++) {
    await page.locator('a[rel="next"]').click();
    titles.push((await page.locator('.sidebar a[aria-current="page"]').textContent()) ?? '');
  }
  expect(titles).toEqual(['Architecture', 'Using the Payments API', 'Idempotency key rotation', 'Refund backlog', 'ADR 0007: Generated API clients']);
});

test('the docs index lists every site with its owner and last update; entity pages link to their docs', async ({ page }) => {
  await page.goto(url('docs/'));
  const row = page.locator('tr[data-docs-site="system:default/payments"]');
  await expect(row.getByRole('link', { name: 'Payments' }).first()).toHaveAttribute('href', '/docs/default/system/payments/');
  await expect(row.locator('td').nth(2).getByRole('link')).toHaveAttribute('href', '/catalog/default/group/payments-team/');
  await expect(row.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\d/);
  await expect(row).toContainText('Checkout service');
  // An entity sharing docs (techdocs-entity) links to the owning site: no copy of its pages.
  await page.goto(url('catalog/default/component/checkout-service/'));
  await page.getByRole('link', { name: 'Read the docs' }).click();
  await expect(page).toHaveURL(/\/docs\/default\/system\/payments\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Payments/);
});

test('portal search finds a phrase from a docs page and links to it', async ({ page }) => {
  await page.goto(url('search/?q=idempotency%20key%20rotation'));
  const first = page.locator('.search-result').first();
  await expect(first.locator('.search-result-link')).toHaveText('Idempotency key rotation');
  await first.locator('.search-result-link').click();
  await expect(page).toHaveURL(new RegExp(`/${RUNBOOK}$`));
  // A Docs filter narrows the portal's search to one site's pages.
  await page.goto(url('search/?q=checkout'));
  await expect(page.locator('.search-result').first()).toBeVisible();
  await page.locator('.search-filter-name', { hasText: /^Docs/ }).click();
  const links = page.locator('.search-result-link');
  const before = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(before.some((h) => !h.startsWith('/docs/default/system/payments/'))).toBe(true);
  await page.locator('input[name="docs"][value="Payments"]').check();
  await expect(page).toHaveURL(/[?&]docs=Payments/);
  await expect.poll(async () => {
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    return hrefs.length >= 3 && hrefs.every((h) => h.startsWith('/docs/default/system/payments/'));
  }).toBe(true);
});

test('"search these docs" returns only this site\'s pages', async ({ page }) => {
  // "checkout" appears in the docs of all four sites: the portal's search returns them all...
  await page.goto(url('search/?q=checkout'));
  await expect(page.locator('.search-result').first()).toBeVisible();
  await expect(page.locator('.search-status')).toContainText(/\d+ results?/);
  await page.goto(url('docs/default/component/box-office-web/'));
  const box = page.getByLabel('Search these docs');
  await box.fill('checkout');
  const results = page.locator('.docs-search-results a');
  await expect(results.first()).toBeVisible();
  const hrefs = await results.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs.every((h) => h!.startsWith('/docs/default/component/box-office-web/')), hrefs.join()).toBe(true);
  // ...and the same box on the payments docs finds payments pages only, first the runbook for this phrase.
  await page.goto(url(RUNBOOK));
  await page.getByLabel('Search these docs').fill('idempotency key rotation');
  await expect(results.first()).toHaveText('Idempotency key rotation');
  const payments = await results.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(payments.every((h) => h!.startsWith('/docs/default/system/payments/')), payments.join()).toBe(true);
  await results.first().click();
  await expect(page).toHaveURL(new RegExp(`/${RUNBOOK}$`));
});

test('docs pages work under a --base /sub/path/ build, images included', async ({ page }) => {
  const { sub } = portals();
  const errors = trackConsole(page);
  for (const [path, alt] of [
    ['docs/default/component/engineering-handbook/practices/code-review/', 'How a pull request moves from draft to production'],
    ['docs/default/component/box-office-web/architecture/', 'Request flow from browser to backend services'],
  ] as const) {
    for (const base of [portals().root.url, sub.url]) {
      await page.goto(base + path);
      const img = page.getByAltText(alt);
      await expect(img).toBeVisible();
      await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
    }
  }
  await page.goto(`${sub.url}${RUNBOOK}`);
  await expect(page.locator('.sidebar a[aria-current="page"]')).toHaveAttribute('href', `/sub/path/${RUNBOOK}`);
  await page.getByLabel('Search these docs').fill('refund');
  await expect(page.locator('.docs-search-results a').first()).toHaveAttribute('href', /^\/sub\/path\/docs\/default\/system\/payments\//);
  await page.goto(`${sub.url}docs/default/system/payments/architecture/`);
  await expect(page.locator('.docs-content pre.mermaid svg')).toBeVisible();
  expect(errors).toEqual([]);
});

test('hostile docs render inert: no dialog, no handlers, no scripts, no javascript: URLs', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  const { hostile } = portals();
  for (const path of ['docs/default/component/hostile-docs/', 'docs/default/component/hostile-docs/tricks/']) {
    const res = await page.goto(hostile.url + path);
    expect(res?.status(), path).toBe(200);
    await page.waitForLoadState('load');
    const content = page.locator('article.docs-content');
    await expect(content).toBeVisible();
    // Hover and click what the page offers, as a curious reader would.
    for (const el of await content.locator('a, b, details, img, button').all()) {
      await el.hover({ timeout: 1000, trial: false }).catch(() => undefined);
    }
    await page.waitForTimeout(300);
    const found = await content.evaluate((root) => {
      const bad: string[] = [];
      for (const el of root.querySelectorAll('*')) {
        for (const a of el.attributes) {
          if (/^on/i.test(a.name)) bad.push(`${el.tagName} ${a.name}`);
          if (/^\s*(javascript|vbscript|data:text\/html)/i.test(a.value.replace(/[\s\u0000-\u001f]/g, ''))) bad.push(`${el.tagName} ${a.name}=${a.value}`);
        }
        if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'BASE', 'META', 'FORM'].includes(el.tagName.toUpperCase())) bad.push(el.tagName);
      }
      return bad;
    });
    expect(found, path).toEqual([]);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned), path).toBeUndefined();
  }
  // Nav links to javascript: or outside the repo are dropped, not rendered.
  const nav = await page.locator('.sidebar a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(nav.some((h) => /javascript:|etc\/passwd/i.test(h))).toBe(false);
  expect(dialogs).toEqual([]);
});
