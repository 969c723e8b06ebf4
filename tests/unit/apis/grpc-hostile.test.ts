import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProto } from '../../../src/pipeline/apis/grpc/index.js';
import { MAX_FILES } from '../../../src/pipeline/apis/grpc/load.js';
import { fileInput } from '../../../src/pipeline/apis/read-input.js';
import type { DefinitionInput } from '../../../src/pipeline/apis/types.js';

const FIXTURES = path.resolve(__dirname, '../../fixtures/apis/grpc');

const inline = (text: string, read: DefinitionInput['read'] = () => ({ ok: false, why: 'no other files in this test' })): DefinitionInput =>
  ({ text, file: 'api/hostile.proto', line: 1, read });

describe('readProto: hostile definitions', () => {
  it('refuses imports out of the source, absolute ones, and missing ones as warnings, their types unlinked', async () => {
    const r = await readProto(fileInput(FIXTURES, 'hostile/hostile.proto'));
    expect(r.problems.map((p) => [p.severity, p.code, p.file, p.line])).toEqual([
      ['warning', 'api.ref-outside', 'hostile/hostile.proto', 5],
      ['warning', 'api.ref-outside', 'hostile/hostile.proto', 6],
      ['warning', 'api.ref-missing', 'hostile/hostile.proto', 7],
    ]);
    expect(r.problems[0]!.message).toContain('import "../../../etc/passwd" was not read');
    expect(r.problems[1]!.message).toContain('import "/etc/passwd" was not read');
    const node = r.reference!.types[0]!.types[0]!;
    expect(node.fields!.find((f) => f.name === 'passwd')!.type).toEqual(['secret.Passwd']);
    expect(JSON.stringify(r.reference)).not.toContain('root:');
  });

  it('never asks the reader for an absolute import, and asks only paths it can confine', async () => {
    const asked: string[] = [];
    await readProto(inline('syntax = "proto3";\nimport "/etc/passwd";\nimport "../../x.proto";', (from, target) => {
      asked.push(`${from} ${target}`);
      return { ok: false, why: 'refused' };
    }));
    expect(asked.some((a) => a.includes('/etc/passwd'))).toBe(false);
    expect(asked).toEqual(['api/hostile.proto ../../x.proto', ' /../../x.proto']);
  });

  it('links a message that refers to itself, through lists and maps, without expanding it', async () => {
    const r = await readProto(fileInput(FIXTURES, 'hostile/hostile.proto'));
    const walk = r.reference!.groups[0]!.operations[0]!;
    const request = walk.sections[0]!.shape!;
    expect(request.fields!.map((f) => [f.name, f.type])).toEqual([
      ['name', ['string']],
      ['parent', [{ name: 'Node', anchor: 'message-hostile-node' }]],
      ['children', ['repeated ', { name: 'Node', anchor: 'message-hostile-node' }]],
      ['by_name', ['map<string, ', { name: 'Node', anchor: 'message-hostile-node' }, '>']],
      ['passwd', ['secret.Passwd']],
    ]);
    expect(request.fields!.every((f) => !f.fields)).toBe(true);
  });

  it('reads a 10 MB comment fast and keeps it as given', async () => {
    const comment = 'A line of a comment, with <b>markup</b> and [a](javascript:alert(1)).';
    const lines = Array.from({ length: 140_000 }, () => `// ${comment}`).join('\n');
    expect(lines.length).toBeGreaterThan(10_000_000);
    const started = performance.now();
    const r = await readProto(inline(`${lines}\nsyntax = "proto3";\n${lines}\nmessage M {\n  /* ${'y'.repeat(1_000_000)} */\n  int32 a = 1;\n}`));
    const ms = performance.now() - started;
    expect(r.problems).toEqual([]);
    const m = r.reference!.types[0]!.types[0]!;
    expect(m.description!.split('\n')).toHaveLength(140_000);
    expect(m.description!.startsWith(comment)).toBe(true);
    expect(r.reference!.description!.length).toBe(m.description!.length);
    expect(m.fields![0]!.description).toHaveLength(1_000_000);
    expect(ms).toBeLessThan(10_000);
  });

  it('calls messages nested past protobufjs\' depth bound a parse failure, not a crash', async () => {
    const r = await readProto(inline(`syntax = "proto3";\n${'message A { '.repeat(5_000)}${'}'.repeat(5_000)}`));
    expect(r.reference).toBeUndefined();
    expect(r.problems[0]).toMatchObject({ severity: 'error', code: 'api.parse-failed', message: 'max depth exceeded' });
  });

  it('keeps __proto__ from the prototype and says protobufjs could not keep the name', async () => {
    const r = await readProto(inline('syntax = "proto3";\nmessage M {\n  int32 __proto__ = 1;\n  int32 constructor = 2;\n  option (__proto__).polluted = "yes";\n}\nenum E { __proto__ = 0; toString = 1; }'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.problems.map((p) => p.message)).toContain('the definition uses the name __proto__, which protobufjs cannot keep: what it names may be missing');
    const types = r.reference!.types[0]!.types;
    expect(types.find((t) => t.name === 'M')!.fields!.map((f) => f.name)).toContain('constructor');
    // An enum value named like an Object.prototype member is data, not an inherited property;
    // protobufjs drops the value named __proto__ (hence the warning).
    const e = types.find((t) => t.name === 'E')!;
    expect(e.fields!.map((v) => [v.name, v.facts[0]!.value, v.description])).toEqual([['toString', '1', undefined]]);
  });

  it('stops reading imports after a bounded number of files', async () => {
    // An endless chain: each file imports the next.
    const r = await readProto(inline('syntax = "proto3";\nimport "f1.proto";', (_from, target) => {
      const n = Number(target.slice(1, -6));
      return { ok: true, path: target, text: `syntax = "proto3";\npackage f${n};\nimport "f${n + 1}.proto";\nmessage M${n} {}` };
    }));
    expect(r.problems).toEqual([expect.objectContaining({ code: 'api.too-large', message: `more than ${MAX_FILES} imported files; the rest were not read` })]);
    expect(r.reference).toBeDefined();
  });

  it('keeps option values as data: aggregate keys named __proto__ or constructor set nothing', async () => {
    const r = await readProto(inline('syntax = "proto3";\nservice S {\n  rpc M(A) returns (A) {\n    option (x.y) = { constructor: "c" __proto__: { polluted: "yes" } };\n  }\n}\nmessage A {}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.reference!.groups[0]!.operations[0]!.facts![0]!.label).toBe('x.y');
  });
});
