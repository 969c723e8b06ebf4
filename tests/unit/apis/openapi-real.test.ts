/**
 * Real public definitions through readOpenApi: the OpenAPI Initiative's examples (2.0, 3.0, 3.1; one of
 * them split over files) and DigitalOcean's public API (3.0, ~1,600 files joined by relative $refs).
 * Read from the mirrors `fetch` brings (never committed); skipped when they are absent, as on CI.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOpenApi } from '../../../src/pipeline/apis/openapi/index.js';
import { fileInput } from '../../../src/pipeline/apis/read-input.js';
import type { ApiReference } from '../../../src/pipeline/apis/types.js';

const OAI = '/work/.mirror/OAI+OpenAPI-Specification/repo';
/** The last commit with examples/ (later moved to tests/…/pass and a separate repository). */
const OAI_COMMIT = 'fad4c13dd669bf5c794f477ffaf31900f8e64418';
const DO = '/work/.mirror/digitalocean+openapi/repo';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const load = (file: string): Record<string, unknown> => {
  const t = readFileSync(file, 'utf8');
  return (file.endsWith('.json') ? JSON.parse(t) : yaml.load(t)) as Record<string, unknown>;
};

/** `GET /pets`… straight from the files: path items followed through a file $ref, methods counted. */
function expectedOperations(root: string, file: string): string[] {
  const doc = load(path.join(root, file));
  const out: string[] = [];
  for (const [p, item0] of Object.entries((doc.paths ?? {}) as Record<string, Record<string, unknown>>)) {
    if (p.startsWith('x-')) continue;
    let item = item0;
    if (typeof item.$ref === 'string' && !item.$ref.startsWith('#')) item = load(path.join(root, path.dirname(file), item.$ref)) as Record<string, unknown>;
    for (const m of Object.keys(item)) if (METHODS.includes(m)) out.push(`${m.toUpperCase()} ${p}`);
  }
  return out.sort();
}

const readOperations = (ref: ApiReference): string[] => ref.groups.filter((g) => g.title !== 'Webhooks')
  .flatMap((g) => g.operations.map((o) => `${o.verb} ${o.name}`)).sort();

const tmp: string[] = [];
afterAll(() => { for (const d of tmp) rmSync(d, { recursive: true, force: true }); });
function extract(gitDir: string, commit: string, folder: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pb-oas-'));
  tmp.push(dir);
  execSync(`git --git-dir=${JSON.stringify(gitDir)} archive ${commit} ${folder} | tar -x -C ${JSON.stringify(dir)}`);
  return dir;
}

describe.skipIf(!existsSync(OAI))('the OpenAPI Initiative\'s examples (mirror of OAI/OpenAPI-Specification)', () => {
  let root = '';
  beforeAll(() => { root = path.join(extract(OAI, OAI_COMMIT, 'examples'), 'examples'); });

  const files = [
    'v2.0/yaml/petstore.yaml', 'v2.0/json/petstore-expanded.json', 'v2.0/yaml/uber.yaml', 'v2.0/yaml/api-with-examples.yaml',
    'v2.0/yaml/petstore-separate/spec/swagger.yaml', 'v2.0/json/petstore-with-external-docs.json',
    'v3.0/petstore.yaml', 'v3.0/petstore-expanded.json', 'v3.0/callback-example.yaml', 'v3.0/link-example.yaml',
    'v3.0/uspto.yaml', 'v3.0/api-with-examples.json', 'v3.1/webhook-example.yaml', 'v3.1/non-oauth-scopes.json',
  ];
  for (const file of files) {
    it(`${file}: every path and method is an operation, and nothing is an error`, async () => {
      const r = await readOpenApi(fileInput(root, file));
      expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(readOperations(r.reference!)).toEqual(expectedOperations(root, file));
    });
  }

  it('petstore-separate: parameters and schemas in other files are read relative to the file that names them', async () => {
    const r = await readOpenApi(fileInput(root, 'v2.0/yaml/petstore-separate/spec/swagger.yaml'));
    expect(r.problems).toEqual([]);
    const get = r.reference!.groups.flatMap((g) => g.operations).find((o) => o.verb === 'GET' && o.name === '/pets')!;
    expect(get.sections.find((s) => s.title === 'Query parameters')?.fields?.map((f) => f.name)).toEqual(['tags', 'limit']);
    const names = r.reference!.types[0]!.types.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['Pet', 'NewPet', 'Error']));
  });

  it('callback-example and webhook-example: callbacks and webhooks with anchors of their own', async () => {
    const cb = (await readOpenApi(fileInput(root, 'v3.0/callback-example.yaml'))).reference!;
    expect(cb.groups[0]!.operations[0]!.callbacks?.[0]?.operations.map((o) => o.anchor)).toEqual(['callback-post-streams-ondata-post']);
    const wh = (await readOpenApi(fileInput(root, 'v3.1/webhook-example.yaml'))).reference!;
    expect(wh.groups.find((g) => g.title === 'Webhooks')?.operations.map((o) => o.anchor)).toEqual(['webhook-newpet-post']);
  });
});

describe.skipIf(!existsSync(DO))('DigitalOcean\'s public API (mirror of digitalocean/openapi)', () => {
  let root = '';
  beforeAll(() => { root = path.join(extract(DO, 'HEAD', 'specification'), 'specification'); });

  it('reads every path and method of the multi-file definition, and reports the time', async () => {
    const started = performance.now();
    const r = await readOpenApi(fileInput(root, 'DigitalOcean-public.v2.yaml'));
    const ms = performance.now() - started;
    const ref = r.reference!;
    const expected = expectedOperations(root, 'DigitalOcean-public.v2.yaml');
    expect(readOperations(ref)).toEqual(expected);
    expect(r.problems.filter((p) => p.code.startsWith('api.ref-') || p.code === 'api.parse-failed')).toEqual([]);
    const ops = expected.length;
    console.log(`DigitalOcean: ${ops} operations, ${ref.types[0]?.types.length} types, ${ref.groups.length} groups in ${ms.toFixed(0)} ms (${(ms / ops * 1000).toFixed(0)} ms per 1,000 operations), ${r.problems.length} problems`);
    // a named body shows its fields in place
    const create = ref.groups.flatMap((g) => g.operations).find((o) => o.id === 'droplets_create')!;
    expect(create.sections.some((s) => s.title.startsWith('Request body') && (s.shape?.fields?.length || s.shape?.variants))).toBe(true);
  });
});
