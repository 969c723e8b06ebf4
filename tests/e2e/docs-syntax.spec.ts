/**
 * The handbook's "Writing docs" page uses every MkDocs/techdocs-core construct beyond plain Markdown:
 * each must reach the reader as MkDocs renders it, and what is embedded must stay inside its bounds.
 */
import { expect, test } from '@playwright/test';
import { portals } from './support/portals.js';

const PAGE = 'docs/default/component/engineering-handbook/practices/writing-docs/';

test.beforeEach(async ({ context }) => {
  // The page embeds a frame from an allowed host; tests never reach outside this machine.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
});

test('every techdocs-core construct renders as MkDocs renders it', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(portals().root.url + PAGE);
  const body = page.locator('article.docs-content');

  // GitHub alerts are admonitions like `!!! note`.
  await expect(body.locator('div.admonition.tip > p.admonition-title')).toHaveText('Tip');
  await expect(body.locator('div.admonition.warning > p.admonition-title')).toHaveText('Warning');
  await expect(body.locator('div.admonition.note > p.admonition-title')).toHaveText('Ownership');

  const marks = body.locator('li', { hasText: 'Chemistry' });
  await expect(marks.locator('sub')).toHaveText(['2', '2']);
  await expect(marks.locator('sup')).toHaveText(['2', '10']);
  await expect(body.locator('mark', { hasText: 'Highlight' })).toBeVisible();
  await expect(body.locator('ins', { hasText: 'inserted' })).toBeVisible();
  await expect(body.locator('del', { hasText: 'removed' })).toBeVisible();
  const critic = body.locator('li', { hasText: 'Proposed edits' });
  await expect(critic.locator('ins.critic')).toHaveText(['add this', 'new']);
  await expect(critic.locator('del.critic')).toHaveText(['drop this', 'old']);
  await expect(critic.locator('mark.critic')).toHaveText('look here');
  await expect(critic.locator('span.critic.comment')).toHaveText('why?');
  const symbols = body.locator('li', { hasText: 'Symbols' });
  await expect(symbols).toContainText('© Foyer ™, ± 5 %, ½ day');
  await expect(symbols).toContainText('build → deploy');
  await expect(symbols.locator('sup')).toHaveText(['st', 'nd']);
  const inline = body.locator('li', { hasText: 'Inline code' }).locator('code.highlight');
  await expect(inline).toHaveText(['range(3)', 'git push --force-with-lease']);
  await expect(inline.first()).toHaveClass(/language-python/);

  // md_in_html: Markdown inside a `<div markdown>` is rendered, the attribute is gone.
  const grid = body.locator('div.grid');
  await expect(grid.locator('strong')).toHaveText(['Before a release', 'After a release']);
  await expect(body.locator('[markdown]')).toHaveCount(0);

  // attr_list: width and float on an image, target on a link, a class on a button link.
  const image = body.locator('img[alt="Review flow"]');
  await expect(image).toHaveAttribute('width', '320');
  await expect(image).toHaveAttribute('align', 'right');
  const status = body.getByRole('link', { name: 'the status page' });
  await expect(status).toHaveAttribute('target', '_blank');
  await expect(status).toHaveAttribute('rel', /noopener/);
  await expect(body.getByRole('link', { name: 'Open an issue' })).toHaveClass(/md-button/);

  // linenums: a number per line, left out of what the copy button copies.
  const code = body.locator('figure.code-block', { hasText: 'retry.py' });
  await expect(code.locator('[data-linenos]')).toHaveCount(7);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await code.locator('button.code-copy').click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.split('\n')[0]).toBe('def with_retries(call, attempts=3):');

  // Graphviz is drawn at build time: node texts are in the page's SVG, no script in it.
  const dot = body.locator('figure.docs-diagram svg');
  await expect(dot.locator('text')).toContainText(['pull request', 'review', 'merge', 'deploy']);
  await expect(dot.locator('script, foreignObject')).toHaveCount(0);
  await expect(body.locator('pre.mermaid svg')).toHaveCount(1);

  // The allowed frame is kept, sandboxed, and the page's CSP frames only its origin.
  const frame = body.locator('iframe');
  await expect(frame).toHaveAttribute('src', 'https://www.youtube-nocookie.com/embed/85TQEpNCaU0');
  await expect(frame).toHaveAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toMatch(/frame-src https:\/\/www\.youtube-nocookie\.com(;|$)/);
  expect(errors).toEqual([]);
});

test('pages without embeds frame nothing', async ({ page }) => {
  await page.goto(portals().root.url + 'docs/default/component/engineering-handbook/practices/code-review/');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toMatch(/frame-src 'none'/);
});
