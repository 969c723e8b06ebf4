/**
 * Protocol bindings (`kafka`, `mqtt`, `ws`, `amqp`, …) as data facts: `mqtt.qos: 1`, `kafka.groupId:
 * {"type":"string"}`. Each protocol's binding is its own vocabulary (there are 20-odd), so values are
 * shown as written, not interpreted; `bindingVersion` says nothing a reader of the page needs.
 */
import type { Fact } from '../types.js';
import { isMap, valueText } from '../json-schema/index.js';
import { follow, type AaContext, type Slot } from './context.js';

const MAX_BINDING_FACTS = 60;

/** Facts of protocol bindings given as [protocol, binding] entries (already combined from traits). */
export function bindingFactsOf(ctx: AaContext, protocols: Array<[string, Slot]>): Fact[] {
  const facts: Fact[] = [];
  for (const [protocol, slot] of protocols) {
    if (protocol.startsWith('x-')) continue;
    const b = follow(ctx, slot);
    if (!b) continue;
    const keys = Object.keys(b.value).filter((k) => k !== 'bindingVersion' && !k.startsWith('x-'));
    if (keys.length === 0) facts.push({ label: protocol, value: '(no settings)' });
    for (const k of keys) facts.push({ label: `${protocol}.${k}`, value: valueText(b.value[k]) });
    if (facts.length >= MAX_BINDING_FACTS) break;
  }
  return facts.slice(0, MAX_BINDING_FACTS);
}

/** Facts of a `bindings` value (a map of protocols, or a `$ref` to one). */
export function bindingFacts(ctx: AaContext, bindings: Slot | undefined): Fact[] {
  const b = follow(ctx, bindings);
  if (!b || !isMap(b.value)) return [];
  return bindingFactsOf(ctx, Object.keys(b.value).map((k) => [k, { value: b.value[k], at: { doc: b.at.doc, path: [...b.at.path, k] } }]));
}
