/** Explorer filter state <-> URL query, so a filtered view is shareable and the back button works. */
/** `score` is `<scorecard id>:<level>` (or `:none`): the level an entity reached on that scorecard. */
export const FILTER_KEYS = ['kind', 'type', 'owner', 'lifecycle', 'tag', 'system', 'namespace', 'score'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export const SORT_KEYS = ['name', 'kind', 'type', 'owner', 'system', 'lifecycle'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface ExplorerState {
  filters: Partial<Record<FilterKey, string>>;
  q: string;
  sort: SortKey;
  dir: 'asc' | 'desc';
  page: number;
}

export function readState(search: string): ExplorerState {
  const p = new URLSearchParams(search);
  const filters: ExplorerState['filters'] = {};
  for (const k of FILTER_KEYS) {
    const v = p.get(k);
    if (v) filters[k] = v;
  }
  const sort = p.get('sort') as SortKey | null;
  return {
    filters,
    q: p.get('q') ?? '',
    sort: sort && (SORT_KEYS as readonly string[]).includes(sort) ? sort : 'name',
    dir: p.get('dir') === 'desc' ? 'desc' : 'asc',
    page: Math.max(1, Number.parseInt(p.get('page') ?? '1', 10) || 1),
  };
}

export function writeState(s: ExplorerState): string {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) if (s.filters[k]) p.set(k, s.filters[k]!);
  if (s.q) p.set('q', s.q);
  if (s.sort !== 'name') p.set('sort', s.sort);
  if (s.dir !== 'asc') p.set('dir', s.dir);
  if (s.page > 1) p.set('page', String(s.page));
  const q = p.toString();
  return q ? `?${q}` : '';
}
