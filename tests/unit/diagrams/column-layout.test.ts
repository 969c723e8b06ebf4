import { describe, expect, it } from 'vitest';
import { createGraphIndex, neighbourhoodGraph, entityNeighbourhoodSvg } from '../../../src/pipeline/diagrams/index.js';
import { columnLayout } from '../../../src/pipeline/diagrams/column-layout.js';
import { layoutGraph } from '../../../src/pipeline/diagrams/layout.js';
import type { DiagramGraph, PlacedGraph, PlacedNode } from '../../../src/pipeline/diagrams/diagram-types.js';
import { Catalog, demoCatalog, full } from './fixtures.js';
import { hasClass, parseXml, walk } from './xml.js';

const L = 'component:default/artist-lookup';
const hrefFor = (ref: string) => `/catalog/${ref.replace(':', '/')}/`;

function depth2(c: Catalog, ref: string, maxNodes = 30): { graph: DiagramGraph; placed: PlacedGraph } {
  const graph = neighbourhoodGraph(createGraphIndex(c.entities), ref, { depth: 2, hrefFor, maxNodes })!;
  const placed = columnLayout(graph);
  expect(placed).toBeDefined();
  return { graph, placed: placed! };
}

/** Columns as a reader sees them: nodes whose x ranges overlap stand in one column, numbered left to right. */
function columnsOf(placed: PlacedGraph): Map<string, number> {
  const sorted = [...placed.nodes].sort((a, b) => a.x - b.x);
  const col = new Map<string, number>();
  let c = -1;
  let right = -Infinity;
  for (const n of sorted) {
    if (n.x >= right) c++;
    right = n.x >= right ? n.x + n.width : Math.max(right, n.x + n.width);
    col.set(n.id, c);
  }
  return col;
}

function node(placed: PlacedGraph, ref: string): PlacedNode {
  return placed.nodes.find((n) => n.id === full(ref) || n.id === ref)!;
}

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const onBorder = (p: { x: number; y: number }, b: Box) => p.x >= b.x - 0.5 && p.x <= b.x + b.width + 0.5 && p.y >= b.y - 0.5 && p.y <= b.y + b.height + 0.5;

/** A busier neighbourhood: a team owning a dozen things, a system of parts, shared dependencies. */
function busyCatalog(): Catalog {
  const c = new Catalog().add('component:root').add('group:team').add('system:sys').add('domain:dom').add('resource:db').add('api:root-api');
  c.relate('component:root', 'ownedBy', 'group:team').relate('component:root', 'partOf', 'system:sys')
    .relate('system:sys', 'partOf', 'domain:dom').relate('component:root', 'dependsOn', 'resource:db')
    .relate('component:root', 'providesApi', 'api:root-api');
  for (let i = 0; i < 12; i++) {
    const x = `component:sibling-${String(i).padStart(2, '0')}`;
    c.add(x, { title: i % 3 ? undefined : `A Rather Long Sibling Title ${i}` }).relate(x, 'ownedBy', 'group:team');
    if (i < 6) c.relate(x, 'partOf', 'system:sys');
    if (i % 4 === 0) c.relate(x, 'dependsOn', 'resource:db');
    if (i % 5 === 0) c.relate(x, 'consumesApi', 'api:root-api');
  }
  return c;
}

describe('columnar layout of depth-2 neighbourhoods', () => {
  it('puts each ring in its own column: what points at the entity on its left, what it points at on its right', () => {
    const { placed } = depth2(demoCatalog(), L, 60);
    const col = columnsOf(placed);
    const at = (ref: string) => col.get(full(ref))!;
    const root = at(L);
    expect(at('group:team-a')).toBe(root - 1);
    expect(at('system:artist-engagement-portal')).toBe(root - 1);
    expect(at('user:jane')).toBe(root - 2);
    expect(at('domain:artists')).toBe(root - 2);
    expect(at('resource:artists-db')).toBe(root + 1);
    expect(at('component:playback-sdk')).toBe(root + 1);
  });

  it('puts a node tied to both sides (owner of a dependency, parent of the owner) in the entity\'s column', () => {
    const { placed } = depth2(demoCatalog(), L, 60);
    const col = columnsOf(placed);
    expect(col.get('group:default/platform')).toBe(col.get(L));
  });

  it('never overlaps two nodes, nor a label with a node or another label', () => {
    for (const [c, ref] of [[demoCatalog(), L], [busyCatalog(), 'component:default/root']] as const) {
      const { placed } = depth2(c, ref);
      const labels = placed.edges.flatMap((e) => (e.label ? [e.label] : []));
      expect(labels.length).toBeGreaterThan(3);
      placed.nodes.forEach((a, i) => placed.nodes.slice(i + 1).forEach((b) => expect(overlap(a, b), `${a.id} / ${b.id}`).toBe(false)));
      for (const l of labels) for (const n of placed.nodes) expect(overlap(l, n), `${l.text} on ${n.id}`).toBe(false);
      labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => expect(overlap(a, b), `${a.text} / ${b.text}`).toBe(false)));
      for (const n of placed.nodes) {
        expect(n.x).toBeGreaterThanOrEqual(0);
        expect(n.y).toBeGreaterThanOrEqual(0);
        expect(n.x + n.width).toBeLessThanOrEqual(placed.width);
        expect(n.y + n.height).toBeLessThanOrEqual(placed.height);
      }
    }
  });

  it('joins only adjacent columns, from the edge of one box to the edge of the other, arrow at the relation\'s target', () => {
    const { placed } = depth2(busyCatalog(), 'component:default/root');
    const col = columnsOf(placed);
    expect(new Set(col.values()).size).toBeGreaterThanOrEqual(4);
    for (const e of placed.edges) {
      expect(Math.abs(col.get(e.from)! - col.get(e.to)!), `${e.from} → ${e.to}`).toBe(1);
      expect(e.curved).toBe(true);
      expect(onBorder(e.points[0]!, node(placed, e.from))).toBe(true);
      expect(onBorder(e.points[e.points.length - 1]!, node(placed, e.to))).toBe(true);
    }
  });

  it('orders each column by its neighbours, so sibling groups do not cross', () => {
    // x comes before y, but y's dependencies sort before x's by name: rank order alone would cross.
    const c = new Catalog().add('component:root').add('component:x-first').add('component:y-second');
    c.relate('component:root', 'dependsOn', 'component:x-first').relate('component:root', 'dependsOn', 'component:y-second');
    for (const n of ['p-1', 'p-2', 'p-3']) c.add(`resource:${n}`).relate('component:x-first', 'dependsOn', `resource:${n}`);
    for (const n of ['m-1', 'm-2']) c.add(`resource:${n}`).relate('component:y-second', 'dependsOn', `resource:${n}`);
    const { placed } = depth2(c, 'component:default/root');
    const y = (ref: string) => node(placed, ref).y;
    const outer = placed.edges.filter((e) => e.from !== 'component:default/root');
    for (const a of outer) {
      for (const b of outer) {
        // no two edges of the outer gap cross: their ends are in the same vertical order on both sides
        expect((y(a.from) - y(b.from)) * (y(a.to) - y(b.to))).toBeGreaterThanOrEqual(0);
      }
    }
    expect(y('component:x-first')).toBeLessThan(y('component:y-second'));
    expect(Math.max(...['p-1', 'p-2', 'p-3'].map((n) => y(`resource:${n}`)))).toBeLessThan(Math.min(...['m-1', 'm-2'].map((n) => y(`resource:${n}`))));
  });

  it('is deterministic', () => {
    const a = depth2(busyCatalog(), 'component:default/root').placed;
    const b = depth2(busyCatalog(), 'component:default/root').placed;
    expect(b).toEqual(a);
  });

  it('gives each of two edges between the same pair a route of its own', () => {
    const c = new Catalog().add('component:a').add('component:b').add('component:c');
    c.relate('component:a', 'dependsOn', 'component:b').relate('component:b', 'dependsOn', 'component:a').relate('component:b', 'dependsOn', 'component:c');
    const { placed } = depth2(c, 'component:default/a');
    const between = placed.edges.filter((e) => [e.from, e.to].sort().join() === 'component:default/a,component:default/b');
    expect(between).toHaveLength(2);
    expect(between[0]!.points[0]!.y).not.toBe(between[1]!.points[between[1]!.points.length - 1]!.y);
  });

  it('leaves graphs it cannot draw in columns to elk', async () => {
    const graph: DiagramGraph = {
      title: 't',
      nodes: [
        { id: 'a', kind: 'component', label: 'a', caption: 'component', tooltip: 'a', missing: false, focus: true, column: 0 },
        { id: 'b', kind: 'component', label: 'b', caption: 'component', tooltip: 'b', missing: false, focus: false, column: 1 },
        { id: 'c', kind: 'component', label: 'c', caption: 'component', tooltip: 'c', missing: false, focus: false, column: 2 },
      ],
      edges: [
        { id: 'e0', from: 'a', to: 'b', types: ['dependsOn'], style: 'dependency' },
        { id: 'e1', from: 'b', to: 'c', types: ['dependsOn'], style: 'dependency' },
        { id: 'e2', from: 'a', to: 'c', types: ['dependsOn'], style: 'dependency' },
      ],
    };
    expect(columnLayout(graph)).toBeUndefined(); // a → c skips a column
    const placed = await layoutGraph(graph);
    expect(placed.edges.every((e) => e.points.length >= 2 && !e.curved)).toBe(true);
  });

  it('renders curved edges whose arrowheads touch the target box', async () => {
    const svg = parseXml(await entityNeighbourhoodSvg(createGraphIndex(busyCatalog().entities), 'component:root', { depth: 2, hrefFor, maxNodes: 30 }));
    const edges = [...walk(svg)].filter((el) => el.name === 'g' && hasClass(el, 'pb-edge') && el.attrs['data-from']);
    expect(edges.length).toBeGreaterThan(10);
    expect(edges.some((g) => /c/.test([...walk(g)].find((el) => el.name === 'path')!.attrs.d!))).toBe(true);
    const { placed } = depth2(busyCatalog(), 'component:default/root');
    for (const g of edges) {
      const tip = [...walk(g)].find((el) => el.name === 'polygon')!.attrs.points!.split(' ')[0]!.split(',').map(Number) as [number, number];
      expect(onBorder({ x: tip[0], y: tip[1] }, node(placed, g.attrs['data-to']!))).toBe(true);
    }
  });
});
