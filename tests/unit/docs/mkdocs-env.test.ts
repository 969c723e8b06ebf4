/**
 * `!ENV` in a repo's mkdocs.yml: the default is used and the build machine's environment is never
 * read, with an info diagnostic at the line saying so.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../../../src/pipeline/diagnostics.js';
import { parseMkdocsConfig } from '../../../src/pipeline/docs/mkdocs-config.js';

const SECRET = 'ghp_playbill-unit-secret-0123456789';
const parse = (lines: string[]) => {
  const sink = new DiagnosticSink();
  return { data: parseMkdocsConfig(lines.join('\n'), 'svc/mkdocs.yml', sink), diagnostics: sink.items };
};

describe('!ENV in mkdocs.yml', () => {
  // set for real in this process: a value that were read would show up below
  beforeEach(() => { process.env.PLAYBILL_TEST_SECRET = SECRET; process.env.PLAYBILL_TEST_OTHER = SECRET; });
  afterEach(() => { delete process.env.PLAYBILL_TEST_SECRET; delete process.env.PLAYBILL_TEST_OTHER; });

  it('!ENV [VAR, default] and !ENV [VAR1, VAR2, default] give the default, never the set variable', () => {
    const { data, diagnostics } = parse([
      'site_name: !ENV [PLAYBILL_TEST_SECRET, Payments docs]',
      'extra:',
      '  version: !ENV [PLAYBILL_TEST_OTHER, PLAYBILL_TEST_SECRET, 3]',
      '  nested: !ENV [PLAYBILL_TEST_SECRET, !ENV [PLAYBILL_TEST_OTHER, inner]]',
    ]);
    expect(data).toEqual({ site_name: 'Payments docs', extra: { version: 3, nested: 'inner' } });
    expect(JSON.stringify(diagnostics)).not.toContain(SECRET);
    expect(diagnostics.map((d) => [d.severity, d.code, d.file, d.line])).toEqual([
      ['info', 'docs.mkdocs-env', 'svc/mkdocs.yml', 1],
      ['info', 'docs.mkdocs-env', 'svc/mkdocs.yml', 3],
      ['info', 'docs.mkdocs-env', 'svc/mkdocs.yml', 4],
      ['info', 'docs.mkdocs-env', 'svc/mkdocs.yml', 4],
    ]);
    expect(diagnostics[0]!.message).toBe(
      'site_name: !ENV ["PLAYBILL_TEST_SECRET", "Payments docs"]: environment variables are not read from a repo\'s mkdocs config, '
      + 'for safety (it could publish the build machine\'s secrets); the default "Payments docs" is used',
    );
  });

  it('!ENV VAR and a one-item list have no default: null, whatever the environment holds', () => {
    const { data, diagnostics } = parse([
      'site_name: !ENV PLAYBILL_TEST_SECRET',
      'site_description: !ENV [PLAYBILL_TEST_SECRET]',
      'nav:',
      '  - Home: index.md',
      '  - Secret: !ENV PLAYBILL_TEST_SECRET',
    ]);
    expect(data).toEqual({ site_name: null, site_description: null, nav: [{ Home: 'index.md' }, { Secret: null }] });
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['docs.mkdocs-env', 1], ['docs.mkdocs-env', 2], ['docs.mkdocs-env', 5]]);
    expect(diagnostics[0]!.message).toMatch(/^site_name: !ENV "PLAYBILL_TEST_SECRET": environment variables are not read .*; there is no default, so it is empty \(null\)$/);
    expect(diagnostics[2]!.message).toMatch(/^nav\[1\]\.Secret: !ENV /);
  });

  it('a tag shared through an alias is reported once; a mapping is refused as MkDocs does; a tagged root is not a config', () => {
    const shared = parse(['a: &x !ENV [PLAYBILL_TEST_SECRET, d]', 'b: *x']);
    expect(shared.data).toEqual({ a: 'd', b: 'd' });
    expect(shared.diagnostics).toHaveLength(1);
    const map = parse(['repo_url: !ENV {name: PLAYBILL_TEST_SECRET}']);
    expect(map.data).toEqual({ repo_url: null });
    expect(map.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'docs.mkdocs-env', line: 1 })]);
    const root = parse(['!ENV [PLAYBILL_TEST_SECRET, x]']);
    expect(root.data).toEqual({});
    expect(root.diagnostics).toEqual([expect.objectContaining({ code: 'docs.mkdocs-invalid' })]);
  });
});
