/**
 * Paths → operations, grouped by their first tag (groups in the order the root `tags` declare them,
 * then tags met only on operations, then untagged operations), each group in path order; 3.1
 * webhooks as a group of their own; callbacks inside their operation. Anchors come from the method
 * and path (`op-post-v1-payment-intents`), the webhook's name and method (`webhook-new-pet-post`), or
 * the operation, callback name and method (`callback-post-subscribe-on-event-post`).
 */
import type { Fact, Operation, OperationGroup } from '../types.js';
import { isMap, prop, type At } from '../json-schema/index.js';
import { requestSections, responseSections } from './bodies.js';
import { entries, follow, str, strings, type OasContext } from './context.js';
import { securityFacts, servers } from './info.js';
import { parameters } from './parameters.js';

type Located = { value: Record<string, unknown>; at: At };

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
/** Operations one reference lists (Stripe's spec, among the largest public ones, has ~600). */
export const MAX_OPERATIONS = 20_000;
const MAX_CALLBACK_DEPTH = 2;

interface Counter { n: number; capped: boolean }

/** The operations of one path item, in the order the item lists its methods. */
function pathItemOperations(ctx: OasContext, item: Located, anchorOf: (method: string) => string, name: string, count: Counter, depth: number): Array<{ op: Located; operation: Operation }> {
  const out: Array<{ op: Located; operation: Operation }> = [];
  for (const key of Object.keys(item.value)) {
    const method = key.toLowerCase();
    const raw = item.value[key];
    if (!METHODS.has(method) || !isMap(raw)) continue;
    if (count.n >= MAX_OPERATIONS) {
      if (!count.capped) { count.capped = true; ctx.notes.push(`Only the first ${MAX_OPERATIONS.toLocaleString('en-US')} operations are shown.`); }
      break;
    }
    // an Operation is no place for a $ref by the spec, but multi-file definitions (DigitalOcean's) put one there
    const op = follow(ctx, raw, { doc: item.at.doc, path: [...item.at.path, key] });
    if (!op) continue;
    count.n++;
    out.push({ op, operation: readOperation(ctx, method, name, item, op, anchorOf(method), count, depth) });
  }
  return out;
}

function readOperation(ctx: OasContext, method: string, name: string, item: Located, op: Located, anchor: string, count: Counter, depth: number): Operation {
  const v = op.value;
  const operation: Operation = { anchor, verb: method.toUpperCase(), name, sections: [] };
  const id = str(v, 'operationId');
  if (id !== undefined) operation.id = id;
  const summary = str(v, 'summary');
  if (summary !== undefined) operation.summary = summary;
  const description = str(v, 'description');
  if (description !== undefined) operation.description = description;
  if (prop(v, 'deprecated') === true) operation.deprecated = true;

  const facts: Fact[] = [];
  const security = prop(v, 'security') ?? prop(ctx.root, 'security');
  facts.push(...securityFacts(security));
  if (ctx.version !== '2.0') {
    const own = servers(ctx, v);
    for (const s of own.length ? own : servers(ctx, item.value)) facts.push({ label: 'server', value: s.url });
  }
  const docs = str(prop(v, 'externalDocs'), 'url');
  if (docs !== undefined) facts.push({ label: 'docs', value: docs });
  if (facts.length) operation.facts = facts;

  const params = parameters(ctx, item, op);
  operation.sections = [...params.sections, ...requestSections(ctx, op, params), ...responseSections(ctx, op)];

  if (ctx.version !== '2.0' && depth < MAX_CALLBACK_DEPTH) {
    const callbacks: NonNullable<Operation['callbacks']> = [];
    for (const [cbName, raw] of entries(prop(v, 'callbacks'))) {
      const cb = follow(ctx, raw, { doc: op.at.doc, path: [...op.at.path, 'callbacks', cbName] });
      if (!cb) continue;
      const operations: Operation[] = [];
      for (const [expression, rawItem] of entries(cb.value)) {
        const cbItem = follow(ctx, rawItem, { doc: cb.at.doc, path: [...cb.at.path, expression] });
        if (!cbItem) continue;
        const base = anchor.replace(/^op-/, '');
        const anchorOf = (m: string) => ctx.anchors.get(`callback:${anchor}\0${cbName}\0${expression}\0${m}`, 'callback', base, cbName, m);
        operations.push(...pathItemOperations(ctx, cbItem, anchorOf, expression, count, depth + 1).map((x) => x.operation));
      }
      if (operations.length) callbacks.push({ name: cbName, operations });
    }
    if (callbacks.length) operation.callbacks = callbacks;
  }
  return operation;
}

export function operationGroups(ctx: OasContext): OperationGroup[] {
  const count: Counter = { n: 0, capped: false };
  const byTag = new Map<string, Operation[]>();
  const untagged: Operation[] = [];
  const paths = prop(ctx.root, 'paths');
  for (const [path, raw] of entries(paths)) {
    const item = follow(ctx, raw, { doc: ctx.main, path: ['paths', path] });
    if (!item) continue;
    const anchorOf = (m: string) => ctx.anchors.get(`op:${m} ${path}`, 'op', m, path);
    for (const { op, operation } of pathItemOperations(ctx, item, anchorOf, path, count, 0)) {
      const tag = strings(op.value, 'tags')?.[0];
      if (tag === undefined) { untagged.push(operation); continue; }
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push(operation);
    }
  }

  const declared = new Map<string, Record<string, unknown>>();
  const tagList = prop(ctx.root, 'tags');
  if (Array.isArray(tagList)) for (const t of tagList) if (isMap(t) && typeof t.name === 'string' && !declared.has(t.name)) declared.set(t.name, t);
  const order = [...[...declared.keys()].filter((t) => byTag.has(t)), ...[...byTag.keys()].filter((t) => !declared.has(t))];

  const groups: OperationGroup[] = order.map((tag) => {
    const def = declared.get(tag);
    const g: OperationGroup = { anchor: ctx.anchors.get(`tag:${tag}`, 'tag', tag), title: str(def, 'x-displayName') ?? tag, label: 'tag', operations: byTag.get(tag)! };
    const d = str(def, 'description');
    if (d !== undefined) g.description = d;
    const docs = str(prop(def, 'externalDocs'), 'url');
    if (docs !== undefined) g.facts = [{ label: 'docs', value: docs }];
    return g;
  });
  if (untagged.length) {
    groups.push({ anchor: ctx.anchors.get('tag:\0untagged', 'operations'), title: groups.length ? 'Other operations' : 'Operations', operations: untagged });
  }

  const webhooks: Operation[] = [];
  for (const [name, raw] of entries(prop(ctx.root, 'webhooks'))) {
    const item = follow(ctx, raw, { doc: ctx.main, path: ['webhooks', name] });
    if (!item) continue;
    const anchorOf = (m: string) => ctx.anchors.get(`webhook:${name}\0${m}`, 'webhook', name, m);
    webhooks.push(...pathItemOperations(ctx, item, anchorOf, name, count, 0).map((x) => x.operation));
  }
  if (webhooks.length) groups.push({ anchor: ctx.anchors.get('group:\0webhooks', 'webhooks'), title: 'Webhooks', label: 'webhooks', operations: webhooks });
  return groups;
}
