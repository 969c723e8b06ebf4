/** AsyncAPI 3.0 through readAsyncApi: the orders fixture, and a definition split over several files. */
import { describe, expect, it } from 'vitest';
import { anchors, fact, facts, field, fields, group, op, readFixture, referenceOf, section, text, type } from './asyncapi-helpers.js';

describe('AsyncAPI 3.0: orders fixture', async () => {
  const r = await readFixture('v3/orders.asyncapi.yaml');
  const ref = referenceOf(r);

  it('reads cleanly, with the head of the definition (externalDocs inside info in 3.x)', () => {
    expect(r.problems).toEqual([]);
    expect(ref).toMatchObject({ format: 'asyncapi', specVersion: '3.0.0', title: 'Orders events', version: '3.0.0' });
    expect(ref.links).toEqual([{ label: 'External documentation', href: 'https://orders.example/docs' }]);
  });

  it('servers: host and pathname, protocol, title, security by $ref with the scopes it needs, bindings', () => {
    const s = ref.servers[0]!;
    expect(s.url).toBe('broker.orders.example:5671/orders');
    expect(fact(s, 'protocol')).toBe('amqp');
    expect(fact(s, 'title')).toBe('Production broker');
    expect(facts(s, 'security')).toEqual(['oauth (orders:write)']);
    expect(fact(s, 'amqp')).toBe('(no settings)');
    expect(facts(ref.security[0]!, 'scope')).toEqual(['orders:write: Place orders']);
  });

  it('channels are groups with their address, title, parameters and servers as facts', () => {
    expect(ref.groups.map((g) => g.anchor)).toEqual(['channel-orderplaced', 'channel-orderqueries', 'channel-replies']);
    const g = group(ref, 'channel-orderplaced');
    expect(g).toMatchObject({ title: 'orderPlaced', label: 'channel', description: 'An order was placed.' });
    expect(fact(g, 'address')).toBe('orders.{orderId}.placed');
    expect(fact(g, 'title')).toBe('Order placed');
    expect(fact(g, '{orderId}')).toBe('string');
    expect(fact(g, 'servers')).toBe('production');
    // address: null is a dynamic address (each requester's queue)
    expect(fact(group(ref, 'channel-replies'), 'address')).toBe('(not known until run time)');
  });

  it('root operations land in their channel\'s group in document order; action is the verb, the id the anchor', () => {
    expect(group(ref, 'channel-orderplaced').operations.map((o) => `${o.verb} ${o.name} #${o.anchor}`)).toEqual([
      'send orders.{orderId}.placed #op-publishorderplaced',
      'receive orders.{orderId}.placed #op-consumeorderplaced',
    ]);
    expect(group(ref, 'channel-orderqueries').operations.map((o) => o.anchor)).toEqual(['op-answerquery']);
    expect(group(ref, 'channel-replies').operations).toEqual([]);
    expect(op(ref, 'op-publishorderplaced').id).toBe('publishOrderPlaced');
  });

  it('traits never override the operation in 3.x, and add what it does not have', () => {
    const o = op(ref, 'op-publishorderplaced');
    expect(o.summary).toBe('Tells everyone an order was placed.');
    expect(o.description).toBe('From the trait.');
    expect(fact(o, 'title')).toBe('Publish an order placed');
    expect(fact(o, 'amqp.ack')).toBe('true');
  });

  it('an operation lists the messages it names; one that names none carries all of its channel\'s', () => {
    expect(op(ref, 'op-publishorderplaced').sections.map((s) => s.title)).toEqual(['Parameters', 'Message · OrderPlaced', 'Headers · OrderPlaced']);
    expect(op(ref, 'op-consumeorderplaced').sections.map((s) => s.title)).toEqual([
      'Parameters', 'Message 1 of 2 · OrderPlaced', 'Headers · OrderPlaced', 'Message 2 of 2 · orderPlacedV1',
    ]);
  });

  it('3.x parameters are strings with enum, default, examples and location', () => {
    const p = section(op(ref, 'op-publishorderplaced'), 'Parameters');
    expect(fields(p)).toEqual(['orderId*: string']);
    const f = field(p, 'orderId');
    expect(f.description).toBe("The order's id.");
    expect(fact(f, 'enum')).toBe('a, b');
    expect(fact(f, 'default')).toBe('a');
    expect(fact(f, 'location')).toBe('$message.payload#/id');
    expect(f.examples?.map((e) => e.code)).toEqual(['a']);
  });

  it('the message section: link, payload fields, content type, correlation id; headers beside it', () => {
    const o = op(ref, 'op-publishorderplaced');
    const m = section(o, 'Message · OrderPlaced');
    expect(text(m.shape!.type)).toBe('<message-orderplaced> (<schema-order>)');
    expect(fields(m.shape!)).toEqual(['orderId*: string', 'status: string']);
    expect(fact(m.shape!, 'contentType')).toBe('application/json');
    expect(fact(m.shape!, 'correlationId')).toBe('$message.header#/correlationId');
    expect(fields(section(o, 'Headers · OrderPlaced'))).toEqual(['correlationId: string']);
  });

  it('a reply: its address location and channel as facts, its messages as Reply sections', () => {
    const o = op(ref, 'op-answerquery');
    expect(fact(o, 'reply address')).toBe('$message.header#/replyTo');
    expect(fact(o, 'reply channel')).toBe('replies');
    expect(o.sections.map((s) => s.title)).toEqual(['Message · OrderQuery', 'Reply · OrderAnswer']);
    // a Multi Format Schema Object in AsyncAPI's own format is JSON Schema; Avro is shown as written
    expect(fields(section(o, 'Message · OrderQuery').shape!)).toEqual(['orderId*: string']);
    expect(text(section(o, 'Reply · OrderAnswer').shape!.type)).toBe('<message-orderanswer> (Avro schema)');
    expect(fact(type(ref, 'message-orderanswer'), 'schemaFormat')).toBe('application/vnd.apache.avro+json;version=1.9.0');
  });

  it('messages and schemas are named types; every link has its target', () => {
    expect(ref.types.map((g) => `${g.title}: ${g.types.map((t) => t.anchor).join(' ')}`)).toEqual([
      'Messages: message-orderplaced message-orderquery message-orderanswer message-orderplacedv1',
      'Schemas: schema-order',
    ]);
    const v1 = type(ref, 'message-orderplacedv1');
    expect(fields(v1)).toEqual(['id: string']);
    expect(fact(v1, 'name')).toBe('OrderPlacedV1');
    const { defined, linked } = anchors(ref);
    for (const a of linked) expect(defined, a).toContain(a);
  });
});

describe('AsyncAPI 3.0 over several files', async () => {
  const r = await readFixture('multi/events.asyncapi.yaml');
  const ref = referenceOf(r);

  it('a channel, its messages and their payloads come from other files through relative $refs', () => {
    const g = group(ref, 'channel-shipments');
    expect(fact(g, 'address')).toBe('shipments.v1');
    expect(g.description).toBe('Shipment events.');
    const o = op(ref, 'op-sendshipped');
    expect(o.name).toBe('shipments.v1');
    expect(o.sections.map((s) => s.title)).toEqual(['Message 1 of 2 · Shipped', 'Message 2 of 2 · Delayed']);
    const shipped = section(o, 'Message 1 of 2 · Shipped');
    expect(text(shipped.shape!.type)).toBe('<message-shipped> (<schema-shipment>)');
    expect(fields(shipped.shape!)).toEqual(['id*: string', 'carrier: string']);
    expect(shipped.description).toBe('A parcel left the warehouse.');
  });

  it('a message met through components and through the channel is one type', () => {
    expect(ref.types.find((g) => g.title === 'Messages')!.types.map((t) => t.name)).toEqual(['Shipped', 'Delayed']);
    expect(ref.types.find((g) => g.title === 'Schemas')!.types.map((t) => `${t.name} #${t.anchor}`)).toEqual(['Shipment #schema-shipment']);
  });

  it('a missing file and a missing channel are problems at the $ref\'s file and line; the rest is read', () => {
    expect(r.problems.map((p) => `${p.severity} ${p.code} ${p.file}:${p.line}`)).toEqual([
      'warning api.ref-missing multi/messages/delayed.yaml:8',
      'warning api.ref-missing multi/events.asyncapi.yaml:16',
    ]);
    expect(r.problems[0]!.message).toContain('multi/schemas/missing.yaml does not exist');
    const delayed = type(ref, 'message-delayed');
    expect(fields(delayed)).toEqual(['shipment: <schema-shipment>', 'until: missing.yaml']);
    const lost = op(ref, 'op-sendlost');
    expect(lost.name).toBe('(no channel)');
    expect(ref.groups.at(-1)!.title).toBe('Operations without a channel');
  });
});
