/**
 * AsyncAPI 2.0–2.6: each channel (its name is its address) is a group, holding its `publish` and
 * `subscribe` operations. As 2.x words it, `publish` is what other applications send to this one and
 * `subscribe` what this one sends; the verbs are shown as written, since readers of 2.x know them so.
 */
import type { Operation, OperationGroup, OperationSection } from '../types.js';
import { bindingFacts } from './bindings.js';
import { child, entries, follow, items, note, str, type AaContext, type MapSlot } from './context.js';
import { securityFacts, tagFacts } from './info.js';
import { parameterFacts, parameterFields } from './parameters.js';
import { first, firstStr, withTraits } from './traits.js';
import { checkObject } from './validate.js';

export const MAX_CHANNELS = 10_000;
/** Messages one operation lists as `oneOf`. */
export const MAX_ONE_OF = 100;

export function channelGroups2(ctx: AaContext): OperationGroup[] {
  const groups: OperationGroup[] = [];
  const channels = { value: ctx.root['channels'], at: { doc: ctx.main, path: ['channels'] } };
  for (const [name, raw] of entries(ctx, channels, MAX_CHANNELS, 'channels')) {
    const group: OperationGroup = { anchor: ctx.anchors.get(`channel:${name}`, 'channel', name), title: name, label: 'channel', operations: [] };
    groups.push(group);
    const ch = follow(ctx, raw);
    if (!ch) continue;
    checkObject(ctx, 'channel', ch);
    const description = str(ch.value, 'description');
    if (description !== undefined) group.description = description;
    const params = parameterFields(ctx, child(ch, 'parameters'));
    const facts = parameterFacts(params);
    const servers = ch.value['servers'];
    if (Array.isArray(servers)) facts.push({ label: 'servers', value: servers.filter((s) => typeof s === 'string').slice(0, 50).join(', ') });
    facts.push(...bindingFacts(ctx, child(ch, 'bindings')));
    if (facts.length) group.facts = facts;
    for (const verb of ['publish', 'subscribe'] as const) {
      const op = follow(ctx, child(ch, verb));
      if (op) group.operations.push(operation(ctx, name, verb, op, params));
    }
  }
  return groups;
}

function operation(ctx: AaContext, channel: string, verb: 'publish' | 'subscribe', op: MapSlot, params: ReturnType<typeof parameterFields>): Operation {
  checkObject(ctx, 'operation', op);
  const merged = withTraits(ctx, op, 'operationTrait');
  const id = firstStr(merged, 'operationId');
  const key = `op:${channel}\0${verb}`;
  const out: Operation = {
    anchor: id ? ctx.anchors.get(key, 'op', id) : ctx.anchors.get(key, 'op', verb, channel),
    verb, name: channel, sections: [],
  };
  if (id !== undefined) out.id = id;
  const summary = firstStr(merged, 'summary');
  if (summary !== undefined) out.summary = summary;
  const description = firstStr(merged, 'description');
  if (description !== undefined) out.description = description;
  const facts = [
    ...securityFacts(ctx, first(merged, 'security')),
    ...tagFacts(first(merged, 'tags')),
    ...bindingFacts(ctx, ...(merged.get('bindings') ?? [])),
  ];
  const docs = follow(ctx, first(merged, 'externalDocs'));
  const url = str(docs?.value, 'url');
  if (url) facts.push({ label: 'externalDocs', value: url });
  if (facts.length) out.facts = facts;
  const sections: OperationSection[] = [];
  if (params.length) sections.push({ title: 'Parameters', fields: params });
  // `message` is one message, or `{ oneOf: [...] }` of several
  const messageAt = child(op, 'message');
  const message = follow(ctx, messageAt);
  if (messageAt && !message) sections.push(...ctx.messages.sectionsFor(messageAt, `${channel} ${verb} message`, 'Message'));
  if (message) {
    const oneOf = child(message, 'oneOf');
    const list = oneOf && Array.isArray(oneOf.value) ? items(oneOf, MAX_ONE_OF) : [message];
    if (oneOf && Array.isArray(oneOf.value) && oneOf.value.length > MAX_ONE_OF) note(ctx, `${channel} ${verb}: only the first ${MAX_ONE_OF} of its ${oneOf.value.length} messages are shown.`);
    list.forEach((slot, i) => {
      const fallback = `${channel} ${verb} message${list.length > 1 ? ` ${i + 1}` : ''}`;
      sections.push(...ctx.messages.sectionsFor(slot, fallback, list.length > 1 ? `Message ${i + 1} of ${list.length}` : 'Message'));
    });
  }
  out.sections = sections;
  return out;
}

