/**
 * Using a template in the browser: its form checks values where they are entered, shows the
 * conditional field, offers the catalog's teams, and scaffolds in the sandboxed frame into a zip;
 * a hostile template reaches none of the reader's things; the whole flow works by keyboard alone.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Download, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { portals } from './support/portals.js';

async function unzip(download: Download): Promise<Record<string, string>> {
  const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) seen.push(m.text()); });
  return seen;
}

test('the node-service form checks values, opens the database field, offers the teams and makes the project zip', async ({ page }) => {
  const violations = cspViolations(page);
  await page.goto(`${portals().root.url}catalog/default/template/node-service/`);
  const form = page.locator('[data-tpl-form]');
  await expect(page.getByRole('heading', { name: 'Create with this template' })).toBeVisible();

  // OwnerPicker with catalogFilter kind Group: the catalog's groups, no users
  const owner = form.getByLabel('Owner');
  await expect(owner.locator('option', { hasText: 'Payments (group:payments-team)' })).toHaveCount(1);
  await expect(owner.locator('option', { hasText: 'user:' })).toHaveCount(0);
  expect(await owner.locator('option').count()).toBe(12);

  // nothing filled: the summary takes focus and names each required field
  await form.getByRole('button', { name: 'Create' }).click();
  const summary = form.getByRole('alert');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText(['Name: Required.', 'Description: Required.', 'Owner: Required.']);
  const name = form.getByRole('textbox', { name: 'Name' });
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await summary.getByRole('link', { name: 'Name: Required.' }).click();
  await expect(name).toBeFocused();

  // pattern, checked when the reader leaves the field, said next to it
  await name.fill('Ticket API');
  await form.getByLabel('Description').focus();
  await expect(page.locator(`#${await name.getAttribute('id')}-error`)).toHaveText('Must match the pattern ^[a-z][a-z0-9-]{2,40}$.');
  await name.fill('ticket-api');
  await expect(name).not.toHaveAttribute('aria-invalid');

  // the database name is asked only for PostgreSQL
  const dbName = form.getByLabel('Database name');
  await expect(dbName).toBeHidden();
  await form.getByLabel('Database', { exact: true }).selectOption({ label: 'PostgreSQL (managed)' });
  await expect(dbName).toBeVisible();
  await form.getByLabel('Description').fill('Sells tickets');
  await owner.selectOption({ label: 'Payments (group:payments-team)' });
  await form.getByRole('button', { name: 'Create' }).click();
  await expect(summary.getByRole('link')).toHaveText(['Database name: Required.']);
  await dbName.fill('tickets');
  await form.getByRole('button', { name: 'Create' }).click();

  const result = page.locator('[data-tpl-result]');
  await expect(result).toBeFocused();
  await expect(result).toContainText('8 files in ticket-api/');
  // the preview shows a file's rendered text
  await result.getByRole('button', { name: 'package.json' }).click();
  await expect(result.locator('[data-tpl-file]')).toContainText('"name": "@foyer/ticket-api"');
  // and the steps that need a server, filled in
  await expect(result.locator('[data-tpl-checklist]')).toContainText('gh repo create foyer-tickets/ticket-api --private --description \'Sells tickets\' --source . --push');

  const [download] = await Promise.all([page.waitForEvent('download'), result.getByRole('link', { name: 'Download the zip' }).click()]);
  expect(download.suggestedFilename()).toBe('ticket-api.zip');
  const files = await unzip(download);
  expect(Object.keys(files).sort()).toEqual([
    'ticket-api/.github/workflows/ci.yml', 'ticket-api/Dockerfile', 'ticket-api/README.md', 'ticket-api/catalog-info.yaml',
    'ticket-api/docs/index.md', 'ticket-api/mkdocs.yml', 'ticket-api/package.json', 'ticket-api/src/server.ts',
  ]);
  expect(files['ticket-api/package.json']).toContain('"pg"');
  expect(files['ticket-api/src/server.ts']).toContain("export const databaseName = 'tickets';");
  expect(files['ticket-api/catalog-info.yaml']).toContain('group:default/payments-team');
  // GitHub Actions' own expressions are kept (copyWithoutTemplating); nothing else is left unrendered
  expect(files['ticket-api/.github/workflows/ci.yml']).toContain('${{ github.sha }}');
  for (const [path, text] of Object.entries(files)) if (!path.includes('.github/')) expect(text, path).not.toContain('${{');
  expect(violations).toEqual([]);
});

test('the docs-site template works by keyboard alone, from the repository picker to the zip', async ({ page }) => {
  await page.goto(`${portals().root.url}catalog/default/template/docs-site/`);
  const host = page.locator('[data-tpl-form] [data-part=host]');
  for (let i = 0; i < 80 && !(await host.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(host).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator('[data-part=owner]')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await page.keyboard.type('box-office');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Site name')).toBeFocused();
  await page.keyboard.type('Box office handbook');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Create' })).toBeFocused();
  await page.keyboard.press('Enter');

  const result = page.locator('[data-tpl-result]');
  await expect(result).toBeFocused();
  await expect(result.locator('[data-tpl-checklist]')).toContainText('git clone https://github.com/foyer-tickets/box-office.git');
  const download = result.getByRole('link', { name: 'Download the zip' });
  for (let i = 0; i < 10 && !(await download.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(download).toBeFocused();
  const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const files = await unzip(file);
  expect(files['docs-site/mkdocs.yml']).toContain('Box office handbook');
});

test('a hostile template gets no cookie, no storage, no framing page and no network', async ({ page, context }) => {
  const url = portals().hostile.url;
  // a request the CSP blocks fails before it leaves the browser ("csp"); one that reached the server finished
  const reached: string[] = [];
  const blocked: string[] = [];
  context.on('requestfinished', (r) => reached.push(r.url()));
  context.on('requestfailed', (r) => blocked.push(`${new URL(r.url()).pathname}${new URL(r.url()).search} ${r.failure()?.errorText}`));
  await page.goto(url);
  await page.evaluate(() => { document.cookie = 'session=the-secret-cookie; path=/'; localStorage.setItem('secret', 'the-secret-value'); });
  await page.goto(`${url}catalog/default/template/steal/`);
  await page.getByRole('button', { name: 'Create' }).click();
  const result = page.locator('[data-tpl-result]');
  await expect(result).toBeFocused();
  const [download] = await Promise.all([page.waitForEvent('download'), result.getByRole('link', { name: 'Download the zip' }).click()]);
  const loot = (await unzip(download))['loot/loot.txt']!;
  expect(loot).toContain('name=loot');
  expect(loot).toContain('cookie=denied:SecurityError');
  expect(loot).toContain('storage=denied:SecurityError');
  expect(loot).toContain('parent=denied:SecurityError');
  expect(loot).not.toContain('the-secret');
  expect(reached.filter((r) => r.includes('exfil'))).toEqual([]);
  expect(blocked.filter((r) => r.includes('exfil'))).toEqual(['/exfil?via=image csp']);
  // the frame is framed without allow-same-origin
  await expect(page.locator('iframe[title="Template renderer"]')).toHaveAttribute('sandbox', 'allow-scripts');
});
