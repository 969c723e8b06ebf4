import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProto } from '../../../src/pipeline/apis/grpc/index.js';
import { fileInput } from '../../../src/pipeline/apis/read-input.js';
import type { ApiReference, DefinitionInput, Field, Operation, ReadResult, TypeDef } from '../../../src/pipeline/apis/types.js';

const FIXTURES = path.resolve(__dirname, '../../fixtures/apis/grpc');
const PAYMENTS = path.resolve(__dirname, '../../../content/repos/payments');

async function reference(r: ReadResult | Promise<ReadResult>): Promise<ApiReference> {
  const { reference: ref, problems } = await r;
  expect(ref, JSON.stringify(problems)).toBeDefined();
  return ref!;
}

function op(ref: ApiReference, anchor: string): Operation {
  const found = ref.groups.flatMap((g) => g.operations).find((o) => o.anchor === anchor);
  expect(found, `operation #${anchor}`).toBeDefined();
  return found!;
}

function type(ref: ApiReference, anchor: string): TypeDef {
  const found = ref.types.flatMap((g) => g.types).find((t) => t.anchor === anchor);
  expect(found, `type #${anchor}`).toBeDefined();
  return found!;
}

const field = (fields: Field[] | undefined, name: string): Field => {
  const f = fields?.find((x) => x.name === name);
  expect(f, `field ${name}`).toBeDefined();
  return f!;
};
const fact = (f: { facts?: Array<{ label: string; value: string }> }, label: string) => f.facts?.find((x) => x.label === label)?.value;
const section = (o: Operation, title: string) => o.sections.find((s) => s.title === title)!.shape!;

const MONEY = { name: 'acme.common.v1.Money', anchor: 'message-acme-common-v1-money' };

describe('readProto: a service importing other files', () => {
  const ledger = () => readProto(fileInput(FIXTURES, 'proto/acme/ledger/v1/ledger.proto'));

  it('groups the service\'s rpcs with full names, streaming badges and options as facts', async () => {
    const r = await ledger();
    expect(r.problems).toEqual([]);
    const ref = await reference(r);
    expect(ref).toMatchObject({ format: 'grpc', specVersion: 'proto3', title: 'acme.ledger.v1', descriptions: 'plain' });
    expect(ref.description).toBe('Acme ledger: double-entry bookkeeping as a service.\nEvery entry balances per currency.');
    expect(ref.groups.map((g) => [g.anchor, g.title, g.label, g.description])).toEqual([
      ['service-ledger', 'Ledger', 'service', 'The ledger of record.'],
    ]);
    expect(fact(ref.groups[0]!, 'package')).toBe('acme.ledger.v1');
    expect(ref.groups[0]!.operations.map((o) => [o.anchor, o.verb, o.id, o.badges ?? []])).toEqual([
      ['rpc-ledger-postentry', 'rpc', 'acme.ledger.v1.Ledger.PostEntry', []],
      ['rpc-ledger-streamentries', 'rpc', 'acme.ledger.v1.Ledger.StreamEntries', ['server streaming']],
      ['rpc-ledger-uploadentries', 'rpc', 'acme.ledger.v1.Ledger.UploadEntries', ['client streaming']],
      ['rpc-ledger-sync', 'rpc', 'acme.ledger.v1.Ledger.Sync', ['bidirectional streaming']],
    ]);
    const post = op(ref, 'rpc-ledger-postentry');
    expect(post.description).toBe('Posts one entry atomically; re-posting the same entry_id is a no-op.');
    expect(post.facts).toEqual([{ label: 'google.api.http', value: 'post: "/v1/entries", body: "*"' }]);
    expect(op(ref, 'rpc-ledger-sync').deprecated).toBe(true);
  });

  it('shows the request and response messages with their fields, numbers and labels, types linked across files', async () => {
    const ref = await reference(ledger());
    const post = op(ref, 'rpc-ledger-postentry');
    const req = section(post, 'Request');
    expect(req.type).toEqual([{ name: 'PostEntryRequest', anchor: 'message-acme-ledger-v1-postentryrequest' }]);
    expect(req.fields!.map((f) => [f.name, f.type, fact(f, 'field')])).toEqual([
      ['entry_id', ['string'], '1'],
      ['postings', ['repeated ', { name: 'Posting', anchor: 'message-acme-ledger-v1-postentryrequest-posting' }], '2'],
      ['limits', ['map<string, ', MONEY, '>'], '3'],
      // Well-known types resolve without a file and stay unlinked.
      ['effective_at', ['google.protobuf.Timestamp'], '4'],
      ['memo', ['optional string'], '5'],
      ['payment_id', ['string'], '6'],
      ['refund_id', ['string'], '7'],
    ]);
    expect(field(req.fields, 'entry_id').description).toBe('chosen by the client, unique');
    expect(fact(field(req.fields, 'refund_id'), 'oneof')).toBe('origin');
    // proto3 `optional` is a oneof of its own inside protobufjs; not shown as one.
    expect(fact(field(req.fields, 'memo'), 'oneof')).toBeUndefined();
    // Entry is in entry.proto, imported relative to ledger.proto's folder.
    const res = section(post, 'Response');
    expect(res.type).toEqual([{ name: 'Entry', anchor: 'message-acme-ledger-v1-entry' }]);
    expect(res.description).toBe('A posted entry.');
    expect(field(res.fields, 'total').type).toEqual([MONEY]);
    expect(section(op(ref, 'rpc-ledger-streamentries'), 'Response').type).toEqual(['stream ', { name: 'Entry', anchor: 'message-acme-ledger-v1-entry' }]);
  });

  it('lists the file\'s messages and enums, nested ones as Outer.Inner, and only the imported types it uses, by package', async () => {
    const ref = await reference(ledger());
    expect(ref.types.map((g) => [g.anchor, g.title, g.types.map((t) => t.name)])).toEqual([
      ['package-acme-ledger-v1', 'acme.ledger.v1', [
        'PostEntryRequest', 'PostEntryRequest.Posting', 'PostEntryRequest.Direction', 'StreamEntriesRequest',
        'UploadSummary', 'SyncMessage', 'Entry', 'Status',
      ]],
      // money.proto's Unused is no part of this API.
      ['package-acme-common-v1', 'acme.common.v1', ['Money']],
    ]);
    const request = type(ref, 'message-acme-ledger-v1-postentryrequest');
    expect(request.label).toBe('message');
    expect(request.type).toEqual(['message acme.ledger.v1.PostEntryRequest']);
    expect(request.facts).toEqual([
      { label: 'reserved', value: '8, 10 to 12' },
      { label: 'reserved names', value: '"legacy_account"' },
      { label: 'oneof', value: 'origin: payment_id, refund_id' },
    ]);
    const direction = type(ref, 'enum-acme-ledger-v1-postentryrequest-direction');
    expect(direction.label).toBe('enum');
    expect(direction.fields!.map((v) => [v.name, fact(v, 'number'), v.description, v.deprecated])).toEqual([
      ['DIRECTION_UNSPECIFIED', '0', undefined, undefined], ['DEBIT', '1', 'Money in.', undefined],
      ['CREDIT', '2', undefined, undefined], ['LEGACY', '3', undefined, true],
    ]);
    expect(field(type(ref, 'message-acme-ledger-v1-uploadsummary').fields, 'rejected').deprecated).toBe(true);
    // A message that refers to itself links to itself.
    const sync = type(ref, 'message-acme-ledger-v1-syncmessage');
    expect(field(sync.fields, 'children').type).toEqual(['repeated ', { name: 'SyncMessage', anchor: 'message-acme-ledger-v1-syncmessage' }]);
  });

  it('reads each imported file once, even when imports go round in a cycle', async () => {
    const base = fileInput(FIXTURES, 'proto/acme/ledger/v1/ledger.proto');
    const reads: string[] = [];
    const counting: DefinitionInput = {
      ...base,
      read: (from, target) => {
        const r = base.read(from, target);
        if (r.ok) reads.push(r.path);
        return r;
      },
    };
    const r = await readProto(counting);
    expect(r.problems).toEqual([]);
    expect(reads.sort()).toEqual(['proto/acme/common/v1/money.proto', 'proto/acme/ledger/v1/entry.proto']);
  });

  it('gives every anchor once, and every link a target', async () => {
    const ref = await reference(ledger());
    const anchors = [
      ...ref.groups.flatMap((g) => [g.anchor, ...g.operations.map((o) => o.anchor)]),
      ...ref.types.flatMap((g) => [g.anchor, ...g.types.map((t) => t.anchor)]),
    ];
    expect(new Set(anchors).size).toBe(anchors.length);
    for (const a of JSON.stringify(ref).match(/"anchor":"[^"]+"/g)!.map((s) => s.slice(10, -1))) expect(anchors).toContain(a);
  });
});

describe('readProto: proto2', () => {
  it('shows required, optional with defaults, groups, oneofs, extension and reserved ranges, enum aliases', async () => {
    const r = await readProto(fileInput(FIXTURES, 'legacy.proto'));
    expect(r.problems).toEqual([]);
    const ref = await reference(r);
    expect(ref.specVersion).toBe('proto2');
    expect(ref.groups).toEqual([]);
    const account = type(ref, 'message-legacy-account');
    expect(account.fields!.map((f) => [f.name, f.type, f.required ?? false, fact(f, 'default')])).toEqual([
      ['id', ['required string'], true, undefined],
      ['limit', ['optional int32'], false, '100'],
      ['label', ['optional string'], false, '"main"'],
      ['tags', ['repeated string'], false, undefined],
      ['old_code', ['optional string'], false, undefined],
      ['audit', ['optional group ', { name: 'Audit', anchor: 'message-legacy-account-audit' }], false, undefined],
      ['email', ['string'], false, undefined],
      ['phone', ['string'], false, undefined],
    ]);
    expect(fact(field(account.fields, 'label'), 'json name')).toBe('displayLabel');
    expect(field(account.fields, 'old_code').deprecated).toBe(true);
    expect(account.facts).toEqual([
      { label: 'reserved', value: '20 to max' },
      { label: 'extensions', value: '100 to 199' },
      { label: 'oneof', value: 'contact: email, phone' },
    ]);
    expect(type(ref, 'message-legacy-account-audit').name).toBe('Account.Audit');
    const kind = type(ref, 'enum-legacy-kind');
    expect(kind.fields!.map((v) => `${v.name}=${fact(v, 'number')}`)).toEqual(['KIND_UNKNOWN=0', 'PERSONAL=1', 'PRIVATE=1', 'BUSINESS=2']);
    expect(kind.facts).toEqual([
      { label: 'reserved', value: '9, 11 to 15' },
      { label: 'reserved names', value: '"CHARITY"' },
      { label: 'allow_alias', value: 'true' },
    ]);
  });
});

describe('readProto: problems', () => {
  it('reports a syntax error with protobufjs\' message and line, and gives no reference', async () => {
    const r = await readProto(fileInput(FIXTURES, 'broken.proto'));
    expect(r.reference).toBeUndefined();
    expect(r.problems).toEqual([{
      severity: 'error', code: 'api.parse-failed', file: 'broken.proto', line: 7,
      message: "illegal id ';' (broken.proto, line 7)",
    }]);
  });

  it('maps the line of an inline definition to the descriptor', async () => {
    const r = await readProto({
      text: 'syntax = "proto3";\nmessage M {\n  int32 a = ;\n}', file: 'catalog-info.yaml', line: 20,
      read: () => ({ ok: false, why: 'none' }),
    });
    expect(r.problems[0]).toMatchObject({ code: 'api.parse-failed', file: 'catalog-info.yaml', line: 22 });
  });

  it('warns about an import that does not parse, with its file and line, and leaves its types unlinked', async () => {
    const r = await readProto(fileInput(FIXTURES, 'imports-broken.proto'));
    expect(r.problems).toEqual([{
      severity: 'warning', code: 'api.parse-failed', file: 'broken.proto', line: 7,
      message: "import \"broken.proto\": illegal id ';' (broken.proto, line 7)",
    }]);
    const ref = await reference(r);
    expect(section(op(ref, 'rpc-things-get'), 'Response')).toEqual({ type: ['broken.Thing'], facts: [] });
    expect(ref.notes).toContain('Imports not read, their types shown unlinked: broken.proto.');
  });

  it('warns about a type no file defines when every import was read', async () => {
    const r = await readProto({
      text: 'syntax = "proto3";\npackage p;\nmessage M {\n  Missing m = 1;\n  google.protobuf.Any any = 2;\n}',
      file: 'm.proto', line: 1, read: () => ({ ok: false, why: 'none' }),
    });
    expect(r.problems.map((p) => [p.code, p.message])).toEqual([
      ['api.ref-missing', 'type Missing is not defined in m.proto or the files it imports'],
    ]);
    expect(field(r.reference!.types[0]!.types[0]!.fields, 'm').type).toEqual(['Missing']);
  });

  it('warns about a name defined twice and keeps the first', async () => {
    const files = new Map([['other.proto', 'syntax = "proto3";\npackage p;\nmessage M { string b = 1; }']]);
    const r = await readProto({
      text: 'syntax = "proto3";\npackage p;\nimport "other.proto";\nmessage M { string a = 1; }', file: 'm.proto', line: 1,
      read: (_from, target) => (files.has(target) ? { ok: true, path: target, text: files.get(target)! } : { ok: false, why: 'none' }),
    });
    expect(r.problems.map((p) => p.message)).toEqual(['p.M is defined more than once; the first definition is shown']);
    expect(r.reference!.types[0]!.types[0]!.fields!.map((f) => f.name)).toEqual(['a']);
  });
});

describe('readProto: the demo\'s ledger', () => {
  it('reads payments\' ledger.proto cleanly: rpc PostEntry at #rpc-ledger-postentry', async () => {
    const r = await readProto(fileInput(PAYMENTS, 'services/ledger/proto/ledger.proto'));
    expect(r.problems).toEqual([]);
    const ref = await reference(r);
    expect(ref.title).toBe('foyer.ledger.v1');
    expect(ref.description).toContain('Every journal entry must balance');
    const post = op(ref, 'rpc-ledger-postentry');
    expect(post.id).toBe('foyer.ledger.v1.Ledger.PostEntry');
    expect(section(post, 'Request').fields!.map((f) => f.name)).toEqual(['entry_id', 'description', 'postings', 'metadata']);
    expect(field(section(post, 'Response').fields, 'posted_at').type).toEqual(['google.protobuf.Timestamp']);
    expect(op(ref, 'rpc-ledger-streamentries').badges).toEqual(['server streaming']);
    expect(field(type(ref, 'message-foyer-ledger-v1-posting').fields, 'amount').type)
      .toEqual([{ name: 'Money', anchor: 'message-foyer-ledger-v1-money' }]);
  });
});
