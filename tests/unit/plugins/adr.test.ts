import { afterEach, describe, expect, it } from 'vitest';
import { tempRepos } from './temp-repo.js';
import plugin, { type AdrOptions } from '../../../src/plugins/adr/index.js';
import { parseAdr, statusKeyOf } from '../../../src/plugins/adr/parse.js';
import { sourceFiles, type RenderSink } from '../../../src/pipeline/plugins/files.js';
import type { EntityContext, PageOutput, PluginContext, SourceFiles } from '../../../src/pipeline/plugins/types.js';
import type { Entity } from '../../../src/pipeline/catalog/types.js';
import type { CheckContext, FileMatch } from '../../../src/pipeline/scorecards/types.js';
import type { Snapshot } from '../../../src/pipeline/sources/types.js';

const repo = tempRepos('adr-plugin-');
afterEach(repo.cleanup);

const NYGARD = `# 1. Record architecture decisions

Date: 2019-05-02

## Status

Accepted

## Context

We need to record the architectural decisions made on the box office.

## Decision

We will use Architecture Decision Records. The first real one is [2. Use Postgres](0002-use-postgres.md).
`;

const MADR2 = `# Use Postgres for seat holds

* Status: superseded by [4. Hold seats in Redis](0004-hold-seats-in-redis.md)
* Deciders: Ana Lima, Tom Okafor
* Date: 2020-01-15
* Technical Story: FOY-231

## Context and Problem Statement

Seat holds must survive a restart of the box office.
`;

const MADR3 = `---
status: accepted
date: 2021-03-04
decision-makers:
  - Ana Lima
  - Priya Natarajan
---
# Sell tickets in the buyer's currency

## Context and Problem Statement

Buyers abroad abandon checkout when prices are shown in euros only.
`;

const NYGARD_LATER = `# 4. Hold seats in Redis

Date: 2022-07-19

## Status

Proposed

Supersedes [2. Use Postgres for seat holds](0002-use-postgres.md)

## Decision

Seat holds live in Redis with a ten-minute expiry.
`;

const ADRS = {
  'services/box-office/docs/adrs/0001-record-architecture-decisions.md': NYGARD,
  'services/box-office/docs/adrs/0002-use-postgres.md': MADR2,
  'services/box-office/docs/adrs/0003-buyer-currency.md': MADR3,
  'services/box-office/docs/adrs/0004-hold-seats-in-redis.md': NYGARD_LATER,
  'services/box-office/docs/adrs/template.md': '# Title\n\n* Status: [proposed | accepted]\n',
  'services/box-office/docs/adrs/0000-adr-template.md': '# {short title}\n\n* Status: proposed\n',
  'services/box-office/docs/adrs/README.md': '# Decisions\n\nSee the records.\n',
};


const REF = 'component:default/box-office';
const HREF = 'catalog/default/component/box-office/';

const entity = (location: string | null): Entity => ({
  apiVersion: 'backstage.io/v1alpha1', kind: 'Component',
  metadata: { name: 'box-office', namespace: 'default', ...(location !== null ? { annotations: { 'backstage.io/adr-location': location } } : {}) },
  spec: { type: 'service', owner: 'team' }, relations: [],
  source: { source: 'storefront', path: 'services/box-office/catalog-info.yaml', line: 1, viewUrl: 'https://github.com/foyer-tickets/storefront/blob/main/services/box-office/catalog-info.yaml#L1' },
});

interface Setup { root: string; e: Entity; files: SourceFiles; ctx: EntityContext<AdrOptions>; warnings: string[] }

function setup(files: Record<string, string>, location: string | null = 'docs/adrs', options: Record<string, unknown> = {}): Setup {
  const parsed = plugin.options!.safeParse(options);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  const root = repo(files);
  const snapshot: Snapshot = { name: 'storefront', root, origin: 'path', catalogGlobs: [], stale: false, history: {} };
  const sink: RenderSink = { assets: [], diagnostics: [] };
  const f = sourceFiles(snapshot, 'services/box-office', sink);
  const e = entity(location);
  const warnings: string[] = [];
  const ctx: EntityContext<AdrOptions> = {
    options: parsed.data, offline: false, entities: [e], entity: () => e, hrefOf: () => HREF,
    filesOf: () => f, warn: (m) => { warnings.push(m); }, ref: REF, files: f, href: HREF,
  };
  return { root, e, files: f, ctx, warnings };
}

const pagesOf = async (s: Setup): Promise<PageOutput[]> => plugin.pages!(s.ctx as PluginContext<AdrOptions>);
const htmlOf = (p: PageOutput | undefined): string => (typeof p?.html === 'string' ? p.html : p?.html?.html ?? '');
const cellText = (c: string | { text: string } | undefined): string => (typeof c === 'string' ? c : c?.text ?? '');

/** The scorecards' CheckContext over the temp repo, files found with the same glob rule as SourceFiles. */
function checkCtx(s: Setup): CheckContext & { options: AdrOptions; params: Record<string, unknown> } {
  return {
    entity: s.e, ref: REF, entities: new Map([[REF, s.e]]), errors: [], today: 0,
    files: (patterns): FileMatch => ({ found: s.files.glob(patterns.map((p) => `/${p}`)).map((p) => (p.startsWith('/') ? p.slice(1) : `services/box-office/${p}`)), refused: [], dir: '' }),
    read: (rel) => s.files.read(`/${rel}`),
    options: s.ctx.options, params: {},
  };
}

describe('adr plugin: pages', () => {
  it('lists the numbered records of both formats in the index, leaving templates and the README out', async () => {
    const pages = await pagesOf(setup(ADRS));
    const index = pages.find((p) => p.path === 'adrs')!;
    expect(index.title).toBe('Architecture decisions');
    expect(index.entity).toBe(REF);
    expect(index.table!.columns).toEqual(['#', 'Decision', 'Status', 'Date', 'Deciders']);
    expect(index.table!.filters).toEqual(['Status']);
    expect(index.table!.rows.map((r) => r.map(cellText))).toEqual([
      ['0001', 'Record architecture decisions', 'Accepted', '2019-05-02', ''],
      ['0002', 'Use Postgres for seat holds', 'Superseded by 4. Hold seats in Redis', '2020-01-15', 'Ana Lima, Tom Okafor'],
      ['0003', "Sell tickets in the buyer's currency", 'Accepted', '2021-03-04', 'Ana Lima, Priya Natarajan'],
      ['0004', 'Hold seats in Redis', 'Proposed', '2022-07-19', ''],
    ]);
    // the filter matches the normalised status, the cell shows what was written
    expect(index.table!.rows.map((r) => (r[2] as { value?: string }).value)).toEqual(['accepted', 'superseded', 'accepted', 'proposed']);
    expect(index.table!.rows[1]![1]).toEqual({ text: 'Use Postgres for seat holds', href: `${HREF}adrs/0002-use-postgres/` });
    expect(pages.map((p) => p.path)).toEqual(['adrs', 'adrs/0001-record-architecture-decisions', 'adrs/0002-use-postgres', 'adrs/0003-buyer-currency', 'adrs/0004-hold-seats-in-redis']);
    expect(index.description).toBe('4 decisions recorded in services/box-office/docs/adrs: 1 proposed, 2 accepted, 1 superseded.');
  });

  it('renders each record with its facts, a series of prev/next, and links between records landing on sibling pages', async () => {
    const pages = await pagesOf(setup(ADRS));
    const first = pages.find((p) => p.path === 'adrs/0001-record-architecture-decisions')!;
    expect(first.title).toBe('Record architecture decisions');
    expect(first.facts).toEqual([{ label: 'Status', value: 'Accepted' }, { label: 'Date', value: '2019-05-02' }]);
    const html = htmlOf(first);
    expect(html).toContain('We need to record the architectural decisions made on the box office.');
    expect(html).toMatch(/href="\.\.\/0002-use-postgres\/"/);
    // the title and the Date line are the page's header and facts, not repeated in its body
    expect(html).not.toContain('Record architecture decisions');
    expect(html).not.toContain('2019-05-02');
    expect(first.prev).toBeUndefined();
    expect(first.next).toEqual({ path: 'adrs/0002-use-postgres', title: 'Use Postgres for seat holds' });

    const second = pages.find((p) => p.path === 'adrs/0002-use-postgres')!;
    expect(second.facts).toEqual([
      { label: 'Status', value: 'Superseded by 4. Hold seats in Redis', url: `${HREF}adrs/0004-hold-seats-in-redis/` },
      { label: 'Date', value: '2020-01-15' },
      { label: 'Deciders', value: 'Ana Lima, Tom Okafor' },
    ]);
    const html2 = htmlOf(second);
    expect(html2).toContain('Seat holds must survive a restart of the box office.');
    expect(html2).toContain('FOY-231'); // a list item that is no fact stays
    expect(html2).not.toContain('Deciders');
    expect(second.prev).toEqual({ path: 'adrs/0001-record-architecture-decisions', title: 'Record architecture decisions' });

    const fourth = pages.find((p) => p.path === 'adrs/0004-hold-seats-in-redis')!;
    expect(htmlOf(fourth)).toMatch(/href="\.\.\/0002-use-postgres\/"/);
    expect(fourth.next).toBeUndefined();
  });

  it('warns and publishes nothing for a location leading outside the source, a URL, or a folder with no records', async () => {
    for (const [loc, said] of [['../../../elsewhere', 'leads outside the source'], ['https://github.com/foyer-tickets/adrs/tree/main', 'is a URL'], ['docs', 'no ADRs in services/box-office/docs']] as const) {
      const s = setup(ADRS, loc);
      expect(await pagesOf(s)).toEqual([]);
      expect(s.warnings).toHaveLength(1);
      expect(s.warnings[0]).toContain(said);
      expect(await plugin.entityCards!(s.e, s.ctx)).toBeUndefined();
    }
    const none = setup(ADRS, null);
    expect(await pagesOf(none)).toEqual([]);
    expect(none.warnings).toEqual([]);
  });

  it('reads at most max_records and says how many were left out', async () => {
    const s = setup(ADRS, 'docs/adrs', { max_records: 2 });
    const pages = await pagesOf(s);
    expect(pages.find((p) => p.path === 'adrs')!.table!.rows).toHaveLength(2);
    expect(s.warnings).toEqual(['2 more ADRs in services/box-office/docs/adrs than max_records (2) left out']);
  });
});

describe('adr plugin: card and check', () => {
  it('counts records per status on the entity card and links to the index', async () => {
    const s = setup(ADRS);
    expect(await plugin.entityCards!(s.e, s.ctx)).toEqual([{
      title: 'Architecture decisions',
      facts: [{ label: 'Proposed', value: '1' }, { label: 'Accepted', value: '2' }, { label: 'Superseded', value: '1' }],
      links: [{ label: 'All 4 decisions', url: `${HREF}adrs/` }],
    }]);
  });

  it('has_adrs passes with an accepted record and fails without one', () => {
    const check = plugin.checks!.has_adrs as (c: ReturnType<typeof checkCtx>) => { passed: boolean; reason?: string; fix?: string };
    expect(check(checkCtx(setup(ADRS)))).toEqual({ passed: true, reason: '2 accepted ADRs in services/box-office/docs/adrs (1 proposed, 2 accepted, 1 superseded)' });
    const proposedOnly = check(checkCtx(setup({ 'services/box-office/docs/adrs/0004-hold-seats-in-redis.md': NYGARD_LATER })));
    expect(proposedOnly.passed).toBe(false);
    expect(proposedOnly.reason).toBe('no accepted ADR in services/box-office/docs/adrs (1 proposed)');
    expect(proposedOnly.fix).toContain('catalog-info.yaml');
    expect(check(checkCtx(setup(ADRS, null)))).toMatchObject({ passed: false, reason: expect.stringContaining('no backstage.io/adr-location annotation') });
    expect(check(checkCtx(setup(ADRS, '../../..')))).toMatchObject({ passed: false, reason: expect.stringContaining('leads outside the source') });
  });
});

describe('adr plugin: parsing', () => {
  it('reads MADR 3 front matter deciders and a MADR 4 decision-makers list alike', () => {
    expect(parseAdr('0007-x.md', '---\nstatus: Rejected\ndate: 2023-11-02\ndeciders: Tom Okafor\n---\n# 7. Drop PDFs\n')).toMatchObject({ number: '0007', title: 'Drop PDFs', status: 'Rejected', statusKey: 'rejected', date: '2023-11-02', deciders: 'Tom Okafor' });
    expect(parseAdr('0003-x.md', '---\nstatus: superseded by [ADR 0004](0004-y.md)\n---\n# X\n')).toMatchObject({ status: 'Superseded by ADR 0004', statusKey: 'superseded', statusLink: '0004-y.md' });
    expect(parseAdr('0008-use-sse.md', 'No heading here.\n')).toMatchObject({ title: 'Use sse', statusKey: 'unknown' });
  });

  it('normalises statuses to their first word', () => {
    expect(['Accepted ✅', 'Superceded by 5', 'DEPRECATED', '[proposed | rejected | accepted]', ''].map(statusKeyOf)).toEqual(['accepted', 'superseded', 'deprecated', 'unknown', 'unknown']);
  });
});
