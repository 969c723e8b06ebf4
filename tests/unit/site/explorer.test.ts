/** The explorer's index (built in Node) and the browser code's pure half: URL state, filtering with counts, export. */
import { describe, expect, it } from 'vitest';
import { prepareModel } from '../../../src/pipeline/site/portal-model.js';
import { countOf, decode, query, sortRanks, sortRows } from '../../../src/components/explorer/data.js';
import { columnsFor } from '../../../src/components/explorer/columns.js';
import { csvCell, toCsv, toJson } from '../../../src/components/explorer/export.js';
import { readState, writeState } from '../../../src/components/explorer/state.js';
import { fixtureCatalog, fixtureConfig, withRelations } from '../../fixtures/site/catalog.js';

const index = () => prepareModel({ config: fixtureConfig(), catalog: fixtureCatalog(), docs: null }).explorer;
const rowOf = (ix: ReturnType<typeof index>, name: string) => ix.rows.find((r) => r[0] === name)!;

describe('explorerIndex', () => {
  it('is versioned and gives groups their parent, users their email, locations their targets, systems their domain', () => {
    const ix = index();
    expect(ix.version).toBe(2);
    const web = rowOf(ix, 'team-web');
    expect(ix.owners[web[12]!]!.slice(0, 3)).toEqual(['group:default/acme', 'ACME Corp', 'catalog/default/group/acme/']);
    expect(rowOf(ix, 'alice')[13]).toEqual(['alice@acme.example']);
    expect(rowOf(ix, 'acme-org')[13]).toEqual(['./org/*.yaml', 'https://github.com/acme/payments/blob/main/catalog-info.yaml']);
    // a component pays nothing for fields it does not have
    expect(rowOf(ix, 'payments-service')).toHaveLength(12);
    const payments = ix.rows.find((r) => r[0] === 'payments' && ix.kinds[r[2]] === 'System')!;
    expect(ix.systems[payments[7]]![0]).toMatch(/^domain:/);
  });

  it('ends a cycle of parent groups', () => {
    const raws = [
      { kind: 'Group', metadata: { name: 'a' }, spec: { type: 'team', parent: 'b', children: [] } },
      { kind: 'Group', metadata: { name: 'b' }, spec: { type: 'team', parent: 'a', children: [] } },
      { kind: 'Component', metadata: { name: 'c' }, spec: { type: 'service', lifecycle: 'production', owner: 'a' } },
    ];
    const ix = prepareModel({ config: fixtureConfig(), catalog: { entities: withRelations(raws) }, docs: null }).explorer;
    const ex = decode(ix);
    expect(ex.rows.find((r) => r.r[0] === 'c')!.ownerChain).toEqual(['group:default/a', 'group:default/b']);
  });
});

describe('the explorer in the browser', () => {
  it('reads old links, opens bare on components, and writes the state back as it read it', () => {
    expect(readState('').kind).toBe('component');
    expect(readState('?kind=API&owner=group:default/Team-Payments')).toMatchObject({ kind: 'api', filters: { owner: ['group:default/team-payments'] } });
    // a filter without a kind (scorecard pages link so) means every kind
    expect(readState('?score=prod:gold').kind).toBe('all');
    for (const q of ['', '?kind=all', '?kind=user', '?kind=component&owner=a&owner=b&subteams=1&q=pay&sort=owner&dir=desc&page=2', '?kind=all&score=prod%3Agold']) {
      expect(writeState(readState(q))).toBe(q);
    }
  });

  it('filters with union inside a facet, counts each facet without its own selection, and matches sub-teams', () => {
    const ex = decode(index());
    const base = readState('?kind=component');
    const owners = [...new Set(ex.byKind.get('component')!.map((r) => r.owner![0]))];
    expect(owners.length).toBeGreaterThan(1);
    const one = query(ex, { ...base, filters: { owner: [owners[0]!] } });
    const two = query(ex, { ...base, filters: { owner: owners.slice(0, 2) } });
    expect(two.matches.length).toBeGreaterThan(one.matches.length);
    expect(countOf(ex, two, 'owner', owners[1]!)).toBe(countOf(ex, one, 'owner', owners[1]!));
    expect(two.counts.type.reduce((a, b) => a + b, 0)).toBe(two.matches.length);
    // the organisation owns nothing itself; with sub-teams it owns what its teams own
    const org = { ...base, filters: { owner: ['group:default/acme'] } };
    expect(query(ex, org).matches).toHaveLength(0);
    const acme = ex.index.owners.findIndex((o) => o[0] === 'group:default/acme');
    const teams = new Set(ex.index.owners.filter((o) => o[3] === acme).map((o) => o[0]));
    expect(teams.size).toBeGreaterThan(1);
    expect(query(ex, { ...org, subteams: true }).matches).toHaveLength(ex.byKind.get('component')!.filter((r) => teams.has(r.owner?.[0] ?? '')).length);
  });

  it('sorts by rank, empty values last', () => {
    const ex = decode(index());
    const st = readState('?kind=component&sort=system');
    const rows = sortRows(query(ex, st).matches, sortRanks(ex, 'system'), sortRanks(ex, 'name'), 'asc');
    const systems = rows.map((r) => r.part?.[1] ?? '');
    expect(systems.filter(Boolean)).toEqual([...systems.filter(Boolean)].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    expect(systems.indexOf('')).toBe(systems.includes('') ? systems.length - systems.filter((s) => !s).length : -1);
  });

  it('exports CSV that a spreadsheet reads as text: quotes, commas and new lines escaped, formulas neutralised', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    for (const f of ['=HYPERLINK("http://x")', '+1', '-1+2', '@SUM(A1)', '\t=1', '\r=1']) expect(csvCell(f).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);

    const ex = decode(index());
    const rows = ex.byKind.get('user')!;
    const columns = columnsFor('user', rows, []);
    expect(columns.map((c) => c.id)).toEqual(['name', 'email']);
    const csv = toCsv(columns, rows, []);
    expect(csv.split('\r\n')[0]).toBe('\uFEFFRef,Name,Email');
    expect(csv).toContain('user:default/alice,Alice Example,alice@acme.example\r\n');
    expect(JSON.parse(toJson(columns, rows, []))).toContainEqual({ ref: 'user:default/alice', name: 'Alice Example', email: 'alice@acme.example' });
  });
});
