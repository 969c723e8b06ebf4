/** The explorer's compact index: string tables and index rows, fetched lazily by the explorer page. */
import type { EntityLinkView, EntityView, ExplorerIndex, ExplorerRow } from './types.js';
import { oneLine } from './entity-links.js';

export function explorerIndex(entities: readonly EntityView[], scorecards: ReadonlyArray<{ id: string; title: string; levels: string[] }> = []): ExplorerIndex {
  const kinds: string[] = [];
  const owners: [string, string, string][] = [];
  const systems: [string, string, string][] = [];
  const kindIdx = new Map<string, number>();
  const ownerIdx = new Map<string, number>();
  const systemIdx = new Map<string, number>();
  const intern = (table: [string, string, string][], idx: Map<string, number>, target: EntityLinkView | undefined) => {
    if (!target) return -1;
    let i = idx.get(target.ref);
    if (i === undefined) { i = table.length; table.push([target.ref, target.label, target.href ?? '']); idx.set(target.ref, i); }
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
      intern(owners, ownerIdx, e.owner),
      intern(systems, systemIdx, e.system),
      e.tags,
      e.description ? oneLine(e.description, 140) : '',
      e.href,
      scorecards.map((card) => e.scorecards?.find((c) => c.id === card.id)?.rank ?? -1),
    ];
  });
  return { version: 1, kinds, owners, systems, rows, scorecards: scorecards.map(({ id, title, levels }) => ({ id, title, levels: [...levels] })) };
}
