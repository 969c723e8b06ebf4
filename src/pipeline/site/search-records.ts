/**
 * Search records of API references: one per operation and type, at the page and anchor it is on,
 * carrying the API's facts (owner, system, lifecycle) as filters so a result reads like the entity's.
 * They are records of their own rather than sections of the API's page so that a query for an
 * operationId or rpc name has that operation as its result, with its name as meta for exact ranking.
 */
import type { EntitySearchRecord } from './assets.js';
import type { PortalModel } from './types.js';

/** What the search stage hands Pagefind (`addCustomRecord`). */
export interface SiteSearchRecord {
  /** Root-relative, as Pagefind's own page URLs are (the client adds the base). */
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

export function searchRecords(model: PortalModel, records: readonly EntitySearchRecord[]): SiteSearchRecord[] {
  return records.flatMap((r) => {
    const e = model.entities[r.entity];
    if (!e) return [];
    // no `kind`: the kind filter narrows entities, and an operation is none
    const filters: Record<string, string[]> = { section: ['API reference'], api: [e.title] };
    if (e.type) filters.type = [e.type];
    if (e.lifecycle) filters.lifecycle = [e.lifecycle];
    if (e.owner) filters.owner = [e.owner.label];
    if (e.system) filters.system = [e.system.label];
    const meta: Record<string, string> = { title: r.name, name: r.name, ref: r.id ?? r.name, kind: r.kind, api: e.title };
    return [{ url: `/${e.href}${r.href}`, content: `${r.name}\n${r.content}`, meta, filters }];
  });
}

/**
 * Which source each entity's pages come from, for the search stage's shards: the entity's route
 * (`catalog/<ns>/<kind>/<name>/`, everything under it: reference parts, plugin pages) and its docs
 * (`docs/<ns>/<kind>/<name>/`, which belong to the entity owning them) → the entity's source name.
 * Pages and records under none of these are the portal's own.
 */
export function searchSources(model: PortalModel): Record<string, string> {
  const out: Record<string, string> = {};
  const byRef = new Map(model.entities.map((e) => [e.ref, e.source.source]));
  for (const e of model.entities) out[e.href] = e.source.source;
  for (const d of model.docs) {
    const source = byRef.get(d.entity.ref);
    if (source !== undefined) out[d.href] = source;
  }
  return out;
}
