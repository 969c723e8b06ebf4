/** Emoji shortcodes render as Twemoji images, as TechDocs' pymdownx.emoji does, from the bundled set only. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../../src/pipeline/docs/render/render-page.js';
import { emojiAssetSource, emojiNamed } from '../../../src/pipeline/docs/render/emoji.js';
import { RenderCache } from '../../../src/pipeline/docs/render-cache.js';
import { byTag, classOf, render, site, text } from './helpers.js';

const images = (html: string) => byTag(html, 'img').map((i) => ({ cls: classOf(i), alt: i.properties.alt, title: i.properties.title, src: i.properties.src }));

describe('emoji shortcodes', () => {
  it('become an image of the bundled set, with the character as alt text and the shortcode as tooltip', async () => {
    const r = await render('Standup :calendar: at ten :tada:', { pagePath: 'guides/standup' });
    // the page is docs/default/component/x/guides/standup/: six folders below the site root
    expect(images(r.html)).toEqual([
      // 📆 as on GitHub and in emojione's index (📅 is :date:)
      { cls: ['twemoji'], alt: '📆', title: ':calendar:', src: '../../../../../../docs/_assets/emoji/1f4c6.svg' },
      { cls: ['twemoji'], alt: '🎉', title: ':tada:', src: '../../../../../../docs/_assets/emoji/1f389.svg' },
    ]);
    // only the images the page uses are published, from the package's files
    expect(r.assets.map((a) => a.to).sort()).toEqual(['docs/_assets/emoji/1f389.svg', 'docs/_assets/emoji/1f4c6.svg']);
    for (const a of r.assets) {
      expect(a.from).toMatch(/@discordapp[\\/]twemoji[\\/]dist[\\/]svg[\\/][0-9a-f-]+\.svg$/);
      expect(readFileSync(a.from, 'utf8')).toMatch(/^<svg /);
    }
  });

  it('leaves unknown shortcodes, code and URLs shown as text as typed', async () => {
    const r = await render('Hi :nope: and `:smile:` and <https://example.com/:smile:/> and 10:30:45\n\n```\n:smile:\n```');
    expect(byTag(r.html, 'img')).toEqual([]);
    const p = text(byTag(r.html, 'p')[0]!);
    expect(p).toBe('Hi :nope: and :smile: and https://example.com/:smile:/ and 10:30:45');
    expect(r.html).toContain(':smile:');
    expect(r.assets).toEqual([]);
  });

  it('knows GitHub names, emojione flag names and spellings, and files ZWJ and U+FE0F sequences as Twemoji does', () => {
    expect(emojiNamed('+1')).toEqual({ char: '👍', file: '1f44d' });
    expect(emojiNamed('thumbup')).toEqual({ char: '👍', file: '1f44d' });
    expect(emojiNamed('us')?.file).toBe('1f1fa-1f1f8');
    expect(emojiNamed('flag_us')).toEqual(emojiNamed('us'));
    expect(emojiNamed('warning')).toEqual({ char: '⚠️', file: '26a0' });
    expect(emojiNamed('woman_technologist')?.file).toBe('1f469-200d-1f4bb');
    expect(emojiNamed('no_such_emoji')).toBeUndefined();
  });

  it('keeps the character for heading ids, the table of contents and the page description', async () => {
    const r = await render('# Title\n\nWe ship :rocket: daily.\n\n## :rocket: Launch');
    // MkDocs slugs the image away: the anchor authors wrote against TechDocs is #launch
    expect(r.toc).toEqual([{ depth: 2, id: 'launch', text: '🚀 Launch' }]);
    expect(r.description).toBe('We ship 🚀 daily.');
    expect(images(r.html).map((i) => i.alt)).toEqual(['🚀', '🚀']);
  });

  it('never takes an image from the author: placeholder classes and the emoji class are not theirs', async () => {
    const r = await render([
      '<span class="pbx-0123456789abcdef-e0">x</span> <img class="twemoji" src="https://evil.example/x.svg" alt="e">',
      '',
      '![pic](https://example.com/a.png){: .twemoji }  :smile:',
    ].join('\n'));
    const imgs = images(r.html);
    expect(imgs.filter((i) => i.cls.includes('twemoji'))).toEqual([
      { cls: ['twemoji'], alt: '😄', title: ':smile:', src: '../../../../../docs/_assets/emoji/1f604.svg' },
    ]);
    // a placeholder-shaped class passes the sanitizer but names no emoji of this render (its nonce is random)
    expect(text(byTag(r.html, 'span')[0]!)).toBe('x');
    expect(r.assets.map((a) => a.to)).toEqual(['docs/_assets/emoji/1f604.svg']);
  });

  it('maps only real emoji file names back to the bundled set', () => {
    expect(emojiAssetSource('docs/_assets/emoji/1f4c5.svg')).toMatch(/1f4c5\.svg$/);
    expect(existsSync(emojiAssetSource('docs/_assets/emoji/1f4c5.svg')!)).toBe(true);
    for (const bad of ['docs/_assets/emoji/../../package.json', 'docs/_assets/emoji/ffffff.svg', 'docs/_assets/emoji/1f4c5.png', 'docs/_assets/1f4c5.svg']) {
      expect(emojiAssetSource(bad), bad).toBeUndefined();
    }
  });

  it('survives the render cache, whose stored paths are never trusted', async () => {
    const cache = new RenderCache(mkdtempSync(path.join(os.tmpdir(), 'pb-emoji-cache-')));
    const job = { site: site(), pagePath: 'p', sourcePath: 'docs/p.md', text: 'Done :white_check_mark:' };
    const key = cache.keyOf(job);
    const result = await renderPage(job);
    const real = result.assets[0]!;
    expect(real.to).toBe('docs/_assets/emoji/2705.svg');
    cache.put(key, result);
    expect(cache.get(key, job)?.assets).toEqual([real]);
    // a cache entry pointing an emoji at another file gets the bundled file back
    cache.put(key, { ...result, assets: [{ from: '/etc/passwd', to: real.to }] });
    expect(cache.get(key, job)?.assets).toEqual([real]);
    // one naming an emoji the set does not have is a miss
    cache.put(key, { ...result, assets: [{ from: real.from, to: 'docs/_assets/emoji/fffff.svg' }] });
    expect(cache.get(key, job)).toBeUndefined();
  });
});
