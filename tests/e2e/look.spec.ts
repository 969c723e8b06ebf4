/**
 * Look and feel as a reader meets it: diagrams whose labels can be read (on the page and at full
 * size, whose node links still lead to the entities, also under a sub-path), a light/dark switch
 * that is remembered, and emoji shortcodes drawn as images.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { portals } from './support/portals.js';

const TICKETING = 'catalog/default/domain/ticketing/';

/** Rendered size of each node label of a diagram: font size times the SVG's scale, and the box height. */
function labelSizes(svg: Locator): Promise<{ px: number; box: number }[]> {
  return svg.evaluate((el: SVGSVGElement) => {
    const scale = el.getBoundingClientRect().width / el.viewBox.baseVal.width;
    return [...el.querySelectorAll('text.pb-label')].map((t) => ({
      px: parseFloat(getComputedStyle(t).fontSize) * scale,
      box: t.getBoundingClientRect().height,
    }));
  });
}

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const WHITE = 'rgb(255, 255, 255)';
const DARK = 'rgb(13, 17, 23)';

test('the Ticketing architecture reads at 1280 px: every label 11 px or more', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(portals().root.url + TICKETING);
  const sizes = await labelSizes(page.locator('[data-diagram="architecture"] > svg'));
  expect(sizes.length).toBeGreaterThan(20);
  for (const s of sizes) {
    expect(s.px).toBeGreaterThanOrEqual(11);
    expect(s.box).toBeGreaterThanOrEqual(11);
  }
});

for (const at of ['root', 'sub'] as const) {
  test(`a diagram opens at full size and its node links lead to the entities (${at === 'root' ? '/' : '/sub/path/'})`, async ({ page }) => {
    const portal = portals()[at];
    await page.goto(portal.url + TICKETING);
    await page.getByText('Show two levels of relations').click();
    await page.locator('[data-diagram-open="depth2"]').click();
    const dialog = page.getByRole('dialog', { name: /Relations of Ticketing/ });
    await expect(dialog).toBeVisible();
    await expect(page).toHaveURL(/#diagram-depth2$/);
    // natural size: labels as drawn (13 px), nothing shrunk
    for (const s of await labelSizes(dialog.locator('svg.pb-diagram'))) {
      expect(s.px).toBeCloseTo(13, 0);
      expect(s.box).toBeGreaterThanOrEqual(13);
    }
    await dialog.getByRole('button', { name: 'Zoom in' }).click();
    await expect(dialog.getByRole('button', { name: 'Actual size' })).toHaveText('150%');
    await dialog.locator('g.pb-node[data-ref="system:default/payments"] a').click();
    await expect(page).toHaveURL(new RegExp(`${at === 'sub' ? '/sub/path' : ''}/catalog/default/system/payments/$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payments');
    // Back, the view is where it was left; Escape puts the diagram back on the page.
    await page.goBack();
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.locator('[data-diagram="depth2"] > svg')).toHaveCount(1);
  });
}

const DIAGRAM_FILE = /\/playbill\/diagrams\/[0-9a-f]{24}\.svg$/;

test('two levels of relations are not in the page: opening them fetches the file, whose node links and full size work', async ({ page }) => {
  const portal = portals().root;
  await page.goto(portal.url + TICKETING);
  const home = page.locator('[data-diagram="depth2"]');
  // nothing of it inline until asked for; the fold names the file
  await expect(home.locator('svg')).toHaveCount(0);
  await expect(home.locator('a')).toHaveAttribute('href', DIAGRAM_FILE);
  const fetched = page.waitForResponse((r) => DIAGRAM_FILE.test(new URL(r.url()).pathname));
  await page.getByText('Show two levels of relations').click();
  expect((await fetched).status()).toBe(200);
  const svg = home.locator('> svg.pb-diagram');
  await expect(svg).toBeVisible();
  await expect(home.locator('.diagram-file')).toHaveCount(0);
  // styled by the page's diagrams.css: no <style> comes with it
  await expect(svg.locator('style')).toHaveCount(0);
  expect(await svg.locator('text.pb-label').first().evaluate((t) => getComputedStyle(t).fontSize)).toBe('13px');
  // full size, then a node link
  await page.locator('[data-diagram-open="depth2"]').click();
  const dialog = page.getByRole('dialog', { name: /Relations of Ticketing/ });
  await expect(dialog.locator('svg.pb-diagram')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(home.locator('> svg')).toHaveCount(1);
  await home.locator('g.pb-node[data-ref="system:default/payments"] a').click();
  await expect(page).toHaveURL(/\/catalog\/default\/system\/payments\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payments');
});

test('#diagram-depth2 in the address opens the fold, loads the diagram and shows it at full size', async ({ page }) => {
  await page.goto(`${portals().root.url}${TICKETING}#diagram-depth2`);
  const dialog = page.getByRole('dialog', { name: /Relations of Ticketing/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('svg.pb-diagram a').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('details.more-diagram', { has: page.locator('[data-diagram="depth2"]') })).toHaveAttribute('open', '');
  await expect(page.locator('[data-diagram="depth2"] > svg')).toHaveCount(1);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the fold links to the diagram file, which reads on its own (light and dark) and whose node links work', async ({ page }) => {
    const portal = portals().root;
    await page.goto(portal.url + TICKETING);
    await page.getByText('Show two levels of relations').click();
    const link = page.locator('[data-diagram="depth2"] a');
    await expect(link).toBeVisible();
    await expect(link).toHaveText(/^Relations of Ticketing/);
    await link.click();
    await expect(page).toHaveURL(DIAGRAM_FILE);
    // the file is the document: its own styles apply
    const root = page.locator('svg.pb-diagram');
    await expect(root).toBeVisible();
    const look = () => page.evaluate(() => {
      const label = document.querySelector('text.pb-label')!;
      return { size: getComputedStyle(label).fontSize, fill: getComputedStyle(label).fill, bg: getComputedStyle(document.documentElement).backgroundColor };
    });
    expect(await look()).toEqual({ size: '13px', fill: 'rgb(17, 24, 39)', bg: 'rgb(255, 255, 255)' });
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await look()).toEqual({ size: '13px', fill: 'rgb(229, 231, 235)', bg: 'rgb(15, 23, 42)' });
    await page.locator('g.pb-node[data-ref="system:default/payments"] a').click();
    await expect(page).toHaveURL(/\/catalog\/default\/system\/payments\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payments');
  });
});

test('the theme follows the system until the reader switches it, and the switch is remembered', async ({ browser }) => {
  const light = await browser.newContext({ colorScheme: 'light' });
  const lp = await light.newPage();
  await lp.goto(portals().root.url);
  expect(await background(lp)).toBe(WHITE);
  await expect(lp.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'false');
  await light.close();

  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(portals().root.url);
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  expect(await background(page)).toBe(DARK);
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await background(page)).toBe(WHITE);
  // remembered across a reload and on the next page, set before anything is painted
  await page.reload();
  expect(await background(page)).toBe(WHITE);
  await page.getByRole('link', { name: 'Catalog', exact: true }).click();
  await expect(page).toHaveURL(/\/catalog\/$/);
  expect(await background(page)).toBe(WHITE);
  await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'false');
  // back to the system's scheme: the choice is forgotten, the page follows the system again
  await page.getByRole('button', { name: 'Dark theme' }).click();
  expect(await background(page)).toBe(DARK);
  expect(await page.evaluate(() => [document.documentElement.hasAttribute('data-theme'), localStorage.getItem('playbill-theme')])).toEqual([false, null]);
  await context.close();
});

test('an emoji shortcode in a docs page is an image that loaded, its character kept as alt text', async ({ page }) => {
  await page.goto(`${portals().root.url}docs/default/component/engineering-handbook/practices/writing-docs/`);
  const emoji = page.locator('article.docs-content img.twemoji[alt="✅"]').first();
  await emoji.scrollIntoViewIfNeeded();
  await expect(emoji).toHaveAttribute('title', ':white_check_mark:');
  await expect.poll(() => emoji.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  // as big as the text around it
  const box = await emoji.boundingBox();
  expect(box!.height).toBeGreaterThan(14);
  expect(box!.height).toBeLessThan(24);
});
