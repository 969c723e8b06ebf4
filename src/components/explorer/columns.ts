/**
 * Which columns each kind shows, and each column's plain value: the table draws cells from the same
 * row, and the export writes exactly these values, so what is downloaded is what is shown.
 */
import type { ExplorerIndex } from '../../pipeline/site/types.js';
import { ALL, type FacetKey, type SortKey } from './state.js';
import { sortText, type Row } from './data.js';

export type ColumnId = 'name' | 'kind' | 'type' | 'owner' | 'system' | 'lifecycle' | 'email' | 'parent' | 'targets' | 'tags' | 'score';

export interface Column {
  id: ColumnId;
  label: string;
  sort?: SortKey;
}

type Cards = ExplorerIndex['scorecards'];

/** Per kind, the columns worth a look (Backstage's tables differ by kind too); unknown kinds get `other`. */
const BY_KIND: Record<string, readonly ColumnId[]> = {
  [ALL]: ['name', 'kind', 'type', 'owner', 'system', 'lifecycle', 'tags', 'score'],
  component: ['name', 'type', 'owner', 'system', 'lifecycle', 'tags', 'score'],
  api: ['name', 'type', 'owner', 'system', 'lifecycle', 'tags', 'score'],
  resource: ['name', 'type', 'owner', 'system', 'lifecycle', 'tags', 'score'],
  system: ['name', 'type', 'owner', 'system', 'tags', 'score'],
  domain: ['name', 'type', 'owner', 'tags', 'score'],
  group: ['name', 'type', 'parent', 'tags'],
  user: ['name', 'email', 'tags'],
  location: ['name', 'type', 'targets'],
  template: ['name', 'type', 'owner', 'tags', 'score'],
  other: ['name', 'type', 'owner', 'lifecycle', 'tags', 'score'],
};

/** And the filters, in the order the panel lists them. */
const FACETS_BY_KIND: Record<string, readonly FacetKey[]> = {
  [ALL]: ['owner', 'type', 'lifecycle', 'system', 'domain', 'tag', 'score', 'namespace'],
  component: ['owner', 'type', 'lifecycle', 'system', 'tag', 'score', 'namespace'],
  api: ['owner', 'type', 'lifecycle', 'system', 'tag', 'score', 'namespace'],
  resource: ['owner', 'type', 'lifecycle', 'system', 'tag', 'score', 'namespace'],
  system: ['owner', 'type', 'domain', 'tag', 'score', 'namespace'],
  domain: ['owner', 'type', 'tag', 'score', 'namespace'],
  group: ['type', 'parent', 'tag', 'namespace'],
  user: ['tag', 'namespace'],
  location: ['type', 'namespace'],
  template: ['owner', 'type', 'tag', 'score', 'namespace'],
  other: ['owner', 'type', 'lifecycle', 'tag', 'score', 'namespace'],
};

export const FACET_LABELS: Record<FacetKey, string> = {
  owner: 'Owner', type: 'Type', lifecycle: 'Lifecycle', system: 'System', domain: 'Domain', parent: 'Parent',
  tag: 'Tag', score: 'Scorecard level', namespace: 'Namespace',
};

const LABELS: Record<ColumnId, string> = {
  name: 'Name', kind: 'Kind', type: 'Type', owner: 'Owner', system: 'System', lifecycle: 'Lifecycle',
  email: 'Email', parent: 'Parent', targets: 'Targets', tags: 'Tags', score: 'Scorecards',
};
const SORTS: Partial<Record<ColumnId, SortKey>> = {
  name: 'name', kind: 'kind', type: 'type', owner: 'owner', system: 'system', lifecycle: 'lifecycle', email: 'email', parent: 'parent',
};

export function facetsFor(kind: string): readonly FacetKey[] {
  return FACETS_BY_KIND[kind] ?? FACETS_BY_KIND.other!;
}

/** The scorecards a row is scored on, with the level it reached. */
export function scoresOf(row: Row, cards: Cards): { id: string; title: string; rank: number; of: number; level: string }[] {
  return (row.r[11] ?? []).flatMap((rank, i) => {
    const card = cards[i];
    if (!card || rank < 0) return [];
    return [{ id: card.id, title: card.title, rank, of: card.levels.length, level: rank === 0 ? 'No level' : card.levels[rank - 1]! }];
  });
}

/** A column's value as the table shows it; lists (tags, targets, scores) as arrays. */
export function valueOf(row: Row, id: ColumnId, cards: Cards): string | string[] {
  switch (id) {
    case 'targets': return row.details;
    case 'tags': return row.r[8];
    case 'score': return scoresOf(row, cards).map((s) => `${s.title}: ${s.level}`);
    default: return sortText(row, id);
  }
}

/**
 * The columns of a kind's table: its list, less the columns no row of the kind fills (a catalog
 * without lifecycles has no Lifecycle column). Decided per kind, not per filter, so columns stay put
 * while the reader narrows the rows.
 */
export function columnsFor(kind: string, rows: readonly Row[], cards: Cards): Column[] {
  const ids = BY_KIND[kind] ?? BY_KIND.other!;
  return ids
    .filter((id) => id === 'name' || rows.some((r) => valueOf(r, id, cards).length > 0))
    .map((id) => {
      // what a row is part of: a system for components, a domain for systems, either in the mixed view
      const label = id === 'system' ? (kind === 'system' ? 'Domain' : kind === ALL ? 'Part of' : 'System') : LABELS[id];
      const sort = SORTS[id];
      return sort ? { id, label, sort } : { id, label };
    });
}
