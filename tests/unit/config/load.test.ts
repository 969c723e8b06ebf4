import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/pipeline/config/load.js';

function configFile(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'playbill-config-'));
  const file = path.join(dir, 'portal.yaml');
  writeFileSync(file, text);
  return file;
}

describe('loadConfig', () => {
  it('loads a valid config, fills defaults and resolves relative paths against its folder', () => {
    const file = configFile('site:\n  title: Acme\nsources:\n  - name: platform\n    path: ./repos/platform\n  - name: pay\n    git: ../pay.git\n    ref: v1\n');
    const { config, diagnostics } = loadConfig(file);
    expect(diagnostics).toEqual([]);
    expect(config?.site).toEqual({ title: 'Acme', base: '/' });
    expect(config?.concurrency).toBe(8);
    expect(config?.sources[0]?.path).toBe(path.join(path.dirname(file), 'repos/platform'));
    expect(config?.sources[1]?.git).toBe(path.resolve(path.dirname(file), '../pay.git'));
  });

  it('reports an unknown key with its path, line and a suggestion', () => {
    const file = configFile('site:\n  title: Acme\nsources:\n  - name: a\n    path: .\n    tokn_env: X\n');
    const { config, diagnostics } = loadConfig(file);
    expect(config).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', code: 'config.unknown-key', line: 6 });
    expect(diagnostics[0]!.message).toContain('sources[0].tokn_env');
    expect(diagnostics[0]!.message).toContain('did you mean "token_env"');
  });

  it('reports a wrong type at the line of the field', () => {
    const file = configFile('site:\n  title: Acme\nconcurrency: many\nsources:\n  - name: a\n    path: .\n');
    const { diagnostics } = loadConfig(file);
    expect(diagnostics[0]).toMatchObject({ code: 'config.invalid', line: 3 });
    expect(diagnostics[0]!.message).toMatch(/^concurrency:/);
  });

  it('reports duplicate source names and a source with both git and path', () => {
    const file = configFile('sources:\n  - name: a\n    path: .\n  - name: a\n    path: ./b\n  - name: c\n    path: .\n    git: https://x/y.git\n');
    const codes = loadConfig(file).diagnostics.map((d) => [d.code, d.line]);
    expect(codes).toContainEqual(['config.duplicate-source', 4]);
    expect(codes.some(([c]) => c === 'config.invalid')).toBe(true);
  });

  it('reports YAML syntax errors and unreadable files without throwing', () => {
    expect(loadConfig(configFile('sources: [a\n')).diagnostics[0]).toMatchObject({ code: 'config.yaml-syntax' });
    expect(loadConfig('/nonexistent/portal.yaml').diagnostics[0]).toMatchObject({ code: 'config.unreadable' });
  });
});

describe('git locations in the config', () => {
  it('resolves local paths against its folder and keeps every other value as written, by git\'s rule', () => {
    const values = ['host:org/repo.git', 'git@github.com:a/b.git', 'https://github.com/a/b.git', 'file:///srv/b.git', 'ext::sh -c x', './rel/path', '../up', '/abs/path'];
    const file = configFile(`sources:\n${values.map((v, i) => `  - name: s${i}\n    git: "${v}"\n`).join('')}`);
    const { config, diagnostics } = loadConfig(file);
    expect(diagnostics).toEqual([]);
    const dir = path.dirname(file);
    expect(config?.sources.map((s) => s.git)).toEqual([
      'host:org/repo.git', 'git@github.com:a/b.git', 'https://github.com/a/b.git', 'file:///srv/b.git', 'ext::sh -c x',
      path.join(dir, 'rel/path'), path.resolve(dir, '../up'), '/abs/path',
    ]);
  });
});

describe('docs embeds in the config', () => {
  it('reads `docs:` as written in the TechDocs parity brief, and defaults to no embeds', () => {
    const file = configFile('sources:\n  - name: a\n    path: .\ndocs:\n  iframe_hosts: [example.com, lucid.app]\n  plantuml: { server: https://plantuml.example.com/plantuml }\n');
    const { config, diagnostics } = loadConfig(file);
    expect(diagnostics).toEqual([]);
    expect(config?.docs).toEqual({ iframe_hosts: ['example.com', 'lucid.app'], plantuml: { server: 'https://plantuml.example.com/plantuml', timeout_seconds: 10 } });
    expect(loadConfig(configFile('sources:\n  - name: a\n    path: .\n')).config?.docs).toEqual({ iframe_hosts: [] });
  });

  it('says what a host must look like, and suggests the key of a typo', () => {
    const bad = loadConfig(configFile('sources:\n  - name: a\n    path: .\ndocs:\n  iframe_hosts: ["https://example.com/x"]\n'));
    expect(bad.diagnostics[0]).toMatchObject({ code: 'config.invalid', line: 5 });
    expect(bad.diagnostics[0]!.message).toMatch(/^docs\.iframe_hosts\[0\]: a host such as example\.com/);
    const typo = loadConfig(configFile('sources:\n  - name: a\n    path: .\ndocs:\n  iframe_host: [example.com]\n'));
    expect(typo.diagnostics[0]!.message).toContain('did you mean "iframe_hosts"');
    const server = loadConfig(configFile('sources:\n  - name: a\n    path: .\ndocs:\n  plantuml: { server: "ftp://x" }\n'));
    expect(server.diagnostics[0]!.message).toMatch(/^docs\.plantuml\.server: an http\(s\) URL/);
  });
});
