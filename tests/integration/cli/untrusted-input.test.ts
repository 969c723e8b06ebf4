/**
 * Hostile or broken input through the real CLI: the build and `validate` finish, every problem is a
 * diagnostic at its file and line, and everything else is kept.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { git, makeRepo, tempDir, writeFiles } from '../../support/git.js';

const cli = path.resolve(import.meta.dirname, '../../../scripts/playbill.mjs');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });

interface Diag { severity: string; code: string; message: string; file?: string; line?: number; source?: string; entityRef?: string }
interface EntityOut { kind: string; metadata: { name: string; annotations?: Record<string, string> }; spec: Record<string, unknown>; relations: Array<{ type: string; targetRef: string }> }

const DEPTH = 5000;
const component = (name: string, extra = '', spec = '') => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
${extra}spec:
  type: service
  lifecycle: production
  owner: team-a
${spec}`;

/** The descriptor documents of the fixture, by name; a test picks the ones it is about. */
const DOCS = {
  // deep JSON that the API schema accepts (an object): it used to reach the fingerprint
  deepJson: 'apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: deep-json\nspec:\n  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition:\n    $json: ./deep.json\n',
  deepYaml: component('deep-yaml', '  labels:\n    $yaml: ./deep.yaml\n'),
  // a document nested 1000 levels
  deepDoc: `${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(2 * i)}k:`).join('\n')}\n`,
  // a deep mkdocs.yml: its docs are still built, with MkDocs' defaults
  deepMkdocs: component('deep-mkdocs', '  annotations:\n    backstage.io/techdocs-ref: dir:./deepdocs\n'),
  good: component('good'),
  team: 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n',
  // an owner only a prototype would give: must not become a relation catalog.json cannot explain
  protoOwner: 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: proto-owner\nspec:\n  type: service\n  lifecycle: production\n  __proto__:\n    owner: hidden-owner\n',
  protoDeps: component('proto-deps', '', '  __proto__:\n    dependsOn: [component:default/good]\n'),
  // a document whose only key is __proto__
  ghost: '__proto__:\n  apiVersion: backstage.io/v1alpha1\n  kind: Component\n  metadata:\n    name: ghost\n  spec:\n    type: service\n    lifecycle: production\n    owner: team-a\n',
  // a $json file with a __proto__ key
  protoJson: component('proto-json', '  annotations:\n    $json: ./annotations.json\n'),
  // a malformed %-escape in a url: techdocs-ref
  badEscape: component('bad-escape', '  annotations:\n    backstage.io/techdocs-ref: url:https://github.com/o/r/tree/main/svc/%E0%A4%A\n'),
};
type DocName = keyof typeof DOCS;

/** A portal over one `path:` source holding `names` in one catalog-info.yaml; `line[name]` is where each starts. */
function catalogFixture(names: DocName[]) {
  // a folder inside a repo whose origin is on GitHub, so `url:` refs to it are recognised
  const repo = makeRepo({ 'README.md': 'x\n' });
  git(repo, ['remote', 'add', 'origin', 'https://github.com/o/r.git']);
  writeFiles(path.join(repo, 'svc'), {
    'catalog-info.yaml': names.map((n) => DOCS[n]).join('---\n'),
    'deep.json': `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`,
    'deep.yaml': `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`,
    'annotations.json': JSON.stringify({ 'example.com/x': 'y' }).replace('{', '{"__proto__": {"backstage.io/techdocs-ref": "dir:."},'),
    'deepdocs/mkdocs.yml': `site_name: Deep\nnav: ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n`,
    'deepdocs/docs/index.md': '# Deep\n',
  });
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'fixture']);
  const dir = tempDir();
  writeFiles(dir, { 'portal.yaml': `site:\n  title: T\nsources:\n  - name: svc\n    path: ${path.join(repo, 'svc')}\n` });
  const line = {} as Record<DocName, number>;
  let next = 1;
  for (const n of names) { line[n] = next; next += DOCS[n].split('\n').length; }
  return { dir, line };
}

function build(dir: string) {
  const r = run(['build', '--config', 'portal.yaml', '--out', 'out', '--cache', 'cache'], dir);
  expect(r.stderr).not.toMatch(/RangeError|URIError|internal error/);
  expect(r.status).toBe(0);
  const report = JSON.parse(readFileSync(path.join(dir, 'out/build-report.json'), 'utf8')) as { diagnostics: Diag[] };
  const entities = JSON.parse(readFileSync(path.join(dir, 'out/catalog.json'), 'utf8')) as EntityOut[];
  expect(report.diagnostics.filter((d) => d.code.endsWith('.internal'))).toEqual([]);
  return { report, entities, at: (code: string) => report.diagnostics.filter((d) => d.code === code).map((d) => ({ file: d.file, line: d.line, entityRef: d.entityRef })) };
}

function validate(dir: string): Diag[] {
  const v = run(['validate', '--config', 'portal.yaml', '--format', 'json'], dir);
  expect(v.stderr).not.toMatch(/RangeError|URIError|internal error/);
  expect(v.status).toBe(1);
  return (JSON.parse(v.stdout) as { diagnostics: Diag[] }).diagnostics;
}

describe('untrusted descriptors through the CLI', { timeout: 180_000 }, () => {
  it('values nested thousands of levels deep are refused at their line; the rest is built and validated', () => {
    const { dir, line } = catalogFixture(['deepJson', 'deepYaml', 'deepDoc', 'deepMkdocs', 'good', 'team']);
    const { report, entities, at } = build(dir);
    expect(at('catalog.too-deep')).toEqual(expect.arrayContaining([
      { file: 'catalog-info.yaml', line: line.deepJson + 9, entityRef: 'api:default/deep-json' },
      { file: 'catalog-info.yaml', line: line.deepYaml + 5, entityRef: 'component:default/deep-yaml' },
    ]));
    const deepDoc = report.diagnostics.find((d) => d.code === 'catalog.too-deep' && !d.entityRef)!;
    expect(deepDoc.line).toBeGreaterThan(line.deepDoc);
    expect(deepDoc.line).toBeLessThan(line.deepMkdocs);
    expect(deepDoc.message).toMatch(/more than 64 levels/);
    // kept: everything readable, the unresolved placeholders left as written
    expect(entities.map((e) => e.metadata.name).sort()).toEqual(['deep-json', 'deep-mkdocs', 'deep-yaml', 'good', 'team-a']);
    expect(entities.find((e) => e.metadata.name === 'deep-json')!.spec.definition).toEqual({ $json: './deep.json' });
    // the deep mkdocs.yml: reported, docs built with the defaults
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ code: 'docs.too-deep', file: 'deepdocs/mkdocs.yml', line: 2 }));
    expect(existsSync(path.join(dir, 'out/docs/default/component/deep-mkdocs/index.html'))).toBe(true);

    const codes = validate(dir).map((d) => d.code);
    expect(codes.filter((c) => c === 'catalog.too-deep')).toHaveLength(3);
    expect(codes).toContain('docs.too-deep');
  });

  it('__proto__ keys are dropped and reported: no relation, annotation or entity catalog.json cannot explain', () => {
    const { dir, line } = catalogFixture(['good', 'team', 'protoOwner', 'protoDeps', 'ghost', 'protoJson']);
    const { report, entities, at } = build(dir);
    expect(entities.map((e) => e.metadata.name).sort()).toEqual(['good', 'proto-deps', 'proto-json', 'team-a']);
    for (const e of entities) {
      expect(e.relations.map((x) => x.targetRef)).not.toContain('group:default/hidden-owner');
      for (const rel of e.relations.filter((x) => x.type === 'dependsOn')) expect(JSON.stringify(e.spec)).toContain(rel.targetRef);
    }
    expect(entities.find((e) => e.metadata.name === 'proto-deps')!.relations.filter((x) => x.type === 'dependsOn')).toEqual([]);
    expect(entities.find((e) => e.metadata.name === 'proto-json')!.metadata.annotations).not.toHaveProperty(['backstage.io/techdocs-ref']);
    expect(at('catalog.proto-key')).toEqual(expect.arrayContaining([
      { file: 'catalog-info.yaml', line: line.protoOwner + 7, entityRef: undefined },
      { file: 'catalog-info.yaml', line: line.protoDeps + 8, entityRef: undefined },
      { file: 'catalog-info.yaml', line: line.ghost, entityRef: undefined },
      { file: 'catalog-info.yaml', line: line.protoJson + 5, entityRef: 'component:default/proto-json' },
    ]));
    // without the prototype's owner, the entity lacks one, as catalog.json would show
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ code: 'catalog.invalid-field', line: line.protoOwner + 4, entityRef: 'component:default/proto-owner' }));
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ code: 'catalog.not-an-entity', line: line.ghost }));
  });

  it('a malformed %-escape in a url: techdocs-ref is an error at the annotation\'s line', () => {
    const { dir, line } = catalogFixture(['good', 'team', 'badEscape']);
    const diagnostics = validate(dir);
    expect(diagnostics).toContainEqual(expect.objectContaining({
      code: 'docs.invalid-ref', severity: 'error', file: 'catalog-info.yaml', line: line.badEscape + 5, entityRef: 'component:default/bad-escape',
    }));
    expect(diagnostics.filter((d) => d.severity === 'error')).toHaveLength(1);
  });
});

/** Relative `href`s in a built page's article, resolved to the output files they lead to. */
function articleLinks(out: string, pageDir: string): string[] {
  const html = readFileSync(path.join(out, pageDir, 'index.html'), 'utf8');
  const article = /<article[\s\S]*?<\/article>/.exec(html)?.[0] ?? '';
  return [...article.matchAll(/href="([^"#]*)"/g)]
    .map((m) => m[1]!.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16))))
    .filter((h) => h !== '' && !/^[a-z]+:|^\//i.test(h))
    .map((h) => path.join(out, pageDir, ...h.split('/').map(decodeURIComponent), 'index.html'));
}

describe('docs pages with names static hosts cannot serve', { timeout: 180_000 }, () => {
  it('are published under safe names, reported, and still linked from other pages and the nav', () => {
    const dir = tempDir();
    const src = path.join(dir, 'svc');
    // written as MkDocs wants links to them: the file name, percent-encoded
    const odd = ['pct%41', 'back\\slash', 'q?x', 'h#x', 'ctl\u0001x', 'ls\u2028x', 'a:b', 'sp ace', 'a%b', 'a-b'];
    writeFiles(src, {
      'catalog-info.yaml': component('odd', '  annotations:\n    backstage.io/techdocs-ref: dir:.\n'),
      'mkdocs.yml': 'site_name: Odd\nnav:\n  - Home: index.md\n  - Pct: pct%41.md\n  - Up: "%2e%2e/"\n  - Slash: back\\slash.md\n',
      'docs/index.md': `# Home\n\n[up](%252e%252e/index.md)\n\n${odd.map((n) => `- [${n}](${encodeURIComponent(`${n}.md`)})`).join('\n')}\n`,
      'docs/%2e%2e/index.md': '# Up\n\n[home](../index.md) and [pct](../pct%2541.md)\n',
    });
    for (const n of odd) writeFileSync(path.join(src, 'docs', `${n}.md`), `# Page\n\n[home](index.md)\n`);
    writeFiles(dir, { 'portal.yaml': 'site:\n  title: T\nsources:\n  - name: svc\n    path: ./svc\n' });

    const r = run(['build', '--config', 'portal.yaml', '--out', 'out', '--cache', 'cache'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = path.join(dir, 'out');
    const site = 'docs/default/component/odd';
    const published = ['-2e-2e', 'pct-41', 'back-slash', 'q-x', 'h-x', 'ctl-x', 'ls-x', 'a:b', 'sp ace', 'a-b'];
    for (const p of published) expect(existsSync(path.join(out, site, p, 'index.html')), p).toBe(true);

    // every link between the pages leads to a page that was written
    const links = articleLinks(out, site);
    expect(links).toHaveLength(odd.length + 1);
    for (const l of links) expect(existsSync(l), l).toBe(true);
    for (const p of ['-2e-2e', 'pct-41', 'q-x', 'a:b']) {
      for (const l of articleLinks(out, `${site}/${p}`)) expect(existsSync(l), `${p} → ${l}`).toBe(true);
    }

    const report = JSON.parse(readFileSync(path.join(out, 'build-report.json'), 'utf8')) as { diagnostics: Diag[] };
    expect(report.diagnostics.filter((d) => d.code === 'docs.broken-link' || d.code === 'docs.nav-missing')).toEqual([]);
    // `a%b` becomes `a-b`, which a file already has: one of them wins, as for any two pages at one path
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ code: 'docs.page-conflict', severity: 'info' }));

    const v = run(['validate', '--format', 'json', 'svc'], dir);
    const renamed = (JSON.parse(v.stdout) as { diagnostics: Diag[] }).diagnostics.filter((d) => d.code === 'docs.page-renamed');
    expect(renamed.map((d) => d.file).sort()).toEqual([
      'svc/docs/%2e%2e/index.md', 'svc/docs/a%b.md', 'svc/docs/back\\slash.md', 'svc/docs/ctl\u0001x.md',
      'svc/docs/h#x.md', 'svc/docs/ls\u2028x.md', 'svc/docs/pct%41.md', 'svc/docs/q?x.md',
    ].sort());
    expect(renamed.find((d) => d.file === 'svc/docs/pct%41.md')!.message).toMatch(/"pct%41" is published at "pct-41"/);
    expect(renamed.every((d) => d.severity === 'info')).toBe(true);
  });
});
