/**
 * Explorer state <-> URL query, so a filtered view is shareable and the back button works.
 *
 * `kind` is one kind (lower-cased) or `all`. A bare `catalog/` opens on components, as Backstage's
 * catalog does; a link that filters without naming a kind (`?score=…`, `?owner=…`, as pages made them
 * before the explorer had kinds) keeps meaning every kind. A filter may repeat (`owner=a&owner=b`):
 * any of its values matches. `score` values are `<scorecard id>:<level>` (or `:none`).
 */
export const FACET_KEYS = ['owner', 'type', 'lifecycle', 'system', 'domain', 'parent', 'tag', 'score', 'namespace'] as const;
export type FacetKey = (typeof FACET_KEYS)[number];
export const SORT_KEYS = ['name', 'kind', 'type', 'owner', 'system', 'lifecycle', 'email', 'parent'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const ALL = 'all';
export const DEFAULT_KIND = 'component';

export interface ExplorerState {
  kind: string;
  filters: Partial<Record<FacetKey, string[]>>;
  /** The owner filter also matches what the teams below a selected group own. */
  subteams: boolean;
  q: string;
  sort: SortKey;
  dir: 'asc' | 'desc';
  page: number;
}

export function readState(search: string): ExplorerState {
  const p = new URLSearchParams(search);
  const filters: ExplorerState['filters'] = {};
  for (const k of FACET_KEYS) {
    // values match case-insensitively; kept lower-cased so a checkbox and its URL value are one string
    const values = [...new Set(p.getAll(k).map((v) => v.trim().toLowerCase()).filter(Boolean))];
    if (values.length) filters[k] = values;
  }
  const q = (p.get('q') ?? '').trim();
  const kind = (p.get('kind') ?? '').trim().toLowerCase();
  const sort = p.get('sort') as SortKey | null;
  return {
    kind: kind || (Object.keys(filters).length || q ? ALL : DEFAULT_KIND),
    filters,
    subteams: p.get('subteams') === '1',
    q,
    sort: sort && (SORT_KEYS as readonly string[]).includes(sort) ? sort : 'name',
    dir: p.get('dir') === 'desc' ? 'desc' : 'asc',
    page: Math.max(1, Number.parseInt(p.get('page') ?? '1', 10) || 1),
  };
}

export function activeCount(s: ExplorerState): number {
  return FACET_KEYS.reduce((n, k) => n + (s.filters[k]?.length ?? 0), 0);
}

export function writeState(s: ExplorerState): string {
  const p = new URLSearchParams();
  // The kind is left out only where reading it back gives it again: components with nothing else.
  const bare = activeCount(s) === 0 && !s.q;
  if (!(bare && s.kind === DEFAULT_KIND)) p.set('kind', s.kind);
  for (const k of FACET_KEYS) for (const v of s.filters[k] ?? []) p.append(k, v);
  if (s.subteams) p.set('subteams', '1');
  if (s.q) p.set('q', s.q);
  if (s.sort !== 'name') p.set('sort', s.sort);
  if (s.dir !== 'asc') p.set('dir', s.dir);
  if (s.page > 1) p.set('page', String(s.page));
  const q = p.toString();
  return q ? `?${q}` : '';
}
