/**
 * Search from anywhere: the dialog that "/" and Ctrl-K open on every page, with results while typing,
 * driven by the keyboard alone; exact names first; results that say what they are; and the search
 * page's filters that say something.
 */
import { expect, test, type Page } from '@playwright/test';
import { portals } from './support/portals.js';

const url = (path = '') => portals().root.url + path;
const dialog = (page: Page) => page.getByRole('dialog', { name: 'Search the portal' });
const box = (page: Page) => page.locator('#search-dialog-input');
const options = (page: Page) => page.locator('#search-dialog-results [role="option"]');

/** Types a query into the open dialog and waits for the results of that very query. */
async function search(page: Page, q: string): Promise<void> {
  await box(page).fill(q);
  await expect(page.locator('[data-sd-all]')).toHaveAttribute('href', new RegExp(`\\?q=${encodeURIComponent(q).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  await expect(options(page).first()).toBeVisible();
}

test('opened with the keyboard alone on home, an entity page and a docs page; arrows and Enter open a result, Esc gives focus back', async ({ page }) => {
  // Nothing of search loads with a page: the dialog's code and Pagefind come when it opens.
  const loaded: string[] = [];
  page.on('request', (r) => loaded.push(new URL(r.url()).pathname));
  await page.goto(url(''));
  await page.waitForLoadState('networkidle');
  expect(loaded.filter((p) => /pagefind|search-dialog/.test(p))).toEqual([]);

  // home, "/": the exact name puts its entity first; ArrowDown makes it active, Enter opens it
  await page.keyboard.press('/');
  await expect(dialog(page)).toBeVisible();
  await expect(box(page)).toBeFocused();
  await search(page, 'refunds-worker');
  expect(loaded.some((p) => p.endsWith('/pagefind/pagefind.js'))).toBe(true);
  const first = options(page).first();
  await expect(first.locator('.sd-title')).toHaveText('Refunds worker');
  await page.keyboard.press('ArrowDown');
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(box(page)).toHaveAttribute('aria-activedescendant', (await first.getAttribute('id'))!);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(url('catalog/default/component/refunds-worker/'));
  // a reader's next key comes after the page has loaded: its scripts listen from then on
  await page.waitForLoadState('domcontentloaded');

  // entity page, Ctrl-K: a docs page found by its words, reached with the arrows
  await page.keyboard.press('Control+k');
  await expect(box(page)).toBeFocused();
  await search(page, 'idempotency key rotation');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(url('docs/default/system/payments/runbooks/idempotency-key-rotation/'));
  await page.waitForLoadState('domcontentloaded');

  // docs page: Esc closes the dialog and focus is back where it was; Enter with nothing active is the full search
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Control+k');
  await expect(dialog(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();
  await expect(skip).toBeFocused();
  await page.keyboard.press('/');
  await search(page, 'ledger');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(url('search/?q=ledger'));
  await expect(page.locator('.search-result').first()).toBeVisible();
});

test('an exact ref or title ranks its entity first, in the dialog and on the search page', async ({ page }) => {
  await page.goto(url('catalog/'));
  // a click on the header box opens the dialog too
  await page.locator('#header-search-input').click();
  await expect(box(page)).toBeFocused();
  // a user is shown by the title of its page (the display name) and still found by its ref
  for (const [q, title] of [['component:refunds-worker', 'Refunds worker'], ['component:default/ledger-service', 'Ledger'],
    ['Payment gateway adapter', 'Payment gateway adapter'], ['user:priya.raman', 'Priya Raman']]) {
    await search(page, q!);
    await expect(options(page).first().locator('.sd-title')).toHaveText(title!);
  }
  await page.goto(url('search/?q=refunds-worker'));
  await expect(page.locator('.search-result-link').first()).toHaveText('Refunds worker');
});

test('each result says what it is: kind badge, owner, content excerpt; docs as "Docs · site › page" with its sections', async ({ page }) => {
  await page.goto(url(''));
  await page.keyboard.press('Control+k');
  await search(page, 'ledger');
  const entity = options(page).first();
  await expect(entity.locator('.badge-kind.k-component')).toHaveText('Component');
  await expect(entity.locator('.sd-title')).toHaveText('Ledger');
  await expect(entity.locator('.sd-meta')).toHaveText('Payments · Payments · production');
  // the excerpt is the description, not the badges, title and ref above it on the page
  await expect(entity.locator('.sd-excerpt')).toHaveText(/^Double-entry ledger/);

  await search(page, 'idempotency key rotation');
  const docs = options(page).filter({ hasText: 'Docs · Payments › Idempotency key rotation' }).first();
  await expect(docs).toBeVisible();
  const section = options(page).and(page.locator('.sd-sub')).first();
  await expect(section).toHaveAttribute('href', /\/docs\/default\/system\/payments\/runbooks\/idempotency-key-rotation\/#[\w-]+$/);

  // the search page reads the same
  await page.goto(url('search/?q=idempotency%20key%20rotation'));
  const result = page.locator('.search-result-docs').first();
  await expect(result.locator('.search-result-head')).toHaveText('Docs · Payments › Idempotency key rotation');
  await expect(result.locator('.search-result-sections a').first()).toHaveAttribute('href', /#[\w-]+$/);
  await page.goto(url('search/?q=ledger'));
  const card = page.locator('.search-result').first();
  await expect(card.locator('.search-result-head')).toHaveText('Component Ledger');
  await expect(card.locator('.badge-kind.k-component')).toBeVisible();
  await expect(card.locator('.search-result-meta')).toHaveText('Payments · Payments · production');
  await expect(card.locator('.search-result-excerpt')).toHaveText(/^Double-entry ledger/);
});

test('the search page hides a filter every result shares, and its section values say what they are', async ({ page }) => {
  // "refunds-worker": the component and a docs page of the same team
  await page.goto(url('search/?q=refunds-worker'));
  await expect(page.locator('.search-result')).toHaveCount(2);
  const names = page.locator('.search-filter-name');
  await expect(names.filter({ hasText: 'Section' })).toHaveCount(1);
  await expect(names.filter({ hasText: 'Owner' })).toHaveCount(0);
  await page.goto(url('search/?q=ledger'));
  await expect(page.locator('.search-result').first()).toBeVisible();
  await names.filter({ hasText: 'Section' }).click();
  await expect(page.locator('.search-filter-value')).toContainText(['API reference', 'Catalog', 'Docs']);
  await page.getByLabel(/^API reference/).check();
  // the API itself and its operations and types, each of which names its API; no component, no docs page
  const results = page.locator('.search-result');
  await expect(results.filter({ hasNotText: 'Ledger gRPC API' })).toHaveCount(0);
  await expect(results.locator('.search-result-link').filter({ hasText: /^Ledger gRPC API$/ })).toHaveCount(1);
  expect(await results.count()).toBeGreaterThan(1);
});

test('under a sub-path the dialog finds, links and opens the full search there', async ({ page }) => {
  const { sub } = portals();
  await page.goto(`${sub.url}docs/default/system/payments/`);
  await page.keyboard.press('/');
  await search(page, 'ledger');
  await expect(options(page).first()).toHaveAttribute('href', '/sub/path/catalog/default/component/ledger-service/');
  await expect(page.locator('[data-sd-all]')).toHaveAttribute('href', '/sub/path/search/?q=ledger');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${sub.url}catalog/default/component/ledger-service/`);
});
