/**
 * AsyncAPI definitions that are broken, invalid, or written to do harm: each is problems at a file and
 * line (never an exception out of the reader), nothing is read outside the source or fetched, text is
 * kept as text, and the work stays bounded.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { readAsyncApi } from '../../../src/pipeline/apis/asyncapi/index.js';
import { FIXTURES, fact, fields, group, op, readFixture, readText, referenceOf, section, text, type } from './asyncapi-helpers.js';

const codes = (r: { problems: Array<{ severity: string; code: string; file: string; line?: number }> }) => r.problems.map((p) => `${p.severity} ${p.code} ${p.file}:${p.line}`);

describe('a hostile definition', async () => {
  const r = await readFixture('hostile.asyncapi.yaml');
  const ref = referenceOf(r);

  it('keeps script and markup in text as the text it is (the renderer escapes and sanitizes)', () => {
    expect(ref.title).toBe('Hostile <img src=x onerror=alert(1)>');
    expect(ref.description).toContain("<script>alert('description')</script>");
    expect(ref.description).toContain('[a link](javascript:alert(1))');
    expect(group(ref, 'channel-secrets').description).toBe("<script>alert('channel')</script>");
  });

  it('refuses $refs to absolute paths and out of the source, at the $ref\'s line, and reads nothing there', () => {
    expect(codes(r)).toContain('error api.ref-outside hostile.asyncapi.yaml:14');
    expect(codes(r)).toContain('error api.ref-outside hostile.asyncapi.yaml:19');
    const m = section(op(ref, 'op-readsecrets'), 'Message · secrets subscribe message');
    expect(text(m.shape!.type)).toBe('<message-secrets-subscribe-message> (passwd)');
    const t = type(ref, 'message-secrets-subscribe-message');
    expect(fact(t, '$ref')).toBe('/etc/passwd (outside the source, not read)');
    expect(JSON.stringify(ref)).not.toMatch(/root:x:0/);
  });

  it('does not fetch a remote message: an info problem, a note on the page, a section saying so', () => {
    expect(codes(r)).toContain('info api.ref-remote hostile.asyncapi.yaml:23');
    expect(ref.notes.join('\n')).toContain('https://evil.example/message.yaml was not fetched');
    const o = group(ref, 'channel-remote').operations[0]!;
    expect(o.sections.map((s) => `${s.title}: ${fact(s.shape!, '$ref')}`)).toEqual(['Message · message.yaml: https://evil.example/message.yaml (remote, not fetched)']);
  });

  it('a self-referencing payload is linked or cut with truncated: cycle, never expanded forever', () => {
    const node = type(ref, 'schema-node');
    expect(fields(node)).toEqual(['name: string', 'parent: <schema-node>', 'children: array of <schema-node>']);
    expect(node.fields!.find((f) => f.name === 'parent')!.truncated).toBe('cycle');
    expect(fields(section(op(ref, 'op-ontree'), 'Message · Tree').shape!)).toEqual(['name: string', 'parent: <schema-node>', 'children: array of <schema-node>']);
    // an anonymous payload that contains itself: one level shown, then cut
    const chain = type(ref, 'message-chain');
    expect(chain.fields![0]!.fields![0]).toMatchObject({ name: 'next', truncated: 'cycle' });
  });

  it('a message or payload $ref that leads back to itself is a cycle problem, not a hang', () => {
    expect(codes(r)).toContain('warning api.ref-cycle hostile.asyncapi.yaml:41');
    expect(r.problems.filter((p) => p.code === 'api.ref-cycle')).toHaveLength(2);
    const loop = group(ref, 'channel-loop').operations[0]!;
    expect(fact(loop.sections[0]!.shape!, '$ref')).toBe('#/components/messages/Loop (refers to itself)');
  });

  it('a channel named __proto__ is dropped as data with a warning; no prototype is touched', () => {
    expect(codes(r)).toContain('warning api.proto-key hostile.asyncapi.yaml:33');
    expect(ref.groups.map((g) => g.title)).not.toContain('__proto__');
    expect(({} as Record<string, unknown>)['description']).toBeUndefined();
  });
});

describe('definitions that do not parse', () => {
  it('a YAML syntax error gives no reference and the parser\'s message at its line', async () => {
    const r = await readFixture('broken.asyncapi.yaml');
    expect(r.reference).toBeUndefined();
    expect(codes(r)).toEqual(['error api.parse-failed broken.asyncapi.yaml:10']);
    expect(r.problems[0]!.message).toContain('missed comma between flow collection entries');
  });

  it('inline in a descriptor, the line is the descriptor\'s: input.line + line within the text - 1', async () => {
    const r = await readText('asyncapi: 2.6.0\ninfo:\n  title: [unclosed\n', { line: 20 });
    expect(r.reference).toBeUndefined();
    expect(r.problems[0]).toMatchObject({ code: 'api.parse-failed', file: 'inline/catalog-info.yaml' });
    expect(r.problems[0]!.line).toBeGreaterThanOrEqual(22);
    const v = await readText('asyncapi: 3.0.0\ninfo:\n  title: T\n  version: 1\noperations:\n  x:\n    action: jump\n    channel: { $ref: "#/channels/c" }\n', { line: 30 });
    expect(codes(v)).toContain('warning api.invalid inline/catalog-info.yaml:36');
  });

  it('not a map, not AsyncAPI, or a version it cannot read: an error and no reference', async () => {
    const cases: Array<[string, string]> = [
      ['- a\n- b\n', 'api.parse-failed'],
      ['42\n', 'api.parse-failed'],
      ['openapi: 3.0.0\ninfo: {title: x, version: "1"}\npaths: {}\n', 'api.not-asyncapi'],
      ['title: nothing here\n', 'api.not-asyncapi'],
      ['asyncapi: 1.2.0\ninfo: {title: x, version: "1"}\ntopics: {}\n', 'api.unsupported-version'],
      ['asyncapi: 4.0.0\ninfo: {title: x, version: "1"}\n', 'api.unsupported-version'],
      ['asyncapi: banana\n', 'api.unsupported-version'],
    ];
    for (const [t, code] of cases) {
      const r = await readText(t);
      expect(r.reference, t).toBeUndefined();
      expect(r.problems.map((p) => p.code), t).toEqual([code]);
    }
  });

  it('JSON text reads like YAML', async () => {
    const r = await readText(JSON.stringify({ asyncapi: '3.0.0', info: { title: 'J', version: '1' }, channels: { c: { address: 'c' } }, operations: { o: { action: 'send', channel: { $ref: '#/channels/c' } } } }));
    expect(r.problems).toEqual([]);
    expect(op(referenceOf(r), 'op-o').verb).toBe('send');
  });
});

describe('definitions that parse but are not valid', () => {
  it('give their best-effort reference with api.invalid warnings at the field\'s line', async () => {
    const r = await readFixture('invalid.asyncapi.yaml');
    const ref = referenceOf(r);
    expect(codes(r)).toEqual([
      'warning api.invalid invalid.asyncapi.yaml:2',
      'warning api.invalid invalid.asyncapi.yaml:7',
      'warning api.invalid invalid.asyncapi.yaml:17',
      'warning api.invalid invalid.asyncapi.yaml:20',
      'warning api.invalid invalid.asyncapi.yaml:21',
    ]);
    const [version, publish, action, summary, channel] = r.problems.map((p) => p.message);
    expect(version).toBe('Not valid AsyncAPI 3.0.0: #/info/version (Info): required field is missing');
    expect(publish).toContain('"publish" is not a field of this object in AsyncAPI 3.x');
    expect(action).toContain('#/operations/placeOrder/action (Operation): Invalid option: expected one of "send"|"receive"');
    expect(summary).toContain('#/operations/placeOrder/summary (Operation): expected string, received number');
    expect(channel).toContain('#/operations/noChannel/channel (Operation): required field is missing');
    // still read: the channel and its message, the operation with its verb as written
    expect(op(ref, 'op-placeorder')).toMatchObject({ verb: 'publish', name: 'orders' });
    expect(op(ref, 'op-placeorder').sections.map((s) => s.title)).toEqual(['Message · order']);
    expect(op(ref, 'op-nochannel').name).toBe('(no channel)');
  });

  it('a newer minor, a numeric version or a missing one is read, with a warning', async () => {
    const newer = await readText('asyncapi: 2.7.0\ninfo: {title: x, version: "1"}\nchannels: {}\n');
    expect(referenceOf(newer).specVersion).toBe('2.7.0');
    expect(newer.problems.map((p) => p.message)).toEqual(['asyncapi: 2.7.0 is newer than 2.6; read as 2.6, so what is new in it may be missing']);
    const numeric = await readText('asyncapi: 3.0\ninfo: {title: x, version: "1"}\n');
    expect(numeric.problems[0]!.message).toContain('is a number; it should be a string');
    const none = await readText('info: {title: x, version: "1"}\noperations:\n  o: {action: send, channel: {$ref: "#/channels/c"}}\nchannels:\n  c: {address: c}\n');
    expect(referenceOf(none).groups[0]!.operations.map((o) => o.anchor)).toEqual(['op-o']);
    expect(none.problems[0]!.message).toContain('read as 3.0.0');
  });

  it('values of the wrong kind everywhere: warnings, never a throw', async () => {
    const docs = [
      'asyncapi: 2.6.0\ninfo: hello\nservers: [1, 2]\nchannels:\n  a: 5\n  b:\n    subscribe: 7\n  c:\n    publish:\n      message: [1]\n      traits: 3\n  d:\n    parameters: [x]\n    subscribe:\n      message: {payload: "str", headers: 4, correlationId: 5, examples: 6, traits: [1, {$ref: 3}]}\ncomponents: 9\n',
      'asyncapi: 3.0.0\ninfo: {title: 1, version: {}}\nchannels: [1]\noperations:\n  a: 1\n  b: {action: send, channel: 4, messages: 5, reply: 6}\n  c: {action: receive, channel: {$ref: 7}, reply: {address: 1, channel: {$ref: "#/operations/b"}, messages: [{$ref: "#/info"}]}}\ncomponents: {messages: [1], schemas: 5}\n',
      'asyncapi: 3.0.0\ninfo: {title: t, version: "1"}\nchannels:\n  c:\n    address: c\n    messages:\n      m: {payload: {schemaFormat: application/raml+yaml, schema: 5}, headers: {schemaFormat: x, schema: 1}}\n    parameters: {p: 5, q: {enum: 3}}\n    bindings: [1]\noperations:\n  o: {action: send, channel: {$ref: "#/channels/c"}, traits: [{$ref: "#/nowhere"}], security: [1, {$ref: "#/x"}]}\n',
    ];
    for (const d of docs) {
      const r = await readText(d);
      expect(r.problems.some((p) => p.code === 'api.read-failed'), JSON.stringify(r.problems)).toBe(false);
      expect(r.reference, d).toBeDefined();
    }
  });
});

describe('bounds', () => {
  it('a 10 MB description is kept, in little time', async () => {
    const long = 'x'.repeat(10 * 1024 * 1024);
    const t = Date.now();
    const r = await readText(`asyncapi: 2.6.0\ninfo:\n  title: Long\n  version: "1"\n  description: ${long}\nchannels:\n  a:\n    description: "${'( '.repeat(50_000)}"\n    subscribe:\n      message: {payload: {type: string}}\n`);
    expect(Date.now() - t).toBeLessThan(5000);
    expect(referenceOf(r).description!.length).toBe(long.length);
  });

  it('nesting deeper than the limit is refused at parse time, in JSON and in YAML', async () => {
    let payload: unknown = { type: 'string' };
    for (let i = 0; i < 100; i++) payload = { type: 'object', properties: { p: payload } };
    const doc = { asyncapi: '2.6.0', info: { title: 'x', version: '1' }, channels: { a: { subscribe: { message: { payload } } } } };
    const json = await readText(JSON.stringify(doc));
    expect(json.reference).toBeUndefined();
    expect(json.problems.map((p) => p.code)).toEqual(['api.too-deep']);
    const yamlText = await readText(`asyncapi: 2.6.0\ninfo: {title: x, version: "1"}\nchannels:\n  a:\n    subscribe:\n      message: {payload: ${JSON.stringify(payload)}}\n`);
    expect(yamlText.reference).toBeUndefined();
    expect(yamlText.problems.map((p) => p.message).join()).toContain('nested more than 64 levels deep');
  });

  it('a YAML alias bomb is refused, not expanded', async () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const r = await readText(`asyncapi: 2.6.0\ninfo: {title: x, version: "1"}\nchannels: {}\nx-bomb:\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
    expect(r.reference).toBeUndefined();
    expect(r.problems.map((p) => p.code)).toEqual(['api.too-large']);
  });

  it('thousands of channels and operations read in bounded time, each anchored once', async () => {
    const channels: Record<string, unknown> = {};
    const operations: Record<string, unknown> = {};
    for (let i = 0; i < 3000; i++) {
      channels[`c${i}`] = { address: `things.${i}`, messages: { m: { payload: { type: 'object', properties: { id: { type: 'string' } } } } } };
      operations[`send${i}`] = { action: 'send', channel: { $ref: `#/channels/c${i}` } };
    }
    const t = Date.now();
    const r = await readAsyncApi({ text: JSON.stringify({ asyncapi: '3.0.0', info: { title: 'Big', version: '1' }, channels, operations }), file: 'big.json', line: 1, read: () => ({ ok: false, why: 'none' }) });
    expect(Date.now() - t).toBeLessThan(10_000);
    const ref = referenceOf(r);
    expect(r.problems).toEqual([]);
    const anchors = ref.groups.flatMap((g) => [g.anchor, ...g.operations.map((o) => o.anchor)]);
    expect(anchors).toHaveLength(6000);
    expect(new Set(anchors).size).toBe(6000);
  });

  it('operations listing many messages each: past a bound, a message section is its link alone, with a note', async () => {
    const oneOf = Array.from({ length: 100 }, () => ({ $ref: '#/components/messages/M' }));
    const channels: Record<string, unknown> = {};
    for (let i = 0; i < 210; i++) channels[`c${i}`] = { subscribe: { message: { oneOf } } };
    const doc = { asyncapi: '2.6.0', info: { title: 'Wide', version: '1' }, channels, components: { messages: { M: { payload: { type: 'object', properties: { a: { type: 'string' } } } } } } };
    const t = Date.now();
    const r = await readText(JSON.stringify(doc));
    expect(Date.now() - t).toBeLessThan(10_000);
    const ref = referenceOf(r);
    const first = ref.groups[0]!.operations[0]!.sections[0]!;
    const last = ref.groups.at(-1)!.operations[0]!.sections.at(-1)!;
    expect(fields(first.shape!)).toEqual(['a: string']);
    expect(text(last.shape!.type)).toBe('<message-m>');
    expect(last.shape!.fields).toBeUndefined();
    expect(ref.notes.join('\n')).toContain('are links to the message, without their fields');
  });
});

describe('mutated fixtures', () => {
  // values of every wrong kind dropped at random places of valid definitions (a fixed seed: the same runs each time)
  const VALUES: unknown[] = [null, 0, -1, 'x', '', true, [], {}, [1, 'a'], { $ref: '#/' }, { $ref: '#/components' }, { $ref: 5 }, { $ref: '#/channels' }, { oneOf: 3 }, { oneOf: [null] }, { schemaFormat: 'x', schema: null }];
  const pathsOf = (v: unknown, p: Array<string | number> = [], out: Array<Array<string | number>> = []) => {
    out.push(p);
    if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) pathsOf((v as Record<string, unknown>)[k], [...p, Array.isArray(v) ? Number(k) : k], out);
    return out;
  };

  it.each(['v2/orders.asyncapi.yaml', 'v3/orders.asyncapi.yaml', 'multi/events.asyncapi.yaml'])('%s: 150 mutations, each a reference or problems, never a throw', async (file) => {
    let seed = 7;
    const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
    const base = yaml.load(readFileSync(path.join(FIXTURES, file), 'utf8'));
    const all = pathsOf(base).filter((p) => p.length > 0);
    for (let i = 0; i < 150; i++) {
      const doc = structuredClone(base) as Record<string, unknown>;
      for (let k = 0; k < 3; k++) {
        const p = all[Math.floor(rnd() * all.length)]!;
        let cur: unknown = doc;
        for (const seg of p.slice(0, -1)) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
        if (cur === null || typeof cur !== 'object') continue;
        if (rnd() < 0.3) delete (cur as Record<string, unknown>)[p.at(-1)!];
        else (cur as Record<string, unknown>)[p.at(-1)!] = structuredClone(VALUES[Math.floor(rnd() * VALUES.length)]);
      }
      const r = await readText(JSON.stringify(doc), { file });
      expect(r.problems.filter((x) => x.code === 'api.read-failed'), JSON.stringify(doc)).toEqual([]);
      // the reference is plain data: it serializes (the cache keeps it as JSON)
      expect(() => JSON.stringify(r)).not.toThrow();
    }
  });
});
