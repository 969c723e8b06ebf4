/**
 * Catalog health: every problem the build found in what it read, grouped by who can fix it (the
 * owner of the entity it names) and by source, for `/health/`; and the two problems of ownership
 * no single file shows — an entity that should have an owner and has none, and one whose owner is
 * not in the catalog (orphaned) — as flags on entity pages. Pure: the model calls it.
 */
import type { Entity } from '../catalog/types.js';
import type { Diagnostic, Severity } from '../diagnostics.js';
import { lowerCaseRef } from '../catalog/vocabulary/entity-ref.js';
import { firstTarget, linkTo, targetsOf, type EntityIndex } from './entity-links.js';
import { problemView } from './problems.js';
import type { EntityFlag, EntityLinkView, EntityView, HealthOwnerView, HealthView } from './types.js';

/** Kinds Backstage expects an owner for (Template's is optional there, yet someone answers for a golden path too). */
const OWNED_KINDS = new Set(['component', 'api', 'resource', 'system', 'domain', 'template']);

/**
 * The page shows at most this many problems per owner, and this many in all: a catalog with
 * thousands of problems keeps a page that opens fast. The rest load from `health/problems.json`
 * when a reader asks for an owner's part (its "show all", its anchor, a filter). 120 rows keep the page
 * under 150 KB on a 10,000-entity catalog (200 made it 174 KB).
 */
export const HEALTH_ROWS_PER_OWNER = 20;
export const HEALTH_ROWS_ON_PAGE = 120;
/** Owners shown with their problems; the next ones are listed by name, the rest counted. */
export const HEALTH_OWNER_SECTIONS = 20;
export const HEALTH_OWNERS_LISTED = 100;
/** Orphaned and ownerless entities listed, each. */
const FLAGGED_CAP = 100;

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function ownershipFlag(entity: Entity, index: EntityIndex): EntityFlag | undefined {
  if (!OWNED_KINDS.has(entity.kind.toLowerCase())) return undefined;
  const owners = targetsOf(entity, 'ownedBy');
  if (owners.length === 0) return { id: 'no-owner', label: 'No owner', detail: 'Nobody answers for it: set spec.owner to a group.' };
  const gone = owners.filter((o) => !index.has(o));
  if (gone.length === owners.length) return { id: 'orphaned', label: 'Orphaned', detail: `Its owner ${gone.join(', ')} is not in the catalog.` };
  return undefined;
}

/** Who fixes an entity's problems: its owner; a group answers for itself, a user's first group for them. */
export function answerableOwner(ref: string, index: EntityIndex): string | undefined {
  const e = index.get(ref);
  if (!e) return undefined;
  const owner = firstTarget(e, 'ownedBy');
  if (owner) return owner;
  const kind = e.kind.toLowerCase();
  if (kind === 'group') return ref;
  if (kind === 'user') return firstTarget(e, 'memberOf');
  return undefined;
}

const zero = (): Record<Severity, number> => ({ error: 0, warning: 0, info: 0 });

/** The `/health/` page: owners with most errors first, then most problems; "no owner" last. */
export function healthView(diagnostics: readonly Diagnostic[], views: readonly EntityView[], index: EntityIndex): HealthView {
  const counts = zero();
  const bySource = new Map<string, Record<Severity, number>>();
  const byOwner = new Map<string, { diags: Diagnostic[]; counts: Record<Severity, number> }>();
  const entities = new Set<string>();
  for (const d of diagnostics) {
    counts[d.severity]++;
    const source = d.source ?? '(config)';
    const s = bySource.get(source) ?? zero();
    s[d.severity]++;
    bySource.set(source, s);
    const ref = d.entityRef ? lowerCaseRef(d.entityRef) : undefined;
    if (ref && index.has(ref)) entities.add(ref);
    const owner = (ref && answerableOwner(ref, index)) || '';
    const group = byOwner.get(owner) ?? { diags: [], counts: zero() };
    group.diags.push(d);
    group.counts[d.severity]++;
    byOwner.set(owner, group);
  }
  const owners: HealthOwnerView[] = [...byOwner.entries()].map(([owner, g]) => {
    const sorted = [...g.diags].sort((a, b) => RANK[a.severity] - RANK[b.severity]
      || (a.source ?? '').localeCompare(b.source ?? '') || (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0));
    const view: HealthOwnerView = {
      id: owner ? `owner-${owner.replace(/[^a-z0-9]+/g, '-')}` : 'owner-none',
      label: owner ? linkTo(owner, index).label : 'No owner',
      counts: g.counts,
      total: g.diags.length,
      rows: sorted.map((d) => {
        const ref = d.entityRef ? lowerCaseRef(d.entityRef) : undefined;
        return { ...problemView(d), ...(d.source ? { source: d.source } : {}), ...(ref ? { entity: linkTo(ref, index) } : {}) };
      }),
      shown: 0,
    };
    if (owner) view.owner = linkTo(owner, index);
    return view;
  }).sort((a, b) => Number(!a.owner) - Number(!b.owner) || b.counts.error - a.counts.error || b.total - a.total || a.label.localeCompare(b.label));
  let budget = HEALTH_ROWS_ON_PAGE;
  owners.forEach((o, i) => {
    o.shown = i < HEALTH_OWNER_SECTIONS ? Math.min(o.rows.length, HEALTH_ROWS_PER_OWNER, budget) : 0;
    budget -= o.shown;
  });
  const flagged = (id: EntityFlag['id']): { items: EntityLinkView[]; count: number } => {
    const all = views.filter((v) => v.flags?.some((f) => f.id === id)).map((v) => linkTo(v.ref, index));
    return { items: all.slice(0, FLAGGED_CAP), count: all.length };
  };
  return {
    counts: { ...counts, total: diagnostics.length },
    entities: entities.size,
    owners,
    sources: [...bySource.entries()].map(([source, c]) => ({ source, counts: c, total: SEVERITIES.reduce((n, s) => n + c[s], 0) }))
      .sort((a, b) => b.total - a.total || a.source.localeCompare(b.source)),
    orphaned: flagged('orphaned'),
    noOwner: flagged('no-owner'),
  };
}
