import { afterEach, describe, expect, it } from 'vitest';
import { tempRepos } from './temp-repo.js';
import plugin, { type GithubOptions } from '../../../src/plugins/github/index.js';
import { sourceFiles, type RenderSink } from '../../../src/pipeline/plugins/files.js';
import type { EntityContext } from '../../../src/pipeline/plugins/types.js';
import type { Entity } from '../../../src/pipeline/catalog/types.js';
import type { Snapshot } from '../../../src/pipeline/sources/types.js';

const repo = tempRepos('gh-plugin-');
afterEach(repo.cleanup);


function entity(slug?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1', kind: 'Component',
    metadata: { name: 'bff', namespace: 'default', ...(slug !== undefined ? { annotations: { 'github.com/project-slug': slug } } : {}) },
    spec: { type: 'service', owner: 'team' }, relations: [], source: { source: 'storefront', path: 'apps/bff/catalog-info.yaml', line: 1 },
  };
}

interface Setup { root?: string; web?: string; options?: Record<string, unknown>; offline?: boolean }
function context(e: Entity, { root, web, options = {}, offline = false }: Setup) {
  const parsed = plugin.options!.safeParse(options);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  const warnings: string[] = [];
  const sink: RenderSink = { assets: [], diagnostics: [] };
  const snapshot: Snapshot = {
    name: 'storefront', root: root ?? repo({}), origin: 'path', catalogGlobs: [], stale: false, history: {},
    ...(web ? { host: { kind: 'github' as const, repoUrl: web }, webRef: 'main' } : {}),
  };
  const files = sourceFiles(snapshot, 'apps/bff', sink);
  const ctx: EntityContext<GithubOptions> = {
    options: parsed.data, offline, entities: [e], entity: () => e, hrefOf: () => 'catalog/default/component/bff/',
    filesOf: () => files, warn: (m) => { warnings.push(m); }, ref: 'component:default/bff', files, href: 'catalog/default/component/bff/',
  };
  return { ctx, warnings };
}

const workflows = {
  '.github/workflows/ci.yml': 'name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps: [{ run: npm test }]\n',
  '.github/workflows/deploy.yaml': 'on:\n  push:\n    branches: [main]\njobs: {}\n',
  '.github/workflows/README.md': 'not a workflow',
  'apps/bff/catalog-info.yaml': 'kind: Component\n',
};

describe('github plugin: links', () => {
  it('links a slug to its Actions, pull requests, issues and releases', async () => {
    const e = entity('foyer-tickets/storefront');
    const { ctx, warnings } = context(e, {});
    expect(await plugin.entityLinks!(e, ctx)).toEqual([
      { label: 'Actions', url: 'https://github.com/foyer-tickets/storefront/actions' },
      { label: 'Pull requests', url: 'https://github.com/foyer-tickets/storefront/pulls' },
      { label: 'Issues', url: 'https://github.com/foyer-tickets/storefront/issues' },
      { label: 'Releases', url: 'https://github.com/foyer-tickets/storefront/releases' },
    ]);
    expect(warnings).toEqual([]);
  });

  it.each(['foyer-tickets', 'foyer/../../evil', 'a/b/c', 'javascript:alert(1)/x', 'foyer tickets/x', 'owner/..'])('a bad slug %j gives no links, no card, and a warning', async (slug) => {
    const e = entity(slug);
    const { ctx, warnings } = context(e, { root: repo(workflows), web: 'https://github.com/foyer-tickets/storefront' });
    expect(await plugin.entityLinks!(e, ctx)).toEqual([]);
    expect(await plugin.entityCards!(e, ctx)).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('github.com/project-slug');
  });

  it('gives nothing, quietly, to an entity without the annotation', async () => {
    const e = entity();
    const { ctx, warnings } = context(e, {});
    expect(await plugin.entityLinks!(e, ctx)).toEqual([]);
    expect(await plugin.entityCards!(e, ctx)).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('links to a GitHub Enterprise Server host', async () => {
    const e = entity('tickets/storefront');
    const { ctx } = context(e, { options: { host: 'https://github.foyer.example' } });
    const links = (await plugin.entityLinks!(e, ctx))!;
    expect(links.map((l) => l.url)).toEqual(['actions', 'pulls', 'issues', 'releases'].map((p) => `https://github.foyer.example/tickets/storefront/${p}`));
    const bare = context(e, { options: { host: 'github.foyer.example' } });
    expect((await plugin.entityLinks!(e, bare.ctx))![0]!.url).toBe('https://github.foyer.example/tickets/storefront/actions');
  });

  it.each(['http://github.foyer.example', 'https://github.foyer.example/tickets', 'https://user:pw@github.foyer.example', 'ftp://x'])('refuses the host option %j', (host) => {
    expect(plugin.options!.safeParse({ host }).success).toBe(false);
  });
});

describe('github plugin: Actions badges', () => {
  it('badges each workflow file of the slug\'s own repository, by its name: or else its file name', async () => {
    const e = entity('foyer-tickets/storefront');
    const { ctx } = context(e, { root: repo(workflows), web: 'https://github.com/foyer-tickets/storefront' });
    expect(await plugin.entityCards!(e, ctx)).toEqual([{
      title: 'GitHub Actions',
      badges: [
        { alt: 'CI status', src: 'https://github.com/foyer-tickets/storefront/actions/workflows/ci.yml/badge.svg', href: 'https://github.com/foyer-tickets/storefront/actions/workflows/ci.yml' },
        { alt: 'deploy.yaml status', src: 'https://github.com/foyer-tickets/storefront/actions/workflows/deploy.yaml/badge.svg', href: 'https://github.com/foyer-tickets/storefront/actions/workflows/deploy.yaml' },
      ],
    }]);
  });

  it('adds the branch option to each badge', async () => {
    const e = entity('foyer-tickets/storefront');
    const { ctx } = context(e, { root: repo(workflows), web: 'https://github.com/foyer-tickets/storefront', options: { branch: 'release/2024' } });
    const [card] = (await plugin.entityCards!(e, ctx))!;
    expect(card!.badges!.map((b) => b.src)).toEqual([
      'https://github.com/foyer-tickets/storefront/actions/workflows/ci.yml/badge.svg?branch=release%2F2024',
      'https://github.com/foyer-tickets/storefront/actions/workflows/deploy.yaml/badge.svg?branch=release%2F2024',
    ]);
  });

  it('reads no workflow files of a source that is another repository, or whose host is unknown', async () => {
    const e = entity('foyer-tickets/payments');
    const other = context(e, { root: repo(workflows), web: 'https://github.com/foyer-tickets/storefront' });
    expect(await plugin.entityCards!(e, other.ctx)).toEqual([]);
    const unknown = context(entity('foyer-tickets/storefront'), { root: repo(workflows) });
    expect(await plugin.entityCards!(entity('foyer-tickets/storefront'), unknown.ctx)).toEqual([]);
  });

  it('badges the workflows option\'s files, titled by name: when the file is in the source', async () => {
    const e = entity('foyer-tickets/storefront');
    const own = context(e, { root: repo(workflows), web: 'https://github.com/foyer-tickets/storefront', options: { workflows: ['ci.yml', 'nightly.yml'] } });
    const [card] = (await plugin.entityCards!(e, own.ctx))!;
    expect(card!.badges!.map((b) => b.alt)).toEqual(['CI status', 'nightly.yml status']);
    expect(card!.badges![1]!.src).toBe('https://github.com/foyer-tickets/storefront/actions/workflows/nightly.yml/badge.svg');
    // Without a web host the option is the only way to badges.
    const bare = context(e, { options: { workflows: ['release.yml'] } });
    expect((await plugin.entityCards!(e, bare.ctx))![0]!.badges).toEqual([{
      alt: 'release.yml status',
      src: 'https://github.com/foyer-tickets/storefront/actions/workflows/release.yml/badge.svg',
      href: 'https://github.com/foyer-tickets/storefront/actions/workflows/release.yml',
    }]);
    expect(plugin.options!.safeParse({ workflows: ['../x.yml'] }).success).toBe(false);
  });

  it('shows no card in an offline build', async () => {
    const e = entity('foyer-tickets/storefront');
    const { ctx } = context(e, { root: repo(workflows), web: 'https://github.com/foyer-tickets/storefront', offline: true, options: { workflows: ['ci.yml'] } });
    expect(await plugin.entityCards!(e, ctx)).toEqual([]);
  });

  it('badges an Enterprise host\'s repository from its workflow files', async () => {
    const e = entity('tickets/storefront');
    const { ctx } = context(e, { root: repo(workflows), web: 'https://github.foyer.example/tickets/storefront', options: { host: 'https://github.foyer.example' } });
    const [card] = (await plugin.entityCards!(e, ctx))!;
    expect(card!.badges![0]).toEqual({ alt: 'CI status', src: 'https://github.foyer.example/tickets/storefront/actions/workflows/ci.yml/badge.svg', href: 'https://github.foyer.example/tickets/storefront/actions/workflows/ci.yml' });
  });

  it('titles a workflow file past 256 KB, or one that is not YAML, by its file name', async () => {
    const big = `name: Huge\non: push\n# ${'x'.repeat(300 * 1024)}\n`;
    const e = entity('foyer-tickets/storefront');
    const { ctx } = context(e, { root: repo({ '.github/workflows/big.yml': big, '.github/workflows/bad.yml': 'name: [unclosed\n' }), web: 'https://github.com/foyer-tickets/storefront' });
    const [card] = (await plugin.entityCards!(e, ctx))!;
    expect(card!.badges!.map((b) => b.alt)).toEqual(['bad.yml status', 'big.yml status']);
  });
});
