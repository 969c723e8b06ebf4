/** What every part of the AsyncAPI reader shares while reading one definition, and small accessors. */
import type { Anchors } from '../anchors.js';
import { isMap, prop, type At, type LoadedDoc, type ProblemSink, type RefResolver, type SchemaReader } from '../json-schema/index.js';
import type { MessageTypes } from './messages.js';

/** 2 for AsyncAPI 2.0–2.6, 3 for 3.x: the two differ in where operations live and how traits merge. */
export type Major = 2 | 3;

export interface AaContext {
  major: Major;
  specVersion: string;
  main: LoadedDoc;
  root: Record<string, unknown>;
  resolver: RefResolver;
  schemas: SchemaReader;
  messages: MessageTypes;
  anchors: Anchors;
  problems: ProblemSink;
  notes: string[];
  /** The document's `defaultContentType`, shown for messages without their own. */
  defaultContentType?: string;
}

/** A value with where it is: every value is handled with its place, so `$ref`s resolve against their file. */
export interface Slot { value: unknown; at: At }
export interface MapSlot { value: Record<string, unknown>; at: At }

export const sub = (at: At, ...p: Array<string | number>): At => ({ doc: at.doc, path: [...at.path, ...p] });

/** A property with where it is (undefined when absent). */
export function child(s: Slot, key: string): Slot | undefined {
  const v = prop(s.value, key);
  return v === undefined ? undefined : { value: v, at: sub(s.at, key) };
}

/** A string property, or undefined. */
export const str = (value: unknown, key: string): string | undefined => {
  const v = prop(value, key);
  return typeof v === 'string' ? v : undefined;
};

/** A string-ish property (`version: 1.0` is a number to YAML) as text, or undefined. */
export const text = (value: unknown, key: string): string | undefined => {
  const v = prop(value, key);
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
};

/** Follows a `$ref` chain to a map; undefined when it cannot be followed (already reported) or is no map. */
export function follow(ctx: AaContext, s: Slot | undefined): MapSlot | undefined {
  if (!s) return undefined;
  const d = ctx.resolver.deref(s.value, s.at);
  if (!d.ok || !isMap(d.value)) return undefined;
  return { value: d.value, at: d.at };
}

/** Notes one reference shows at most (each says what was left out). */
export const MAX_NOTES = 100;

/** Adds a note for the page, unless there are already enough of them. */
export function note(ctx: AaContext, text: string): void {
  if (ctx.notes.length < MAX_NOTES) ctx.notes.push(text);
}

/** Entries of a map in document order, `x-` extensions left out, at most `max` (a note says when cut). */
export function entries(ctx: AaContext, s: Slot | undefined, max: number, what: string): Array<[string, Slot]> {
  if (!s || !isMap(s.value)) return [];
  const keys = Object.keys(s.value).filter((k) => !k.startsWith('x-'));
  if (keys.length > max) note(ctx, `Only the first ${max.toLocaleString('en-US')} of ${keys.length.toLocaleString('en-US')} ${what} are shown.`);
  const m = s.value;
  return keys.slice(0, max).map((k) => [k, { value: m[k], at: sub(s.at, k) }]);
}

/** Items of a list with where each is, at most `max`. */
export function items(s: Slot | undefined, max: number): Slot[] {
  if (!s || !Array.isArray(s.value)) return [];
  return s.value.slice(0, max).map((v, i) => ({ value: v, at: sub(s.at, i) }));
}

/** The last key of a location: `#/components/messages/Foo` → `Foo`. */
export function lastKey(at: At): string | undefined {
  const last = at.path[at.path.length - 1];
  return typeof last === 'string' ? last : undefined;
}
