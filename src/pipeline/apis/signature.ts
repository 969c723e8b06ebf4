/**
 * What `playbill diff` and the PR/nightly summaries compare of an API: each operation by its anchor,
 * with a label a reader knows it by (`POST /v1/refunds`, `rpc PostEntry`) and the fields a caller
 * sends or gets back, each marked required or not. Enough to say "removes `POST /v1/refunds`" or
 * "makes `currency` required" — the changes that break callers — without keeping whole references
 * in the build report.
 */
import { createHash } from 'node:crypto';
import type { ApiReference, Field, Operation } from './types.js';

/** `[label, hash of everything shown, fields]`; a field is `section › name` → 1 required, 0 optional. */
export type OperationSignature = [label: string, hash: string, fields: Record<string, 0 | 1>];

const MAX_FIELDS = 200;

function fieldsOf(op: Operation): Record<string, 0 | 1> {
  const out: Record<string, 0 | 1> = {};
  const add = (section: string, fs: readonly Field[] | undefined) => {
    for (const f of fs ?? []) {
      if (Object.keys(out).length >= MAX_FIELDS) return;
      out[`${section} › ${f.name}`] = f.required ? 1 : 0;
    }
  };
  for (const s of op.sections) {
    add(s.title, s.fields);
    add(s.title, s.shape?.fields);
  }
  return out;
}

export function operationSignatures(ref: ApiReference): Record<string, OperationSignature> {
  const out: Record<string, OperationSignature> = {};
  const visit = (op: Operation) => {
    const hash = createHash('sha1').update(JSON.stringify(op)).digest('hex').slice(0, 12);
    out[op.anchor] = [`${op.verb} ${op.name}`, hash, fieldsOf(op)];
    for (const cb of op.callbacks ?? []) cb.operations.forEach(visit);
  };
  for (const g of ref.groups) g.operations.forEach(visit);
  return out;
}

export interface OperationChange {
  label: string;
  /** What in it breaks callers: a removed field, a field now required. */
  breaking: string[];
}

export interface ApiChange {
  /** The API entity's ref. */
  api: string;
  added: string[];
  removed: string[];
  changed: OperationChange[];
  /** Any removed operation or breaking change. */
  breaking: boolean;
}

/** Operation changes of the APIs in both builds (new and removed APIs are entity changes). */
export function diffApis(before: Record<string, Record<string, OperationSignature>> = {}, after: Record<string, Record<string, OperationSignature>> = {}): ApiChange[] {
  const out: ApiChange[] = [];
  for (const [api, now] of Object.entries(after)) {
    const then = before[api];
    if (!then) continue;
    const change: ApiChange = { api, added: [], removed: [], changed: [], breaking: false };
    for (const [anchor, [label, hash, fields]] of Object.entries(now)) {
      const prev = then[anchor];
      if (!prev) { change.added.push(label); continue; }
      if (prev[1] === hash) continue;
      const breaking: string[] = [];
      for (const [f, req] of Object.entries(prev[2])) {
        if (!(f in fields)) breaking.push(`removes ${f}`);
        else if (!req && fields[f]) breaking.push(`makes ${f} required`);
      }
      for (const [f, req] of Object.entries(fields)) if (req && !(f in prev[2])) breaking.push(`adds required ${f}`);
      change.changed.push({ label, breaking });
    }
    for (const [anchor, [label]] of Object.entries(then)) if (!(anchor in now)) change.removed.push(label);
    change.breaking = change.removed.length > 0 || change.changed.some((c) => c.breaking.length > 0);
    if (change.added.length || change.removed.length || change.changed.length) out.push(change);
  }
  return out.sort((a, b) => a.api.localeCompare(b.api));
}
