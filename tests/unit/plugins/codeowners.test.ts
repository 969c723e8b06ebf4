import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRepos } from './temp-repo.js';
import plugin, { OWNER_FROM, type CodeownersOptions } from '../../../src/plugins/codeowners/index.js';
import { compilePattern, parseCodeowners } from '../../../src/plugins/codeowners/parse.js';
import { sourceFiles, type RenderSink } from '../../../src/pipeline/plugins/files.js';
import type { DescriptorContext, PluginCheck, RawEntity } from '../../../src/pipeline/plugins/types.js';
import type { Entity } from '../../../src/pipeline/catalog/types.js';
import type { Snapshot } from '../../../src/pipeline/sources/types.js';

const repo = tempRepos('codeowners-plugin-');
afterEach(repo.cleanup);


// Line numbers matter: the annotation and the warnings name them.
const CODEOWNERS = [
  '# Foyer: who reviews what', //                              1
  '*                              @foyer/platform-team', //     2
  '/services/                     @foyer/services-team', //     3
  'services/checkout/             @foyer/payments-team @alice', // 4
  '**/legacy/**                   @bob', //                     5
  'catalog-info.yml               @foyer/yml-owners # inline comment', // 6
  'docs/*                         @foyer/docs-team', //         7
  '!services/checkout/catalog-info.yaml @mallory', //           8
  '/services/closed/', //                                      9
  '[Box office]', //                                            10
  '/services/box-office/          @foyer/box-office-team', //   11
  '^[Seating][2] @foyer/seating-team', //                       12
  '/services/seating/', //                                      13
  'libs/*/catalog-info.yaml       jane@foyer.example', //       14
  '/services/checkout/api/*.yaml  @foyer/api-guild', //         15
].join('\n');

const component = (spec: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): RawEntity => ({
  apiVersion: 'backstage.io/v1alpha1', kind: 'Component',
  metadata: { name: 'x', annotations: { 'backstage.io/techdocs-ref': 'dir:.' } },
  spec: { type: 'service', lifecycle: 'production', ...spec }, ...extra,
});

interface Run { warnings: Array<{ message: string; file?: string; line?: number }>; run: (descriptorPath: string, doc?: RawEntity) => RawEntity | undefined }

function setup(files: Record<string, string>, options: Record<string, unknown> = {}): Run {
  const parsed = plugin.options!.safeParse(options);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  const snapshot: Snapshot = { name: 'payments', root: repo(files), origin: 'path', catalogGlobs: [], stale: false, history: {} };
  const sink: RenderSink = { assets: [], diagnostics: [] };
  const warnings: Run['warnings'] = [];
  return {
    warnings,
    run(descriptorPath, doc = component()) {
      const dir = path.posix.dirname(descriptorPath);
      const ctx: DescriptorContext<CodeownersOptions> = {
        options: parsed.data, offline: false, hrefOf: () => '', warn: (message, w) => warnings.push({ message, ...w }),
        files: sourceFiles(snapshot, dir === '.' ? '' : dir, sink), path: descriptorPath, line: 1,
      };
      return plugin.descriptor!(structuredClone(doc), ctx) ?? undefined;
    },
  };
}

const ownerOf = (doc: RawEntity | undefined): unknown => (doc?.spec as Record<string, unknown> | undefined)?.owner;
const fromOf = (doc: RawEntity | undefined): unknown => ((doc?.metadata as Record<string, unknown> | undefined)?.annotations as Record<string, string> | undefined)?.[OWNER_FROM];

describe('codeowners descriptor hook', () => {
  it('takes the owner of the last matching line, for descriptors across the repository', () => {
    const r = setup({ '.github/CODEOWNERS': CODEOWNERS });
    const cases: Array<[string, string, number]> = [
      ['catalog-info.yaml', 'group:default/platform-team', 2], // only `*`
      ['services/orders/catalog-info.yaml', 'group:default/services-team', 3], // anchored folder
      ['services/checkout/catalog-info.yaml', 'group:default/payments-team', 4], // overlaps line 3: the later wins; the `!` line does not take it
      ['services/checkout/api/catalog-info.yaml', 'group:default/api-guild', 15], // glob in an anchored folder, last of three matches
      ['services/old/legacy/catalog-info.yaml', 'user:default/bob', 5], // `**` on both sides
      ['apps/web/catalog-info.yml', 'group:default/yml-owners', 6], // no slash: any depth
      ['docs/catalog-info.yaml', 'group:default/docs-team', 7], // `docs/*`: the folder's own files
      ['docs/guides/catalog-info.yaml', 'group:default/platform-team', 2], // … not its subfolders'
      ['services/box-office/catalog-info.yaml', 'group:default/box-office-team', 11], // after a GitLab section header
      ['services/seating/catalog-info.yaml', 'group:default/seating-team', 13], // no owners: the section's default owners
    ];
    for (const [p, owner, line] of cases) {
      const out = r.run(p);
      expect({ p, owner: ownerOf(out), from: fromOf(out) }).toEqual({ p, owner, from: `.github/CODEOWNERS:${line}` });
    }
  });

  it('keeps the rest of the document and its annotations', () => {
    const out = setup({ '.github/CODEOWNERS': CODEOWNERS }).run('services/orders/catalog-info.yaml');
    expect(out).toEqual({
      apiVersion: 'backstage.io/v1alpha1', kind: 'Component',
      metadata: { name: 'x', annotations: { 'backstage.io/techdocs-ref': 'dir:.', [OWNER_FROM]: '.github/CODEOWNERS:3' } },
      spec: { type: 'service', lifecycle: 'production', owner: 'group:default/services-team' },
    });
  });

  it('never replaces a written owner, and leaves kinds without an owner alone', () => {
    const r = setup({ '.github/CODEOWNERS': CODEOWNERS });
    expect(r.run('services/orders/catalog-info.yaml', component({ owner: 'group:orders' }))).toBeUndefined();
    expect(r.run('services/orders/catalog-info.yaml', component({ owner: 42 }))).toBeUndefined(); // wrong, but written: validation says so
    expect(ownerOf(r.run('services/orders/catalog-info.yaml', component({ owner: '  ' })))).toBe('group:default/services-team');
    expect(r.run('catalog-info.yaml', { apiVersion: 'backstage.io/v1alpha1', kind: 'User', metadata: { name: 'u' }, spec: {} })).toBeUndefined();
    expect(ownerOf(r.run('catalog-info.yaml', { ...component(), kind: 'system' }))).toBe('group:default/platform-team');
  });

  it('warns about a `!` line once, and about a line with no mappable owner once', () => {
    const r = setup({ '.github/CODEOWNERS': CODEOWNERS });
    expect(r.run('libs/money/catalog-info.yaml')).toBeUndefined();
    expect(r.run('libs/dates/catalog-info.yaml')).toBeUndefined();
    r.run('services/orders/catalog-info.yaml');
    expect(r.warnings.map((w) => [w.file, w.line])).toEqual([['.github/CODEOWNERS', 8], ['.github/CODEOWNERS', 14]]);
    expect(r.warnings[0]!.message).toContain('negation');
    expect(r.warnings[1]!.message).toContain('jane@foyer.example');
  });

  it('an unowned line (pattern without owners) gives no owner', () => {
    const r = setup({ '.github/CODEOWNERS': CODEOWNERS });
    expect(r.run('services/closed/catalog-info.yaml')).toBeUndefined();
    expect(r.warnings.some((w) => w.line === 9 && w.message.includes('names no owners'))).toBe(true);
  });

  it('maps owners by the map option (case-insensitively), and keeps the org with strip_org: false', () => {
    const mapped = setup({ '.github/CODEOWNERS': CODEOWNERS }, { map: { '@Foyer/Payments-Team': 'group:payments', 'JANE@foyer.example': 'user:jane' } });
    expect(ownerOf(mapped.run('services/checkout/catalog-info.yaml'))).toBe('group:payments');
    expect(ownerOf(mapped.run('libs/money/catalog-info.yaml'))).toBe('user:jane');
    expect(mapped.warnings.filter((w) => w.line === 14)).toEqual([]);
    const kept = setup({ '.github/CODEOWNERS': CODEOWNERS }, { strip_org: false });
    expect(ownerOf(kept.run('services/checkout/catalog-info.yaml'))).toBe('group:default/foyer-payments-team');
    expect(plugin.options!.safeParse({ map: { '@a/b': '' } }).success).toBe(false);
    expect(plugin.options!.safeParse({ strip: true }).success).toBe(false);
  });

  it('uses the first owner that maps when the first does not', () => {
    const r = setup({ CODEOWNERS: '* ops@foyer.example @foyer/ops\n' });
    expect(ownerOf(r.run('catalog-info.yaml'))).toBe('group:default/ops');
  });

  it('looks where GitHub looks: .github/, then the root, then docs/', () => {
    const both = setup({ CODEOWNERS: '* @foyer/root\n', 'docs/CODEOWNERS': '* @foyer/docs\n' });
    expect(fromOf(both.run('a/catalog-info.yaml'))).toBe('CODEOWNERS:1');
    const all = setup({ '.github/CODEOWNERS': '\n* @foyer/gh\n', CODEOWNERS: '* @foyer/root\n' });
    expect(ownerOf(all.run('a/catalog-info.yaml'))).toBe('group:default/gh');
    expect(fromOf(all.run('a/catalog-info.yaml'))).toBe('.github/CODEOWNERS:2');
    const docs = setup({ 'docs/CODEOWNERS': '* @foyer/docs\n' });
    expect(fromOf(docs.run('catalog-info.yaml'))).toBe('docs/CODEOWNERS:1');
    expect(setup({ 'README.md': 'hi' }).run('catalog-info.yaml')).toBeUndefined();
  });

  it('sees an edited CODEOWNERS on the next call (dev rebuilds)', () => {
    const r = setup({ CODEOWNERS: '* @foyer/before\n' });
    expect(ownerOf(r.run('catalog-info.yaml'))).toBe('group:default/before');
    const root = repo.roots[repo.roots.length - 1]!;
    fs.writeFileSync(path.join(root, 'CODEOWNERS'), '* @foyer/after\n');
    expect(ownerOf(r.run('catalog-info.yaml'))).toBe('group:default/after');
  });
});

describe('CODEOWNERS patterns (GitHub rules)', () => {
  const table: Array<[string, Record<string, boolean>]> = [
    ['foo', { foo: true, 'foo.txt': false, 'foo/bar': true, 'bar/foo': true, 'bar/foo/baz': true, 'bar/baz': false }],
    ['/foo', { foo: true, 'foo/bar': true, 'bar/foo': false, 'fool.txt': false }],
    ['foo/', { foo: false, 'foo/bar': true, 'bar/foo/baz': true }],
    ['/foo/', { 'foo/bar/baz': true, 'bar/foo/baz': false }],
    ['foo/bar', { 'foo/bar': true, 'foo/bar/baz': true, 'baz/foo/bar': false, 'foo/bart': false }],
    ['*', { foo: true, 'a/b/c': true }],
    ['/*', { foo: true, 'foo/bar': false }],
    ['*.js', { 'a.js': true, 'src/a.js': true, 'a.jsx': false, 'src/a/js': false }],
    ['docs/*', { 'docs/a.md': true, 'docs/api/a.md': false, 'x/docs/a.md': false }],
    ['docs/*.md', { 'docs/a.md': true, 'docs/api/a.md': false }],
    ['**/foo/bar', { 'foo/bar': true, 'q/foo/bar/baz': true, 'foo/baz/bar': false }],
    ['foo/bar/**', { 'foo/bar': false, 'foo/bar/baz/qux': true, 'q/foo/bar/baz': false }],
    ['foo/**/bar', { 'foo/bar': true, 'foo/q/r/bar/baz': true, 'q/foo/bar': false }],
    ['a?c', { abc: true, 'a/c': false, ac: false }],
    ['/apps/[id]/page.ts', { 'apps/[id]/page.ts': true, 'apps/i/page.ts': false }],
    ['path\\ with\\ spaces/', { 'path with spaces/a': true, 'path/a': false }],
  ];
  for (const [pattern, paths] of table) {
    it(pattern, () => {
      const m = compilePattern(pattern);
      if (typeof m === 'string') throw new Error(m);
      expect(Object.fromEntries(Object.keys(paths).map((p) => [p, m(p)]))).toEqual(paths);
    });
  }

  it('reads escaped spaces, comments and section headers as GitHub/GitLab do', () => {
    const p = parseCodeowners('path\\ with\\ spaces/ @a # comment @b\n[Sec] @d\nx\n^[Opt][2]\ny @e\n/a/*** @f\n');
    expect(p.rules.map((r) => [r.line, r.pattern, r.owners])).toEqual([[1, 'path\\ with\\ spaces/', ['@a']], [3, 'x', ['@d']], [5, 'y', ['@e']]]);
    expect(p.problems.map((x) => x.line)).toEqual([6]);
  });
});

describe('codeowners.has_owner_entry check', () => {
  function check(files: Record<string, string>, descriptor: string) {
    const root = repo(files);
    const parsed = plugin.options!.safeParse({});
    if (!parsed.success) throw new Error('options');
    const entity: Entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'x', namespace: 'default' }, spec: { owner: 'group:x' }, relations: [], source: { source: 'payments', path: descriptor, line: 1 } };
    const run = plugin.checks!.has_owner_entry as PluginCheck<CodeownersOptions>;
    return run({
      entity, ref: 'component:default/x', entities: new Map(), errors: [], today: 0, options: parsed.data, params: {},
      files: () => ({ found: [], refused: [], dir: '' }),
      read: (p) => { try { return fs.readFileSync(path.join(root, p), 'utf8'); } catch { return undefined; } },
    });
  }

  it('passes with the line that owns the descriptor', () => {
    expect(check({ '.github/CODEOWNERS': CODEOWNERS }, 'services/checkout/catalog-info.yaml')).toEqual({ passed: true, reason: '.github/CODEOWNERS line 4: @foyer/payments-team @alice' });
  });
  it('fails with no CODEOWNERS, no matching line, or a line naming no owners', () => {
    expect(check({ 'a.txt': '' }, 'catalog-info.yaml')).toMatchObject({ passed: false, reason: expect.stringContaining('no CODEOWNERS') });
    expect(check({ CODEOWNERS: '/apps/ @foyer/ui\n' }, 'services/x/catalog-info.yaml')).toEqual({ passed: false, reason: 'no line of CODEOWNERS matches services/x/catalog-info.yaml' });
    expect(check({ '.github/CODEOWNERS': CODEOWNERS }, 'services/closed/catalog-info.yaml')).toMatchObject({ passed: false, reason: expect.stringContaining('line 9') });
  });
});
