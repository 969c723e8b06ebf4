import { describe, expect, it } from 'vitest';
import { prepareModel } from '../../../src/pipeline/site/portal-model.js';
import { displayTitle, initialsOf } from '../../../src/pipeline/catalog/vocabulary/display.js';
import { fixtureConfig, withRelations } from '../../fixtures/site/catalog.js';
import type { Diagnostic } from '../../../src/pipeline/diagnostics.js';
import type { PortalModel } from '../../../src/pipeline/site/types.js';

/** A department with two teams (one with a sub-team), people at each level, and things they own. */
const raws = [
  { kind: 'Group', metadata: { name: 'eng' }, spec: { type: 'department', profile: { displayName: 'Engineering' }, children: ['pay', 'web'], members: ['ada'] } },
  { kind: 'Group', metadata: { name: 'pay' }, spec: { type: 'team', parent: 'eng', children: ['fraud'], members: ['bo'] } },
  { kind: 'Group', metadata: { name: 'fraud' }, spec: { type: 'team', parent: 'pay', children: [], members: ['cy', 'bo'] } },
  { kind: 'Group', metadata: { name: 'web' }, spec: { type: 'team', parent: 'eng', children: [], profile: { picture: 'https://img.example/web.png' } } },
  { kind: 'Group', metadata: { name: 'guild' }, spec: { type: 'guild', children: ['group:gone-team'], members: ['ada'] } },
  { kind: 'User', metadata: { name: 'ada' }, spec: { profile: { displayName: 'Ada Lovelace', picture: 'javascript:alert(1)' }, memberOf: ['eng', 'guild'] } },
  { kind: 'User', metadata: { name: 'bo' }, spec: { memberOf: ['pay'] } },
  { kind: 'User', metadata: { name: 'cy' }, spec: { profile: { displayName: 'Cy Twombly' }, memberOf: ['fraud'] } },
  { kind: 'Component', metadata: { name: 'portal' }, spec: { type: 'website', lifecycle: 'production', owner: 'eng' } },
  { kind: 'Component', metadata: { name: 'checkout' }, spec: { type: 'service', lifecycle: 'production', owner: 'pay' } },
  { kind: 'Component', metadata: { name: 'scoring' }, spec: { type: 'service', lifecycle: 'production', owner: 'fraud' } },
  { kind: 'API', metadata: { name: 'web-api' }, spec: { type: 'openapi', lifecycle: 'production', owner: 'web', definition: 'x' } },
  { kind: 'Component', metadata: { name: 'legacy' }, spec: { type: 'service', lifecycle: 'deprecated', owner: 'group:gone' } },
  { kind: 'Template', metadata: { name: 'starter' }, spec: { type: 'service', steps: [] } },
];
const diagnostics: Diagnostic[] = [
  { severity: 'warning', code: 'catalog.dangling-ref', message: 'spec.owner: "group:default/gone" is not in the catalog', file: 'legacy.yaml', line: 7, source: 'acme', entityRef: 'component:default/legacy' },
  { severity: 'error', code: 'catalog.invalid-field', message: 'bad', file: 'checkout.yaml', line: 3, source: 'acme', entityRef: 'component:default/checkout', url: 'https://github.com/acme/x/blob/main/checkout.yaml#L3' },
  { severity: 'info', code: 'docs.note', message: 'n', file: 'docs/a.md', line: 1, source: 'docs-repo', entityRef: 'component:default/scoring' },
  { severity: 'warning', code: 'sources.stale', message: 'stale', source: 'docs-repo' },
];
const model = (): PortalModel => prepareModel({ config: fixtureConfig(), catalog: { entities: withRelations(raws) }, docs: null, diagnostics });
const entity = (m: PortalModel, ref: string) => m.entities.find((e) => e.ref === ref)!;
const section = (m: PortalModel, ref: string, title: string) => entity(m, ref).sections.find((s) => s.title === title);

describe('people and teams', () => {
  it('names people and teams by their display name, with initials or a safe picture', () => {
    const m = model();
    expect(entity(m, 'user:default/ada').title).toBe('Ada Lovelace');
    expect(entity(m, 'user:default/ada').avatar).toEqual({ initials: 'AL' });
    expect(entity(m, 'group:default/web').avatar).toEqual({ initials: 'W', picture: 'https://img.example/web.png' });
    expect(entity(m, 'user:default/bo').title).toBe('bo');
    expect(section(m, 'group:default/fraud', 'Members')!.items.map((i) => i.label)).toEqual(['bo', 'Cy Twombly']);
    expect(entity(m, 'component:default/portal').owner!.label).toBe('Engineering');
    expect(initialsOf('Tomás Herrera')).toBe('TH');
    expect(initialsOf('priya.raman')).toBe('PR');
    expect(displayTitle({ kind: 'Component', spec: { profile: { displayName: 'no' } }, metadata: { name: 'c' } } as never)).toBe('c');
  });

  it('shows a department its members and ownership directly and through its sub-teams', () => {
    const m = model();
    expect(section(m, 'group:default/eng', 'Members')!.items.map((i) => i.ref)).toEqual(['user:default/ada']);
    const through = section(m, 'group:default/eng', 'Members of sub-teams')!;
    expect(through.items.map((i) => [i.ref, i.description])).toEqual([['user:default/bo', 'via pay'], ['user:default/cy', 'via fraud']]);
    expect(section(m, 'group:default/eng', 'Owns Components')!.items.map((i) => i.ref)).toEqual(['component:default/portal']);
    expect(section(m, 'group:default/eng', 'Sub-teams own Components')!.items.map((i) => i.ref)).toEqual(['component:default/checkout', 'component:default/scoring']);
    expect(section(m, 'group:default/eng', 'Sub-teams own APIs')!.items.map((i) => i.ref)).toEqual(['api:default/web-api']);
    expect(section(m, 'group:default/fraud', 'Members of sub-teams')).toBeUndefined();
  });

  it('draws the org tree from its roots, guilds apart, with direct and total counts', () => {
    const { org } = model();
    expect(org.groups).toBe(5);
    expect(org.roots.map((r) => r.group.ref)).toEqual(['group:default/eng']);
    expect(org.loose.map((r) => r.group.ref)).toEqual(['group:default/guild']);
    const eng = org.roots[0]!;
    expect([eng.members, eng.membersTotal, eng.owned, eng.ownedTotal]).toEqual([1, 3, 1, 4]);
    expect(eng.children.map((c) => c.group.label)).toEqual(['pay', 'web']);
    expect(eng.children[0]!.children[0]!.group.ref).toBe('group:default/fraud');
  });
});

describe('catalog health', () => {
  it('flags the orphaned and the ownerless, and links each banner to its owner\'s part', () => {
    const m = model();
    expect(entity(m, 'component:default/legacy').flags).toEqual([{ id: 'orphaned', label: 'Orphaned', detail: 'Its owner group:default/gone is not in the catalog.' }]);
    expect(entity(m, 'template:default/starter').flags?.map((f) => f.id)).toEqual(['no-owner']);
    expect(entity(m, 'component:default/portal').flags).toBeUndefined();
    expect(entity(m, 'component:default/checkout').healthAnchor).toBe('owner-group-default-pay');
    expect(m.health.orphaned.items.map((e) => e.ref)).toEqual(['component:default/legacy']);
    expect(m.health.noOwner.count).toBe(1);
  });

  it('lists every diagnostic once, by owner (errors first) and by source, with the report\'s counts', () => {
    const { health } = model();
    expect(health.counts).toEqual({ error: 1, warning: 2, info: 1, total: 4 });
    expect(health.entities).toBe(3);
    expect(health.owners.map((o) => [o.label, o.total])).toEqual([['pay', 1], ['fraud', 1], ['group:gone', 1], ['No owner', 1]]);
    expect(health.owners.reduce((n, o) => n + o.rows.length, 0)).toBe(diagnostics.length);
    expect(health.owners[0]!.rows[0]).toMatchObject({ code: 'catalog.invalid-field', where: 'checkout.yaml:3', href: 'https://github.com/acme/x/blob/main/checkout.yaml#L3', source: 'acme' });
    expect(health.owners.every((o) => o.shown === o.rows.length)).toBe(true);
    expect(health.sources).toEqual([
      { source: 'acme', counts: { error: 1, warning: 1, info: 0 }, total: 2 },
      { source: 'docs-repo', counts: { error: 0, warning: 1, info: 1 }, total: 2 },
    ]);
  });

  it('keeps the page bounded however many problems there are: the rest load when asked for', () => {
    const many: Diagnostic[] = Array.from({ length: 600 }, (_, i) => ({
      severity: 'warning', code: 'catalog.dangling-ref', message: `m${i}`, file: 'x.yaml', line: i + 1, source: 'acme',
      entityRef: i % 3 === 0 ? 'component:default/checkout' : i % 3 === 1 ? 'component:default/scoring' : 'component:default/portal',
    }));
    const { health } = prepareModel({ config: fixtureConfig(), catalog: { entities: withRelations(raws) }, docs: null, diagnostics: many });
    expect(health.counts.total).toBe(600);
    expect(health.owners.map((o) => [o.label, o.rows.length, o.shown])).toEqual([['Engineering', 200, 20], ['fraud', 200, 20], ['pay', 200, 20]]);
    // many owners: the first 20 get their problems on the page, the others are listed and load theirs
    const owners = Array.from({ length: 30 }, (_, i) => ({ kind: 'Group', metadata: { name: `t${i}` }, spec: { type: 'team', children: [] } }));
    const owned = owners.map((_, i) => ({ kind: 'Component', metadata: { name: `c${i}` }, spec: { type: 'service', lifecycle: 'production', owner: `t${i}` } }));
    const one: Diagnostic[] = owned.map((c) => ({ severity: 'warning', code: 'x.y', message: 'm', entityRef: `component:default/${c.metadata.name}` }));
    const wide = prepareModel({ config: fixtureConfig(), catalog: { entities: withRelations([...owners, ...owned]) }, docs: null, diagnostics: one }).health;
    expect(wide.owners.filter((o) => o.shown > 0)).toHaveLength(20);
  });
});
