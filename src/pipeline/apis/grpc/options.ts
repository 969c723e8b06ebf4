/**
 * Proto options as facts: `google.api.http: post: "/v1/entries", body: "*"`. From protobufjs'
 * `parsedOptions` (which keeps an aggregate value's structure) when it has them, else its flat
 * `options`. Values are data from the definition: read as own entries only, bounded in depth and
 * length, never merged into an object of ours.
 */
import type { Fact } from '../types.js';

const MAX_DEPTH = 6;
const MAX_VALUE = 1_000;

export interface HasOptions {
  options?: { [k: string]: unknown } | undefined;
  parsedOptions?: Array<{ [k: string]: unknown }> | null | undefined;
}

function text(value: unknown, depth: number): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value !== 'object') return String(value);
  if (depth >= MAX_DEPTH) return '{…}';
  if (Array.isArray(value)) return `[${value.map((v) => text(v, depth + 1)).join(', ')}]`;
  const parts = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${text(v, depth + 1)}`);
  return `{ ${parts.join(', ')} }`;
}

/** A fact's value: a top-level string as written, an aggregate without its outer braces. */
function shown(value: unknown): string {
  let s: string;
  if (typeof value === 'string') s = value;
  else if (value && typeof value === 'object' && !Array.isArray(value)) s = text(value, 0).slice(2, -2);
  else s = text(value, 0);
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE)}…` : s;
}

/** `(google.api.http)` → `google.api.http`: the parentheses only mark an extension in the syntax. */
function label(key: string): string {
  return key.startsWith('(') ? key.replace('(', '').replace(')', '') : key;
}

/** Options as facts, but those named in `skip` (shown otherwise: deprecated, default, …). */
export function optionFacts(obj: HasOptions, skip: ReadonlySet<string> = new Set()): Fact[] {
  const facts: Fact[] = [];
  const parsed = Array.isArray(obj.parsedOptions) && obj.parsedOptions.length ? obj.parsedOptions : undefined;
  const entries: Array<[string, unknown]> = parsed
    ? parsed.flatMap((o) => (o && typeof o === 'object' ? Object.entries(o) : []))
    : Object.entries(obj.options ?? {});
  for (const [key, value] of entries) {
    if (skip.has(key)) continue;
    facts.push({ label: label(key), value: shown(value) });
  }
  return facts;
}

/** The `deprecated = true` option, as a reference's deprecation flag. */
export function isDeprecated(obj: HasOptions): boolean {
  const o = obj.options;
  return !!o && Object.hasOwn(o, 'deprecated') && o.deprecated === true;
}
