/**
 * GitHub's public GraphQL schema (~1,500 types) through the reader, when the mirror is here:
 * `fetch github:octokit/graphql-schema`. CI has no network, so there the test is skipped.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Kind, parse, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readGraphql } from '../../../src/pipeline/apis/graphql/index.js';
import type { ApiReference } from '../../../src/pipeline/apis/types.js';

const MIRROR = '/work/.mirror/octokit+graphql-schema/repo';
const present = existsSync(MIRROR);
if (!present) console.warn(`graphql-real: skipped, no mirror of octokit/graphql-schema at ${MIRROR}`);

/** Root field names per kind, straight from the document: schema definition (or the default names), definitions and extensions. */
function rootFields(doc: DocumentNode): Record<'query' | 'mutation' | 'subscription', Set<string>> {
  const names = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' };
  for (const d of doc.definitions) {
    if (d.kind === Kind.SCHEMA_DEFINITION || d.kind === Kind.SCHEMA_EXTENSION) {
      for (const t of d.operationTypes ?? []) names[t.operation] = t.type.name.value;
    }
  }
  const out = { query: new Set<string>(), mutation: new Set<string>(), subscription: new Set<string>() };
  for (const d of doc.definitions) {
    if (d.kind !== Kind.OBJECT_TYPE_DEFINITION && d.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const kind of ['query', 'mutation', 'subscription'] as const) {
      if (d.name.value === names[kind]) for (const f of d.fields ?? []) out[kind].add(f.name.value);
    }
  }
  return out;
}

describe.skipIf(!present)('readGraphql on GitHub\'s public schema', () => {
  const text = present ? execFileSync('git', ['--git-dir', MIRROR, 'show', 'HEAD:schema.graphql'], { encoding: 'utf8', maxBuffer: 64 << 20 }) : '';

  it('has every root field of the definition as an operation, and every link a target', async () => {
    const started = performance.now();
    const r = await readGraphql({ text, file: 'schema.graphql', line: 1, read: () => ({ ok: false, why: 'not needed' }) });
    const ms = performance.now() - started;
    expect(r.reference, JSON.stringify(r.problems.slice(0, 3))).toBeDefined();
    const ref = r.reference as ApiReference;
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);

    const expected = rootFields(parse(text));
    let total = 0;
    for (const kind of ['query', 'mutation', 'subscription'] as const) {
      const group = ref.groups.find((g) => g.anchor === kind);
      const got = new Set(group?.operations.map((o) => o.name) ?? []);
      for (const name of expected[kind]) expect(got.has(name), `${kind} ${name}`).toBe(true);
      expect(got.size).toBe(expected[kind].size);
      total += got.size;
    }
    expect(expected.query.size).toBeGreaterThan(20);
    expect(expected.mutation.size).toBeGreaterThan(100);

    const definedTypes = new Set(parse(text).definitions.flatMap((d) => ('name' in d && d.name && d.kind.endsWith('TypeDefinition') ? [d.name.value] : [])));
    const listed = ref.types.flatMap((g) => g.types).filter((t) => t.label !== 'directive');
    // Every defined type is listed, but the root types (they are the groups).
    expect(listed.length).toBe(definedTypes.size - ref.groups.length);
    expect(listed.length).toBeGreaterThan(1_000);

    const anchors = new Set([
      ...ref.groups.flatMap((g) => [g.anchor, ...g.operations.map((o) => o.anchor)]),
      ...ref.types.flatMap((g) => [g.anchor, ...g.types.map((t) => t.anchor)]),
    ]);
    const links = JSON.stringify(ref).match(/"anchor":"[^"]+"/g)!.map((s) => s.slice(10, -1));
    for (const a of new Set(links)) expect(anchors.has(a), a).toBe(true);
    console.info(`graphql-real: ${total} root fields, ${listed.length} types in ${ms.toFixed(0)} ms (${(ms / total * 1000).toFixed(0)} ms per 1,000 operations)`);
  });
});
