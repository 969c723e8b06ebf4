/**
 * Per owner, how many of its entities reached each level — owned directly, and including every
 * sub-team below it (a department answers for its teams' services). The org tree is the catalog's
 * `parentOf` relations; a cycle in it (which the catalog reports) is walked once.
 */
import type { Entity } from '../catalog/types.js';
import { lowerCaseRef } from '../catalog/vocabulary/entity-ref.js';
import type { OwnerCounts, ScorecardResult, ScorecardRollup } from './types.js';
import { levelIndex } from './levels.js';

export function rollup(card: ScorecardResult, entities: ReadonlyMap<string, Entity>): ScorecardRollup {
  const width = card.levels.length + 1;
  const direct = new Map<string, number[]>();
  for (const s of card.entities) {
    const owner = entities.get(s.ref)?.relations.find((r) => r.type === 'ownedBy')?.targetRef;
    if (!owner) continue;
    const key = lowerCaseRef(owner);
    const counts = direct.get(key) ?? new Array<number>(width).fill(0);
    counts[levelIndex(card.levels, s.level)]! += 1;
    direct.set(key, counts);
  }
  const children = (ref: string): string[] => (entities.get(ref)?.relations ?? []).filter((r) => r.type === 'parentOf').map((r) => lowerCaseRef(r.targetRef));
  const parentOf = new Map<string, string>();
  for (const [ref, e] of entities) {
    if (e.kind.toLowerCase() !== 'group') continue;
    for (const c of children(ref)) if (!parentOf.has(c)) parentOf.set(c, ref);
  }
  const withSub = (ref: string): number[] => {
    const total = new Array<number>(width).fill(0);
    const seen = new Set<string>();
    const stack = [ref];
    while (stack.length) {
      const cur = stack.pop()!;
      if (seen.has(cur)) continue;
      seen.add(cur);
      direct.get(cur)?.forEach((n, i) => { total[i]! += n; });
      stack.push(...children(cur));
    }
    return total;
  };
  // every direct owner, and every group above one (a department owning nothing itself still rolls up)
  const owners = new Set(direct.keys());
  for (const o of [...owners]) {
    const seen = new Set<string>();
    for (let p = parentOf.get(o); p && !seen.has(p); p = parentOf.get(p)) { seen.add(p); owners.add(p); }
  }
  const rows: OwnerCounts[] = [...owners].sort().map((owner) => ({
    owner,
    direct: direct.get(owner) ?? new Array<number>(width).fill(0),
    withSubteams: withSub(owner),
  }));
  return { id: card.id, owners: rows };
}
