import { describe, expect, it } from 'vitest';
import { countNodes, decodeUtf8, parseDocuments } from '../../../src/pipeline/catalog/parse.js';

describe('parseDocuments', () => {
  it('gives each document the line it starts on, across markers and empty documents', () => {
    const text = [
      '---', // 1
      'kind: A', // 2
      '---', // 3
      '# only a comment', // 4
      '---', // 5
      '', // 6
      'kind: B', // 7
      '...', // 8
      '---', // 9
    ].join('\n');
    const r = parseDocuments(text);
    expect(r.problems).toEqual([]);
    expect(r.documents.map((d) => [d.value.kind, d.firstLine])).toEqual([['A', 1], ['B', 5]]);
    expect(r.documents[1]!.text.split('\n')[2]).toBe('kind: B');
  });

  it('reads a file without a leading marker as one document starting on line 1', () => {
    const r = parseDocuments('kind: A\nmetadata:\n  name: x');
    expect(r.documents).toHaveLength(1);
    expect(r.documents[0]!.firstLine).toBe(1);
  });

  it('tolerates CRLF line endings and a BOM', () => {
    const r = parseDocuments('\uFEFFkind: A\r\nmetadata:\r\n  name: x\r\n---\r\nkind: B\r\n');
    expect(r.problems).toEqual([]);
    expect(r.documents.map((d) => d.value.kind)).toEqual(['A', 'B']);
    expect(r.documents[0]!.value.metadata).toEqual({ name: 'x' });
    expect(r.documents[1]!.firstLine).toBe(4);
  });

  it('reports a syntax error at its line in the file and still loads the other documents', () => {
    const text = 'kind: A\n---\nkind: B\nmetadata:\n  name: [unclosed\n---\nkind: C\n';
    const r = parseDocuments(text);
    expect(r.documents.map((d) => d.value.kind)).toEqual(['A', 'C']);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: 'catalog.yaml-syntax', severity: 'error' });
    expect(r.problems[0]!.line).toBeGreaterThanOrEqual(5);
    expect(r.problems[0]!.line).toBeLessThanOrEqual(6);
    expect(r.seen).toBe(3);
  });

  it('reports the exact line of a tab-indentation error', () => {
    const r = parseDocuments('a: 1\n---\nkind: User\nspec:\n\tmemberOf: []\n');
    expect(r.problems[0]).toMatchObject({ code: 'catalog.yaml-syntax', line: 5 });
  });

  it('rejects documents that are not mappings, silently skips empty ones', () => {
    const r = parseDocuments('--- just a string\n---\n- a\n- b\n---\n~\n---\n');
    expect(r.documents).toEqual([]);
    expect(r.problems.map((p) => [p.code, p.line])).toEqual([['catalog.not-a-mapping', 1], ['catalog.not-a-mapping', 3]]);
  });

  it('keeps dates and yes/no as strings (YAML 1.2 core) and does not merge << keys', () => {
    const r = parseDocuments('date: 2024-01-01\nflag: yes\non: off\nnum: 1.10\nbool: true\nbase: &b {x: 1}\nm:\n  <<: *b\n');
    const v = r.documents[0]!.value;
    expect(v.date).toBe('2024-01-01');
    expect(v.flag).toBe('yes');
    expect(v.on).toBe('off');
    expect(v.num).toBe(1.1);
    expect(v.bool).toBe(true);
    expect(v.m).toEqual({ '<<': { x: 1 } });
  });

  it('reads unknown local tags (CloudFormation !Ref) as plain data', () => {
    const r = parseDocuments('Resources:\n  X:\n    Value: !Ref Foo\n    List: !GetAZs\n      - a\n');
    expect(r.problems).toEqual([]);
    expect(r.documents[0]!.value).toEqual({ Resources: { X: { Value: 'Foo', List: ['a'] } } });
  });

  it('stops an alias bomb (billion laughs) quickly with catalog.yaml-too-complex', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    const names = 'abcdefghi';
    for (let i = 1; i < names.length; i++) {
      const prev = names[i - 1];
      lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const bomb = `kind: Component\n${lines.join('\n')}\n---\nkind: Fine\n`;
    const started = performance.now();
    const r = parseDocuments(bomb);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'catalog.yaml-too-complex', line: 1 })]);
    expect(r.documents.map((d) => d.value.kind)).toEqual(['Fine']);
  });

  it('accepts shared aliases that stay small', () => {
    const r = parseDocuments('x: &x {a: 1}\ny: *x\nz: *x\n');
    expect(r.problems).toEqual([]);
    expect(r.documents[0]!.value.z).toEqual({ a: 1 });
  });

  it('handles %YAML directives before a marker', () => {
    const r = parseDocuments('%YAML 1.2\n---\nkind: A\n');
    expect(r.problems).toEqual([]);
    expect(r.documents.map((d) => d.value.kind)).toEqual(['A']);
  });
});

describe('countNodes', () => {
  it('counts repeated references every time, and stops past the limit', () => {
    const leaf = [1, 2, 3];
    expect(countNodes({ a: leaf, b: leaf })).toBe(9);
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(countNodes(cyclic, 50)).toBe(51);
  });
});

describe('decodeUtf8', () => {
  it('decodes UTF-8 and drops a BOM', () => {
    expect(decodeUtf8(Buffer.from('\uFEFFnamé ✓'))).toEqual({ ok: true, text: 'namé ✓' });
  });
  it('refuses Latin-1 bytes and names the line of the first bad byte', () => {
    const bytes = Buffer.concat([Buffer.from('a: 1\nb: 2\nc: caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    expect(decodeUtf8(bytes)).toEqual({ ok: false, line: 3 });
  });
});
