/** The `/create/` gallery of the demo portal: every template as a card, the filters, and the way there. */
import { expect, test } from '@playwright/test';
import { portals } from './support/portals.js';

test('the gallery shows every template, filters by tag, type and text, and keeps the filter in the address', async ({ page }) => {
  const url = portals().root.url;
  await page.goto(url);
  await page.getByRole('link', { name: 'Create something new' }).click();
  await expect(page).toHaveURL(`${url}create/`);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Create' })).toHaveAttribute('aria-current', 'page');

  const cards = page.locator('.template-card');
  await expect(cards).toHaveCount(2);
  const node = cards.filter({ hasText: 'Node.js service (golden path)' });
  await expect(node.getByRole('link', { name: 'Node.js service (golden path)' })).toHaveAttribute('href', `${new URL(url).pathname}catalog/default/template/node-service/`);
  await expect(node.locator('.template-facts')).toContainText('Typeservice');
  await expect(node.getByRole('link', { name: 'Platform', exact: true })).toBeVisible();
  await expect(node.locator('.template-facts')).toContainText('Savesabout 6 hours');

  await page.getByRole('combobox', { name: 'Tag' }).selectOption('node');
  await expect(cards.locator('visible=true')).toHaveCount(1);
  await expect(page.locator('[data-gallery-count]')).toHaveText('1 of 2 templates');
  await expect(page).toHaveURL(/\?tag=node$/);
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Tag' })).toHaveValue('node');
  await expect(cards.locator('visible=true')).toHaveCount(1);

  await page.getByRole('combobox', { name: 'Tag' }).selectOption('');
  await page.getByRole('search', { name: 'Filter templates' }).getByLabel('Search').fill('no such template anywhere');
  await expect(cards.locator('visible=true')).toHaveCount(0);
  await expect(page.getByText('No template matches these filters.')).toBeVisible();
  await page.getByRole('search', { name: 'Filter templates' }).getByLabel('Search').fill('mkdocs');
  await expect(cards.locator('visible=true')).toHaveCount(1);

  // a template's page says how to use it from a terminal
  await page.getByRole('link', { name: 'Documentation site' }).click();
  await expect(page.locator('.scaffold-cli pre code')).toHaveText(/^npx playbill scaffold docs-site --set 'repoUrl=…' --set 'siteName=…' --out \.\/docs-site-new$/);
});
