/**
 * A structural check of AsyncAPI objects at the level the reference needs: the fields it reads have
 * the types it expects, required ones are there, and keys the version does not define (a 2.x
 * `publish` in a 3.0 channel, a typo) are named. Each object is checked when the reader reaches it,
 * after its `$ref` was followed, so objects in other files are checked at their own file and line.
 *
 * Why not `@asyncapi/parser` (3.6.6): installed it is 54 MB on disk in 168 packages; it took 0.56–1.8 s
 * to parse streetlights and 6–13 s for 2,000 synthetic operations (83–128 s, 680 MB resident, when each
 * schema `$ref`s the next), where this reader takes 10–60 ms and 0.4–0.9 s (2 loaded cores, December 2026).
 * Its spectral rules check more than a reference needs; these checks are what the renderer relies on.
 * Findings are warnings: the reference is still made.
 */
import { z } from 'zod';
import { formatPointer, lineIn } from '../json-schema/index.js';
import type { AaContext, MapSlot } from './context.js';

const s = z.string().optional();
const any = z.unknown().optional();
const list = z.array(z.unknown()).optional();
const map = z.record(z.string(), z.unknown()).optional();
const tags = z.array(z.looseObject({ name: z.string(), description: s })).optional();
const docs = z.looseObject({ url: z.string(), description: s }).optional();
/** `version: 1.0` is a number to YAML; the spec wants a string, but the reference can show either. */
const version = z.union([z.string(), z.number()]);

const info = (major: 2 | 3) => z.looseObject({
  title: z.string(), version, description: s, termsOfService: s,
  contact: z.looseObject({ name: s, url: s, email: s }).optional(),
  license: z.looseObject({ name: z.string(), url: s }).optional(),
  ...(major === 3 ? { tags, externalDocs: any } : {}),
});

const serverVariable = z.looseObject({ enum: z.array(z.union([z.string(), z.number()])).optional(), default: z.union([z.string(), z.number()]).optional(), description: s, examples: list });
const securityScheme = z.looseObject({
  type: z.string(), description: s, name: s, in: s, scheme: s, bearerFormat: s,
  flows: z.record(z.string(), z.unknown()).optional(), openIdConnectUrl: s, scopes: any,
});
const correlationId = z.looseObject({ description: s, location: z.string() });

const messageCommon = {
  headers: any, correlationId: any, contentType: s, name: s, title: s, summary: s, description: s,
  tags, externalDocs: any, bindings: any, examples: z.array(z.looseObject({ name: s, summary: s, headers: any, payload: any })).optional(),
};

const V2 = {
  root: z.looseObject({ asyncapi: z.string(), id: s, info: z.unknown(), servers: map, defaultContentType: s, channels: z.record(z.string(), z.unknown()), components: map, tags, externalDocs: any }),
  info: info(2),
  server: z.looseObject({ url: z.string(), protocol: z.string(), protocolVersion: s, description: s, variables: map, security: list, bindings: any, tags }),
  channel: z.looseObject({ $ref: s, description: s, servers: z.array(z.string()).optional(), subscribe: any, publish: any, parameters: map, bindings: any }),
  operation: z.looseObject({ operationId: s, summary: s, description: s, security: list, tags, externalDocs: any, bindings: any, traits: list, message: any }),
  operationTrait: z.looseObject({ operationId: s, summary: s, description: s, security: list, tags, externalDocs: any, bindings: any }),
  message: z.looseObject({ ...messageCommon, messageId: s, payload: any, schemaFormat: s, traits: list }),
  messageTrait: z.looseObject({ ...messageCommon, messageId: s, schemaFormat: s }),
  parameter: z.looseObject({ description: s, schema: any, location: s }),
  correlationId, securityScheme, serverVariable,
  components: z.looseObject({
    schemas: map, servers: map, serverVariables: map, channels: map, messages: map, securitySchemes: map, parameters: map,
    correlationIds: map, operationTraits: map, messageTraits: map, serverBindings: map, channelBindings: map, operationBindings: map, messageBindings: map,
  }),
  reply: z.looseObject({}),
  replyAddress: z.looseObject({}),
};

const V3 = {
  root: z.looseObject({ asyncapi: z.string(), id: s, info: z.unknown(), servers: map, defaultContentType: s, channels: map, operations: map, components: map }),
  info: info(3),
  server: z.looseObject({ host: z.string(), protocol: z.string(), protocolVersion: s, pathname: s, description: s, title: s, summary: s, variables: map, security: list, tags, externalDocs: any, bindings: any }),
  channel: z.looseObject({ address: z.string().nullable().optional(), messages: map, title: s, summary: s, description: s, servers: list, parameters: map, tags, externalDocs: any, bindings: any }),
  operation: z.looseObject({
    action: z.enum(['send', 'receive']), channel: z.looseObject({ $ref: z.string() }), title: s, summary: s, description: s,
    security: list, tags, externalDocs: any, bindings: any, traits: list, messages: z.array(z.looseObject({ $ref: z.string() })).optional(), reply: any,
  }),
  operationTrait: z.looseObject({ title: s, summary: s, description: s, security: list, tags, externalDocs: any, bindings: any }),
  message: z.looseObject({ ...messageCommon, payload: any, traits: list }),
  messageTrait: z.looseObject(messageCommon),
  parameter: z.looseObject({ enum: z.array(z.string()).optional(), default: s, description: s, examples: z.array(z.string()).optional(), location: s }),
  correlationId, securityScheme, serverVariable,
  components: z.looseObject({
    schemas: map, servers: map, channels: map, operations: map, messages: map, securitySchemes: map, serverVariables: map, parameters: map,
    correlationIds: map, replies: map, replyAddresses: map, externalDocs: map, tags: map, operationTraits: map, messageTraits: map,
    serverBindings: map, channelBindings: map, operationBindings: map, messageBindings: map,
  }),
  reply: z.looseObject({ address: any, channel: any, messages: z.array(z.looseObject({ $ref: z.string() })).optional() }),
  replyAddress: z.looseObject({ description: s, location: z.string() }),
};

export type ObjectKind = keyof typeof V2;

const LABELS: Record<ObjectKind, string> = {
  root: 'document', info: 'Info', server: 'Server', channel: 'Channel', operation: 'Operation', operationTrait: 'Operation Trait',
  message: 'Message', messageTrait: 'Message Trait', parameter: 'Parameter', correlationId: 'Correlation ID', securityScheme: 'Security Scheme',
  serverVariable: 'Server Variable', components: 'Components', reply: 'Operation Reply', replyAddress: 'Operation Reply Address',
};

const checked = new WeakMap<AaContext, Map<ObjectKind, WeakSet<object>>>();

/**
 * Checks one object (its `$ref` already followed) once, however many routes reach it, adding
 * `api.invalid` warnings at the line of the field at fault. `obj.value` is not changed.
 */
export function checkObject(ctx: AaContext, kind: ObjectKind, obj: MapSlot): void {
  let byKind = checked.get(ctx);
  if (!byKind) checked.set(ctx, (byKind = new Map()));
  let done = byKind.get(kind);
  if (!done) byKind.set(kind, (done = new WeakSet()));
  if (done.has(obj.value)) return;
  done.add(obj.value);
  const schema = (ctx.major === 2 ? V2 : V3)[kind];
  const warn = (path: ReadonlyArray<string | number>, what: string) => {
    const doc = obj.at.doc;
    const full = [...obj.at.path, ...path];
    ctx.problems.add({
      severity: 'warning', code: 'api.invalid', file: doc.file, line: () => lineIn(doc, full),
      message: `Not valid AsyncAPI ${ctx.specVersion}: ${formatPointer(full)} ${what}`,
    });
  };
  const r = schema.safeParse(obj.value);
  if (!r.success) {
    for (const issue of r.error.issues.slice(0, 20)) {
      const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      const missing = readAt(obj.value, path) === undefined;
      warn(path, missing ? `(${LABELS[kind]}): required field is missing` : `(${LABELS[kind]}): ${issue.message.replace(/^Invalid input: /, '')}`);
    }
  }
  const known = new Set(Object.keys(schema.shape));
  for (const k of Object.keys(obj.value)) {
    if (!known.has(k) && !k.startsWith('x-')) warn([k], `(${LABELS[kind]}): "${k.length > 60 ? `${k.slice(0, 60)}…` : k}" is not a field of this object in AsyncAPI ${ctx.major}.x`);
  }
}

function readAt(v: unknown, path: ReadonlyArray<string | number>): unknown {
  let cur = v;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, p)) return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}
