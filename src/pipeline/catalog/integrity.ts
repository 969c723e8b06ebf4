/**
 * Integrity: one entity per ref. Two definitions of the same ref (compared lower-cased, as
 * Backstage does) keep the first in discovery order and report the other, naming both places.
 */
import type { DiagnosticSink } from '../diagnostics.js';
import type { EntitySource } from './types.js';

export interface Defined {
  ref: string;
  place: EntitySource;
  sink: DiagnosticSink;
}

/** `items` must already be in discovery order (source order, then path, then document). */
export function dropDuplicates<T extends Defined>(items: readonly T[]): T[] {
  const first = new Map<string, T>();
  const kept: T[] = [];
  for (const item of items) {
    const prior = first.get(item.ref);
    if (!prior) {
      first.set(item.ref, item);
      kept.push(item);
      continue;
    }
    const at = (p: EntitySource) => `${p.source}:${p.path}:${p.line}`;
    item.sink.error({
      code: 'catalog.duplicate-entity',
      message: `${item.ref} is defined twice: first at ${at(prior.place)}, again here at ${at(item.place)}; this one is ignored`,
      line: item.place.line, entityRef: item.ref,
    });
  }
  return kept;
}
