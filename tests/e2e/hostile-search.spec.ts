/**
 * The search page and the search dialog show what came from repos as text: entity titles, types,
 * lifecycles, owners, systems, docs site names, descriptions and excerpts that carry script stay
 * inert, opened from a shared link (`/search/?q=…`) with no typing, with every filter group open,
 * and while typing in the dialog.
 */
import { expect, test, type Page } from '@playwright/test';
import { portals } from './support/portals.js';

async function expectInert(page: Page, root = '[data-search-root]'): Promise<void> {
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  const bad = await page.locator(root).evaluate((root) => {
    const found: string[] = [];
    for (const el of root.querySelectorAll('*')) {
      for (const a of el.attributes) if (/^on/i.test(a.name)) found.push(`${el.tagName} ${a.name}`);
      if (['IMG', 'SVG', 'SCRIPT', 'IFRAME'].includes(el.tagName.toUpperCase())) found.push(el.tagName);
    }
    return found;
  });
  expect(bad).toEqual([]);
}

test('hostile titles, filters and excerpts reach the search page as text', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  const { hostile } = portals();
  await page.goto(`${hostile.url}search/?q=pwnbait`);
  const results = page.locator('.search-result');
  await expect(results.first()).toBeVisible();
  // the hostile markup is there, as the text a reader can see
  await expect(page.locator('.search-result-link').filter({ hasText: 'Bait <img src=x onerror="window.__pwned=1"> title' })).toHaveCount(1);
  await expect(page.locator('.search-result-excerpt').filter({ hasText: '<img src=x onerror=' }).first()).toBeVisible();
  // owner, system and lifecycle under the title, as text
  await expect(page.locator('.search-result-meta').first())
    .toHaveText('<img src=x onerror="window.__pwned=6">Security · <img src=x onerror="window.__pwned=7"> · <svg onload="window.__pwned=5">');
  // open every filter group: type, lifecycle, system and docs values are all script (the owner, which
  // every result shares, narrows nothing and is not offered)
  for (const name of await page.locator('.search-filter-name').all()) await name.click();
  await expect(page.getByLabel('<img src=x onerror="window.__pwned=4">')).toBeVisible();
  await expect(page.getByLabel('<svg onload="window.__pwned=5">')).toBeVisible();
  await expect(page.getByLabel(/^<img src=x onerror="window.__pwned=7">/)).toBeVisible();
  await expectInert(page);
  // narrowing by a hostile value works, and stays inert
  await page.getByLabel('<img src=x onerror="window.__pwned=4">').check();
  await expect(page).toHaveURL(/type=%3Cimg/);
  await expect(results).toHaveCount(1);
  await expectInert(page);
  // a shared link with the filter in it opens the same narrowed result
  await page.goto(page.url());
  await expect(results).toHaveCount(1);
  await expectInert(page);
  expect(dialogs).toEqual([]);
});

test('hostile titles, facts and excerpts reach the search dialog as text', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  await page.goto(portals().hostile.url);
  await page.keyboard.press('Control+k');
  await page.locator('#search-dialog-input').fill('pwnbait');
  const entity = page.locator('#search-dialog-results [role="option"]', { has: page.locator('.badge-kind') });
  await expect(entity.locator('.sd-title')).toHaveText('Bait <img src=x onerror="window.__pwned=1"> title');
  await expect(entity.locator('.sd-meta')).toContainText('<img src=x onerror="window.__pwned=6">Security');
  await expect(entity.locator('.sd-excerpt')).toContainText('<script>window.__pwned=3</script>');
  await expect(page.locator('#search-dialog-results')).toContainText('Docs · Bait <img src=x onerror="window.__pwned=1"> title ›');
  await expectInert(page, '#search-dialog-results');
  expect(dialogs).toEqual([]);
});
