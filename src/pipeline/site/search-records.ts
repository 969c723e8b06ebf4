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
