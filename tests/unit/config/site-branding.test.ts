/**
 * The branding's files and Markdown as the site stage resolves them (site/branding/): a file that
 * cannot be used is a `config.site-file` diagnostic at its key's line in portal.yaml and is left out
 * (a warning, an error under --strict); names carry a hash of the content; Markdown is sanitized.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/pipeline/config/load.js';
import type { Config } from '../../../src/pipeline/config/schema.js';
import { resolveBranding } from '../../../src/pipeline/site/branding/index.js';
import { accentCss, accentTokens, contrast } from '../../../src/pipeline/site/branding/colours.js';
import { blockMarkdown, inlineMarkdown } from '../../../src/pipeline/site/branding/markdown.js';
import { siteFingerprint } from '../../../src/pipeline/fingerprint.js';

const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#7c3aed"/></svg>';

/** A portal folder with `files`, and its portal.yaml with `site` (indented two spaces). */
function portal(site: string, files: Record<string, string | Buffer> = {}): { config: Config; dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'playbill-brand-'));
  for (const [rel, body] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), body);
  }
  const file = path.join(dir, 'portal.yaml');
  writeFileSync(file, `site:\n  title: Foyer\n${site}sources:\n  - name: a\n    path: .\n`);
  const { config, diagnostics } = loadConfig(file);
  if (!config) throw new Error(JSON.stringify(diagnostics));
  return { config, dir };
}

describe('resolveBranding', () => {
  it('publishes each file under its role and a hash of its content, and says where pages find it', () => {
    const { config } = portal('  logo: { light: assets/logo.svg, dark: assets/logo-dark.svg, alt: Foyer }\n  favicon: assets/favicon.ico\n  custom_css: assets/portal.css\n  accent: "#7c3aed"\n', {
      'assets/logo.svg': LOGO, 'assets/logo-dark.svg': LOGO.replace('#7c3aed', '#a78bfa'), 'assets/favicon.ico': Buffer.from([0, 0, 1, 0]), 'assets/portal.css': '.x { color: red }',
    });
    const b = resolveBranding(config, '/');
    expect(b.diagnostics).toEqual([]);
    expect(b.view?.logo).toEqual({ light: expect.stringMatching(/^playbill\/brand\/logo\.[0-9a-f]{8}\.svg$/), dark: expect.stringMatching(/^playbill\/brand\/logo-dark\.[0-9a-f]{8}\.svg$/), alt: 'Foyer', wordmark: false });
    expect(b.view?.favicon).toEqual({ href: expect.stringMatching(/^playbill\/brand\/favicon\.[0-9a-f]{8}\.ico$/), type: 'image/x-icon' });
    // the accent first, the owner's stylesheet after it (it may override the accent too)
    expect(b.view?.stylesheets).toEqual([expect.stringMatching(/^playbill\/brand\/accent\.[0-9a-f]{8}\.css$/), expect.stringMatching(/^playbill\/brand\/custom\.[0-9a-f]{8}\.css$/)]);
    expect(b.files.map((f) => f.name).sort()).toEqual([...new Set([b.view!.logo!.light, b.view!.logo!.dark!, b.view!.favicon!.href, ...b.view!.stylesheets].map((h) => h.split('/').pop()!))].sort());
    expect(b.files.find((f) => f.name.startsWith('accent.'))?.text).toContain('--accent: #7c3aed');
    // the same content keeps its name; another content gets another
    expect(resolveBranding(config, '/').view).toEqual(b.view);
    writeFileSync(path.join(config.dir, 'assets/logo.svg'), LOGO.replace('8 8', '16 16'));
    expect(resolveBranding(config, '/').view?.logo?.light).not.toBe(b.view?.logo?.light);
  });

  it('leaves out a missing, oversized, symlinked-out or scripted file with a warning at its line; the rest stays', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'playbill-brand-outside-'));
    writeFileSync(path.join(outside, 'secret.css'), 'body { }');
    const { config, dir } = portal([
      '  logo:',
      '    light: assets/missing.svg',
      '    dark: assets/dark.svg',
      '  favicon: assets/huge.png',
      '  custom_css: assets/linked.css',
      '  intro: assets/intro.md',
      '  accent: "#7c3aed"',
      '',
    ].join('\n'), {
      'assets/dark.svg': '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      'assets/huge.png': Buffer.alloc(300 * 1024),
      'assets/intro.md': 'Hello **there**.',
    });
    symlinkSync(path.join(outside, 'secret.css'), path.join(dir, 'assets/linked.css'));
    const b = resolveBranding(config, '/');
    const seen = b.diagnostics.map((d) => [d.severity, d.code, d.line, d.message.split(':')[0]]);
    expect(seen).toEqual([
      ['warning', 'config.site-file', 4, 'site.logo.light'],
      ['warning', 'config.site-file', 5, 'site.logo.dark'],
      ['warning', 'config.site-file', 6, 'site.favicon'],
      ['warning', 'config.site-file', 7, 'site.custom_css'],
    ]);
    expect(b.diagnostics[0]!.message).toContain('assets/missing.svg was not found');
    expect(b.diagnostics[1]!.message).toContain('holds script');
    expect(b.diagnostics[2]!.message).toContain('is 300 KB, more than the 256 KB allowed');
    expect(b.diagnostics[3]!.message).toContain('outside the folder of portal.yaml');
    expect(b.diagnostics.every((d) => d.file?.endsWith('portal.yaml'))).toBe(true);
    expect(b.view?.logo).toBeUndefined();
    expect(b.view?.favicon).toBeUndefined();
    expect(b.view?.stylesheets).toHaveLength(1);
    expect(b.view?.intro).toBe('<p>Hello <strong>there</strong>.</p>');
    // under --strict the same problems are errors (the build then exits 1)
    expect(resolveBranding({ ...config, strict: true }, '/').diagnostics.every((d) => d.severity === 'error')).toBe(true);
  });

  it('reads an intro file of at most 64 KB, and takes any other intro as Markdown', () => {
    const big = portal('  intro: intro.md\n', { 'intro.md': 'x'.repeat(65 * 1024) });
    expect(resolveBranding(big.config, '/').diagnostics).toEqual([expect.objectContaining({ code: 'config.site-file', line: 3 })]);
    const inline = portal('  intro: "# Welcome\\n\\nRead the [docs](/docs/)."\n');
    expect(resolveBranding(inline.config, '/portal/').view?.intro).toBe('<h2>Welcome</h2>\n<p>Read the <a href="/portal/docs/">docs</a>.</p>');
  });

  it('turns links into what pages need: portal paths base-relative and marked internal', () => {
    const { config } = portal('  header_links: [{ label: Status, href: "https://status.example.com" }]\n  footer_links: [{ label: Handbook, href: /docs/handbook/ }, { label: Mail, href: "mailto:a@example.com" }]\n  start_here: [{ title: First week, href: /docs/first-week/, description: "  Start here.  " }]\n');
    const v = resolveBranding(config, '/sub/').view!;
    expect(v.headerLinks).toEqual([{ label: 'Status', href: 'https://status.example.com' }]);
    expect(v.footerLinks).toEqual([{ label: 'Handbook', href: 'docs/handbook/', internal: true }, { label: 'Mail', href: 'mailto:a@example.com' }]);
    expect(v.startHere).toEqual([{ label: 'First week', href: 'docs/first-week/', internal: true, description: 'Start here.' }]);
  });

  it('configures nothing when site: has no branding: pages look as before', () => {
    expect(resolveBranding(portal('').config, '/')).toEqual({ files: [], diagnostics: [] });
  });

  it('warns at the accent\'s line when it is too faint against the page background', () => {
    const one = resolveBranding(portal('  accent: "#ffe066"\n').config, '/');
    expect(one.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'config.site-accent-contrast', line: 3 })]);
    expect(one.diagnostics[0]!.message).toMatch(/^site\.accent: #ffe066 has a contrast of 1\.\d:1 against the light page background/);
    const both = resolveBranding(portal('  accent:\n    light: "#7c3aed"\n    dark: "#3b0764"\n').config, '/');
    expect(both.diagnostics).toEqual([expect.objectContaining({ code: 'config.site-accent-contrast', line: 5 })]);
    expect(both.diagnostics[0]!.message).toContain('dark page background');
  });
});

describe('accent colours', () => {
  it('measures contrast as WCAG does and picks the more readable text for buttons', () => {
    expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrast('#777', '#fff')).toBeCloseTo(4.48, 2);
    expect(accentTokens('#7c3aed', 'light')).toMatchObject({ accent: '#7c3aed', fg: '#ffffff' });
    expect(accentTokens('#a78bfa', 'dark')).toMatchObject({ accent: '#a78bfa', fg: '#0d1117' });
    expect(accentTokens('#fc0', 'light')).toMatchObject({ accent: '#ffcc00', fg: '#0d1117' });
    for (const c of ['#7c3aed', '#a78bfa', '#0b5cad', '#f59e0b', '#10b981', '#111111', '#ffffff']) expect(accentTokens(c, 'light').onAccent).toBeGreaterThanOrEqual(4.5);
  });

  it('overrides only the themes configured, under the selectors global.css uses for each', () => {
    const light = accentCss({ light: '#7c3aed' });
    expect(light).toContain('@media not all and (prefers-color-scheme: dark)');
    expect(light).toContain(':root:root[data-theme="light"] { --accent: #7c3aed; --accent-fg: #ffffff;');
    expect(light).not.toContain(':not([data-theme="light"])');
    expect(light).not.toContain(':root:root[data-theme="dark"]');
    const both = accentCss({ light: '#7c3aed', dark: '#a78bfa' });
    expect(both).toContain(':root:root[data-theme="dark"] { --accent: #a78bfa; --accent-fg: #0d1117;');
  });
});

describe('banner and intro Markdown', () => {
  it('is sanitized: no script, no handlers, no javascript: links, no non-https images', () => {
    const html = inlineMarkdown('Freeze <script>alert(1)</script><img src=x onerror=alert(2)> [a](javascript:alert(3)) [b](https://example.com/x "t") <a href="#" onclick="x()">c</a> ![i](http://example.com/i.png)', '/');
    expect(html).not.toMatch(/script|onerror|onclick|javascript:|http:\/\//i);
    expect(html).toContain('<a href="https://example.com/x">b</a>');
    // the refused link keeps its text
    expect(html).toMatch(/^Freeze +a <a href/);
  });

  it('prefixes portal paths with the base, keeps fragments and mailto, reduces relative links to their text', () => {
    const html = inlineMarkdown('[docs](/docs/x/) [top](#top) [mail](mailto:a@example.com) [rel](docs/x/) [proto](//evil.example.com/)', '/sub/path/');
    expect(html).toBe('<a href="/sub/path/docs/x/">docs</a> <a href="#top">top</a> <a href="mailto:a@example.com">mail</a> rel proto');
  });

  it('keeps the banner one line of prose: paragraphs joined, other blocks as their text', () => {
    expect(inlineMarkdown('# Heads up\n\nChange freeze from **Dec 18**.\n\n- one\n- two', '/')).toBe('Heads up Change freeze from <strong>Dec 18</strong>. one\ntwo');
  });

  it('moves the intro\'s headings one level down (the page\'s h1 is the title)', () => {
    expect(blockMarkdown('# A\n\n## B\n\n###### F', '/')).toBe('<h2>A</h2>\n<h3>B</h3>\n<h6>F</h6>');
  });
});

describe('the site fingerprint', () => {
  it('changes with a brand file\'s content, so an incremental build does not keep pages showing the old logo', () => {
    const { config } = portal('  logo: logo.svg\n  custom_css: portal.css\n', { 'logo.svg': LOGO, 'portal.css': '.a { color: red }' });
    const print = () => {
      const b = resolveBranding(config, '/');
      return siteFingerprint({ config, base: '/', catalog: { entities: [], diagnostics: [] } as never, docs: { sites: [], assets: [] }, branding: { view: b.view ?? null, files: b.files } });
    };
    const first = print();
    expect(print()).toBe(first);
    writeFileSync(path.join(config.dir, 'portal.css'), '.a { color: blue }');
    const second = print();
    expect(second).not.toBe(first);
    writeFileSync(path.join(config.dir, 'logo.svg'), LOGO.replace('#7c3aed', '#000000'));
    expect(print()).not.toBe(second);
  });
});
