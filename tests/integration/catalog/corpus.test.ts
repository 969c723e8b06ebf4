/**
 * Every YAML file of the shared corpus of real descriptors loads without a crash, and every document
 * that looks like an entity either becomes one or is explained by a diagnostic on its file.
 *
 * The corpus is not part of the repository: it sits beside it, in `../shared/corpus` (where CI lays
 * it), or where PLAYBILL_CORPUS points. A clone without it skips these tests and says so, unless
 * PLAYBILL_CORPUS_REQUIRED=1 (set by .ci/run) asks for them, when a missing corpus fails.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { globSync } from 'glob';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src/pipeline/catalog/index.js';
import type { Catalog } from '../../../src/pipeline/catalog/types.js';
import type { Snapshot } from '../../../src/pipeline/sources/types.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const corpus = path.resolve(repoRoot, process.env.PLAYBILL_CORPUS || '../shared/corpus');
const present = existsSync(path.join(corpus, 'backstage-examples')) && existsSync(path.join(corpus, 'realworld-catalog'));
const required = process.env.PLAYBILL_CORPUS_REQUIRED === '1';
if (!present && !required) {
  console.warn(`corpus.test.ts: SKIPPED — no shared corpus at ${corpus} (it lives beside the repository, in ../shared/corpus, and a plain clone has none); set PLAYBILL_CORPUS=DIR to run these tests`);
}
const GLOBS = ['**/*.{yaml,yml}'];

function corpusSnapshots(): Snapshot[] {
  const base = (name: string, root: string): Snapshot =>
    ({ name, root, origin: 'path', catalogGlobs: GLOBS, stale: false, history: {} });
  const realworld = path.join(corpus, 'realworld-catalog');
  const repos = readdirSync(realworld, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  return [
    base('backstage-examples', path.join(corpus, 'backstage-examples')),
    ...repos.map((dir) => {
      const [owner, repo] = dir.split('__') as [string, string];
      // the folders are GitHub repos: absolute blob URLs back into them resolve in the clone
      return { ...base(dir.toLowerCase().replace(/[^a-z0-9]+/g, '-'), path.join(realworld, dir)), host: { kind: 'github' as const, repoUrl: `https://github.com/${owner}/${repo}` } };
    }),
  ];
}

/** Independent count of documents carrying `kind` and `metadata.name`: js-yaml per file, else a per-chunk regex. */
function entityLikeDocuments(text: string): number {
  const looksLike = (d: unknown) => !!d && typeof d === 'object' && 'kind' in d
    && !!(d as { metadata?: { name?: unknown } }).metadata?.name;
  try {
    return yaml.loadAll(text, undefined, { schema: yaml.JSON_SCHEMA }).filter(looksLike).length;
  } catch {
    return text.replace(/\r\n/g, '\n').split(/^---.*$/m)
      .filter((chunk) => /^kind:/m.test(chunk) && /^metadata:\s*\n(?:\s+.*\n)*?\s+name:/m.test(chunk)).length;
  }
}

describe.skipIf(!present && !required)('the shared corpus', () => {
  let snapshots: Snapshot[];
  let catalog: Catalog;
  let ms = 0;

  beforeAll(() => {
    if (!present) throw new Error(`PLAYBILL_CORPUS_REQUIRED=1, but there is no shared corpus at ${corpus}`);
    snapshots = corpusSnapshots();
    const started = performance.now();
    catalog = buildCatalog(snapshots);
    ms = performance.now() - started;
  });

  it('reads every YAML file without a crash, quickly', () => {
    const files = snapshots.reduce((n, s) => n + globSync(GLOBS, { cwd: s.root, dot: true, nodir: true }).length, 0);
    expect(catalog.counts.files).toBe(files);
    expect(ms).toBeLessThan(10_000);
    for (const d of catalog.diagnostics) {
      expect(d.file === undefined || !path.isAbsolute(d.file)).toBe(true);
      if (d.file) expect(d.line, `${d.code} ${d.file} has no line`).toBeGreaterThan(0);
    }
  });

  it('turns every entity-like document into an entity or a diagnostic on its file', () => {
    const missing: string[] = [];
    for (const s of snapshots) {
      for (const file of globSync(GLOBS, { cwd: s.root, dot: true, nodir: true })) {
        const expected = entityLikeDocuments(readFileSync(path.join(s.root, file), 'utf8'));
        const entities = catalog.entities.filter((e) => e.source.source === s.name && e.source.path === file).length;
        const explained = new Set(catalog.diagnostics
          .filter((d) => d.source === s.name && d.file === file && d.severity === 'error')
          .map((d) => d.line)).size;
        expect(entities, `${s.name}:${file}`).toBeLessThanOrEqual(expected);
        if (entities + explained < expected) missing.push(`${s.name}:${file} expected ${expected}, ${entities} entities, ${explained} errors`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('knows the acme org and its relations', () => {
    const refs = new Set(catalog.entities.map((e) => `${e.kind}:${e.metadata.namespace}/${e.metadata.name}`.toLowerCase()));
    for (const g of ['acme-corp', 'backstage', 'boxoffice', 'infrastructure', 'team-a', 'team-b', 'team-c', 'team-d']) {
      expect(refs, g).toContain(`group:default/${g}`);
    }
    const lookup = catalog.entities.find((e) => e.kind === 'Component' && e.metadata.name === 'artist-lookup' && e.source.source === 'backstage-examples')!;
    expect(lookup.relations).toContainEqual({ type: 'ownedBy', targetRef: 'group:default/team-a' });
    const teamA = catalog.entities.find((e) => e.kind === 'Group' && e.metadata.name === 'team-a' && e.source.source === 'backstage-examples')!;
    expect(teamA.relations).toContainEqual({ type: 'ownerOf', targetRef: 'component:default/artist-lookup' });
    // two users named guest in different namespaces are two entities
    expect(catalog.entities.filter((e) => e.kind === 'User' && e.metadata.name === 'guest' && e.source.source === 'backstage-examples')).toHaveLength(2);
  });

  it('reads the 0-byte file as nothing, the CRLF file as entities, and an absolute self-URL Location tree', () => {
    const empty = { source: 'roadiehq-sample-service', file: 'another-service/catalog-info.yaml' };
    expect(catalog.entities.filter((e) => e.source.source === empty.source && e.source.path === empty.file)).toEqual([]);
    expect(catalog.diagnostics.filter((d) => d.source === empty.source && d.file === empty.file)).toEqual([]);
    const crlf = catalog.entities.filter((e) => e.source.source === 'puregymgroup-infra-demo-api');
    expect(crlf.length).toBeGreaterThan(0);
    expect(JSON.stringify(crlf.map((e) => e.metadata))).not.toContain('\r');
    expect(catalog.diagnostics.filter((d) => d.source === 'tyriis-home-ops' && d.code.startsWith('catalog.location'))).toEqual([]);
  });

  it('resolves relative $text placeholders and reports the one whose file is missing', () => {
    const webhook = catalog.entities.find((e) => e.source.source === 'backstage-examples' && e.kind === 'API'
      && JSON.stringify(e.spec).includes('webhook'));
    expect(webhook && typeof webhook.spec.definition).toBe('string');
    expect(catalog.diagnostics.some((d) => d.source === 'c-nell-devhub-catalog' && d.code === 'catalog.placeholder-missing')).toBe(true);
  });
});
