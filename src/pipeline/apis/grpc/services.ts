/**
 * The main file's services as groups and their rpcs as operations: `Ledger.PostEntry` is
 * `#rpc-ledger-postentry`, verb `rpc`, id `foyer.ledger.v1.Ledger.PostEntry`, with its streaming as a
 * badge, its options (`google.api.http`, …) as facts and its request and response messages as sections.
 */
import type protobuf from 'protobufjs';
import type { Anchors } from '../anchors.js';
import type { Fact, Operation, OperationGroup } from '../types.js';
import type { ProtoLinks } from './links.js';
import { messageShape } from './messages.js';
import { isDeprecated, optionFacts } from './options.js';
import type { ServiceSym } from './symbols.js';

// `features` on a message, enum or service is mostly the file's, which protobufjs copies onto every top-level object.
const DEPRECATED = new Set(['deprecated', 'features']);

function streaming(m: protobuf.Method): string[] {
  if (m.requestStream && m.responseStream) return ['bidirectional streaming'];
  if (m.requestStream) return ['client streaming'];
  if (m.responseStream) return ['server streaming'];
  return [];
}

function rpc(anchors: Anchors, links: ProtoLinks, svc: ServiceSym, m: protobuf.Method): Operation {
  const full = `${svc.full}.${m.name}`;
  const op: Operation = {
    anchor: anchors.get(`rpc:${full}`, 'rpc', svc.name, m.name),
    verb: 'rpc',
    name: m.name,
    id: full,
    sections: [
      { title: 'Request', shape: messageShape(links, m.requestType, svc.full, !!m.requestStream) },
      { title: 'Response', shape: messageShape(links, m.responseType, svc.full, !!m.responseStream) },
    ],
  };
  if (m.comment) op.description = m.comment;
  if (isDeprecated(m)) op.deprecated = true;
  const badges = streaming(m);
  if (badges.length) op.badges = badges;
  const facts = optionFacts(m, DEPRECATED);
  if (facts.length) op.facts = facts;
  return op;
}

export function serviceGroups(anchors: Anchors, links: ProtoLinks, services: ServiceSym[]): OperationGroup[] {
  return services.map((svc) => {
    const facts: Fact[] = [];
    if (svc.pkg) facts.push({ label: 'package', value: svc.pkg });
    facts.push({ label: 'full name', value: svc.full }, ...optionFacts(svc.obj, DEPRECATED));
    if (isDeprecated(svc.obj)) facts.push({ label: 'deprecated', value: 'true' });
    const group: OperationGroup = {
      anchor: anchors.get(`service:${svc.full}`, 'service', svc.name),
      title: svc.name,
      label: 'service',
      facts,
      operations: svc.obj.methodsArray.map((m) => rpc(anchors, links, svc, m)),
    };
    if (svc.obj.comment) group.description = svc.obj.comment;
    return group;
  });
}
