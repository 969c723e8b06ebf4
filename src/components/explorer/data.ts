/**
 * The explorer's data in the browser, without the DOM: the compact index decoded once into rows, and
 * the one query that filters and counts. Kept free of DOM code so unit tests and the benchmark
 * exercise exactly what the page runs.
 *
 * Built for 10,000 rows: every filter value is numbered once per facet (a `Dict`), rows hold those
 * numbers, and a query counts into typed arrays, so a filter change allocates almost nothing and
 * never touches a string; a row's search text is made on the first text query.
 */
import type { ExplorerIndex, ExplorerRow } from '../../pipeline/site/types.js';
import { ALL, FACET_KEYS, type ExplorerState, type FacetKey, type SortKey } from './state.js';

/** `[ref, label, href]`, and for owners their parent: the tables of the index, as rows point into them. */
export type Target = readonly [ref: string, label: string, href: string, ...rest: number[]];

/** The values of one facet: lower-cased (as URLs and checkboxes carry them), numbered, with a label each. */
export interface Dict {
  ids: Map<string, number>;
  values: string[];
  labels: string[];
}

/** Facets with at most one value per row, and where in `Row.one` it is. */
const SINGLE = ['owner', 'type', 'lifecycle', 'system', 'domain', 'parent', 'namespace'] as const;
const SLOT: Partial<Record<FacetKey, number>> = Object.fromEntries(SINGLE.map((k, i) => [k, i]));

export interface Row {
  /** Position in the index: the key of the sort ranks. */
  i: number;
  r: ExplorerRow;
  /** As written (`API`), and lower-cased (`api`). */
  kind: string;
  kindId: string;
  ref: string;
  /** What the table shows as its name: the title, else the name. */
  label: string;
  owner?: Target;
  /** The system of a component, API or resource; the domain of a system. */
  part?: Target;
  /** A group's parent group. */
  parent?: Target;
  /** A user's email, a location's targets. */
  details: string[];
  /** Lower-cased text the words of a query are looked for in; made when first needed. */
  hay?: string;
  tags: number[];
  scores: number[];
  /** The owner and every group above it, as owner numbers and as refs: what "including sub-teams" matches. */
  chain: number[];
  ownerChain: string[];
}

export interface Explorer {
  index: ExplorerIndex;
  rows: Row[];
  dicts: Record<FacetKey, Dict>;
  /** Row i's single-valued facets (SINGLE order) at i * SINGLE.length: each value's number in its Dict, -1 none. */
  one: Int32Array;
  byKind: Map<string, Row[]>;
}

const lower = (s: string) => s.toLowerCase();
const NONE: number[] = [];

function dict(): Dict {
  return { ids: new Map(), values: [], labels: [] };
}

/** The number of `value` in `d`, adding it (with `label`) when new. */
function idOf(d: Dict, value: string, label = value): number {
  const v = lower(value);
  let id = d.ids.get(v);
  if (id === undefined) { id = d.values.length; d.ids.set(v, id); d.values.push(v); d.labels.push(label); }
  return id;
}

export function decode(index: ExplorerIndex): Explorer {
  const dicts = Object.fromEntries(FACET_KEYS.map((k) => [k, dict()])) as Record<FacetKey, Dict>;
  const cards = index.scorecards ?? [];
  // every level of every scorecard, top level first, whether or not an entity reached it
  const scoreIds = cards.map((c) => {
    const ids = [...c.levels].reverse().concat('none').map((l) => idOf(dicts.score, `${c.id}:${l}`, `${c.title}: ${l === 'none' ? 'no level' : l}`));
    return ids.reverse(); // by rank: none first, then levels[0]…
  });
  // owner numbers are the owners table's own positions, so a parent index is an owner number too
  for (const [ref, text] of index.owners) idOf(dicts.owner, ref, text);
  for (const [ref, text] of index.owners) idOf(dicts.parent, ref, text);
  const systemIds = index.systems.map(([ref, text]) => idOf(dicts.system, ref, text));
  const domainIds = index.systems.map(([ref, text]) => idOf(dicts.domain, ref, text));
  const chains = new Map<number, { ids: number[]; refs: string[] }>();
  const chainOf = (owner: number) => {
    let c = chains.get(owner);
    if (c) return c;
    c = { ids: [], refs: [] };
    // a cycle of parents is walked once
    for (let i = owner; i >= 0 && !c.ids.includes(i); i = index.owners[i]?.[3] ?? -1) { c.ids.push(i); c.refs.push(index.owners[i]![0]); }
    chains.set(owner, c);
    return c;
  };
  const kindIds = index.kinds.map(lower);
  const byKind = new Map<string, Row[]>([[ALL, []]]);
  for (const k of kindIds) if (!byKind.has(k)) byKind.set(k, []);
  const all = byKind.get(ALL)!;
  const rows: Row[] = new Array(index.rows.length);
  // one array for every row's single values: 10,000 small typed arrays cost more than the rest of decoding
  const ones = new Int32Array(index.rows.length * SINGLE.length).fill(-1);
  for (let i = 0; i < index.rows.length; i++) {
    const r = index.rows[i]!;
    const kind = index.kinds[r[2]] ?? '';
    const kindId = kindIds[r[2]] ?? '';
    const ownerI = r[6];
    const partI = r[7];
    const parentI = r[12] ?? -1;
    const o = i * SINGLE.length;
    const chain = ownerI >= 0 ? chainOf(ownerI) : undefined;
    ones[o] = ownerI;
    if (r[4]) ones[o + 1] = idOf(dicts.type, r[4]);
    if (r[5]) ones[o + 2] = idOf(dicts.lifecycle, r[5]);
    if (partI >= 0) ones[o + (kindId === 'system' ? 4 : 3)] = kindId === 'system' ? domainIds[partI]! : systemIds[partI]!;
    ones[o + 5] = parentI;
    ones[o + 6] = idOf(dicts.namespace, r[3]);
    const tags: number[] = [];
    for (const t of r[8]) tags.push(idOf(dicts.tag, t));
    const scores: number[] = [];
    const ranks = r[11] ?? NONE;
    for (let c = 0; c < ranks.length; c++) if (ranks[c]! >= 0 && scoreIds[c]) scores.push(scoreIds[c]![ranks[c]!]!);
    const row: Row = {
      i, r, kind, kindId,
      ref: `${kindId}:${lower(r[3])}/${lower(r[0])}`,
      label: r[1] || r[0],
      details: r[13] ?? [],
      tags, scores,
      chain: chain?.ids ?? NONE,
      ownerChain: chain?.refs ?? [],
    };
    if (ownerI >= 0) row.owner = index.owners[ownerI];
    if (partI >= 0) row.part = index.systems[partI];
    if (parentI >= 0) row.parent = index.owners[parentI];
    rows[i] = row;
    all.push(row);
    byKind.get(kindId)!.push(row);
  }
  return { index, rows, dicts, one: ones, byKind };
}

function hayOf(row: Row): string {
  if (row.hay === undefined) {
    const r = row.r;
    row.hay = lower([r[0], r[1], r[3], r[4], r[5], r[9], ...r[8], row.owner?.[1] ?? '', row.part?.[1] ?? '', ...row.details].join(' '));
  }
  return row.hay;
}

/** Makes every row's search text ahead of the first query, in slices that leave the page responsive. */
export function warmSearch(ex: Explorer, later: (next: () => void) => void): void {
  let n = 0;
  const slice = () => {
    const end = Math.min(ex.rows.length, n + 2000);
    for (; n < end; n++) hayOf(ex.rows[n]!);
    if (n < ex.rows.length) later(slice);
  };
  later(slice);
}

/** Does one of the row's values of `key` have its flag set in `wanted`? */
function has(one: Int32Array, row: Row, key: FacetKey, subteams: boolean, wanted: Uint8Array): boolean {
  const slot = SLOT[key];
  if (slot !== undefined && !(key === 'owner' && subteams)) { const id = one[row.i * SINGLE.length + slot]!; return id >= 0 && wanted[id] === 1; }
  const ids = key === 'tag' ? row.tags : key === 'score' ? row.scores : row.chain;
  for (let j = 0; j < ids.length; j++) if (wanted[ids[j]!] === 1) return true;
  return false;
}

/** Adds the row to the counts of its values of `key`: with sub-teams, to every group above its owner. */
function tally(one: Int32Array, row: Row, key: FacetKey, subteams: boolean, counts: Int32Array): void {
  const slot = SLOT[key];
  if (slot !== undefined && !(key === 'owner' && subteams)) { const id = one[row.i * SINGLE.length + slot]!; if (id >= 0) counts[id]!++; return; }
  const ids = key === 'tag' ? row.tags : key === 'score' ? row.scores : row.chain;
  for (let j = 0; j < ids.length; j++) counts[ids[j]!]!++;
}

export interface QueryResult {
  matches: Row[];
  /** Per facet, per value number: the rows that would match with that value, given every other active filter. */
  counts: Record<FacetKey, Int32Array>;
}

/** How many rows of the last query have value `v` (a lower-cased string) of facet `key`. */
export function countOf(ex: Explorer, result: QueryResult, key: FacetKey, v: string): number {
  const id = ex.dicts[key].ids.get(v);
  return id === undefined ? 0 : result.counts[key][id] ?? 0;
}

/**
 * Filters a kind's rows: the words of `q` all in the row's text, and every active facet matching one
 * of its values. Counts are the usual faceted ones: a facet's counts ignore its own selection, so
 * picking a second owner shows how many that adds. Only the facets in `counted` are counted.
 */
export function query(ex: Explorer, st: ExplorerState, counted: readonly FacetKey[] = FACET_KEYS): QueryResult {
  const rows = ex.byKind.get(st.kind) ?? [];
  const words = lower(st.q).split(/\s+/).filter(Boolean);
  const active: [FacetKey, Uint8Array][] = [];
  for (const key of FACET_KEYS) {
    const selected = st.filters[key];
    if (!selected?.length) continue;
    const d = ex.dicts[key];
    const wanted = new Uint8Array(d.values.length);
    // a value this catalog lacks (from a shared URL) matches nothing, and still filters
    for (const v of selected) { const id = d.ids.get(lower(v)); if (id !== undefined) wanted[id] = 1; }
    active.push([key, wanted]);
  }
  const counts = Object.fromEntries(FACET_KEYS.map((k) => [k, new Int32Array(counted.includes(k) ? ex.dicts[k].values.length : 0)])) as QueryResult['counts'];
  const countedActive = new Set(counted);
  const matches: Row[] = [];
  for (let n = 0; n < rows.length; n++) {
    const row = rows[n]!;
    if (words.length) {
      const hay = hayOf(row);
      if (!words.every((w) => hay.includes(w))) continue;
    }
    let failed: FacetKey | undefined;
    let fails = 0;
    for (let a = 0; a < active.length; a++) {
      const [key, wanted] = active[a]!;
      if (!has(ex.one, row, key, st.subteams, wanted)) {
        failed = key;
        if (++fails > 1) break;
      }
    }
    if (fails === 0) {
      matches.push(row);
      for (const key of counted) tally(ex.one, row, key, st.subteams, counts[key]);
    } else if (fails === 1 && countedActive.has(failed!)) {
      tally(ex.one, row, failed!, st.subteams, counts[failed!]);
    }
  }
  return { matches, counts };
}

// one collator for every comparison: `localeCompare` with options builds one per call, slow by the thousand
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Values of a facet over a kind's rows, most frequent first (score: the scorecards' order, top level first). */
export function orderOf(ex: Explorer, rows: readonly Row[], key: FacetKey, subteams: boolean): string[] {
  const d = ex.dicts[key];
  const counts = new Int32Array(d.values.length);
  for (const row of rows) tally(ex.one, row, key, subteams, counts);
  const ids: number[] = [];
  for (let id = 0; id < counts.length; id++) if (counts[id]! > 0) ids.push(id);
  if (key !== 'score') ids.sort((a, b) => counts[b]! - counts[a]! || collator.compare(d.labels[a]!, d.labels[b]!));
  return ids.map((id) => d.values[id]!);
}

/** A value's label as written (an owner's name, a tag as tagged), or the value itself when the catalog lacks it. */
export function labelOf(ex: Explorer, key: FacetKey, v: string): string {
  const id = ex.dicts[key].ids.get(v);
  return id === undefined ? v : ex.dicts[key].labels[id]!;
}

/** A row's text in a single-valued column: what the table shows, sorts and exports. */
export function sortText(row: Row, key: SortKey): string {
  switch (key) {
    case 'name': return row.label;
    case 'kind': return row.kind;
    case 'type': return row.r[4];
    case 'owner': return row.owner?.[1] ?? '';
    case 'system': return row.part?.[1] ?? '';
    case 'lifecycle': return row.r[5];
    case 'email': return row.details[0] ?? '';
    case 'parent': return row.parent?.[1] ?? '';
  }
}

/**
 * Each row's rank under a sort key, computed once per key with a collator: sorting a view is then a
 * comparison of integers, which keeps a filter change on 10,000 rows cheap. Empty values rank last.
 */
export function sortRanks(ex: Explorer, key: SortKey): Int32Array {
  const texts = ex.rows.map((r) => sortText(r, key));
  const order = ex.rows.map((r) => r.i).sort((a, b) => collator.compare(texts[a]!, texts[b]!));
  const ranks = new Int32Array(ex.rows.length);
  let rank = 0;
  order.forEach((i, n) => {
    if (n > 0 && collator.compare(texts[order[n - 1]!]!, texts[i]!) !== 0) rank = n;
    ranks[i] = texts[i] ? rank : ex.rows.length;
  });
  return ranks;
}

export function sortRows(rows: Row[], by: Int32Array, byName: Int32Array, dir: 'asc' | 'desc'): Row[] {
  const sign = dir === 'asc' ? 1 : -1;
  return rows.sort((a, b) => sign * (by[a.i]! - by[b.i]!) || byName[a.i]! - byName[b.i]! || a.i - b.i);
}
