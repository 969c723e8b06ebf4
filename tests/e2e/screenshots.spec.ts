/** Screenshots of every page type, light and dark, desktop and phone, for a human to look at. */
import { test } from '@playwright/test';
import { portals } from './support/portals.js';

const PAGES: [string, string, (page: import('@playwright/test').Page) => Promise<void>][] = [
  ['home', '', async () => {}],
  ['explorer', 'catalog/?kind=component', async (p) => { await p.locator('[data-explorer][data-ready]').waitFor(); }],
  ['component', 'catalog/default/component/checkout-service/', async () => {}],
  ['api', 'catalog/default/api/payments-api/', async () => {}],
  ['api-openapi-op', 'catalog/default/api/payments-api/#op-post-v1-payment-intents', async () => {}],
  ['api-asyncapi-op', 'catalog/default/api/payment-events/#op-onintentcaptured', async () => {}],
  ['api-graphql-op', 'catalog/default/api/catalog-graphql/#mutation-holdseats', async () => {}],
  ['api-grpc-op', 'catalog/default/api/ledger-grpc/#rpc-ledger-postentry', async () => {}],
  ['search-api', 'search/?q=PostEntry', async (p) => { await p.locator('.search-result').first().waitFor(); }],
  ['system', 'catalog/default/system/payments/', async () => {}],
  ['domain', 'catalog/default/domain/ticketing/', async () => {}],
  ['diagram-full', 'catalog/default/domain/ticketing/#diagram-architecture', async (p) => { await p.locator('[data-diagram-dialog][open]').waitFor(); }],
  ['group', 'catalog/default/group/payments-team/', async () => {}],
  ['department', 'catalog/default/group/engineering/', async () => {}],
  ['scorecards', 'scorecards/', async () => {}],
  ['scorecard', 'scorecards/production-readiness/', async () => {}],
  ['explorer-score', 'catalog/?score=production-readiness%3Abronze', async (p) => { await p.locator('[data-explorer][data-ready]').waitFor(); }],
  ['user', 'catalog/default/user/priya.raman/', async () => {}],
  ['orphan', 'catalog/default/component/venue-export/', async () => {}],
  ['org', 'org/', async () => {}],
  ['health', 'health/', async () => {}],
  ['create', 'create/', async () => {}],
  ['template', 'catalog/default/template/node-service/', async () => {}],
  ['search', 'search/?q=payments', async (p) => { await p.locator('.search-result').first().waitFor(); }],
  ['search-dialog', 'catalog/default/component/checkout-service/', async (p) => {
    await p.keyboard.press('Control+k');
    await p.locator('#search-dialog-input').fill('ledger');
    await p.locator('#search-dialog-results [role="option"]').first().waitFor();
  }],
  ['404', 'no/such/page/', async () => {}],
  // what plugins add (content/portal.yaml `plugins:`)
  ['plugin-adr-index', 'catalog/default/component/checkout-service/adrs/', async () => {}],
  ['plugin-adr', 'catalog/default/component/checkout-service/adrs/0003-capture-when-the-order-is-created/', async () => {}],
  ['plugin-readme', 'catalog/default/component/sales-ingest/#x-readme', async () => {}],
  ['plugin-changelog', 'catalog/default/component/storefront-bff/#x-changelog', async () => {}],
  ['plugin-card', 'catalog/default/component/audience-reporting/', async () => {}],
  ['docs-index', 'docs/', async () => {}],
  ['docs-runbook', 'docs/default/system/payments/runbooks/idempotency-key-rotation/', async () => {}],
  ['docs-mermaid', 'docs/default/system/payments/architecture/', async (p) => { await p.locator('.docs-content pre.mermaid svg').waitFor(); }],
  ['docs-tabs', 'docs/default/system/developer-platform/getting-started/', async () => {}],
  ['docs-image', 'docs/default/component/engineering-handbook/practices/code-review/', async (p) => {
    await p.waitForFunction(() => [...document.images].every((i) => i.complete));
  }],
  ['docs-syntax', 'docs/default/component/engineering-handbook/practices/writing-docs/', async (p) => {
    await p.locator('.docs-content pre.mermaid svg').waitFor();
  }],
  ['docs-search', 'docs/default/system/payments/', async (p) => {
    await p.getByLabel('Search these docs').fill('refund');
    await p.locator('.docs-search-results a').first().waitFor();
  }],
];

for (const scheme of ['light', 'dark'] as const) {
  for (const [device, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
    test(`screenshots ${scheme} ${device}`, async ({ browser }) => {
      // ~25 full-page shots one after another: a minute is tight on a loaded 2-core machine
      test.setTimeout(180_000);
      const context = await browser.newContext({ colorScheme: scheme, viewport, ...(device === 'phone' ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
      // The handbook embeds a frame from an allowed host: nothing outside this machine is reached.
      await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
      const page = await context.newPage();
      for (const [name, path, ready] of PAGES) {
        await page.goto(portals().root.url + path);
        await ready(page);
        await page.screenshot({ path: `tests/e2e/screenshots/${name}-${scheme}-${device}.png`, fullPage: !path.includes('#') && (!name.startsWith('explorer') || device === 'desktop') });
      }
      await context.close();
    });
  }
}
