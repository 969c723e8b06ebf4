import { afterEach, describe, expect, it } from 'vitest';
import { tempRepos } from './temp-repo.js';
import plugin, { latestEntries, NO_RELEASES_BYTES, type ChangelogOptions } from '../../../src/plugins/changelog/index.js';
import { sourceFiles, type RenderSink } from '../../../src/pipeline/plugins/files.js';
import type { EntityContext, SectionOutput } from '../../../src/pipeline/plugins/types.js';
import type { Entity } from '../../../src/pipeline/catalog/types.js';
import type { Snapshot } from '../../../src/pipeline/sources/types.js';

const repo = tempRepos('changelog-plugin-');
afterEach(repo.cleanup);


const entity = (kind = 'Component'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1', kind,
  metadata: { name: 'bff', namespace: 'default' },
  spec: { type: 'service', owner: 'team' }, relations: [], source: { source: 'storefront', path: 'apps/bff/catalog-info.yaml', line: 1 },
});

async function sections(files: Record<string, string>, { options = {}, web = false, kind }: { options?: Record<string, unknown>; web?: boolean; kind?: string } = {}): Promise<SectionOutput[]> {
  const parsed = plugin.options!.safeParse(options);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  const snapshot: Snapshot = {
    name: 'storefront', root: repo(files), origin: 'path', catalogGlobs: [], stale: false, history: {},
    ...(web ? { host: { kind: 'github' as const, repoUrl: 'https://github.com/foyer-tickets/storefront' }, webRef: 'main' } : {}),
  };
  const sink: RenderSink = { assets: [], diagnostics: [] };
  const f = sourceFiles(snapshot, 'apps/bff', sink);
  const e = entity(kind);
  const ctx: EntityContext<ChangelogOptions> = {
    options: parsed.data, offline: false, entities: [e], entity: () => e, hrefOf: () => 'catalog/default/component/bff/',
    filesOf: () => f, warn: () => {}, ref: 'component:default/bff', files: f, href: 'catalog/default/component/bff/',
  };
  return (await plugin.entitySections!(e, ctx)) ?? [];
}

const htmlOf = (s: SectionOutput | undefined): string => (typeof s?.html === 'string' ? s.html : s?.html?.html ?? '');

const KEEP_A_CHANGELOG = `# Changelog

All notable changes to the box office BFF are documented here.

## [Unreleased]

### Added
- Waitlist sign-up when a performance sells out.

## [1.4.0] - 2024-05-01

### Added
- Seat holds survive a page reload.

\`\`\`yaml
# not a release heading inside a fence:
## 9.9.9
\`\`\`

## [1.3.0] - 2024-03-12

### Fixed
- Gift vouchers apply before the booking fee.

## [1.2.0] - 2024-02-02

- Matinee pricing.

## [1.1.0] - 2024-01-10

- Accessible seating filter.

## [1.0.0] - 2023-11-20

- First release on the new box office.

[Unreleased]: https://github.com/foyer-tickets/storefront/compare/v1.4.0...HEAD
[1.4.0]: https://github.com/foyer-tickets/storefront/compare/v1.3.0...v1.4.0
[1.3.0]: https://github.com/foyer-tickets/storefront/compare/v1.2.0...v1.3.0
`;

describe('changelog plugin', () => {
  it('shows the latest 3 releases and a non-empty Unreleased, older ones left out', async () => {
    const [section] = await sections({ 'apps/bff/CHANGELOG.md': KEEP_A_CHANGELOG });
    expect(section).toMatchObject({ id: 'changelog', title: 'Changelog' });
    const html = htmlOf(section);
    for (const shown of ['Waitlist sign-up', 'Seat holds survive', 'Gift vouchers', 'Matinee pricing', '9.9.9']) expect(html).toContain(shown);
    for (const absent of ['Accessible seating', 'First release', '1.1.0', '1.0.0', 'All notable changes']) expect(html).not.toContain(absent);
    // Headings stay links through the file's reference definitions.
    expect(html).toMatch(/href="https:\/\/github\.com\/foyer-tickets\/storefront\/compare\/v1\.3\.0\.\.\.v1\.4\.0"/);
    // Newest first, as written.
    expect(html.indexOf('Seat holds')).toBeLessThan(html.indexOf('Gift vouchers'));
    expect(section!.links).toBeUndefined();
  });

  it('takes the entries option', async () => {
    const html = htmlOf((await sections({ 'apps/bff/CHANGELOG.md': KEEP_A_CHANGELOG }, { options: { entries: 1 } }))[0]);
    expect(html).toContain('Seat holds survive');
    expect(html).not.toContain('Gift vouchers');
    const all = htmlOf((await sections({ 'apps/bff/CHANGELOG.md': KEEP_A_CHANGELOG }, { options: { entries: 10 } }))[0]);
    expect(all).toContain('First release on the new box office');
    expect(plugin.options!.safeParse({ entries: 0 }).success).toBe(false);
  });

  it('leaves out an Unreleased heading with nothing under it', () => {
    const text = '# Changelog\n\n## [Unreleased]\n\n### Added\n\n## 2.0.0\n\n- Dynamic pricing.\n';
    const part = latestEntries(text, 3).text;
    expect(part).not.toMatch(/Unreleased/);
    expect(part).toContain('Dynamic pricing');
  });

  it('reads Changesets and conventional-changelog headings as releases', () => {
    const text = '# @foyer/bff\n\n## 3.1.0\n\n### Minor Changes\n\n- Season tickets.\n\n## 3.0.1\n\n- Fix.\n\n## [3.0.0](https://github.com/foyer-tickets/storefront/compare/v2.9.0...v3.0.0) (2024-04-01)\n\n- Old.\n';
    const part = latestEntries(text, 2).text;
    expect(part).toContain('Season tickets');
    expect(part).toContain('- Fix.');
    expect(part).not.toContain('Old.');
    expect(part).not.toContain('@foyer/bff');
  });

  it('shows a changelog without release headings from its start, its title dropped, up to 16 KB', async () => {
    const [section] = await sections({ 'apps/bff/HISTORY.md': '# History\n\nWe ship every Tuesday. Ask #box-office for what went out.\n' });
    expect(htmlOf(section)).toContain('We ship every Tuesday');
    expect(htmlOf(section)).not.toContain('History');
    const long = Array.from({ length: 2000 }, (_, i) => `- change number ${i}`).join('\n');
    const part = latestEntries(long, 3);
    expect(part.cut).toBe(true);
    expect(Buffer.byteLength(part.text)).toBeLessThanOrEqual(NO_RELEASES_BYTES + 1);
    expect(part.text).toContain('change number 0\n');
    expect(part.text).not.toContain('change number 1999');
  });

  it('closes a code fence the cut falls inside', () => {
    const text = `## 1.0.0\n\n\`\`\`\n${'x\n'.repeat(40_000)}\`\`\`\n\nAfter the code.\n`;
    const part = latestEntries(text, 1);
    expect(part.cut).toBe(true);
    expect(part.text.trimEnd().endsWith('```')).toBe(true);
  });

  it('uses the first of CHANGELOG.md, CHANGELOG, HISTORY.md, changelog.md', async () => {
    const [s] = await sections({ 'apps/bff/CHANGELOG': '## 1.0.0\n\n- From CHANGELOG.\n', 'apps/bff/HISTORY.md': '## 1.0.0\n\n- From HISTORY.\n' });
    expect(htmlOf(s)).toContain('From CHANGELOG.');
    expect(htmlOf(s)).not.toContain('From HISTORY.');
  });

  it('gives no section without a changelog in the descriptor\'s folder, or for a kind that does not release', async () => {
    expect(await sections({ 'apps/bff/README.md': '# BFF\n', 'CHANGELOG.md': '## 1.0.0\n\n- Repo root, not the entity\'s.\n' })).toEqual([]);
    expect(await sections({ 'apps/bff/CHANGELOG.md': KEEP_A_CHANGELOG }, { kind: 'Group' })).toEqual([]);
    expect(await sections({ 'apps/bff/CHANGELOG.md': '# Changelog\n\n' })).toEqual([]);
  });

  it('links to the full file on the source\'s web host', async () => {
    const [section] = await sections({ 'apps/bff/CHANGELOG.md': KEEP_A_CHANGELOG }, { web: true });
    expect(section!.links).toEqual([{ label: 'Full changelog', url: 'https://github.com/foyer-tickets/storefront/blob/main/apps/bff/CHANGELOG.md' }]);
  });
});
