/** AsyncAPI 2.x through readAsyncApi: what a reader of the page finds for the orders fixture (2.6). */
import { describe, expect, it } from 'vitest';
import type { ApiReference } from '../../../src/pipeline/apis/types.js';
import { anchors, fact, facts, field, fields, group, op, readFixture, referenceOf, section, text, type } from './asyncapi-helpers.js';

let ref: ApiReference;
let problems: Awaited<ReturnType<typeof readFixture>>['problems'];

describe('AsyncAPI 2.6: orders fixture', async () => {
  const r = await readFixture('v2/orders.asyncapi.yaml');
  ref = referenceOf(r);
  problems = r.problems;

  it('reads cleanly, with the head of the definition', () => {
    expect(problems).toEqual([]);
    expect(ref).toMatchObject({ format: 'asyncapi', specVersion: '2.6.0', title: 'Orders events', version: '2.1.0', descriptions: 'markdown' });
    expect(ref.description).toBe('Events of the **orders** service.');
    expect(ref.links).toEqual([
      { label: 'Contact: Orders team', href: 'https://orders.example/team' },
      { label: 'Email: Orders team', href: 'mailto:orders@orders.example' },
      { label: 'License: Apache 2.0', href: 'https://www.apache.org/licenses/LICENSE-2.0' },
      { label: 'Terms of service', href: 'https://orders.example/terms' },
      { label: 'Runbook', href: 'https://orders.example/runbook' },
    ]);
  });

  it('servers: url as written, protocol and version, variables (one by $ref), security with scopes, bindings', () => {
    expect(ref.servers).toHaveLength(1);
    const s = ref.servers[0]!;
    expect(s.url).toBe('kafka-{region}.orders.example:{port}');
    expect(s.description).toBe('The production cluster.');
    expect(fact(s, 'name')).toBe('production');
    expect(fact(s, 'protocol')).toBe('kafka-secure');
    expect(fact(s, 'protocolVersion')).toBe('3.5');
    expect(fact(s, '{region}')).toBe('default eu; one of eu, us');
    expect(fact(s, '{port}')).toBe('default 9093; one of 9093, 9094; TLS port');
    expect(facts(s, 'security')).toEqual(['saslScram', 'oauth (orders:read, orders:write)']);
    expect(fact(s, 'kafka.schemaRegistryUrl')).toBe('https://registry.orders.example');
  });

  it('security schemes with their flows and scopes', () => {
    expect(ref.security.map((x) => `${x.name}: ${x.type}`)).toEqual(['saslScram: scramSha256', 'oauth: oauth2']);
    expect(ref.security[0]!.description).toBe('SCRAM credentials from the vault.');
    const oauth = ref.security[1]!;
    expect(fact(oauth, 'flow')).toBe('clientCredentials');
    expect(fact(oauth, 'tokenUrl')).toBe('https://auth.orders.example/token');
    expect(facts(oauth, 'scope')).toEqual(['orders:read: Read orders', 'orders:write: Place orders']);
  });

  it('one group per channel, named by its address, with parameters, servers and bindings as facts', () => {
    expect(ref.groups.map((g) => g.anchor)).toEqual(['channel-orders-orderid-placed', 'channel-audit']);
    const g = group(ref, 'channel-orders-orderid-placed');
    expect(g).toMatchObject({ title: 'orders/{orderId}/placed', label: 'channel', description: 'An order was placed.' });
    expect(fact(g, '{orderId}')).toBe('string');
    expect(fact(g, 'servers')).toBe('production');
    expect(fact(g, 'kafka.partitions')).toBe('12');
    // bindingVersion is the binding's own version, nothing a reader needs
    expect(fact(g, 'kafka.bindingVersion')).toBeUndefined();
  });

  it('publish and subscribe are the operations, anchored by operationId or by verb and channel', () => {
    const g = group(ref, 'channel-orders-orderid-placed');
    expect(g.operations.map((o) => `${o.verb} ${o.name} #${o.anchor}`)).toEqual([
      'publish orders/{orderId}/placed #op-publish-orders-orderid-placed',
      'subscribe orders/{orderId}/placed #op-onorderplaced',
    ]);
    const sub = op(ref, 'op-onorderplaced');
    expect(sub.id).toBe('onOrderPlaced');
    expect(sub.description).toBe('Sent once per order, after payment.');
    expect(op(ref, 'op-publish-orders-orderid-placed').id).toBeUndefined();
  });

  it('operation traits merge as JSON Merge Patch over the operation (2.x: the trait wins), bindings as data', () => {
    const sub = op(ref, 'op-onorderplaced');
    expect(sub.summary).toBe('Trait summary (overrides in 2.x)');
    expect(fact(sub, 'kafka.groupId')).toBe('{"type":"string","enum":["orders-readers"]}');
    expect(fact(sub, 'kafka.clientId')).toBe('orders');
    // two traits: the later one's summary and binding win, the earlier one's other bindings stay
    const audit = op(ref, 'op-onaudit');
    expect(audit.summary).toBe('Audit record written.');
    expect(fact(audit, 'kafka.clientId')).toBe('audit');
    expect(fact(audit, 'kafka.groupId')).toBe('{"type":"string","enum":["orders-readers"]}');
  });

  it('channel parameters are required fields with their schema, description and location', () => {
    const p = section(op(ref, 'op-onorderplaced'), 'Parameters');
    expect(fields(p)).toEqual(['orderId*: string']);
    const f = field(p, 'orderId');
    expect(f.description).toBe("The order's id.");
    expect(fact(f, 'format')).toBe('uuid');
    expect(fact(f, 'location')).toBe('$message.payload#/orderId');
  });

  it('a message section links the message, shows the payload fields, content type, correlation id, examples', () => {
    const m = section(op(ref, 'op-onorderplaced'), 'Message · OrderPlaced');
    expect(text(m.shape!.type)).toBe('<message-orderplaced> (<schema-order>)');
    expect(fields(m.shape!)).toEqual(['orderId*: string', 'lines*: array of <schema-line>', 'total: <schema-money>']);
    expect(fact(m.shape!, 'contentType')).toBe('application/json');
    expect(fact(m.shape!, 'correlationId')).toBe('$message.header#/requestId');
    expect(m.description).toBe("A customer's order was placed.");
    expect(m.examples).toHaveLength(1);
    expect(m.examples![0]!.title).toBe('small');
    expect(JSON.parse(m.examples![0]!.code)).toEqual({
      headers: { requestId: '3fa85f64-5717-4562-b3fc-2c963f66afa6' },
      payload: { orderId: '3fa85f64-5717-4562-b3fc-2c963f66afa6', lines: [{ sku: 'A1', quantity: 1 }] },
    });
  });

  it('headers come from a message trait, with their required flags', () => {
    const h = section(op(ref, 'op-onorderplaced'), 'Headers · OrderPlaced');
    expect(fields(h)).toEqual(['requestId*: string', 'traceparent: string']);
  });

  it('oneOf messages are one section each, numbered; their own content types kept', () => {
    const pub = op(ref, 'op-publish-orders-orderid-placed');
    expect(pub.sections.map((s) => s.title)).toEqual(['Parameters', 'Message 1 of 2 · PlaceOrder', 'Message 2 of 2 · PlaceOrderLegacy']);
    const legacy = section(pub, 'Message 2 of 2 · PlaceOrderLegacy');
    expect(text(legacy.shape!.type)).toBe('<message-placeorderlegacy> (string)');
    expect(fact(legacy.shape!, 'contentType')).toBe('application/xml');
    expect(fields(section(pub, 'Message 1 of 2 · PlaceOrder').shape!)).toEqual(['lines*: array of <schema-line>']);
  });

  it('a payload in another schema format (Avro) is shown as written, not read as JSON Schema', () => {
    const m = type(ref, 'message-auditrecord');
    expect(text(m.type)).toBe('Avro schema');
    expect(fact(m, 'schemaFormat')).toBe('application/vnd.apache.avro;version=1.9.0');
    expect(m.fields).toBeUndefined();
    expect(m.examples![0]!.title).toBe('Schema as written');
    expect(JSON.parse(m.examples![0]!.code)).toMatchObject({ type: 'record', name: 'AuditRecord' });
  });

  it('messages are named types: components first, in order, then inline ones; their fields are the payload\'s', () => {
    const messages = ref.types.find((g) => g.title === 'Messages')!;
    expect(messages.anchor).toBe('messages');
    expect(messages.types.map((t) => `${t.label} ${t.name} #${t.anchor}`)).toEqual([
      'message OrderPlaced #message-orderplaced',
      'message PlaceOrder #message-placeorder',
      'message PlaceOrderLegacy #message-placeorderlegacy',
      'message AuditRecord #message-auditrecord',
    ]);
    const m = type(ref, 'message-orderplaced');
    expect(text(m.type)).toBe('<schema-order>');
    expect(fields(m)).toEqual(['orderId*: string', 'lines*: array of <schema-line>', 'total: <schema-money>']);
    expect(m.description).toBe("A customer's order was placed.");
    expect(fact(m, 'title')).toBe('Order placed');
    expect(fact(m, 'name')).toBe('orderPlaced');
    expect(facts(m, 'header')).toEqual(['requestId: string (required)', 'traceparent: string']);
    expect(fact(m, 'correlationId')).toBe('$message.header#/requestId');
    expect(fact(type(ref, 'message-placeorder'), 'messageId')).toBe('placeOrder');
  });

  it('schemas are named types, and every link points at an anchor the reference defines', () => {
    const schemas = ref.types.find((g) => g.title === 'Schemas')!;
    expect(schemas.types.map((t) => t.anchor)).toEqual(['schema-order', 'schema-line', 'schema-money']);
    expect(fields(type(ref, 'schema-line'))).toEqual(['sku*: string', 'quantity*: integer']);
    expect(fact(field(type(ref, 'schema-money'), 'currency'), 'pattern')).toBe('^[A-Z]{3}$');
    const { defined, linked } = anchors(ref);
    for (const a of linked) expect(defined, a).toContain(a);
  });
});

describe('AsyncAPI 2.x: the demo\'s payment events', async () => {
  const { fileInput } = await import('../../../src/pipeline/apis/read-input.js');
  const { readAsyncApi } = await import('../../../src/pipeline/apis/asyncapi/index.js');
  const path = await import('node:path');
  const root = path.resolve(__dirname, '../../../content/repos/payments/events');
  const r = await readAsyncApi(fileInput(root, 'payment-events.asyncapi.yaml'));

  it('reads cleanly: four channels, each with its subscribe operation and message', () => {
    expect(r.problems).toEqual([]);
    const demo = referenceOf(r);
    expect(demo.groups.map((g) => g.title)).toEqual(['payments.intent.captured.v1', 'payments.intent.failed.v1', 'payments.refund.requested.v1', 'payments.refund.settled.v1']);
    expect(demo.groups.map((g) => g.operations.map((o) => `${o.verb} #${o.anchor}`))).toEqual([
      ['subscribe #op-onintentcaptured'], ['subscribe #op-onintentfailed'], ['subscribe #op-onrefundrequested'], ['subscribe #op-onrefundsettled'],
    ]);
    expect(demo.servers[0]).toMatchObject({ url: 'kafka.internal.foyer.example:9093' });
    expect(demo.security).toEqual([{ name: 'mtls', type: 'X509', facts: [] }]);
  });

  it('an envelope allOf payload reads as one table of fields, the envelope linked in the type', () => {
    const demo = referenceOf(r);
    const m = section(op(demo, 'op-onintentcaptured'), 'Message · IntentCaptured');
    expect(text(m.shape!.type)).toBe('<message-intentcaptured> (<schema-envelope> & object)');
    expect(fields(m.shape!)).toEqual([
      'eventId*: string', 'occurredAt*: string', 'orderId*: string', 'venueId: string',
      'intentId*: string', 'amount*: <schema-money>', 'provider*: string',
    ]);
    expect(fact(m.shape!, 'contentType')).toBe('application/json');
    expect(fact(field(m.shape!, 'provider'), 'enum')).toBe('stripe, adyen');
    expect(type(demo, 'message-refundsettled').fields?.map((f) => f.name)).toContain('settledAt');
  });
});
