/**
 * AsyncAPI 3.x: channels (an `address` and the `messages` that flow there) are groups; operations
 * are listed apart, at the root, each naming its channel by `$ref`, and are placed in that channel's
 * group in the order the definition lists them. An operation `send`s or `receive`s the messages it
 * lists (all of its channel's when it lists none), and a `reply` says what comes back and where.
 */
import type { Fact, Operation, OperationGroup, OperationSection } from '../types.js';
import { keyOf } from '../json-schema/index.js';
import { bindingFacts } from './bindings.js';
import { child, entries, follow, items, note, lastKey, str, type AaContext, type MapSlot, type Slot } from './context.js';
import { securityFacts, tagFacts } from './info.js';
import type { Message } from './messages.js';
import { parameterFacts, parameterFields } from './parameters.js';
import { first, firstStr, withTraits } from './traits.js';
import { checkObject } from './validate.js';
import { MAX_CHANNELS, MAX_ONE_OF } from './v2.js';

export const MAX_OPERATIONS = 20_000;

interface Channel {
  id: string;
  group: OperationGroup;
  address?: string;
  params: ReturnType<typeof parameterFields>;
  messages: Message[];
}

class Channels {
  readonly byKey = new Map<string, Channel>();
  readonly groups: OperationGroup[] = [];
  constructor(private readonly ctx: AaContext) {}

  /** The channel at a (followed) location, its group made the first time. */
  add(id: string, ch: MapSlot): Channel {
    const key = keyOf(ch.at);
    const known = this.byKey.get(key);
    if (known) return known;
    const ctx = this.ctx;
    checkObject(ctx, 'channel', ch);
    const group: OperationGroup = { anchor: ctx.anchors.get(`channel:${key}`, 'channel', id), title: id, label: 'channel', operations: [] };
    const c: Channel = { id, group, params: parameterFields(ctx, child(ch, 'parameters')), messages: [] };
    const address = str(ch.value, 'address');
    if (address !== undefined) c.address = address;
    const facts: Fact[] = [{ label: 'address', value: address ?? '(not known until run time)' }];
    const title = str(ch.value, 'title');
    if (title !== undefined) facts.push({ label: 'title', value: title });
    const summary = str(ch.value, 'summary');
    const description = str(ch.value, 'description');
    if (description !== undefined) group.description = description;
    else if (summary !== undefined) group.description = summary;
    if (summary !== undefined && description !== undefined) facts.push({ label: 'summary', value: summary });
    facts.push(...parameterFacts(c.params));
    const servers = items(child(ch, 'servers'), 50).map((s) => {
      const f = follow(ctx, s);
      return f ? lastKey(f.at) ?? '?' : String((s.value as { $ref?: unknown })?.$ref ?? '?');
    });
    if (servers.length) facts.push({ label: 'servers', value: servers.join(', ') });
    facts.push(...tagFacts(child(ch, 'tags')));
    facts.push(...bindingFacts(ctx, child(ch, 'bindings')));
    group.facts = facts;
    for (const [msgId, slot] of entries(ctx, child(ch, 'messages'), 1000, `messages of channel ${id}`)) {
      const m = ctx.messages.get(slot, msgId);
      if (m) c.messages.push(m);
    }
    this.byKey.set(key, c);
    this.groups.push(group);
    return c;
  }

  /** The channel a `$ref` (an operation's or reply's `channel`) points at. */
  of(ref: Slot | undefined): Channel | undefined {
    const ch = follow(this.ctx, ref);
    if (!ch) return undefined;
    return this.byKey.get(keyOf(ch.at)) ?? this.add(lastKey(ch.at) ?? 'channel', ch);
  }
}

export function channelGroups3(ctx: AaContext): OperationGroup[] {
  const channels = new Channels(ctx);
  for (const [id, raw] of entries(ctx, { value: ctx.root['channels'], at: { doc: ctx.main, path: ['channels'] } }, MAX_CHANNELS, 'channels')) {
    const ch = follow(ctx, raw);
    if (ch) channels.add(id, ch);
  }
  let orphans: OperationGroup | undefined;
  for (const [opId, raw] of entries(ctx, { value: ctx.root['operations'], at: { doc: ctx.main, path: ['operations'] } }, MAX_OPERATIONS, 'operations')) {
    const op = follow(ctx, raw);
    if (!op) continue;
    checkObject(ctx, 'operation', op);
    const channel = channels.of(child(op, 'channel'));
    const operation = operation3(ctx, channels, opId, op, channel);
    if (channel) channel.group.operations.push(operation);
    else {
      if (!orphans) orphans = { anchor: ctx.anchors.get('group:\0no-channel', 'channel', 'unknown'), title: 'Operations without a channel', operations: [] };
      orphans.operations.push(operation);
    }
  }
  return orphans ? [...channels.groups, orphans] : channels.groups;
}

/**
 * An operation's (or reply's) messages as sections: those it lists by `$ref`, else all of its
 * channel's.
 */
function messageSections(ctx: AaContext, refs: Slot | undefined, fallback: Message[], name: string, title: string): OperationSection[] {
  if (!refs || !Array.isArray(refs.value)) {
    return fallback.flatMap((m, i) => ctx.messages.sections(m, fallback.length > 1 ? `${title} ${i + 1} of ${fallback.length}` : title));
  }
  if (refs.value.length > MAX_ONE_OF) note(ctx, `${name}: only the first ${MAX_ONE_OF} of its ${refs.value.length} messages are shown.`);
  const list = items(refs, MAX_ONE_OF);
  return list.flatMap((s, i) => ctx.messages.sectionsFor(s, `${name} message ${i + 1}`, list.length > 1 ? `${title} ${i + 1} of ${list.length}` : title));
}

function operation3(ctx: AaContext, channels: Channels, opId: string, op: MapSlot, channel: Channel | undefined): Operation {
  const merged = withTraits(ctx, op, 'operationTrait');
  const action = str(op.value, 'action');
  const out: Operation = {
    anchor: ctx.anchors.get(`op:${opId}`, 'op', opId),
    verb: action ?? 'operation',
    name: channel ? channel.address ?? channel.id : '(no channel)',
    id: opId,
    sections: [],
  };
  const title = firstStr(merged, 'title');
  const summary = firstStr(merged, 'summary') ?? title;
  if (summary !== undefined) out.summary = summary;
  const description = firstStr(merged, 'description');
  if (description !== undefined) out.description = description;
  const facts: Fact[] = [];
  if (title !== undefined && title !== summary) facts.push({ label: 'title', value: title });
  facts.push(...securityFacts(ctx, first(merged, 'security')));
  facts.push(...tagFacts(first(merged, 'tags')));
  facts.push(...bindingFacts(ctx, ...(merged.get('bindings') ?? [])));
  const docs = follow(ctx, first(merged, 'externalDocs'));
  const url = str(docs?.value, 'url');
  if (url) facts.push({ label: 'externalDocs', value: url });

  const sections: OperationSection[] = [];
  if (channel?.params.length) sections.push({ title: 'Parameters', fields: channel.params });
  sections.push(...messageSections(ctx, child(op, 'messages'), channel?.messages ?? [], opId, 'Message'));

  const reply = follow(ctx, child(op, 'reply'));
  if (reply) {
    checkObject(ctx, 'reply', reply);
    const address = follow(ctx, child(reply, 'address'));
    if (address) {
      checkObject(ctx, 'replyAddress', address);
      const location = str(address.value, 'location');
      if (location !== undefined) facts.push({ label: 'reply address', value: location });
    }
    const replyChannel = channels.of(child(reply, 'channel'));
    if (replyChannel) facts.push({ label: 'reply channel', value: replyChannel.address ?? replyChannel.id });
    sections.push(...messageSections(ctx, child(reply, 'messages'), replyChannel?.messages ?? [], `${opId} reply`, 'Reply'));
  }
  if (facts.length) out.facts = facts;
  out.sections = sections;
  return out;
}
