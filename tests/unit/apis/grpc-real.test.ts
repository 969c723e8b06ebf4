/**
 * Real protos through the reader, when the mirrors are here: gRPC-Go's examples (helloworld,
 * route_guide, features/echo) and grpc/grpc-proto (health, reflection, channelz, the interop test
 * services, imports relative to the repository root). `fetch github:grpc/grpc-go` and
 * `fetch github:grpc/grpc-proto`; CI has no network, so there the test is skipped.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readProto } from '../../../src/pipeline/apis/grpc/index.js';
import { fileInput } from '../../../src/pipeline/apis/read-input.js';

const MIRRORS = [
  { repo: 'grpc/grpc-go', dir: '/work/.mirror/grpc+grpc-go/repo', under: 'examples' },
  { repo: 'grpc/grpc-proto', dir: '/work/.mirror/grpc+grpc-proto/repo', under: 'grpc' },
];
const present = MIRRORS.filter((m) => existsSync(m.dir));
for (const m of MIRRORS) if (!present.includes(m)) console.warn(`grpc-real: ${m.repo} skipped, no mirror at ${m.dir}`);

/** Comments out, by a loop rather than a regex, so the rpc count below reads only declarations. */
function withoutComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('//', i)) { const e = text.indexOf('\n', i); i = e < 0 ? text.length : e; continue; }
    if (text.startsWith('/*', i)) { const e = text.indexOf('*/', i + 2); i = e < 0 ? text.length : e + 2; out += ' '; continue; }
    if (text[i] === '"') { const e = text.indexOf('"', i + 1); out += '""'; i = e < 0 ? text.length : e + 1; continue; }
    out += text[i];
    i++;
  }
  return out;
}

/** `Service.Method` of every rpc declared in the text. */
function declaredRpcs(text: string): string[] {
  const out: string[] = [];
  const src = withoutComments(text);
  const services = [...src.matchAll(/\bservice\s+(\w+)\s*\{/g)];
  services.forEach((s, i) => {
    const body = src.slice(s.index!, services[i + 1]?.index ?? src.length);
    for (const m of body.matchAll(/\brpc\s+(\w+)\s*\(/g)) out.push(`${s[1]}.${m[1]}`);
  });
  return out;
}

describe.skipIf(!present.length)('readProto on public gRPC protos', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'playbill-grpc-real-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const extracted = new Map<string, string>();
  /** The mirror's files under `under`, as a source checkout in the temporary folder (once). */
  const checkout = (m: (typeof MIRRORS)[number]): string => {
    const known = extracted.get(m.repo);
    if (known) return known;
    const root = path.join(tmp, m.repo.replace('/', '+'));
    mkdirSync(root, { recursive: true });
    execFileSync('sh', ['-c', 'git --git-dir="$0" archive HEAD "$1" | tar -x -C "$2"', m.dir, m.under, root]);
    extracted.set(m.repo, root);
    return root;
  };

  for (const m of present) {
    it(`reads every proto of ${m.repo} with all its rpcs`, async () => {
      const root = checkout(m);
      const files = execFileSync('git', ['--git-dir', m.dir, 'ls-tree', '-r', '--name-only', 'HEAD', m.under], { encoding: 'utf8' })
        .split('\n').filter((f) => f.endsWith('.proto'));
      expect(files.length).toBeGreaterThan(2);

      let rpcs = 0;
      let ms = 0;
      for (const file of files) {
        const input = fileInput(root, file);
        const started = performance.now();
        const r = await readProto(input);
        ms += performance.now() - started;
        expect(r.problems.filter((p) => p.severity === 'error'), file).toEqual([]);
        // The only imports allowed to fail are of files the repository does not have (googleapis').
        for (const p of r.problems) {
          const target = /^import "([^"]+)"/.exec(p.message)?.[1];
          expect(target, `${file}: ${p.message}`).toBeDefined();
          expect(files.some((f) => f.endsWith(`/${target}`) || f === target), `${file}: ${p.message}`).toBe(false);
        }
        const ref = r.reference!;
        const got = ref.groups.flatMap((g) => g.operations.map((o) => `${g.title}.${o.name}`));
        expect(got.sort(), file).toEqual(declaredRpcs(input.text).sort());
        for (const g of ref.groups) for (const o of g.operations) {
          expect(o.anchor).toBe(`rpc-${g.title}-${o.name}`.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
          expect(o.id!.endsWith(`${g.title}.${o.name}`)).toBe(true);
        }
        const anchors = new Set([
          ...ref.groups.flatMap((g) => [g.anchor, ...g.operations.map((o) => o.anchor)]),
          ...ref.types.flatMap((g) => [g.anchor, ...g.types.map((t) => t.anchor)]),
        ]);
        for (const a of JSON.stringify(ref).match(/"anchor":"[^"]+"/g) ?? []) expect(anchors.has(a.slice(10, -1)), `${file} ${a}`).toBe(true);
        rpcs += got.length;
      }
      expect(rpcs).toBeGreaterThan(5);
      console.info(`grpc-real: ${m.repo}: ${files.length} files, ${rpcs} rpcs in ${ms.toFixed(0)} ms`);
    });
  }

  const proto = present.find((m) => m.repo === 'grpc/grpc-proto');
  it.skipIf(!proto)('resolves grpc-proto\'s imports from the repository root, as protoc -I. would', async () => {
    const root = checkout(proto!);
    const r = await readProto(fileInput(root, 'grpc/testing/test.proto'));
    expect(r.problems).toEqual([]);
    const unary = r.reference!.groups.flatMap((g) => g.operations).find((o) => o.id === 'grpc.testing.TestService.UnaryCall')!;
    // SimpleRequest is in messages.proto, imported as "grpc/testing/messages.proto".
    expect(unary.sections[0]!.shape!.type).toEqual([{ name: 'SimpleRequest', anchor: 'message-grpc-testing-simplerequest' }]);
    expect(unary.sections[0]!.shape!.fields!.length).toBeGreaterThan(5);
  });
});
