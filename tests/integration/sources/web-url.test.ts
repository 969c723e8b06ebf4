/**
 * `web_url`: a `git:` source given as a local path declares where its repository is browsed. URLs
 * at that address (Location targets, `url:` docs refs) resolve into the source, and view, edit and
 * docs edit links are built from it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fetchSources } from '../../../src/pipeline/sources/index.js';
import { buildCatalog } from '../../../src/pipeline/catalog/index.js';
import { buildDocs } from '../../../src/pipeline/docs/index.js';
import { loadConfig } from '../../../src/pipeline/config/load.js';
import type { SourceConfig } from '../../../src/pipeline/config/schema.js';
import { T1, cleanupTmp, commit, configFor, git, tmpDir } from './helpers.js';

afterAll(cleanupTmp);

const WEB = 'https://github.com/acme/payments';
const descriptor = (name: string, annotations = '') =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n${annotations}spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`;

function localRepo(dir: string): string {
  const repo = path.join(dir, 'payments');
  mkdirSync(repo);
  git(repo, ['init', '-q', '-b', 'main']);
  commit(repo, {
    'catalog-info.yaml': [
      descriptor('pay', '  annotations:\n    backstage.io/techdocs-ref: dir:.\n'),
      `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: more\nspec:\n  targets:\n    - ${WEB}/blob/main/more/catalog-info.yaml\n`,
    ].join('---\n'),
    'more/catalog-info.yaml': descriptor('pay-worker', `  annotations:\n    backstage.io/techdocs-ref: url:${WEB}/tree/main/more\n`),
    'more/docs/index.md': '# Worker\n',
    'docs/index.md': '# Payments\n',
  }, T1);
  return repo;
}

async function read(sources: SourceConfig[], dir: string) {
  const config = configFor(dir, sources);
  const { snapshots, diagnostics } = await fetchSources(config, {
    cacheDir: path.join(dir, 'cache'), offline: false, overrides: {}, concurrency: 1, env: { PATH: process.env.PATH, HOME: dir },
  });
  const catalog = buildCatalog(snapshots);
  const docs = await buildDocs(catalog, snapshots, { cacheDir: path.join(dir, 'cache'), workers: 1 });
  return { snapshots, diagnostics: [...diagnostics, ...catalog.diagnostics, ...docs.diagnostics], catalog, docs };
}

describe('web_url on a local git source', () => {
  it('resolves URLs at that address into the source and builds links from it', async () => {
    const dir = tmpDir();
    const repo = localRepo(dir);
    const { snapshots, diagnostics, catalog, docs } = await read([{ name: 'pay', git: repo, web_url: WEB, catalog: ['catalog-info.yaml'] }], dir);
    expect(snapshots[0]?.host).toEqual({ kind: 'github', repoUrl: WEB });
    expect(diagnostics.filter((d) => d.code !== 'catalog.dangling-ref')).toEqual([]);

    // the Location target is a URL at the declared address: read from the source, not reported as external
    const byName = new Map(catalog.entities.map((e) => [e.metadata.name, e]));
    expect(byName.get('pay-worker')?.source).toMatchObject({ path: 'more/catalog-info.yaml', viewUrl: `${WEB}/blob/main/more/catalog-info.yaml` });
    expect(byName.get('pay')?.source.viewUrl).toBe(`${WEB}/blob/main/catalog-info.yaml`);

    // docs: the url: ref resolves into the source, and edit links lead to the declared host
    const sites = new Map(docs.sites.map((s) => [s.entityRef, s]));
    expect(sites.get('component:default/pay')?.pages[0]?.editUrl).toBe(`${WEB}/edit/main/docs/index.md`);
    expect(sites.get('component:default/pay')?.repoUrl).toBe(WEB);
    expect(sites.get('component:default/pay-worker')?.pages.map((p) => [p.title, p.editUrl])).toEqual([['Worker', `${WEB}/edit/main/more/docs/index.md`]]);
  });

  it('makes a folder inside another checkout the top of the repository it declares', async () => {
    const dir = tmpDir();
    const outer = path.join(dir, 'outer');
    mkdirSync(outer);
    git(outer, ['init', '-q', '-b', 'feature-x']);
    commit(outer, { 'demo/pay/catalog-info.yaml': descriptor('pay'), 'README.md': 'x\n' }, T1);
    const folder = path.join(outer, 'demo', 'pay');
    const { catalog } = await read([{ name: 'pay', path: folder, web_url: WEB }], dir);
    // not blob/feature-x/demo/pay/…: the outer checkout's branch and subfolder are not the declared repository's
    expect(catalog.entities[0]?.source.viewUrl).toBe(`${WEB}/blob/HEAD/catalog-info.yaml`);
    const pinned = await read([{ name: 'pay', path: folder, web_url: WEB, ref: 'main' }], dir);
    expect(pinned.catalog.entities[0]?.source.viewUrl).toBe(`${WEB}/blob/main/catalog-info.yaml`);
  });

  it('without web_url, the same URLs are outside every source', async () => {
    const dir = tmpDir();
    const repo = localRepo(dir);
    const { snapshots, diagnostics, catalog } = await read([{ name: 'pay', git: repo, catalog: ['catalog-info.yaml'] }], dir);
    expect(snapshots[0]?.host).toBeUndefined();
    expect(catalog.entities.map((e) => e.metadata.name)).not.toContain('pay-worker');
    expect(diagnostics.map((d) => d.code)).toContain('catalog.location-external');
  });

  it('is a config error at its line when it is no repository address on a known host', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'portal.yaml');
    writeFileSync(file, 'sources:\n  - name: pay\n    git: ./payments\n    web_url: https://tok@github.com/acme/payments\n  - name: b\n    git: ./b\n    web_url: https://example.com/acme/b\n');
    const { config, diagnostics } = loadConfig(file);
    expect(config).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.line, d.message.split(':')[0]])).toEqual([
      ['config.invalid', 4, 'sources[0].web_url'],
      ['config.invalid', 7, 'sources[1].web_url'],
    ]);
    expect(diagnostics[0]!.message).toContain('https address of a GitHub, GitLab or Bitbucket repository');
  });
});
