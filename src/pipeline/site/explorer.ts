/** The explorer's compact index: string tables and index rows, fetched lazily by the explorer page. */
import type { EntityView, ExplorerIndex, ExplorerRow } from './types.js';
import { oneLine } from './relations.js';

export function explorerIndex(entities: readonly EntityView[]): ExplorerIndex {
  const kinds: string[] = [];
  const owners: [string, string][] = [];
  const systems: [string, string][] = [];
  const kindIdx = new Map<string, number>();
  const ownerIdx = new Map<string, number>();
  const systemIdx = new Map<string, number>();
  const intern = (table: [string, string][], idx: Map<string, number>, ref: string | undefined, label: string | undefined) => {
    if (!ref) return -1;
    let i = idx.get(ref);
    if (i === undefined) { i = table.length; table.push([ref, label ?? ref]); idx.set(ref, i); }
    return i;
  };
  const rows: ExplorerRow[] = entities.map((e) => {
    let k = kindIdx.get(e.kind);
    if (k === undefined) { k = kinds.length; kinds.push(e.kind); kindIdx.set(e.kind, k); }
    return [
      e.name,
      e.title === e.name ? '' : e.title,
      k,
      e.namespace,
      e.type ?? '',
      e.lifecycle ?? '',
      intern(owners, ownerIdx, e.owner?.ref, e.owner?.label),
      intern(systems, systemIdx, e.system?.ref, e.system?.label),
      e.tags,
      e.description ? oneLine(e.description, 140) : '',
      e.href,
    ];
  });
  return { version: 1, kinds, owners, systems, rows };
}
