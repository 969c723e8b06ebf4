/** Catalog health on entity pages: the problems the build found with an entity, as the build report has them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { portals } from './support/portals.js';

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
