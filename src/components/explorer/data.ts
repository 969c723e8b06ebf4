/**
 * The explorer's data in the browser, without the DOM: the compact index decoded once into rows with
 * their filter values precomputed (lower-cased), and the one query that filters, counts and sorts.
 * Kept free of DOM code so unit tests and the benchmark exercise exactly what the page runs.
 */
import type { ExplorerIndex, ExplorerRow } from '../../pipeline/site/types.js';
import { ALL, FACET_KEYS, type ExplorerState, type FacetKey, type SortKey } from './state.js';

/** `[ref, label, href]`, and for owners their parent: the tables of the index, as rows point into them. */
export type Target = readonly [ref: string, label: string, href: string, ...rest: number[]];

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
  hay: string;
  values: Record<FacetKey, string[]>;
  /** The owner and every group above it: what "including sub-teams" matches against. */
  ownerChain: string[];
}

export interface Explorer {
  index: ExplorerIndex;
  rows: Row[];
  /** Per facet, value (lower-cased) -> label as written. */
  labels: Record<FacetKey, Map<string, string>>;
  byKind: Map<string, Row[]>;
}

const lower = (s: string) => s.toLowerCase();

function chainOf(index: ExplorerIndex, owner: number): string[] {
  const out: string[] = [];
  const seen = new Set<number>();
  // a cycle of parents is walked once
  for (let i = owner; i >= 0 && !seen.has(i); i = index.owners[i]?.[3] ?? -1) {
    seen.add(i);
    out.push(index.owners[i]![0]);
  }
  return out;
}

export function decode(index: ExplorerIndex): Explorer {
  const labels = Object.fromEntries(FACET_KEYS.map((k) => [k, new Map<string, string>()])) as Explorer['labels'];
  const label = (key: FacetKey, value: string, text = value) => {
    const v = lower(value);
    if (!labels[key].has(v)) labels[key].set(v, text);
    return v;
  };
  const cards = index.scorecards ?? [];
  for (const c of cards) {
    // every level of every scorecard, top level first, whether or not an entity reached it
    for (const l of [...c.levels].reverse().concat('none')) label('score', `${c.id}:${l}`, `${c.title}: ${l === 'none' ? 'no level' : l}`);
  }
  for (const [ref, text] of index.owners) label('owner', ref, text);
  const chains = new Map<number, string[]>();
  const byKind = new Map<string, Row[]>([[ALL, []]]);
  const rows = index.rows.map((r, i): Row => {
    const [name, title, k, ns, type, lifecycle, ownerI, partI, tags, desc] = r;
    const kind = index.kinds[k] ?? '';
    const kindId = lower(kind);
    const owner = ownerI >= 0 ? index.owners[ownerI] : undefined;
    const part = partI >= 0 ? index.systems[partI] : undefined;
    const parentI = r[12] ?? -1;
    const parent = parentI >= 0 ? index.owners[parentI] : undefined;
    if (owner && !chains.has(ownerI)) chains.set(ownerI, chainOf(index, ownerI));
    const ownerChain = owner ? chains.get(ownerI)! : [];
    const scores = (r[11] ?? []).flatMap((rank, c) => {
      const card = cards[c];
      return !card || rank < 0 ? [] : [lower(`${card.id}:${rank === 0 ? 'none' : card.levels[rank - 1]}`)];
    });
    const row: Row = {
      i, r, kind, kindId,
      ref: `${kindId}:${lower(ns)}/${lower(name)}`,
      label: title || name,
      details: r[13] ?? [],
      hay: '',
      ownerChain,
      values: {
        owner: owner ? [owner[0]] : [],
        type: type ? [label('type', type)] : [],
        lifecycle: lifecycle ? [label('lifecycle', lifecycle)] : [],
        system: part && kindId !== 'system' ? [label('system', part[0], part[1])] : [],
        domain: part && kindId === 'system' ? [label('domain', part[0], part[1])] : [],
        parent: parent ? [label('parent', parent[0], parent[1])] : [],
        tag: tags.map((t) => label('tag', t)),
        score: scores,
        namespace: [label('namespace', ns)],
      },
    };
    if (owner) row.owner = owner;
    if (part) row.part = part;
    if (parent) row.parent = parent;
    row.hay = lower([name, title, ns, type, lifecycle, desc, ...tags, owner?.[1] ?? '', part?.[1] ?? '', ...row.details].join(' '));
    byKind.get(ALL)!.push(row);
    const list = byKind.get(kindId) ?? [];
    if (!list.length) byKind.set(kindId, list);
    list.push(row);
    return row;
  });
  return { index, rows, labels, byKind };
}

/** What one value of a facet counts: the owner facet with sub-teams counts a row for every group above its owner. */
export function facetValues(row: Row, key: FacetKey, subteams: boolean): string[] {
  return key === 'owner' && subteams ? row.ownerChain : row.values[key];
}

export interface QueryResult {
  matches: Row[];
  /** Per facet, per value: the rows that would match with that value, given every other active filter. */
  counts: Record<FacetKey, Map<string, number>>;
}

/**
 * Filters a kind's rows: the words of `q` all in the row's text, and every active facet matching one
 * of its values. Counts are the usual faceted ones: a facet's counts ignore its own selection, so
 * picking a second owner shows how many that adds.
 */
export function query(ex: Explorer, st: ExplorerState): QueryResult {
  const rows = ex.byKind.get(st.kind) ?? [];
  const words = lower(st.q).split(/\s+/).filter(Boolean);
  const active = FACET_KEYS.flatMap((k) => (st.filters[k]?.length ? [[k, new Set(st.filters[k]!.map(lower))] as const] : []));
  const counts = Object.fromEntries(FACET_KEYS.map((k) => [k, new Map<string, number>()])) as QueryResult['counts'];
  const add = (row: Row, key: FacetKey) => {
    const m = counts[key];
    for (const v of facetValues(row, key, st.subteams)) m.set(v, (m.get(v) ?? 0) + 1);
  };
  const matches: Row[] = [];
  for (const row of rows) {
    if (words.length && !words.every((w) => row.hay.includes(w))) continue;
    let failed: FacetKey | undefined;
    let fails = 0;
    for (const [key, wanted] of active) {
      if (!facetValues(row, key, st.subteams).some((v) => wanted.has(v))) {
        failed = key;
        if (++fails > 1) break;
      }
    }
    if (fails === 0) {
      matches.push(row);
      for (const key of FACET_KEYS) add(row, key);
    } else if (fails === 1) {
      add(row, failed!);
    }
  }
  return { matches, counts };
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function sortText(row: Row, key: SortKey): string {
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
