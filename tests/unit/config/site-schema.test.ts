/** `site:`'s branding keys through the real loader: the issue's example loads; bad values are errors at their line. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/pipeline/config/load.js';
import { isBrandHref } from '../../../src/pipeline/config/site-schema.js';

function configFile(site: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'playbill-site-config-'));
  const file = path.join(dir, 'portal.yaml');
  writeFileSync(file, `site:\n${site}sources:\n  - name: a\n    path: .\n`);
  return file;
}

const EXAMPLE = `  title: Foyer Developer Portal
  logo: assets/logo.svg
  favicon: assets/favicon.svg
  accent: { light: "#7c3aed", dark: "#a78bfa" }
  header_links: [{ label: Status, href: https://status.example.com }]
  footer_links: [{ label: Handbook, href: https://handbook.example.com }, { label: "#platform on Slack", href: "https://slack.example.com/archives/C1" }]
  banner: { id: q4-freeze, text: "Change freeze from **Dec 18**. [Details](https://example.com/freeze)" }
  intro: assets/intro.md
  start_here: [{ title: Golden path, href: /docs/default/component/golden-path/, description: "Start a service the paved way." }]
  custom_css: assets/portal.css
`;

describe('site branding in portal.yaml', () => {
  it('accepts the issue\'s example as written (files are checked by the site stage, not here)', () => {
    const { config, diagnostics } = loadConfig(configFile(EXAMPLE));
    expect(diagnostics).toEqual([]);
    expect(config?.site).toMatchObject({
      logo: 'assets/logo.svg',
      accent: { light: '#7c3aed', dark: '#a78bfa' },
      banner: { id: 'q4-freeze' },
      start_here: [{ title: 'Golden path', href: '/docs/default/component/golden-path/' }],
    });
  });

  it('accepts the long forms: a logo per theme with alt and wordmark, one accent for both, inline Markdown for the intro, mailto links', () => {
    const { config, diagnostics } = loadConfig(configFile(`  logo: { light: assets/logo.svg, dark: assets/logo-dark.png, alt: Foyer, wordmark: true }
  accent: "#0a7"
  intro: "Welcome to **Foyer**.\\n\\nSee [the handbook](/docs/)."
  footer_links: [{ label: Security, href: "mailto:security@example.com" }]
`));
    expect(diagnostics).toEqual([]);
    expect(config?.site.logo).toEqual({ light: 'assets/logo.svg', dark: 'assets/logo-dark.png', alt: 'Foyer', wordmark: true });
    expect(config?.site.accent).toBe('#0a7');
  });

  it('leaves a config without branding as it was (no defaults added)', () => {
    expect(loadConfig(configFile('  title: Acme\n')).config?.site).toEqual({ title: 'Acme', base: '/' });
  });

  it('rejects colours that are not CSS hex, at their line', () => {
    const { config, diagnostics } = loadConfig(configFile('  title: Acme\n  accent:\n    light: "#7c3aed"\n    dark: rebeccapurple\n'));
    expect(config).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'config.invalid', line: 5 })]);
    expect(diagnostics[0]!.message).toMatch(/^site\.accent\.dark: a CSS hex colour/);
    for (const bad of ['"#12345"', '"7c3aed"', '"#ggg"', '"red"', '"#7c3aedff"']) {
      const d = loadConfig(configFile(`  accent: ${bad}\n`)).diagnostics;
      expect(d, bad).toEqual([expect.objectContaining({ code: 'config.invalid', line: 2 })]);
    }
    expect(loadConfig(configFile('  accent: {}\n')).diagnostics[0]!.message).toContain('give light, dark or both');
  });

  it('rejects hrefs that are not http(s), mailto or a path of the portal, at the link\'s line', () => {
    const { diagnostics } = loadConfig(configFile('  header_links:\n    - label: Status\n      href: https://status.example.com\n    - label: Evil\n      href: "javascript:alert(1)"\n'));
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'config.invalid', line: 6 })]);
    expect(diagnostics[0]!.message).toMatch(/^site\.header_links\[1\]\.href: an http\(s\) URL, a mailto: address or a path of the portal/);
    for (const bad of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,x', '//evil.example.com/', 'docs/relative/', 'ftp://x.example.com', 'https://', '/a b', '/a\\b', 'java\nscript:x', 'mailto:']) {
      expect(isBrandHref(bad), JSON.stringify(bad)).toBe(false);
    }
    for (const good of ['https://status.example.com', 'http://intranet.example/x?y=1#z', 'mailto:team@example.com', '/docs/default/component/x/', '/']) {
      expect(isBrandHref(good), good).toBe(true);
    }
    const cards = loadConfig(configFile('  start_here:\n    - title: Golden path\n      href: "vbscript:x"\n')).diagnostics;
    expect(cards).toEqual([expect.objectContaining({ code: 'config.invalid', line: 4 })]);
  });

  it('rejects files outside the config\'s folder, absolute paths and wrong extensions, at their line', () => {
    const cases: Array<[string, number, RegExp]> = [
      ['  logo: ../outside/logo.svg\n', 2, /^site\.logo: a path inside the folder of portal\.yaml/],
      ['  logo:\n    light: assets/logo.svg\n    dark: assets/../../logo.svg\n', 4, /^site\.logo\.dark: a path inside the folder/],
      ['  favicon: /etc/favicon.ico\n', 2, /^site\.favicon: a path relative to the folder of portal\.yaml/],
      ['  favicon: "C:/icons/favicon.ico"\n', 2, /^site\.favicon: a path relative/],
      ['  favicon: assets/favicon.gif\n', 2, /^site\.favicon: a \.svg, \.png, \.ico file/],
      ['  custom_css: assets/portal.scss\n', 2, /^site\.custom_css: a \.css file/],
      ['  intro: ../intro.md\n', 2, /^site\.intro: a path inside the folder/],
      ['  logo: assets/logo.gif\n', 2, /^site\.logo: a \.svg, \.png, \.webp, \.jpg, \.jpeg file/],
    ];
    for (const [yaml, line, message] of cases) {
      const { config, diagnostics } = loadConfig(configFile(yaml));
      expect(config, yaml).toBeUndefined();
      expect(diagnostics, yaml).toEqual([expect.objectContaining({ code: 'config.invalid', line })]);
      expect(diagnostics[0]!.message, yaml).toMatch(message);
    }
  });

  it('rejects unknown keys and malformed banners, at their line', () => {
    const unknown = loadConfig(configFile('  title: Acme\n  acent: "#fff"\n')).diagnostics;
    expect(unknown).toEqual([expect.objectContaining({ code: 'config.unknown-key', line: 3 })]);
    expect(unknown[0]!.message).toContain('did you mean "accent"');
    const banner = loadConfig(configFile('  banner:\n    id: "q4 freeze"\n    text: Freeze\n')).diagnostics;
    expect(banner).toEqual([expect.objectContaining({ code: 'config.invalid', line: 3 })]);
    expect(banner[0]!.message).toMatch(/^site\.banner\.id: letters, digits/);
    expect(loadConfig(configFile('  logo: 5\n')).diagnostics[0]!.message).toBe('site.logo: a file (assets/logo.svg) or { light, dark, alt, wordmark }');
  });
});
