/**
 * Every page ships a Content-Security-Policy that lets only the portal's own script files run:
 * the portal's features all work under it (explorer, search, docs search, mermaid, copy buttons),
 * nothing the portal does violates it, and markup that slipped past the sanitizer could not run.
 */
import { expect, test, type Page } from '@playwright/test';
import { portals } from './support/portals.js';

const url = (path = '') => portals().root.url + path;

/** Collects CSP violations the page reports (the browser fires an event for each). */
async function trackViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    (window as { __csp?: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as { __csp?: string[] }).__csp!.push(`${e.effectiveDirective} ${e.blockedURI}`);
    });
  });
  return () => page.evaluate(() => (window as { __csp?: string[] }).__csp ?? []);
}

const PAGES: Array<[string, (p: Page) => Promise<void>]> = [
  ['', async (p) => { await expect(p.getByRole('heading', { level: 1 })).toBeVisible(); }],
  ['catalog/?kind=component', async (p) => { await expect(p.locator('table tbody tr').first()).toBeVisible(); }],
  ['catalog/default/system/payments/', async (p) => {
    await expect(p.locator('svg a').first()).toBeVisible();
    // a diagram in a fold is fetched and inlined when it opens, with no style element the CSP would refuse
    await p.locator('summary', { hasText: 'Direct relations' }).click();
    await expect(p.locator('[data-diagram="depth1"] > svg a').first()).toBeVisible();
  }],
  ['catalog/default/api/ledger-grpc/', async (p) => {
    await expect(p.locator('article.api-op').first()).toBeVisible();
    await p.locator('#source > summary').click();
    await expect(p.locator('#source pre.shiki')).toBeVisible();
  }],
  ['search/?q=ledger', async (p) => { await expect(p.locator('.search-result').first()).toBeVisible(); }],
  ['docs/default/system/payments/architecture/', async (p) => {
    await expect(p.locator('.docs-content pre.mermaid svg')).toBeVisible();
    await expect(p.locator('.docs-content pre.mermaid svg')).not.toHaveAttribute('aria-roledescription', 'error');
  }],
  ['docs/default/system/payments/runbooks/idempotency-key-rotation/', async (p) => {
    await expect(p.locator('figure.code-block > button.code-copy').first()).toBeAttached();
    await expect(p.locator('figure.code-block > button.code-copy').first()).not.toHaveAttribute('hidden', '');
    await p.getByLabel('Search these docs').fill('refund');
    await expect(p.locator('.docs-search-results a').first()).toBeVisible();
  }],
];

test('every page type works under its CSP and violates none of it', async ({ page }) => {
  const violations = await trackViolations(page);
  for (const [path, works] of PAGES) {
    await page.goto(url(path));
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp, path).toMatch(/script-src 'self'/);
    expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    await works(page);
    await page.waitForLoadState('networkidle');
    expect(await violations(), path).toEqual([]);
  }
});

test('markup that slipped past the sanitizer cannot run script', async ({ page }) => {
  const violations = await trackViolations(page);
  await page.goto(url('docs/default/system/payments/'));
  await page.evaluate(() => {
    const div = document.createElement('div');
    // what a sanitizer bug would let through: handlers, inline script, a javascript: link
    div.innerHTML = '<img src="data:," onerror="window.__pwned=1"><a id="js" href="javascript:window.__pwned=2">x</a>';
    document.body.append(div);
    const s = document.createElement('script');
    s.textContent = 'window.__pwned = 3';
    document.body.append(s);
  });
  await page.locator('#js').click();
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  const seen = await violations();
  expect(seen.filter((v) => v.startsWith('script-src')).length).toBeGreaterThanOrEqual(3);
});
