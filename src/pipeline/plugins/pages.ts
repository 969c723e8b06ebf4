/**
 * Plugin pages → routes and view models. A page under an entity lives below the entity's page
 * (`catalog/<ns>/<kind>/<name>/<path>/`); a page of its own at a top-level route that is none of
 * Playbill's (a plugin cannot replace the catalog, the docs or the search page).
 */
import { entityPageHref, lowerCaseRef, stringifyEntityRef, tryParseEntityRef } from '../catalog/vocabulary/entity-ref.js';
import { displayTitle } from '../site/entity-links.js';
import type { Entity } from '../catalog/types.js';
import type { PageData } from './shapes.js';
import { bodyView, cardView, viewUrl, type ViewBody, type ViewCard } from './views.js';

/** First segments of Playbill's own routes and files. */
export const RESERVED = new Set(['catalog', 'docs', 'search', 'pagefind', '_astro', 'playbill', 'scorecards', 'org', 'health', 'create', '404', 'index.json', 'catalog.json', 'scorecards.json', 'build-report.json', '.playbill']);

export interface TableCell { text: string; href?: string; internal?: boolean; /** What a filter matches, when not the text. */ value?: string }

export interface PluginPageView {
  plugin: string;
  /** Base-relative route, ending in `/`. */
  route: string;
  title: string;
  description?: string;
  /** The search filter `section` of the page. */
  section: string;
  /** The entity the page is under. */
  entity?: { ref: string; title: string; kind: string; href: string };
  body: ViewBody;
  table?: { columns: string[]; rows: TableCell[][]; /** Column indexes the reader can filter by. */ filters: number[] };
  cards?: ViewCard[];
  prev?: { href: string; title: string };
  next?: { href: string; title: string };
}

const trim = (p: string) => p.replace(/\/+$/, '');

export function pageViews(plugin: string, pages: readonly PageData[], byRef: ReadonlyMap<string, Entity>, warn: (m: string, w?: { entityRef?: string }) => void): PluginPageView[] {
  const out: PluginPageView[] = [];
  for (const pg of pages) {
    let prefix = '';
    let entity: PluginPageView['entity'];
    if (pg.entity) {
      const parsed = tryParseEntityRef(pg.entity, { defaultNamespace: 'default' });
      const ref = parsed.ok ? lowerCaseRef(stringifyEntityRef(parsed.ref)) : '';
      const e = byRef.get(ref);
      if (!e) { warn(`page ${pg.path}: no entity ${pg.entity} in the catalog; not published`); continue; }
      prefix = entityPageHref(ref);
      entity = { ref, title: displayTitle(e), kind: e.kind, href: prefix };
      if (trim(pg.path).split('/')[0] === 'reference') { warn(`page ${pg.path}: reference/ is where an API's reference continues; not published`, { entityRef: ref }); continue; }
    } else if (RESERVED.has(trim(pg.path).split('/')[0]!.toLowerCase())) {
      warn(`page ${pg.path}: ${trim(pg.path).split('/')[0]}/ is one of Playbill's own routes; not published`);
      continue;
    }
    const href = (p: string) => `${prefix}${trim(p)}/`;
    const columns = pg.table?.columns ?? [];
    const view: PluginPageView = {
      plugin, route: href(pg.path), title: pg.title, section: pg.section ?? plugin, body: bodyView(pg),
      ...(pg.description ? { description: pg.description } : {}),
      ...(entity ? { entity } : {}),
      ...(pg.cards?.length ? { cards: pg.cards.map((c) => cardView(plugin, c)) } : {}),
      ...(pg.prev ? { prev: { href: href(pg.prev.path), title: pg.prev.title } } : {}),
      ...(pg.next ? { next: { href: href(pg.next.path), title: pg.next.title } } : {}),
    };
    if (pg.table) {
      view.table = {
        columns,
        rows: pg.table.rows.map((row) => columns.map((_, i) => {
          const c = row[i] ?? '';
          if (typeof c === 'string') return { text: c };
          const u = viewUrl(c.href);
          const value = c.value !== undefined && c.value !== c.text ? { value: c.value } : {};
          return u ? { text: c.text, href: u.url, ...(u.internal ? { internal: true } : {}), ...value } : { text: c.text, ...value };
        })),
        filters: (pg.table.filters ?? []).map((f) => columns.indexOf(f)).filter((i) => i >= 0),
      };
    }
    out.push(view);
  }
  return out;
}
