import { describe, it, expect } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderPage } from '../../../src/pipeline/docs/render/render-page.js';
import type { RenderEmbeds } from '../../../src/pipeline/docs/render/types.js';
import { render, site, byTag, classOf, text, elements, parse } from './helpers.js';

const hosts = (...iframeHosts: string[]): { site: { embeds: RenderEmbeds } } => ({ site: { embeds: { iframeHosts } } });
const warnings = (r: { diagnostics: Array<{ code: string; line?: number; message: string }> }, code: string) =>
  r.diagnostics.filter((d) => d.code === code).map((d) => [d.line, d.message]);

describe('iframes', () => {
  it('keeps an https iframe of an allowed host, sandboxed, with only its src, numeric size and title', async () => {
    const r = await render('Intro\n\n<iframe src="https://lucid.app/documents/embedded/abc?x=1" width="640" height="480" title="Board" '
      + 'srcdoc="<script>alert(1)</script>" onload="alert(1)" allow="camera; microphone" allowfullscreen name="top" style="position:fixed" class="x"></iframe>\n', hosts('example.com', 'lucid.app'));
    const [frame] = byTag(r.html, 'iframe');
    expect(frame!.properties).toEqual({
      src: 'https://lucid.app/documents/embedded/abc?x=1', title: 'Board', width: 640, height: 480,
      sandbox: ['allow-scripts', 'allow-same-origin', 'allow-popups'], loading: 'lazy',
      referrerPolicy: 'strict-origin-when-cross-origin', className: ['docs-iframe'],
    });
    expect(r.frameOrigins).toEqual(['https://lucid.app']);
    expect(r.diagnostics).toEqual([]);
  });

  it('drops sizes that are not plain numbers', async () => {
    const r = await render('<iframe src="https://example.com/a" width="100%" height="1;url(x)"></iframe>', hosts('example.com'));
    expect(byTag(r.html, 'iframe')[0]!.properties.width).toBeUndefined();
    expect(byTag(r.html, 'iframe')[0]!.properties.height).toBeUndefined();
  });

  it('removes every other iframe with a warning at its line that names the host and how to allow it', async () => {
    const r = await render([
      '# Embeds', '',
      '<iframe src="https://example.com.evil.net/x"></iframe>', '',
      '<iframe src="https://evil.example.com/x"></iframe>', '',
      '<iframe src="http://example.com/x"></iframe>', '',
      '<iframe src="javascript:alert(1)"></iframe>', '',
      '<iframe srcdoc="<script>alert(1)</script>"></iframe>', '',
      '<iframe src="/docs/other/page/"></iframe>', '',
      '<iframe src="https://user:pw@example.com/x"></iframe>', '',
      '<iframe src="https://example.com:8443/x"></iframe>', '',
      'text <iframe src="https://evil.net/inline"></iframe> more',
    ].join('\n'), hosts('example.com'));
    expect(byTag(r.html, 'iframe')).toEqual([]);
    expect(r.html).not.toMatch(/evil|javascript|srcdoc|script/);
    expect(r.frameOrigins).toBeUndefined();
    const removed = warnings(r, 'docs.iframe-removed');
    expect(removed.map(([line]) => line)).toEqual([3, 5, 7, 9, 11, 13, 15, 17, 19]);
    expect(removed[0]![1]).toBe('iframe from "example.com.evil.net" was removed: add "example.com.evil.net" to `docs.iframe_hosts` in portal.yaml to embed it (it is then shown sandboxed)');
    expect(removed[1]![1]).toContain('"evil.example.com"');
    expect(removed[2]![1]).toContain('only https iframes are embedded');
    expect(removed[4]![1]).toContain('srcdoc is never embedded');
    expect(removed[7]![1]).toContain('"example.com:8443"');
    expect(byTag(r.html, 'p').map(text)).toContain('text  more');
  });

  it('allows subdomains only through a `*.` entry, and points at the source line inside admonitions', async () => {
    const r = await render('!!! note\n    <iframe src="https://www.youtube.com/embed/x"></iframe>\n\n    <iframe src="https://youtube.com/embed/x"></iframe>\n', hosts('*.youtube.com'));
    expect(byTag(r.html, 'iframe').map((f) => f.properties.src)).toEqual(['https://www.youtube.com/embed/x']);
    expect(warnings(r, 'docs.iframe-removed').map(([line]) => line)).toEqual([4]);
  });

  it('removes all iframes when no host is configured, and leaves iframes shown as code alone', async () => {
    const r = await render('<iframe src="https://example.com/x"></iframe>\n\n```html\n<iframe src="https://evil.net"></iframe>\n```\n');
    expect(byTag(r.html, 'iframe')).toEqual([]);
    expect(warnings(r, 'docs.iframe-removed')).toHaveLength(1);
    expect(text(byTag(r.html, 'code')[0]!)).toContain('<iframe src="https://evil.net"></iframe>');
  });

  it('an author cannot forge the marker an allowed iframe leaves behind', async () => {
    const r = await render('pbf-0000000000000000-0\n\n<iframe src="https://example.com/a"></iframe>', hosts('example.com'));
    expect(byTag(r.html, 'iframe')).toHaveLength(1);
    expect(r.html).toContain('pbf-0000000000000000-0');
  });
});

describe('Graphviz diagrams', () => {
  it('draws ```dot and ```graphviz blocks into inline SVG with the node labels', async () => {
    const r = await render('```dot\ndigraph G { Earth -> Mars }\n```\n\n```graphviz\ngraph { Venus -- Jupiter }\n```\n');
    const figures = byTag(r.html, 'figure').filter((f) => classOf(f).includes('docs-diagram'));
    expect(figures).toHaveLength(2);
    expect(byTag(r.html, 'text').map(text)).toEqual(['Earth', 'Mars', 'Venus', 'Jupiter']);
    expect(r.diagnostics).toEqual([]);
    expect(r.hasMermaid).toBe(false);
  });

  it('renders hostile DOT without anything that runs: javascript: URLs, script labels, stylesheets', async () => {
    const r = await render('```dot\ndigraph G { stylesheet="https://evil.net/x.css"; a [URL="javascript:alert(1)", label="<script>alert(1)</script>", target="_top"];'
      + ' b [href="data:text/html,<script>alert(1)</script>", tooltip="<img src=x onerror=alert(1)>"]; c [image="/etc/passwd"]; a -> b -> c }\n```');
    expect(r.html).not.toMatch(/javascript:|data:|evil\.net|_top|passwd/);
    const all = elements(parse(r.html));
    expect(all.filter((e) => ['script', 'img', 'image', 'style'].includes(e.tagName))).toEqual([]);
    expect(all.flatMap((e) => Object.keys(e.properties)).filter((a) => /^on/i.test(a))).toEqual([]);
    expect(byTag(r.html, 'a').map((a) => a.properties.href)).toEqual([undefined, undefined]);
    // the label and tooltip are shown as text
    expect(byTag(r.html, 'text').map(text)).toContain('<script>alert(1)</script>');
    expect(byTag(r.html, 'title').map(text)).toContain('<img src=x onerror=alert(1)>');
  });

  it('keeps bad DOT as code and warns at the block line', async () => {
    const r = await render('# T\n\nText.\n\n```dot\ndigraph { a -> }\n```\n');
    expect(byTag(r.html, 'svg')).toEqual([]);
    expect(text(byTag(r.html, 'code')[0]!)).toContain('digraph { a -> }');
    expect(warnings(r, 'docs.dot-invalid')).toEqual([[5, expect.stringContaining('syntax error in line 1') as unknown as string]]);
  });

  it('reads the {% dot %} form of markdown_inline_graphviz, with its layout engine', async () => {
    const r = await render('Before\n\n{% neato plan.svg\n    graph G {\n        Ground -- Orbit\n    }\n%}\n\nAfter\n\n```\n{% dot shown.svg\ndigraph { Shown }\n%}\n```\n');
    expect(byTag(r.html, 'figure').filter((f) => (f.properties.dataDiagram as string) === 'dot')).toHaveLength(1);
    expect(byTag(r.html, 'text').map(text)).toEqual(['Ground', 'Orbit']);
    expect(byTag(r.html, 'code').map(text).join('')).toContain('{% dot shown.svg');
    expect(byTag(r.html, 'p').map(text)).toEqual(['Before', 'After']);
  });

  it('caches drawings by content, and sanitizes what it reads back from the cache', async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'pb-dot-cache-'));
    const job = { site: site(), pagePath: 'p', sourcePath: 'docs/p.md', text: '```dot\ndigraph { Cached }\n```' };
    const first = await renderPage(job, { cacheDir });
    const dir = path.join(cacheDir, 'docs-diagrams');
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).map((f) => path.join(f.parentPath, f.name));
    expect(files).toHaveLength(1);
    expect(readFileSync(files[0]!, 'utf8')).toContain('Cached');
    // an entry rewritten by someone else is still only an allowed drawing once on the page
    writeFileSync(files[0]!, '<svg><script>alert(1)</script><text onclick="alert(1)">Poisoned</text></svg>');
    const second = await renderPage(job, { cacheDir });
    expect(byTag(second.html, 'text').map(text)).toEqual(['Poisoned']);
    expect(second.html).not.toMatch(/script|onclick/);
    expect(byTag(first.html, 'text').map(text)).toEqual(['Cached']);
  });

  it('leaves mermaid to the browser', async () => {
    const r = await render('```mermaid\ngraph TD; A-->B\n```');
    expect(r.hasMermaid).toBe(true);
    expect(classOf(byTag(r.html, 'pre')[0]!)).toEqual(['mermaid']);
    expect(byTag(r.html, 'svg')).toEqual([]);
  });
});

describe('embeds and the render cache', () => {
  it('keys pages by the embeds config and keeps frame origins, refusing any that is not an https origin', async () => {
    const { RenderCache } = await import('../../../src/pipeline/docs/render-cache.js');
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'pb-render-embeds-'));
    const cache = new RenderCache(cacheDir);
    const job = (iframeHosts: string[]) => ({ site: site({ embeds: { iframeHosts } }), pagePath: 'p', sourcePath: 'docs/p.md', text: '<iframe src="https://example.com/x"></iframe>' });
    expect(cache.keyOf(job(['example.com']))).not.toBe(cache.keyOf(job([])));
    // a page without iframes does not depend on the hosts: adding one re-renders only pages with iframes
    const plain = (iframeHosts: string[]) => ({ ...job(iframeHosts), text: '# No frames here' });
    expect(cache.keyOf(plain(['example.com']))).toBe(cache.keyOf(plain(['other.example'])));
    const key = cache.keyOf(job(['example.com']));
    const result = await renderPage(job(['example.com']));
    cache.put(key, result);
    expect(cache.get(key, job(['example.com']))?.frameOrigins).toEqual(['https://example.com']);
    cache.put(key, { ...result, frameOrigins: ["https://example.com; script-src 'unsafe-inline'"] });
    expect(cache.get(key, job(['example.com']))).toBeUndefined();
  });
});
