/**
 * Architecture decision records, as Backstage's ADR plugin shows them, built statically: an entity
 * annotated `backstage.io/adr-location: docs/adrs` (a folder relative to its descriptor's, as in
 * Backstage; a leading `/` is the source's root) gets an index page of its records under its own
 * page (`…/adrs/`, filterable by status), one page per record (`…/adrs/0001-use-postgres/`, the
 * links between records landing on each other's pages), a card with counts per status, and the
 * scorecard check `adr.has_adrs`.
 *
 * Which files: those directly in the folder named like Backstage's default filter (`0001-….md`,
 * templates left out), so README.md or index.md are no records. Backstage also takes a URL; here
 * only the entity's own source is read, so a URL, or a path leading out of the source, is a warning
 * and nothing. Formats: parse.ts.
 */
import path from 'node:path';
import { z } from 'zod';
import { definePlugin, type CardOutput, type FactOutput, type PageOutput, type PluginContext, type SourceFiles } from '../../pipeline/plugins/types.js';
import type { Entity } from '../../pipeline/catalog/types.js';
import { isAdrFile, parseAdr, withoutLines, type AdrMeta } from './parse.js';

export const ANNOTATION = 'backstage.io/adr-location';

const optionsSchema = z.object({
  /** Records read per entity at most, in file-name order: a folder of thousands is no decision log. */
  max_records: z.number().int().min(1).max(2000).default(500),
}).strict();

export type AdrOptions = z.infer<typeof optionsSchema>;

/** Statuses in the order of a record's life; others follow alphabetically, none last. */
const STATUS_ORDER = ['proposed', 'accepted', 'rejected', 'deprecated', 'superseded'];
/** A page path segment (the seam's rule): a file name outside it cannot be a page of its own. */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const GLOB_CHARS = /[*?[\]{}\\]|[!@+]\(/;

export type Location = { folder: string } | { problem: string } | undefined;

/** The annotation → a folder relative to the source root, or why it is not one. */
export function adrLocation(entity: Entity): Location {
  const raw = entity.metadata.annotations?.[ANNOTATION]?.trim();
  if (!raw) return undefined;
  const quoted = JSON.stringify(raw.length > 120 ? `${raw.slice(0, 119)}…` : raw);
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('//')) return { problem: `${ANNOTATION} ${quoted} is a URL: only a folder of the entity's own repository is read` };
  if (GLOB_CHARS.test(raw) || /[\u0000-\u001f]/.test(raw)) return { problem: `${ANNOTATION} ${quoted} is not a plain folder path` };
  const descDir = path.posix.dirname(entity.source.path);
  const joined = raw.startsWith('/') ? path.posix.normalize(`.${raw}`) : path.posix.normalize(path.posix.join(descDir, raw));
  if (joined === '..' || joined.startsWith('../')) return { problem: `${ANNOTATION} ${quoted} leads outside the source` };
  return { folder: joined === '.' ? '' : joined.replace(/\/+$/, '') };
}

export interface AdrRecord extends AdrMeta {
  /** File name, `0001-use-postgres.md`. */
  name: string;
  /** Its page's path segment: the file name without `.md`, as `siblings` links expect. */
  slug: string;
  /** `/`-rooted path for SourceFiles. */
  file: string;
  text: string;
}

export interface Listing { folder: string; records: AdrRecord[]; skipped: string[]; more: number }

/** The folder's records, parsed, in file-name order. */
export function listRecords(files: SourceFiles, folder: string, max: number): Listing {
  const prefix = folder ? `/${folder}/` : '/';
  const names = [...new Set(files.glob(`${prefix}*.md`).map((p) => path.posix.basename(p)))].filter(isAdrFile).sort();
  const skipped = names.filter((n) => !SEGMENT.test(n.slice(0, -3)));
  const usable = names.filter((n) => SEGMENT.test(n.slice(0, -3)));
  const records: AdrRecord[] = [];
  for (const name of usable.slice(0, max)) {
    const file = `${prefix}${name}`;
    const text = files.read(file);
    if (text === undefined) continue;
    records.push({ ...parseAdr(name, text), name, slug: name.slice(0, -3), file, text });
  }
  return { folder, records, skipped, more: Math.max(0, usable.length - max) };
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
export const statusLabel = (key: string): string => (key === 'unknown' ? 'Status not stated' : cap(key));

/** Counts per status key, in STATUS_ORDER, then alphabetically, `unknown` last. */
export function countByStatus(records: readonly AdrMeta[]): Array<[string, number]> {
  const m = new Map<string, number>();
  for (const r of records) m.set(r.statusKey, (m.get(r.statusKey) ?? 0) + 1);
  const rank = (k: string) => (k === 'unknown' ? 1e6 : STATUS_ORDER.includes(k) ? STATUS_ORDER.indexOf(k) : 100);
  return [...m].sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]));
}

const refOf = (e: Entity): string => `${e.kind}:${e.metadata.namespace}/${e.metadata.name}`.toLowerCase();

/** The page of the record a status links to (`Superseded by [3. …](0003-….md)`), when it is one of these. */
function statusHref(r: AdrRecord, bySlug: ReadonlyMap<string, AdrRecord>, adrsHref: string): string | undefined {
  if (!r.statusLink || /^[a-z][a-z0-9+.-]*:|^\/|^#/i.test(r.statusLink)) return undefined;
  const target = r.statusLink.split(/[#?]/)[0]!.replace(/^\.\//, '');
  if (target.includes('/') || !/\.md$/i.test(target)) return undefined;
  const hit = bySlug.get(target.slice(0, -3));
  return hit ? `${adrsHref}${hit.slug}/` : undefined;
}

function factsOf(r: AdrRecord, statusUrl: string | undefined): FactOutput[] {
  return [
    { label: 'Status', value: r.status ?? 'Not stated', ...(statusUrl ? { url: statusUrl } : {}) },
    ...(r.date ? [{ label: 'Date', value: r.date }] : []),
    ...(r.deciders ? [{ label: 'Deciders', value: r.deciders }] : []),
  ];
}

const SECTION = 'Architecture decisions';

async function entityPages(entity: Entity, ctx: PluginContext<AdrOptions>): Promise<PageOutput[]> {
  const loc = adrLocation(entity);
  if (!loc) return [];
  const ref = refOf(entity);
  const where = { entityRef: ref, file: entity.source.path };
  if ('problem' in loc) { ctx.warn(`${loc.problem}; no ADR pages`, where); return []; }
  const files = ctx.filesOf(entity);
  if (!files) return [];
  const list = listRecords(files, loc.folder, ctx.options.max_records);
  const shown = loc.folder || 'the source root';
  if (list.skipped.length) ctx.warn(`ADR files in ${shown} not published (a page name takes letters, digits, '.', '_' and '-'): ${list.skipped.slice(0, 5).join(', ')}${list.skipped.length > 5 ? ', …' : ''}`, where);
  if (list.more) ctx.warn(`${list.more} more ADRs in ${shown} than max_records (${ctx.options.max_records}) left out`, where);
  if (!list.records.length) {
    ctx.warn(`${ANNOTATION}: no ADRs in ${shown} (files named like 0001-use-postgres.md)`, where);
    return [];
  }
  const adrsHref = `${ctx.hrefOf(ref)}adrs/`;
  const bySlug = new Map(list.records.map((r) => [r.slug, r]));
  const pages: PageOutput[] = [];
  const rows: NonNullable<PageOutput['table']>['rows'] = [];
  const { records } = list;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const at = `${adrsHref}${r.slug}/`;
    const html = await files.markdown(r.file, { at, siblings: true, text: withoutLines(r.text, r.consumed) });
    const prev = records[i - 1];
    const next = records[i + 1];
    pages.push({
      entity: ref, path: `adrs/${r.slug}`, title: r.title, section: SECTION,
      ...(r.number ? { description: `Architecture decision ${r.number}` } : {}),
      facts: factsOf(r, statusHref(r, bySlug, adrsHref)),
      ...(html ? { html } : {}),
      ...(prev ? { prev: { path: `adrs/${prev.slug}`, title: prev.title } } : {}),
      ...(next ? { next: { path: `adrs/${next.slug}`, title: next.title } } : {}),
    });
    rows.push([
      r.number,
      { text: r.title, href: at },
      { text: r.status ?? 'Not stated', value: r.statusKey === 'unknown' ? statusLabel('unknown') : r.statusKey },
      r.date ?? '',
      r.deciders ?? '',
    ]);
  }
  const tree = files.webUrl(`/${loc.folder}`, 'tree');
  const counts = countByStatus(records).map(([k, n]) => `${n} ${k === 'unknown' ? 'without a status' : k}`).join(', ');
  pages.unshift({
    entity: ref, path: 'adrs', title: 'Architecture decisions', section: SECTION,
    description: `${records.length} decision${records.length === 1 ? '' : 's'} recorded in ${shown}: ${counts}.`,
    table: { columns: ['#', 'Decision', 'Status', 'Date', 'Deciders'], rows, filters: ['Status'] },
    ...(tree?.startsWith('https://') ? { links: [{ label: 'The records in the repository', url: tree }] } : {}),
  });
  return pages;
}

export default definePlugin<AdrOptions>({
  name: 'adr',
  // its entity hooks read the entity and its files only: kept between builds while those are unchanged
  reads: ['entity', 'files'],
  options: optionsSchema,

  async pages(ctx) {
    const out: PageOutput[] = [];
    for (const e of ctx.entities) out.push(...(await entityPages(e, ctx)));
    return out;
  },

  // Warnings about the annotation are the pages hook's (once per entity); the card just has nothing.
  entityCards(entity, ctx): CardOutput[] | undefined {
    const loc = adrLocation(entity);
    if (!loc || 'problem' in loc || !ctx.files) return undefined;
    const { records, more } = listRecords(ctx.files, loc.folder, ctx.options.max_records);
    if (!records.length) return undefined;
    const total = records.length + more;
    return [{
      title: 'Architecture decisions',
      facts: countByStatus(records).map(([k, n]) => ({ label: statusLabel(k), value: String(n) })),
      links: [{ label: total === 1 ? 'The decision' : `All ${total} decisions`, url: `${ctx.href}adrs/` }],
    }];
  },

  checks: {
    /** Passes with at least one accepted record in the annotated folder. */
    has_adrs(ctx) {
      const fix = ctx.entity.source.viewUrl;
      const fail = (reason: string) => ({ passed: false, reason, ...(fix ? { fix } : {}) });
      const loc = adrLocation(ctx.entity);
      if (!loc) return fail(`no ${ANNOTATION} annotation: no architecture decisions are recorded`);
      if ('problem' in loc) return fail(loc.problem);
      const shown = loc.folder || 'the source root';
      const m = ctx.files([`${loc.folder ? `${loc.folder}/` : ''}*.md`], 'repo');
      if (m.refused.length) return fail(`${ANNOTATION} leads out of the source`);
      const names = m.found.filter((f) => path.posix.dirname(f) === (loc.folder || '.') && isAdrFile(path.posix.basename(f)));
      const records = names.slice(0, ctx.options.max_records).flatMap((f) => {
        const text = ctx.read(f);
        return text === undefined ? [] : [parseAdr(path.posix.basename(f), text)];
      });
      if (!records.length) return fail(`no ADRs in ${shown} (files named like 0001-use-postgres.md)`);
      const accepted = records.filter((r) => r.statusKey === 'accepted').length;
      const counts = countByStatus(records).map(([k, n]) => `${n} ${k === 'unknown' ? 'without a status' : k}`).join(', ');
      if (!accepted) return fail(`no accepted ADR in ${shown} (${counts})`);
      return { passed: true, reason: `${accepted} accepted ADR${accepted === 1 ? '' : 's'} in ${shown} (${counts})` };
    },
  },
});
