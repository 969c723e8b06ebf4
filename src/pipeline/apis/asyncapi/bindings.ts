/**
 * Protocol bindings (`kafka`, `mqtt`, `ws`, `amqp`, …) as data facts: `mqtt.qos: 1`, `kafka.groupId:
 * {"type":"string"}`. Each protocol's binding is its own vocabulary (there are 20-odd), so values are
 * shown as written, not interpreted; `bindingVersion` says nothing a reader of the page needs.
 */
import type { Fact } from '../types.js';
import { isMap, valueText } from '../json-schema/index.js';
import { follow, type AaContext, type Slot } from './context.js';

const MAX_BINDING_FACTS = 60;

/**
 * Facts of `bindings` values (each a map of protocols, or a `$ref` to one), the first given winning:
 * an object's own and its traits', merged as JSON Merge Patch merges them, protocol by protocol and
 * setting by setting.
 */
export function bindingFacts(ctx: AaContext, ...layers: Array<Slot | undefined>): Fact[] {
  const byProtocol = new Map<string, Map<string, unknown>>();
  for (const layer of layers) {
    const b = follow(ctx, layer);
    if (!b || !isMap(b.value)) continue;
    for (const protocol of Object.keys(b.value)) {
      if (protocol.startsWith('x-')) continue;
      const p = follow(ctx, { value: b.value[protocol], at: { doc: b.at.doc, path: [...b.at.path, protocol] } });
      if (!p) continue;
      let settings = byProtocol.get(protocol);
      if (!settings) byProtocol.set(protocol, (settings = new Map()));
      for (const k of Object.keys(p.value)) {
        if (k === 'bindingVersion' || k.startsWith('x-') || settings.has(k)) continue;
        settings.set(k, p.value[k]);
      }
    }
  }
  const facts: Fact[] = [];
  for (const [protocol, settings] of byProtocol) {
    if (settings.size === 0) facts.push({ label: protocol, value: '(no settings)' });
    for (const [k, v] of settings) facts.push({ label: `${protocol}.${k}`, value: valueText(v) });
    if (facts.length >= MAX_BINDING_FACTS) break;
  }
  return facts.slice(0, MAX_BINDING_FACTS);
}
