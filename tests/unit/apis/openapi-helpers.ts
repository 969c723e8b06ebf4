/** Lookups over an ApiReference the way a reader of the page finds things. */
import type { ApiReference, Field, Operation, OperationSection, Shape, TypeExpr } from '../../../src/pipeline/apis/types.js';

export const text = (t: TypeExpr): string => t.map((p) => (typeof p === 'string' ? p : `<${p.anchor}>`)).join('');

export function allOperations(ref: ApiReference): Operation[] {
  return ref.groups.flatMap((g) => g.operations);
}

export function op(ref: ApiReference, verb: string, name: string): Operation {
  const found = allOperations(ref).find((o) => o.verb === verb && o.name === name);
  if (!found) throw new Error(`no ${verb} ${name}; have ${allOperations(ref).map((o) => `${o.verb} ${o.name}`).join(', ')}`);
  return found;
}

export function section(o: Operation, title: string): OperationSection {
  const s = o.sections.find((x) => x.title === title);
  if (!s) throw new Error(`no section "${title}" in ${o.anchor}; have ${o.sections.map((x) => x.title).join(' | ')}`);
  return s;
}

export function field(holder: { fields?: Field[] }, name: string): Field {
  const f = holder.fields?.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name}; have ${holder.fields?.map((x) => x.name).join(', ')}`);
  return f;
}

export const fact = (s: Pick<Shape, 'facts'> | { facts?: Shape['facts'] }, label: string): string | undefined => s.facts?.find((f) => f.label === label)?.value;
export const facts = (s: { facts?: Shape['facts'] }, label: string): string[] => (s.facts ?? []).filter((f) => f.label === label).map((f) => f.value);

/** Each parameter as `name: type` plus `*` when required. */
export const params = (s: { fields?: Field[] }): string[] => (s.fields ?? []).map((f) => `${f.name}${f.required ? '*' : ''}: ${text(f.type)}`);
