/** Spec fields as readable key/values, and a Template's parameters and steps as a summary. */
import type { Entity } from '../catalog/types.js';
import type { KindId } from '../catalog/vocabulary/kinds.js';
import { safeUrl } from './annotation-views.js';
import type { KeyValue, TemplateSummary } from './types.js';

/** Spec keys that the page already shows as links, badges or sections, for each known kind. */
const SHOWN_BY_KIND: Record<KindId, readonly string[]> = {
  component: ['type', 'lifecycle', 'owner', 'system', 'subcomponentOf', 'providesApis', 'consumesApis', 'dependsOn', 'dependencyOf'],
  api: ['type', 'lifecycle', 'owner', 'system', 'definition'],
  resource: ['type', 'owner', 'system', 'dependsOn', 'dependencyOf'],
  system: ['type', 'owner', 'domain'],
  domain: ['type', 'owner', 'subdomainOf'],
  group: ['type', 'profile', 'parent', 'children', 'members'],
  user: ['profile', 'memberOf'],
  template: ['type', 'owner', 'parameters', 'steps', 'output'],
  location: [],
};
/** A Map, so a kind named like an Object property (`kind: Constructor`) is just an unknown kind. */
const SHOWN = new Map<string, readonly string[]>(Object.entries(SHOWN_BY_KIND));

export function stringifyValue(v: unknown, max = 300): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.length > max ? `${v.slice(0, max - 1)}…` : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return stringifyValue(v.join(', '), max);
  const s = JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function specFields(entity: Entity): KeyValue[] {
  const kind = entity.kind.toLowerCase();
  const spec = entity.spec ?? {};
  if (kind === 'location') {
    const targets = [spec.target, ...(Array.isArray(spec.targets) ? spec.targets : [])].filter((t): t is string => typeof t === 'string');
    const kv: KeyValue[] = targets.map((t) => ({ key: 'target', value: t, ...(safeUrl(t) ? { href: safeUrl(t) } : {}) }));
    for (const k of ['type', 'presence']) if (typeof spec[k] === 'string') kv.unshift({ key: k, value: spec[k] as string });
    return kv;
  }
  const hidden = SHOWN.get(kind) ?? ['type', 'lifecycle', 'owner', 'system'];
  return Object.entries(spec)
    .filter(([k]) => !hidden.includes(k))
    .map(([key, v]) => ({ key, value: stringifyValue(v) }))
    .filter((kv) => kv.value !== '');
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : undefined;
}
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

export function templateSummary(entity: Entity): TemplateSummary {
  const spec = entity.spec ?? {};
  const pages = Array.isArray(spec.parameters) ? spec.parameters : spec.parameters ? [spec.parameters] : [];
  const parameters = pages.map(asRecord).filter((p): p is Record<string, unknown> => !!p).map((p, i) => {
    const required = Array.isArray(p.required) ? p.required.filter((x): x is string => typeof x === 'string') : [];
    const props = asRecord(p.properties) ?? {};
    return {
      title: str(p.title) ?? `Step ${i + 1}`,
      fields: Object.entries(props).map(([name, raw]) => {
        const f = asRecord(raw) ?? {};
        const field: TemplateSummary['parameters'][number]['fields'][number] = { name, required: required.includes(name) };
        if (str(f.title)) field.title = str(f.title);
        if (str(f.type)) field.type = str(f.type);
        if (str(f.description)) field.description = str(f.description);
        return field;
      }),
    };
  });
  const steps = (Array.isArray(spec.steps) ? spec.steps : []).map(asRecord).filter((s): s is Record<string, unknown> => !!s).map((s) => {
    const step: TemplateSummary['steps'][number] = { action: str(s.action) ?? '(no action)' };
    if (str(s.id)) step.id = str(s.id);
    if (str(s.name)) step.name = str(s.name);
    return step;
  });
  const output = asRecord(spec.output) ?? {};
  const outputs: KeyValue[] = [];
  for (const [key, v] of Object.entries(output)) {
    if (key === 'links' && Array.isArray(v)) {
      for (const l of v.map(asRecord)) if (l) outputs.push({ key: 'link', value: str(l.title) ?? str(l.url) ?? str(l.entityRef) ?? '' });
    } else outputs.push({ key, value: stringifyValue(v) });
  }
  return { parameters, steps, outputs, scaffold: scaffoldCommand(entity, parameters) };
}

/** `npx playbill scaffold node-service --set name=… --out ./node-service-new`: the required values as flags. */
function scaffoldCommand(entity: Entity, parameters: TemplateSummary['parameters']): string {
  const ns = entity.metadata.namespace ?? 'default';
  const name = ns === 'default' ? entity.metadata.name : `template:${ns}/${entity.metadata.name}`;
  const quote = (v: string) => (/^[\w@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);
  const sets = parameters.flatMap((p) => p.fields.filter((f) => f.required)).map((f) => `--set ${quote(`${f.name}=…`)}`);
  return ['npx playbill scaffold', quote(name), ...sets, '--out', quote(`./${entity.metadata.name}-new`)].join(' ');
}
