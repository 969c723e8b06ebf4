/**
 * What a hook may return, as schemas: a result of another shape is `plugin.invalid` (run.ts), never
 * a page that breaks. Sizes are bounded so one plugin cannot make every page megabytes.
 */
import { z } from 'zod';
import { isRendered } from './files.js';
import type { RenderedMarkdown } from './types.js';

const MAX_TEXT = 64 * 1024;
const MAX_HTML = 512 * 1024;
const text = (max = 500) => z.string().max(max);

const link = z.strictObject({ label: text().min(1), url: text(4000).min(1) });
const fact = z.strictObject({ label: text().min(1), value: text(4000), url: text(4000).optional() });
const badge = z.strictObject({ alt: text(), src: text(4000).min(1), href: text(4000).optional() });
const html = z.union([text(MAX_HTML), z.custom<RenderedMarkdown>(isRendered, 'expected a string or what files.markdown() returned')]);

const body = {
  body: text(MAX_TEXT).optional(),
  html: html.optional(),
  facts: z.array(fact).max(100).optional(),
  links: z.array(link).max(100).optional(),
  badges: z.array(badge).max(50).optional(),
};

export const CardsShape = z.array(z.strictObject({ title: text(200).min(1), ...body })).max(20).nullish();
export const SectionsShape = z.array(z.strictObject({ title: text(200).min(1), id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,60}$/, 'lowercase a-z, 0-9 and dashes').optional(), ...body })).max(20).nullish();
export const LinksShape = z.array(link).max(50).nullish();

const segment = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const pagePath = z.string().min(1).max(300).refine((p) => p.replace(/\/+$/, '').split('/').every((s) => segment.test(s)), 'a path of segments of letters, digits, `.`, `_` and `-`, e.g. adrs/0001-use-postgres');
const cell = z.union([text(2000), z.strictObject({ text: text(2000), href: text(4000).optional(), value: text(200).optional() })]);

export const PagesShape = z.array(z.strictObject({
  path: pagePath,
  title: text(300).min(1),
  description: text(2000).optional(),
  entity: z.string().min(1).optional(),
  section: text(100).min(1).optional(),
  ...body,
  table: z.strictObject({
    columns: z.array(text(100)).min(1).max(20),
    rows: z.array(z.array(cell)).max(5000),
    filters: z.array(text(100)).max(5).optional(),
  }).optional(),
  cards: z.array(z.strictObject({ title: text(200).min(1), ...body })).max(20).optional(),
  prev: z.strictObject({ path: pagePath, title: text(300) }).optional(),
  next: z.strictObject({ path: pagePath, title: text(300) }).optional(),
})).max(20_000);

export const RecordsShape = z.array(z.strictObject({
  url: z.string().min(1).max(2000).refine((u) => !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(u), 'a URL inside the portal, relative to its base'),
  title: text(300).min(1),
  content: text(MAX_TEXT),
  meta: z.record(z.string(), text(2000)).optional(),
  filters: z.record(z.string(), z.array(text(200)).max(20)).optional(),
})).max(100_000);

export const EntitiesShape = z.array(z.record(z.string(), z.unknown())).max(100_000);
export const DescriptorShape = z.record(z.string(), z.unknown()).nullish();
export const OutcomeShape = z.strictObject({ passed: z.boolean(), reason: text(2000).optional(), fix: text(4000).optional() });

export type CardData = z.output<typeof CardsShape> & object;
export type PageData = z.output<typeof PagesShape>[number];
