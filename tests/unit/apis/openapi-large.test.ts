/**
 * The synthetic ~100,000-line definition of scripts/gen-large-openapi.mjs (1,500 operations, 800
 * schema files referring to each other, with cycles) through readOpenApi: everything is there, the
 * cycles stop, and the time is reported.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOpenApi } from '../../../src/pipeline/apis/openapi/index.js';
import { fileInput } from '../../../src/pipeline/apis/read-input.js';
import type { Shape } from '../../../src/pipeline/apis/types.js';

const SCRIPT = path.resolve(__dirname, '../../../scripts/gen-large-openapi.mjs');
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pb-oas-large-'));
  execFileSync(process.execPath, [SCRIPT, dir]);
});
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

describe('a 100,000-line multi-file definition', () => {
  it('is written the same every time, about 100,000 lines over 800 schema files', () => {
    const files = [path.join(dir, 'openapi.yaml'), ...readdirSync(path.join(dir, 'schemas')).map((f) => path.join(dir, 'schemas', f)), ...readdirSync(path.join(dir, 'paths')).map((f) => path.join(dir, 'paths', f))];
    const lines = files.reduce((n, f) => n + readFileSync(f, 'utf8').split('\n').length - 1, 0);
    expect(lines).toBeGreaterThan(90_000);
    expect(lines).toBeLessThan(110_000);
    expect(readdirSync(path.join(dir, 'schemas'))).toHaveLength(801);
    const again = mkdtempSync(path.join(tmpdir(), 'pb-oas-large-'));
    try {
      execFileSync(process.execPath, [SCRIPT, again]);
      expect(readFileSync(path.join(again, 'openapi.yaml'), 'utf8')).toBe(readFileSync(path.join(dir, 'openapi.yaml'), 'utf8'));
      expect(readFileSync(path.join(again, 'schemas', 'AccountAccount0.yaml'), 'utf8')).toBe(readFileSync(path.join(dir, 'schemas', 'AccountAccount0.yaml'), 'utf8'));
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  it('reads all 1,500 operations in 60 tags, links its schemas and stops at cycles, and reports the time', async () => {
    const started = performance.now();
    const r = await readOpenApi(fileInput(dir, 'openapi.yaml'));
    const ms = performance.now() - started;
    const ref = r.reference!;
    expect(r.problems).toEqual([]);
    const ops = ref.groups.flatMap((g) => g.operations);
    expect(ops).toHaveLength(1500);
    expect(ref.groups).toHaveLength(60);
    expect(new Set(ops.map((o) => o.anchor)).size).toBe(1500);
    const types = ref.types[0]!.types;
    expect(types.length).toBeGreaterThan(700);
    const selfRef = types.find((t) => t.name === 'AccountAccount0')!;
    const parent = selfRef.fields!.find((f) => f.name === 'parent') as Shape;
    expect([parent.type, parent.truncated]).toEqual([[{ name: 'AccountAccount0', anchor: 'schema-accountaccount0' }], 'cycle']);
    // a path item in a file of its own, whose refs go back to the main file's components
    const get = ops.find((o) => o.verb === 'GET' && o.name === '/accounts0/{id}')!;
    expect(get.sections.map((s) => s.title)).toEqual(['Path parameters', 'Query parameters', 'Response 200 · application/json', 'Response 400 · application/json', 'Response 404 · application/json', 'Response default · application/json']);
    console.log(`synthetic: 1,500 operations, ${types.length} types in ${ms.toFixed(0)} ms (${(ms / 1.5).toFixed(0)} ms per 1,000 operations)`);
  });
});
