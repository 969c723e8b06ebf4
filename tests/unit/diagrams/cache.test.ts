import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGraphIndex, DiagramCache, diagramKey, entityNeighbourhoodSvg, neighbourhoodGraph } from '../../../src/pipeline/diagrams/index.js';
import { drawEntityDiagrams } from '../../../src/pipeline/diagrams/entity-diagrams.js';
import { drawAllDiagrams } from '../../../src/pipeline/diagrams/draw-pool.js';
import { entityRefOf as refOf } from '../../../src/pipeline/catalog/vocabulary/entity-ref.js';
import { Catalog, demoCatalog } from './fixtures.js';

const L = 'component:default/artist-lookup';
const hrefFor = (ref: string) => `/catalog/${ref.replace(':', '/')}/`;
const temps: string[] = [];
const temp = () => { const d = mkdtempSync(join(tmpdir(), 'pb-diagram-cache-')); temps.push(d); return d; };
afterAll(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }); });

describe('diagram cache', () => {
  it('returns the cached SVG for the same graph without laying it out again', async () => {
    const index = createGraphIndex(demoCatalog().entities);
    const cache = new DiagramCache(temp());
    const first = await entityNeighbourhoodSvg(index, L, { depth: 2, hrefFor, cache });
    expect(cache.hits).toBe(0);
    const file = cache.fileOf(diagramKey(neighbourhoodGraph(index, L, { depth: 2, hrefFor })!));
    expect(readFileSync(file, 'utf8')).toBe(first);

    const again = await entityNeighbourhoodSvg(createGraphIndex(demoCatalog().entities), L, { depth: 2, hrefFor, cache });
    expect(again).toBe(first);
    expect(cache.hits).toBe(1);
    // what the cache holds is what comes back: the layout did not run
    writeFileSync(file, '<svg>from the cache</svg>');
    expect(await entityNeighbourhoodSvg(index, L, { depth: 2, hrefFor, cache })).toBe('<svg>from the cache</svg>');
  });

  it('keys on everything a reader sees: links, names, the relations drawn', () => {
    const index = createGraphIndex(demoCatalog().entities);
    const key = (opts: Parameters<typeof neighbourhoodGraph>[2], idx = index) => diagramKey(neighbourhoodGraph(idx, L, opts)!);
    const base = key({ depth: 2, hrefFor });
    expect(key({ depth: 2, hrefFor })).toBe(base);
    expect(key({ depth: 2, hrefFor: (r) => `/sub${hrefFor(r)}` })).not.toBe(base);
    expect(key({ depth: 1, hrefFor })).not.toBe(base);
    const renamed = demoCatalog();
    renamed.byRef.get('group:default/team-a')!.metadata.title = 'Team Alpha';
    expect(key({ depth: 2, hrefFor }, createGraphIndex(renamed.entities))).not.toBe(base);
    const related = demoCatalog().relate('component:artist-lookup', 'dependsOn', 'component:playback-sdk').relate('component:artist-lookup', 'consumesApi', 'api:spotify-api');
    expect(key({ depth: 2, hrefFor }, createGraphIndex(related.entities))).not.toBe(base);
  });

  it('links a cached SVG into a page folder, and reports a miss', async () => {
    const cache = new DiagramCache(temp());
    const out = temp();
    cache.put('ab'.repeat(20), '<svg><g/></svg>\n');
    expect(cache.copyTo('ab'.repeat(20), join(out, 'x.svg'))).toBe(true);
    expect(readFileSync(join(out, 'x.svg'), 'utf8')).toBe('<svg><g/></svg>\n');
    expect(cache.copyTo('cd'.repeat(20), join(out, 'y.svg'))).toBe(false);
    expect(existsSync(join(out, 'y.svg'))).toBe(false);
  });

  it('treats a truncated entry as a miss, and a put makes it whole again', async () => {
    const cache = new DiagramCache(temp());
    const out = temp();
    const key = 'ef'.repeat(20);
    cache.put(key, '<svg><g><text>half a diag');
    expect(cache.get(key)).toBeUndefined();
    expect(cache.copyTo(key, join(out, 'z.svg'))).toBe(false);
    expect(existsSync(join(out, 'z.svg'))).toBe(false);
    cache.put(key, '<svg><g/></svg>');
    expect(cache.get(key)).toBe('<svg><g/></svg>');
    expect(cache.copyTo(key, join(out, 'z.svg'))).toBe(true);
  });

  it('prunes entries unused for two weeks, keeps recent ones', () => {
    const cache = new DiagramCache(temp());
    const [old, recent] = ['a1'.repeat(20), 'b2'.repeat(20)];
    cache.put(old, '<svg/>');
    cache.put(recent, '<svg/>');
    const longAgo = (Date.now() - 30 * 24 * 3600 * 1000) / 1000;
    utimesSync(cache.fileOf(old), longAgo, longAgo);
    expect(cache.prune()).toBe(1);
    expect(existsSync(cache.fileOf(old))).toBe(false);
    expect(existsSync(cache.fileOf(recent))).toBe(true);
  });

  it('a warm build of an entity page reuses every diagram and writes the same files', async () => {
    const index = createGraphIndex(demoCatalog().entities);
    const cacheDir = temp();
    const draw = async () => {
      const dir = temp();
      mkdirSync(join(dir, 'diagrams'));
      const counts = { drawn: 0, reused: 0 };
      const files = await drawEntityDiagrams(index, 'system:artist-engagement-portal', dir, '7', { hrefFor, level: 'all', cache: new DiagramCache(cacheDir) }, counts);
      return { counts, files, text: Object.values(files).map((f) => readFileSync(join(dir, f.file), 'utf8')) };
    };
    const cold = await draw();
    expect(Object.keys(cold.files).sort()).toEqual(['architecture', 'depth1', 'depth2']);
    expect(cold.counts).toEqual({ drawn: 3, reused: 0 });
    const warm = await draw();
    expect(warm.counts).toEqual({ drawn: 0, reused: 3 });
    expect(warm.text).toEqual(cold.text);
    // the key names the drawing: the same on a hit, and one per diagram
    expect(warm.files).toEqual(cold.files);
    expect(new Set(Object.values(cold.files).map((f) => f.key)).size).toBe(3);
  });
});

describe('drawing every entity page', () => {
  it('skips depth 2 when no second ring survives the cap', async () => {
    const c = new Catalog().add('group:big');
    for (let i = 0; i < 40; i++) {
      const comp = `component:c${String(i).padStart(2, '0')}`;
      c.add(comp).relate(comp, 'ownedBy', 'group:big').relate(comp, 'dependsOn', `resource:r${i}`);
    }
    const dir = temp();
    mkdirSync(join(dir, 'diagrams'));
    const files = await drawEntityDiagrams(createGraphIndex(c.entities), 'group:big', dir, '0', { hrefFor, level: 'all' }, { drawn: 0, reused: 0 });
    expect(files.depth1?.file).toBe('diagrams/0-1.svg');
    expect(files.depth2).toBeUndefined();
  });

  it('draws the same files on worker threads as in-process', async () => {
    const c = demoCatalog();
    for (let i = 0; i < 20; i++) c.add(`component:extra-${i}`).relate(`component:extra-${i}`, 'dependsOn', 'component:artist-lookup');
    const entities = c.entities;
    const tasks = entities.map((e, i) => ({ ref: refOf(e), name: String(i) }));
    const hrefs = new Map(entities.map((e) => [refOf(e), hrefFor(refOf(e))]));
    const run = async (workers: number) => {
      const dir = temp();
      mkdirSync(join(dir, 'diagrams'));
      const r = await drawAllDiagrams(entities, tasks, { dir, level: 'all', hrefs, workers, threshold: 0 });
      const text = r.results.map((x) => ('diagrams' in x ? Object.values(x.diagrams).map((f) => [f.key, readFileSync(join(dir, f.file), 'utf8')]) : x.error));
      return { r, text };
    };
    const here = await run(1);
    const threads = await run(2);
    expect(here.r.inWorkers).toBe(0);
    expect(threads.r.inWorkers).toBe(tasks.length);
    expect(threads.text).toEqual(here.text);
    expect(here.r.counts.drawn).toBeGreaterThan(tasks.length);
  }, 30_000);
});
