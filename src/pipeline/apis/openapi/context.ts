/** What every part of the OpenAPI reader shares while reading one definition. */
import type { Anchors } from '../anchors.js';
import { isMap, prop, type At, type LoadedDoc, type ProblemSink, type RefResolver, type SchemaReader } from '../json-schema/index.js';

export type OasVersion = '2.0' | '3.0' | '3.1';

export interface OasContext {
  version: OasVersion;
  main: LoadedDoc;
  root: Record<string, unknown>;
  resolver: RefResolver;
  schemas: SchemaReader;
  anchors: Anchors;
  problems: ProblemSink;
  notes: string[];
}

/** A map-valued property with where it is, or undefined. */
export function child(value: unknown, at: At, key: string): { value: Record<string, unknown>; at: At } | undefined {
  const v = prop(value, key);
  return isMap(v) ? { value: v, at: { doc: at.doc, path: [...at.path, key] } } : undefined;
}

/** A string property, or undefined. */
export const str = (value: unknown, key: string): string | undefined => {
  const v = prop(value, key);
  return typeof v === 'string' ? v : undefined;
};

/** A list of strings property (`tags`, `produces`, scopes), other items dropped. */
export const strings = (value: unknown, key: string): string[] | undefined => {
  const v = prop(value, key);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
};

/** Follows a `$ref` (Path Item, Parameter, Response, Header… objects), undefined when it cannot be (reported). */
export function follow(ctx: OasContext, value: unknown, at: At): { value: Record<string, unknown>; at: At } | undefined {
  const d = ctx.resolver.deref(value, at);
  if (!d.ok || !isMap(d.value)) return undefined;
  return { value: d.value, at: d.at };
}

/** Entries of a map in document order, `x-` extensions left out. */
export function entries(value: unknown): Array<[string, unknown]> {
  if (!isMap(value)) return [];
  return Object.keys(value).filter((k) => !k.startsWith('x-')).map((k) => [k, value[k]]);
}
