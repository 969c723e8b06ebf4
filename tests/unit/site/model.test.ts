import { describe, expect, it } from 'vitest';
import { apiLanguage, prepareModel } from '../../../src/pipeline/site/portal-model.js';
import { annotationView, safeUrl } from '../../../src/pipeline/site/annotation-views.js';
import { LIST_CAP } from '../../../src/pipeline/site/entity-links.js';
import { fixtureCatalog, fixtureConfig, withRelations } from '../../fixtures/site/catalog.js';
import type { PortalModel } from '../../../src/pipeline/site/types.js';

const model = (docs: Parameters<typeof prepareModel>[0]['docs'] = null): PortalModel =>
  prepareModel({ config: fixtureConfig(), catalog: fixtureCatalog(), docs, now: new Date('2025-02-01T00:00:00Z') });
const entity = (m: PortalModel, ref: string) => {
  const e = m.entities.find((x) => x.ref === ref);
  if (!e) throw new Error(`no ${ref}`);
  return e;
};

describe('prepareModel', () => {
  it('resolves owner, system and domain as links with display titles', () => {
    const e = entity(model(), 'component:default/payments-service');
    expect(e.href).toBe('catalog/default/component/payments-service/');
    expect(e.title).toBe('Payments Service');
    expect(e.owner).toMatchObject({ ref: 'group:default/team-payments', label: 'Team Payments', href: 'catalog/default/group/team-payments/', missing: false });
    expect(e.system?.label).toBe('Payments');
    expect(e.domain).toMatchObject({ ref: 'domain:default/commerce', label: 'Commerce' });
    expect(e.type).toBe('service');
    expect(e.lifecycle).toBe('production');
  });

  it('marks missing relation targets and never links them', () => {
    const e = entity(model(), 'component:default/checkout-web');
    const consumed = e.sections.find((s) => s.title === 'Consumed APIs')!;
    const legacy = consumed.items.find((i) => i.ref === 'api:default/legacy-checkout')!;
    expect(legacy.missing).toBe(true);
    expect(legacy.href).toBeUndefined();
    expect(consumed.items.map((t) => [t.ref, t.missing])).toEqual([['api:default/legacy-checkout', true], ['api:default/payments-api', false]]);
  });

  it('keeps out of the relations table what the About card and the sections already show', () => {
    const e = entity(model(), 'component:default/payments-service');
    // owner, system, APIs and dependencies all have their own place on the page
    expect(e.relations).toEqual([]);
    const raws = [
      { kind: 'Component', metadata: { name: 'a' }, spec: { type: 'service', lifecycle: 'production', owner: 'x', system: 's' } },
      { kind: 'Component', metadata: { name: 'b' }, spec: { type: 'service', lifecycle: 'production', owner: 'x', subcomponentOf: 'a', dependsOn: ['resource:db'] } },
    ];
    const m = prepareModel({ config: fixtureConfig(), catalog: { entities: withRelations(raws) }, docs: null });
    // `partOf` a component is no system or domain: only the relations table names it
    expect(entity(m, 'component:default/b').relations.map((r) => [r.type, r.targets.map((t) => t.ref)])).toEqual([['partOf', ['component:default/a']]]);
  });

  it('builds kind-specific sections', () => {
    const m = model();
    const svc = entity(m, 'component:default/payments-service');
    expect(svc.sections.find((s) => s.title === 'Provided APIs')!.items.map((i) => i.label)).toEqual(['payment-events', 'Payments API']);
    expect(entity(m, 'component:default/ledger').sections.find((s) => s.title === 'Subcomponents')!.items.map((i) => i.ref)).toEqual(['component:default/ledger-reconciler']);
    expect(entity(m, 'component:default/ledger').sections.find((s) => s.title === 'Dependents')!.items.map((i) => i.ref)).toEqual(['component:default/payments-service']);
    const api = entity(m, 'api:default/payments-api');
    expect(api.sections.map((s) => [s.title, s.items.map((i) => i.ref)])).toEqual([
      ['Providers', ['component:default/payments-service']],
      ['Consumers', ['component:default/checkout-web']],
    ]);
    const sys = entity(m, 'system:default/payments');
    expect(sys.sections.map((s) => s.title)).toEqual(['Components', 'APIs', 'Resources']);
    expect(sys.sections[2]!.items.map((i) => i.ref)).toEqual(['resource:default/payments-db']);
    expect(entity(m, 'domain:default/commerce').sections[0]!.items.map((i) => i.ref)).toEqual(['system:default/payments', 'system:default/storefront']);
    const team = entity(m, 'group:default/team-payments');
    expect(team.sections.find((s) => s.title === 'Parent')!.items.map((i) => i.ref)).toEqual(['group:default/acme']);
    expect(team.sections.find((s) => s.title === 'Members')!.items.map((i) => i.label)).toEqual(['Alice Example', 'Bob Builder']);
    expect(team.sections.find((s) => s.title === 'Owns APIs')!.items).toHaveLength(3);
    expect(team.profile).toEqual({ displayName: 'Team Payments', email: 'payments@acme.example' });
  });

  it('shows what a user owns through their groups, and groups that do not exist as missing', () => {
    const bob = entity(model(), 'user:default/bob');
    const groups = bob.sections.find((s) => s.title === 'Groups')!;
    expect(groups.items.find((g) => g.ref === 'group:default/team-ghost')?.missing).toBe(true);
    const owned = bob.sections.filter((s) => s.title.startsWith('Owned via groups')).flatMap((s) => s.items.map((i) => i.ref));
    expect(owned).toContain('component:default/payments-service');
    expect(owned).toContain('component:default/metrics-agent');
  });

  it('summarises templates and shows unknown kinds generically', () => {
    const m = model();
    const t = entity(m, 'template:default/spring-service').template!;
    expect(t.parameters.map((p) => p.title)).toEqual(['Service details', 'Repository']);
    expect(t.parameters[0]!.fields.map((f) => [f.name, f.required])).toEqual([['name', true], ['owner', true]]);
    expect(t.steps.map((s) => s.action)).toEqual(['fetch:template', 'publish:github', 'catalog:register']);
    const ai = entity(m, 'airesource:default/review-skill');
    expect(ai.specFields).toEqual([{ key: 'model', value: 'any' }, { key: 'inputs', value: 'diff, guidelines' }]);
    const loc = entity(m, 'location:default/acme-org');
    expect(loc.specFields.filter((f) => f.key === 'target').map((f) => !!f.href)).toEqual([false, true]);
  });

  it('turns annotations into actions and drops unsafe link URLs', () => {
    const e = entity(model(), 'component:default/payments-service');
    expect(e.actions.map((a) => [a.label, a.url])).toEqual([
      ['Source', 'https://github.com/acme/payments/tree/main/'],
      ['View descriptor', 'https://github.com/acme/catalog/blob/main/catalog/payments-service.yaml'],
      ['GitHub', 'https://github.com/acme/payments'],
      ['CI (GitHub Actions)', 'https://github.com/acme/payments/actions'],
      ['PagerDuty', 'https://app.pagerduty.com/service-directory/P123ABC'],
    ]);
    expect(e.annotations.map((a) => a.key)).toEqual(['backstage.io/techdocs-ref']);
    expect(e.links).toEqual([{ url: 'https://grafana.example.com/d/payments', title: 'Dashboard' }]);
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(annotationView({ 'backstage.io/view-url': 'javascript:x' }).actions).toEqual([]);
    expect(e.source.viewUrl).toBe('https://github.com/acme/catalog/blob/main/catalog/payments-service.yaml');
  });

  it('links docs only when a DocSite exists for the entity (or shares it)', () => {
    const m = model({ sites: [{ entityRef: 'component:default/ledger', alsoFor: ['component:default/ledger-reconciler'], urlPath: 'docs/default/component/ledger/' }] });
    expect(entity(m, 'component:default/ledger').docsHref).toBe('docs/default/component/ledger/');
    expect(entity(m, 'component:default/ledger-reconciler').docsHref).toBe('docs/default/component/ledger/');
    expect(entity(m, 'component:default/payments-service').docsHref).toBeUndefined();
  });

  it('counts kinds, picks recent changes newest first and builds a compact explorer index', () => {
    const m = model();
    expect(m.total).toBe(28);
    expect(m.kinds.find((k) => k.kind === 'Component')).toEqual({ kind: 'Component', label: 'Components', count: 7 });
    expect(m.recent).toHaveLength(10);
    expect(m.recent.map((r) => r.date)).toEqual([...m.recent.map((r) => r.date)].sort().reverse());
    expect(m.systems.map((s) => s.label)).toEqual(['observability', 'Payments', 'storefront']);
    const row = m.explorer.rows.find((r) => r[0] === 'payments-service')!;
    expect(m.explorer.kinds[row[2]]).toBe('Component');
    const owner = m.explorer.owners[row[6]]!;
    expect(owner.slice(0, 3)).toEqual(['group:default/team-payments', 'Team Payments', 'catalog/default/group/team-payments/']);
    // each owner names its parent group, so the explorer can match a team's sub-teams
    expect(m.explorer.owners[owner[3]]![0]).toBe('group:default/acme');
    expect(m.explorer.systems[row[7]]![0]).toBe('system:default/payments');
    expect(row[10]).toBe('catalog/default/component/payments-service/');
  });

  it('keeps pages bounded: a group owning many entities lists a capped number with an explorer link', () => {
    const raws = [{ kind: 'Group', metadata: { name: 'big' }, spec: { type: 'team', children: [] } },
      ...Array.from({ length: LIST_CAP + 5 }, (_, i) => ({ kind: 'Component', metadata: { name: `c${i}` }, spec: { type: 'service', lifecycle: 'production', owner: 'big' } }))];
    const m = prepareModel({ config: fixtureConfig(), catalog: { entities: withRelations(raws) }, docs: null });
    const owns = entity(m, 'group:default/big').sections.find((s) => s.title === 'Owns Components')!;
    expect(owns.items).toHaveLength(LIST_CAP);
    expect(owns.more).toBe(5);
    expect(owns.moreQuery).toBe('kind=component&owner=group%3Adefault%2Fbig');
    expect(entity(m, 'group:default/big').relations).toEqual([]);
  });

  it('treats a kind named like an Object property as any unknown kind', () => {
    const raws = [{ kind: 'Constructor', metadata: { name: 'odd' }, spec: { type: 'x', colour: 'red' } }];
    const m = prepareModel({ config: fixtureConfig(), catalog: { entities: withRelations(raws) }, docs: null });
    expect(m.kinds).toEqual([{ kind: 'Constructor', label: 'Constructors', count: 1 }]);
    expect(entity(m, 'constructor:default/odd').specFields).toEqual([{ key: 'colour', value: 'red' }]);
  });

  it('picks the highlighting language from the API type', () => {
    expect(apiLanguage('openapi', 'openapi: 3.0.0')).toEqual({ language: 'yaml', ext: 'yaml' });
    expect(apiLanguage('asyncapi', '{"asyncapi":"2"}')).toEqual({ language: 'json', ext: 'json' });
    expect(apiLanguage('grpc', 'syntax = "proto3";')).toEqual({ language: 'proto', ext: 'proto' });
    expect(apiLanguage('graphql', 'type Q {}')).toEqual({ language: 'graphql', ext: 'graphql' });
    expect(apiLanguage('trpc', 'whatever')).toEqual({ language: 'text', ext: 'txt' });
  });
});
