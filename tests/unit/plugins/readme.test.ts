import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRepos } from './temp-repo.js';
import plugin, { cut, withoutTitleHeading, type ReadmeOptions } from '../../../src/plugins/readme/index.js';
import { sourceFiles, type RenderSink } from '../../../src/pipeline/plugins/files.js';
import type { EntityContext, SectionOutput } from '../../../src/pipeline/plugins/types.js';
import type { Entity } from '../../../src/pipeline/catalog/types.js';
import type { Snapshot } from '../../../src/pipeline/sources/types.js';

const repo = tempRepos('readme-plugin-');
afterEach(repo.cleanup);

/** A 1×1 PNG. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c49444154789c63f8cfc0000003010100c9fe92ef0000000049454e44ae426082', 'hex');


const entity = (kind = 'Component', title?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1', kind,
  metadata: { name: 'box-office', namespace: 'default', ...(title ? { title } : {}) },
  spec: { type: 'service', owner: 'team' }, relations: [], source: { source: 'storefront', path: 'services/box-office/catalog-info.yaml', line: 1 },
});

interface Opts { options?: Record<string, unknown>; web?: boolean; kind?: string; title?: string; docsHref?: string }

async function run(files: Record<string, string | Buffer>, { options = {}, web = false, kind, title, docsHref }: Opts = {}): Promise<{ sections: SectionOutput[]; sink: RenderSink }> {
  const parsed = plugin.options!.safeParse(options);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  const snapshot: Snapshot = {
    name: 'storefront', root: repo(files), origin: 'path', catalogGlobs: [], stale: false, history: {},
    ...(web ? { host: { kind: 'github' as const, repoUrl: 'https://github.com/foyer-tickets/storefront' }, webRef: 'main' } : {}),
  };
  const sink: RenderSink = { assets: [], diagnostics: [] };
  const f = sourceFiles(snapshot, 'services/box-office', sink);
  const e = entity(kind, title);
  const href = 'catalog/default/component/box-office/';
  const ctx: EntityContext<ReadmeOptions> = {
    options: parsed.data, offline: false, entities: [e], entity: () => e, hrefOf: () => href,
    filesOf: () => f, warn: () => {}, ref: 'component:default/box-office', files: f, href, ...(docsHref ? { docsHref } : {}),
  };
  return { sections: (await plugin.entitySections!(e, ctx)) ?? [], sink };
}

const htmlOf = (s: SectionOutput | undefined): string => (typeof s?.html === 'string' ? s.html : s?.html?.html ?? '');

const README = `# box-office

The box office sells seats for every Foyer performance.

![diagram](./docs/arch.png)

See [the seating rules](../seating/RULES.md) and [runbook](docs/runbook.md).

<script>alert('x')</script>
<img src="./docs/arch.png" onerror="alert(1)" alt="again">
`;

const FILES = {
  'services/box-office/README.md': README,
  'services/box-office/docs/arch.png': PNG,
  'services/box-office/docs/runbook.md': '# Runbook\n',
  'services/seating/RULES.md': '# Rules\n',
};

describe('readme plugin', () => {
  it('shows the README as a README section: text, published image, no script or handler', async () => {
    const { sections, sink } = await run(FILES, { web: true });
    expect(sections.map((s) => [s.id, s.title])).toEqual([['readme', 'README']]);
    const html = htmlOf(sections[0]);
    expect(html).toContain('The box office sells seats for every Foyer performance.');
    // the image: published under docs/_assets/, referenced relative to the entity page
    expect(new Set(sink.assets.map((a) => a.to)).size).toBe(1);
    expect(sink.assets[0]!.from).toBe(path.join(repo.roots[0]!, 'services/box-office/docs/arch.png'));
    expect(sink.assets[0]!.to).toMatch(/^docs\/_assets\/.+arch\.png$/);
    const src = /<img[^>]*alt="diagram"[^>]*>/.exec(html)?.[0].match(/src="([^"]+)"/)?.[1];
    expect(src).toBe(`../../../../${sink.assets[0]!.to}`);
    expect(html).not.toMatch(/<script|alert\('x'\)|onerror/i);
    expect(html).toMatch(/<img[^>]*alt="again"/); // the image stays, its handler goes
    // links to repository files go to the web host
    expect(html).toContain('href="https://github.com/foyer-tickets/storefront/blob/main/services/seating/RULES.md"');
    expect(html).toContain('href="https://github.com/foyer-tickets/storefront/blob/main/services/box-office/docs/runbook.md"');
  });

  it('leaves out a first H1 that repeats the entity name, and keeps any other', async () => {
    const same = htmlOf((await run(FILES)).sections[0]);
    expect(same).not.toMatch(/<h1/);
    const other = htmlOf((await run({ 'services/box-office/README.md': '# Selling seats\n\nText.\n' })).sections[0]);
    expect(other).toMatch(/<h1[^>]*>.*Selling seats/);
    expect(withoutTitleHeading('Box Office\n==========\n\nText\n', ['box-office'])).toBe('\n\n\nText\n');
    expect(withoutTitleHeading('---\ntitle: x\n---\n# The Box Office\nText\n', ['box-office', 'The Box Office'])).toBe('---\ntitle: x\n---\n\nText\n');
    expect(withoutTitleHeading('Intro\n\n# box-office\n', ['box-office'])).toBe('Intro\n\n# box-office\n');
  });

  it('an entity with TechDocs, no README, or a kind not listed gets no section', async () => {
    expect((await run(FILES, { docsHref: 'docs/default/component/box-office/' })).sections).toEqual([]);
    expect((await run({ 'services/box-office/catalog-info.yaml': 'x' })).sections).toEqual([]);
    expect((await run(FILES, { kind: 'User' })).sections).toEqual([]);
    expect((await run(FILES, { kind: 'User', options: { kinds: ['User'] } })).sections).toHaveLength(1);
  });

  it('takes readme.md and README.markdown when there is no README.md', async () => {
    const lower = await run({ 'services/box-office/readme.md': 'lower case readme\n' });
    expect(htmlOf(lower.sections[0])).toContain('lower case readme');
    const long = await run({ 'services/box-office/README.markdown': 'markdown extension\n' });
    expect(htmlOf(long.sections[0])).toContain('markdown extension');
  });

  it('cuts a long README at a line, with a link to the whole file', async () => {
    const text = `${'A line about seats.\n'.repeat(200)}THE END\n`;
    const { sections } = await run({ 'services/box-office/README.md': text }, { web: true, options: { max_bytes: 1024 } });
    const html = htmlOf(sections[0]);
    expect(html).toContain('A line about seats.');
    expect(html).not.toContain('THE END');
    expect(sections[0]!.links).toEqual([{ label: 'The whole README', url: 'https://github.com/foyer-tickets/storefront/blob/main/services/box-office/README.md' }]);
    expect(cut('ab\ncd', 4)).toEqual({ text: 'ab\n', cut: true });
    expect(cut('é'.repeat(10), 5)).toEqual({ text: 'éé', cut: true });
    expect(plugin.options!.safeParse({ max_bytes: 10 }).success).toBe(false);
  });
});
