/**
 * A `path:` source that is a subfolder of a repository hosted on GitHub, through the real CLI: its
 * view and edit links lead into that subfolder (not the repository's top) on entity pages, docs pages
 * and in catalog.json, and URLs into the subfolder (placeholders, Location targets, `url:` docs refs)
 * are read from the source, while a URL elsewhere in the repository is not in it.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { git, makeRepo, tempDir, writeFiles } from '../../support/git.js';

const cli = path.resolve(import.meta.dirname, '../../../scripts/playbill.mjs');
const REPO = 'https://github.com/acme/mono';
const IN_SOURCE = `${REPO}/blob/main/services/pay`;
const OPENAPI = 'openapi: 3.0.0\ninfo:\n  title: Pay\n  version: 1.0.0\npaths: {}\n';

interface EntityOut {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec: Record<string, unknown>;
  source: { path: string; line: number; viewUrl?: string };
}
interface Diag { code: string; message: string; entityRef?: string; file?: string; line?: number; url?: string }

const component = (name: string, annotations: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n  annotations:\n${annotations}spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`;

const DESCRIPTORS = [
  'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n',
  component('pay', '    backstage.io/techdocs-ref: dir:.\n'),
  // docs named by a URL into the subfolder
  component('pay-guide', `    backstage.io/techdocs-ref: url:${REPO}/tree/main/services/pay/guide\n`),
  // a URL elsewhere in the repository: not in this source
  component('outsider', `    backstage.io/techdocs-ref: url:${REPO}/tree/main/services/other\n`),
  `apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: pay-api\nspec:\n  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition:\n    $text: ${IN_SOURCE}/api/openapi.yaml\n`,
  `apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: root-readme\nspec:\n  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition:\n    $text: ${REPO}/blob/main/README.md\n`,
  `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: more\nspec:\n  targets:\n    - ${IN_SOURCE}/more/catalog-info.yaml\n`,
];

function fixture() {
  const repo = makeRepo({
    'README.md': '# the monorepo\n',
    'services/other/mkdocs.yml': 'site_name: Other\n',
    'services/other/docs/index.md': '# Other\n',
    'services/pay/catalog-info.yaml': DESCRIPTORS.join('---\n'),
    'services/pay/mkdocs.yml': 'site_name: Pay\n',
    'services/pay/docs/index.md': '# Pay\n\nThe [API definition](../api/openapi.yaml).\n',
    'services/pay/api/openapi.yaml': OPENAPI,
    'services/pay/guide/mkdocs.yml': 'site_name: Guide\n',
    'services/pay/guide/docs/index.md': '# Guide\n',
    'services/pay/more/catalog-info.yaml': component('more-pay', '    example.com/x: y\n'),
  });
  git(repo, ['remote', 'add', 'origin', `${REPO}.git`]);
  const dir = tempDir();
  writeFiles(dir, {
    'portal.yaml': `site:\n  title: T\nsources:\n  - name: pay\n    path: ${path.join(repo, 'services/pay')}\n    catalog: [catalog-info.yaml]\n`,
  });
  return dir;
}

/** The `href`s of `<a>` elements whose text is `text`. */
function hrefsOf(html: string, text: RegExp): string[] {
  return [...html.matchAll(/<a\b[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)].filter((m) => text.test(m[2]!)).map((m) => m[1]!);
}

describe('a path: source in a subfolder of a hosted repository', { timeout: 180_000 }, () => {
  it('links into that subfolder everywhere and reads URLs into it from the source', () => {
    const dir = fixture();
    const r = spawnSync(process.execPath, [cli, 'build', '--config', 'portal.yaml', '--out', 'out', '--cache', 'cache'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    expect(r.status, r.stderr).toBe(0);
    const out = path.join(dir, 'out');
    const entities = JSON.parse(readFileSync(path.join(out, 'catalog.json'), 'utf8')) as EntityOut[];
    const report = JSON.parse(readFileSync(path.join(out, 'build-report.json'), 'utf8')) as { diagnostics: Diag[] };
    const byName = (n: string) => entities.find((e) => e.metadata.name === n)!;

    // catalog.json: derived annotations and the line-anchored view URL, all into services/pay
    const pay = byName('pay');
    expect(pay.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location': `url:${IN_SOURCE}/catalog-info.yaml`,
      'backstage.io/source-location': `url:${IN_SOURCE}/`,
      'backstage.io/view-url': `${IN_SOURCE}/catalog-info.yaml`,
      'backstage.io/edit-url': `${REPO}/edit/main/services/pay/catalog-info.yaml`,
    });
    expect(pay.source.line).toBeGreaterThan(1);
    expect(pay.source.viewUrl).toBe(`${IN_SOURCE}/catalog-info.yaml#L${pay.source.line}`);

    // URLs into the subfolder: the placeholder is read, the Location target followed
    expect(byName('pay-api').spec.definition).toBe(OPENAPI);
    expect(byName('more-pay').metadata.annotations?.['backstage.io/managed-by-origin-location']).toBe(`url:${IN_SOURCE}/catalog-info.yaml`);
    expect(byName('more-pay').source.viewUrl).toBe(`${IN_SOURCE}/more/catalog-info.yaml`);
    // URLs elsewhere in the repository are not in the source
    expect(byName('root-readme').spec.definition).toEqual({ $text: `${REPO}/blob/main/README.md` });
    const codes = report.diagnostics.map((d) => [d.code, d.entityRef]);
    expect(codes).toContainEqual(['catalog.placeholder-external', 'api:default/root-readme']);
    expect(codes).toContainEqual(['docs.external-ref', 'component:default/outsider']);
    expect(existsSync(path.join(out, 'docs/default/component/outsider'))).toBe(false);
    // each diagnostic links its file at its line in the subfolder, and the entity's page shows it there
    const external = report.diagnostics.find((d) => d.code === 'catalog.placeholder-external')!;
    expect(external.file).toBe('catalog-info.yaml');
    expect(external.url).toBe(`${IN_SOURCE}/catalog-info.yaml#L${external.line}`);
    const readme = readFileSync(path.join(out, 'catalog/default/api/root-readme/index.html'), 'utf8');
    expect(hrefsOf(readme, new RegExp(`catalog-info\\.yaml:${external.line}`))).toEqual([external.url]);

    // the entity page: its descriptor links
    const page = readFileSync(path.join(out, 'catalog/default/component/pay/index.html'), 'utf8');
    // one "View descriptor" action, at the descriptor's line
    expect(hrefsOf(page, /View descriptor/)).toEqual([`${IN_SOURCE}/catalog-info.yaml#L${pay.source.line}`]);
    expect(hrefsOf(page, /^Source$/)).toEqual([`${IN_SOURCE}/`]);
    expect(hrefsOf(page, /Edit descriptor/)).toEqual([`${REPO}/edit/main/services/pay/catalog-info.yaml`]);
    expect(hrefsOf(page, /catalog-info\.yaml<\/code>/)).toEqual([`${IN_SOURCE}/catalog-info.yaml#L${pay.source.line}`]);

    // the docs page: "edit this page" and a link to a source file outside docs_dir
    const doc = readFileSync(path.join(out, 'docs/default/component/pay/index.html'), 'utf8');
    expect(hrefsOf(doc, /Edit this page/)).toEqual([`${REPO}/edit/main/services/pay/docs/index.md`]);
    expect(hrefsOf(doc, /API definition/)).toEqual([`${IN_SOURCE}/api/openapi.yaml`]);
    // the url: docs ref into the subfolder is built from the source, edit links included
    const guide = readFileSync(path.join(out, 'docs/default/component/pay-guide/index.html'), 'utf8');
    expect(hrefsOf(guide, /Edit this page/)).toEqual([`${REPO}/edit/main/services/pay/guide/docs/index.md`]);
  });
});
