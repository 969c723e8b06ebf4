/** Reading AsyncAPI fixtures and finding things in a reference the way a reader of the page does. */
import path from 'node:path';
import { expect } from 'vitest';
import { readAsyncApi } from '../../../src/pipeline/apis/asyncapi/index.js';
import { fileInput } from '../../../src/pipeline/apis/read-input.js';
import type { ApiReference, DefinitionInput, Field, Operation, OperationGroup, OperationSection, ReadResult, TypeDef, TypeExpr } from '../../../src/pipeline/apis/types.js';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/apis/asyncapi');

export async function readFixture(file: string): Promise<ReadResult> {
  return readAsyncApi(fileInput(FIXTURES, file));
}

/** A definition given as text (inline in a descriptor at `line`), reading other files of the fixtures. */
export async function readText(text: string, opts: { file?: string; line?: number } = {}): Promise<ReadResult> {
  const base = fileInput(FIXTURES, 'v2/orders.asyncapi.yaml');
  const input: DefinitionInput = { text, file: opts.file ?? 'inline/catalog-info.yaml', line: opts.line ?? 1, read: base.read };
  return readAsyncApi(input);
}

export function referenceOf(r: ReadResult): ApiReference {
  expect(r.reference, JSON.stringify(r.problems)).toBeDefined();
  return r.reference!;
}

/** Type text with links as `<anchor>`: `array of <schema-line>`. */
export const text = (t: TypeExpr): string => t.map((p) => (typeof p === 'string' ? p : `<${p.anchor}>`)).join('');

export const operations = (ref: ApiReference): Operation[] => ref.groups.flatMap((g) => g.operations);

export function group(ref: ApiReference, anchor: string): OperationGroup {
  const g = ref.groups.find((x) => x.anchor === anchor);
  if (!g) throw new Error(`no group #${anchor}; have ${ref.groups.map((x) => x.anchor).join(', ')}`);
  return g;
}

export function op(ref: ApiReference, anchor: string): Operation {
  const o = operations(ref).find((x) => x.anchor === anchor);
  if (!o) throw new Error(`no operation #${anchor}; have ${operations(ref).map((x) => x.anchor).join(', ')}`);
  return o;
}

export function section(o: Operation, title: string): OperationSection {
  const s = o.sections.find((x) => x.title === title);
  if (!s) throw new Error(`no section "${title}" in #${o.anchor}; have ${o.sections.map((x) => x.title).join(' | ')}`);
  return s;
}

export function type(ref: ApiReference, anchor: string): TypeDef {
  const t = ref.types.flatMap((g) => g.types).find((x) => x.anchor === anchor);
  if (!t) throw new Error(`no type #${anchor}; have ${ref.types.flatMap((g) => g.types).map((x) => x.anchor).join(', ')}`);
  return t;
}

export function field(holder: { fields?: Field[] }, name: string): Field {
  const f = holder.fields?.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name}; have ${holder.fields?.map((x) => x.name).join(', ')}`);
  return f;
}

/** Each field as `name: type`, `*` when required. */
export const fields = (holder: { fields?: Field[] }): string[] => (holder.fields ?? []).map((f) => `${f.name}${f.required ? '*' : ''}: ${text(f.type)}`);

export const facts = (holder: { facts?: Array<{ label: string; value: string }> }, label: string): string[] =>
  (holder.facts ?? []).filter((f) => f.label === label).map((f) => f.value);

export const fact = (holder: { facts?: Array<{ label: string; value: string }> }, label: string): string | undefined => facts(holder, label)[0];

/** Every anchor a reference defines, and every anchor its type expressions link to. */
export function anchors(ref: ApiReference): { defined: Set<string>; linked: Set<string> } {
  const defined = new Set<string>();
  const linked = new Set<string>();
  for (const g of ref.groups) {
    defined.add(g.anchor);
    for (const o of g.operations) defined.add(o.anchor);
  }
  for (const tg of ref.types) {
    defined.add(tg.anchor);
    for (const t of tg.types) defined.add(t.anchor);
  }
  const seen = new Set<object>();
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) { v.forEach(walk); return; }
    const o = v as Record<string, unknown>;
    if (typeof o['name'] === 'string' && typeof o['anchor'] === 'string' && Object.keys(o).length === 2) linked.add(o['anchor']);
    Object.values(o).forEach(walk);
  };
  walk(ref);
  return { defined, linked };
}
