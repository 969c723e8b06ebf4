/**
 * Operation and message traits, applied as each version says. 2.x: each trait is a JSON Merge Patch
 * over the object, in order, so a later trait overrides the object. 3.x ("traits merge mechanism"):
 * the same, except that nothing of the object itself is overridden.
 *
 * Rather than building one merged value (which would lose where each part came from, and a trait in
 * another file has `$ref`s relative to that file), every key keeps the slots that set it, winner
 * first: a reader takes the first, and the keys merged deeper (bindings, headers) combine them all.
 */
import { follow, items, sub, type AaContext, type MapSlot, type Slot } from './context.js';
import { checkObject } from './validate.js';

/** Traits applied to one object. */
export const MAX_TRAITS = 20;

export type Merged = Map<string, Slot[]>;

function own(s: MapSlot, skip: ReadonlySet<string>): Array<[string, Slot]> {
  return Object.keys(s.value).filter((k) => !skip.has(k)).map((k) => [k, { value: s.value[k], at: sub(s.at, k) }]);
}

const SKIP = new Set(['traits', '$ref']);

/** The object's keys with its traits applied; `kind` names the trait objects for validation. */
export function withTraits(ctx: AaContext, obj: MapSlot, kind: 'operationTrait' | 'messageTrait'): Merged {
  const traitSlots = items({ value: obj.value['traits'], at: sub(obj.at, 'traits') }, MAX_TRAITS);
  const traits: MapSlot[] = [];
  for (const t of traitSlots) {
    const f = follow(ctx, t);
    if (!f) continue;
    checkObject(ctx, kind, f);
    traits.push(f);
  }
  const layers: MapSlot[] = ctx.major === 2 ? [...traits].reverse().concat([obj]) : [obj, ...[...traits].reverse()];
  const merged: Merged = new Map();
  for (const layer of layers) {
    for (const [k, s] of own(layer, SKIP)) {
      const list = merged.get(k);
      if (list) list.push(s);
      else merged.set(k, [s]);
    }
  }
  // a JSON Merge Patch `null` removes the key: what is below it no longer counts
  for (const [k, list] of merged) {
    const cut = list.findIndex((s) => s.value === null);
    if (cut === 0) merged.delete(k);
    else if (cut > 0) list.length = cut;
  }
  return merged;
}

/** The winning value of `key`, or undefined. */
export const first = (m: Merged, key: string): Slot | undefined => m.get(key)?.[0];

/** The winning value of `key` if it is a string. */
export function firstStr(m: Merged, key: string): string | undefined {
  const v = first(m, key)?.value;
  return typeof v === 'string' ? v : undefined;
}
