/** The explorer's compact index: string tables and index rows, fetched lazily by the explorer page. */
import type { EntityLinkView, EntityView, ExplorerIndex, ExplorerRow } from './types.js';
import { firstTarget, linkTo, oneLine, type EntityIndex } from './entity-links.js';

type Scorecards = ReadonlyArray<{ id: string; title: string; levels: string[] }>;

/**
 * `catalog` (the entities by ref) gives groups their parents, which the views keep only as page
 * sections; without it the index has no hierarchy.
 */
export function explorerIndex(entities: readonly EntityView[], scorecards: Scorecards = [], catalog: EntityIndex = new Map()): ExplorerIndex {
  const kinds: string[] = [];
  const owners: ExplorerIndex['owners'] = [];
  const systems: ExplorerIndex['systems'] = [];
  const kindIdx = new Map<string, number>();
  const ownerIdx = new Map<string, number>();
  const systemIdx = new Map<string, number>();
  /** A group's parent as its page links it: the first `childOf` group (Backstage gives a group one). */
  const parentOf = (ref: string): EntityLinkView | undefined => {
    const raw = catalog.get(ref);
    const parent = raw && raw.kind.toLowerCase() === 'group' ? firstTarget(raw, 'childOf', ['group']) : undefined;
    return parent ? linkTo(parent, catalog) : undefined;
  };

  // Owners carry their parent group, interned too (and its parent, up to the top), so the browser
  // can match "this team and every team below it" with the index alone. The entry is in the table
  // before its parent is looked up, so a cycle of parents (which the catalog reports) ends.
  const internOwner = (target: EntityLinkView | undefined): number => {
    if (!target) return -1;
    let i = ownerIdx.get(target.ref);
    if (i !== undefined) return i;
    i = owners.length;
    const entry: [string, string, string, number] = [target.ref, target.label, target.href ?? '', -1];
    owners.push(entry);
    ownerIdx.set(target.ref, i);
    entry[3] = internOwner(parentOf(target.ref));
    return i;
  };
  const internSystem = (target: EntityLinkView | undefined): number => {
    if (!target) return -1;
    let i = systemIdx.get(target.ref);
    if (i === undefined) { i = systems.length; systems.push([target.ref, target.label, target.href ?? '']); systemIdx.set(target.ref, i); }
    return i;
  };

  const rows: ExplorerRow[] = entities.map((e) => {
    let k = kindIdx.get(e.kind);
    if (k === undefined) { k = kinds.length; kinds.push(e.kind); kindIdx.set(e.kind, k); }
    const kind = e.kind.toLowerCase();
    const row: ExplorerRow = [
      e.name,
      e.title === e.name ? '' : e.title,
      k,
      e.namespace,
      e.type ?? '',
      e.lifecycle ?? '',
      internOwner(e.owner),
      internSystem(kind === 'system' ? e.domain : e.system),
      e.tags,
      e.description ? oneLine(e.description, 140) : '',
      e.href,
      scorecards.map((card) => e.scorecards?.find((c) => c.id === card.id)?.rank ?? -1),
    ];
    // Only the kinds that have them pay for the last two fields.
    const details = kind === 'user' ? (e.profile?.email ? [e.profile.email] : [])
      : kind === 'location' ? e.specFields.filter((f) => f.key === 'target').map((f) => f.value)
        : [];
    const parent = kind === 'group' ? internOwner(parentOf(e.ref)) : -1;
    if (parent >= 0 || details.length) row.push(parent, details);
    return row;
  });
  return { version: 2, kinds, owners, systems, rows, scorecards: scorecards.map(({ id, title, levels }) => ({ id, title, levels: [...levels] })) };
}
