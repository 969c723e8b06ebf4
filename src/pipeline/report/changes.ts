/**
 * What a build changed against a previous one: entities and doc pages added, removed, changed.
 * Each build report carries an inventory (ref or page URL → content hash) so two reports are
 * enough to tell, for PR summaries and nightly logs.
 */
import { createHash } from 'node:crypto';
import type { Entity } from '../catalog/types.js';
import { stringifyEntityRef } from '../catalog/vocabulary/entity-ref.js';

export interface Inventory {
  /** `kind:namespace/name` → hash of the entity as written (not its relations or commit). */
  entities: Record<string, string>;
  /** Doc page URL path → hash of its rendered content. */
  pages: Record<string, string>;
}

export interface ChangeSet { added: string[]; removed: string[]; changed: string[] }
export interface Changes { entities: ChangeSet; pages: ChangeSet }

const hash = (s: string) => createHash('sha1').update(s).digest('hex').slice(0, 16);

export function inventoryOf(entities: readonly Entity[], pages: ReadonlyArray<{ url: string; hash: string }> = []): Inventory {
  const inv: Inventory = { entities: {}, pages: {} };
  for (const e of entities) {
    const ref = stringifyEntityRef({ kind: e.kind, namespace: e.metadata.namespace, name: e.metadata.name });
    inv.entities[ref] = hash(JSON.stringify({ apiVersion: e.apiVersion, kind: e.kind, metadata: e.metadata, spec: e.spec }));
  }
  for (const p of pages) inv.pages[p.url] = p.hash;
  return inv;
}

export const hashContent = hash;

function diffMaps(before: Record<string, string>, after: Record<string, string>): ChangeSet {
  const set: ChangeSet = { added: [], removed: [], changed: [] };
  for (const [k, h] of Object.entries(after)) {
    if (!(k in before)) set.added.push(k);
    else if (before[k] !== h) set.changed.push(k);
  }
  for (const k of Object.keys(before)) if (!(k in after)) set.removed.push(k);
  for (const list of Object.values(set)) list.sort();
  return set;
}

export function diffInventories(before: Inventory, after: Inventory): Changes {
  return { entities: diffMaps(before.entities, after.entities), pages: diffMaps(before.pages, after.pages) };
}

export const isEmpty = (c: Changes) =>
  [c.entities, c.pages].every((s) => !s.added.length && !s.removed.length && !s.changed.length);

/** The change list, as console text or as Markdown for a GitHub job summary. */
export function formatChanges(c: Changes, format: 'text' | 'markdown', limit = 50): string {
  if (isEmpty(c)) return format === 'markdown' ? '_No entity or doc page changed._' : 'No entity or doc page changed.';
  const out: string[] = [];
  const sections: Array<[string, ChangeSet]> = [['Entities', c.entities], ['Doc pages', c.pages]];
  for (const [title, set] of sections) {
    for (const verb of ['added', 'removed', 'changed'] as const) {
      const items = set[verb];
      if (!items.length) continue;
      const shown = items.slice(0, limit);
      const more = items.length > shown.length ? ` (and ${items.length - shown.length} more)` : '';
      if (format === 'markdown') {
        out.push(`**${title} ${verb} (${items.length})**${more}`, '', ...shown.map((i) => `- \`${i}\``), '');
      } else {
        out.push(`${title} ${verb} (${items.length}): ${shown.join(', ')}${more}`);
      }
    }
  }
  return out.join('\n').trim();
}
