import { describe, expect, it } from 'vitest';
import { createGraphIndex, diagramCss, entityNeighbourhoodSvg, systemArchitectureSvg } from '../../../src/pipeline/diagrams/index.js';
import { standaloneSvg } from '../../../src/pipeline/site/diagram-files.js';
import { diagramFileCss } from '../../../src/pipeline/diagrams/theme.js';
import { Catalog, demoCatalog, full } from './fixtures.js';
import { hasClass, parseXml, pathPoints, textOf, walk } from './xml.js';
import type { XmlElement } from './xml.js';

const L = 'component:default/artist-lookup';
const hrefFor = (ref: string) => `/catalog/${ref.replace(':', '/')}/`;

function nodes(svg: XmlElement): XmlElement[] {
  return [...walk(svg)].filter((el) => el.name === 'g' && hasClass(el, 'pb-node'));
}

function linkOf(node: XmlElement): string | undefined {
  return [...walk(node)].find((el) => el.name === 'a')?.attrs.href;
}

function legendTexts(svg: XmlElement): string[] {
  const legend = [...walk(svg)].find((el) => hasClass(el, 'pb-legend'));
  return legend ? [...walk(legend)].filter((el) => el.name === 'text').map(textOf) : [];
}

describe('entityNeighbourhoodSvg', () => {
  const index = createGraphIndex(demoCatalog().entities);

  it('is a well-formed, labelled inline SVG', async () => {
    const svg = parseXml(await entityNeighbourhoodSvg(index, L, { hrefFor, depth: 1 }));
    expect(svg.name).toBe('svg');
    expect(svg.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(svg.attrs.role).toBe('img');
    expect(svg.attrs.viewBox).toMatch(/^0 0 \d+ \d+$/);
    const title = svg.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'title');
    expect(textOf(title!)).toBe('Relations of Artist Lookup (component:artist-lookup): 6 entities directly related');
    expect(svg.attrs['aria-label']).toBe(textOf(title!));
  });

  it('links every entity node to hrefFor(ref) and leaves missing ones dashed and unlinked', async () => {
    const svg = parseXml(await entityNeighbourhoodSvg(index, L, { hrefFor, depth: 2 }));
    const all = nodes(svg);
    expect(all.length).toBe(11);
    for (const node of all) {
      const ref = node.attrs['data-ref']!;
      if (ref === 'component:default/legacy-auth') {
        expect(hasClass(node, 'pb-missing')).toBe(true);
        expect(linkOf(node)).toBeUndefined();
      } else {
        expect(linkOf(node)).toBe(hrefFor(ref));
      }
    }
    const focus = all.filter((n) => hasClass(n, 'pb-focus'));
    expect(focus.map((n) => n.attrs['data-ref'])).toEqual([L]);
  });

  it('draws arrows from the owner to the owned entity and labels them with the relation', async () => {
    const svg = parseXml(await entityNeighbourhoodSvg(index, L, { hrefFor, depth: 1 }));
    const edge = [...walk(svg)].find((el) => hasClass(el, 'pb-edge') && el.attrs['data-from'] === 'group:default/team-a')!;
    expect(edge.attrs['data-to']).toBe(L);
    expect(hasClass(edge, 'pb-edge-ownership')).toBe(true);
    expect(textOf([...walk(edge)].find((el) => el.name === 'text')!)).toBe('ownerOf');
    // the arrowhead's tip touches the owned entity's box, not the owner's
    const tip = [...walk(edge)].find((el) => el.name === 'polygon')!.attrs.points!.split(' ')[0]!.split(',').map(Number) as [number, number];
    const box = boxOf(nodes(svg).find((n) => n.attrs['data-ref'] === L)!);
    expect(tip[0]).toBeGreaterThanOrEqual(box.x - 1);
    expect(tip[0]).toBeLessThanOrEqual(box.x + box.w + 1);
    expect(tip[1]).toBeGreaterThanOrEqual(box.y - 1);
    expect(tip[1]).toBeLessThanOrEqual(box.y + box.h + 1);
  });

  it('renders names from YAML as text and never emits a script-running href', async () => {
    const c = new Catalog().add('component:evil', { title: '<script>alert(1)</script>' }).add('component:b', { title: 'Tom & "Jerry\'s"' });
    c.relate('component:evil', 'dependsOn', 'component:b');
    const idx = createGraphIndex(c.entities);
    const raw = await entityNeighbourhoodSvg(idx, 'component:evil', { hrefFor: () => 'javascript:alert(1)', depth: 1 });
    expect(raw).not.toContain('<script');
    expect(raw).not.toMatch(/javascript:/i);
    const svg = parseXml(raw);
    const labels = [...walk(svg)].filter((el) => hasClass(el, 'pb-label')).map(textOf);
    expect(labels).toContain('<script>alert(1)</script>');
    expect(labels).toContain('Tom & "Jerry\'s"');
    expect(nodes(svg).every((n) => linkOf(n) === undefined)).toBe(true);
  });

  it('truncates long titles and keeps the full text in the tooltip', async () => {
    const long = 'The Extremely Long Name Of A Service That Nobody Can Remember Anymore';
    const c = new Catalog().add('component:long', { title: long });
    const svg = parseXml(await entityNeighbourhoodSvg(createGraphIndex(c.entities), 'component:long', { hrefFor, depth: 1 }));
    const node = nodes(svg)[0]!;
    const label = textOf([...walk(node)].find((el) => hasClass(el, 'pb-label'))!);
    expect(label.endsWith('…')).toBe(true);
    expect(label.length).toBeLessThan(long.length);
    expect(textOf([...walk(node)].find((el) => el.name === 'title')!)).toBe(`${long} (component:long)`);
  });

  it('hides the default namespace but shows others', async () => {
    const c = new Catalog().add('component:a').add('component:payments/b');
    c.relate('component:a', 'dependsOn', 'component:payments/b');
    const svg = parseXml(await entityNeighbourhoodSvg(createGraphIndex(c.entities), 'component:a', { hrefFor, depth: 1 }));
    const labels = [...walk(svg)].filter((el) => hasClass(el, 'pb-label')).map(textOf).sort();
    expect(labels).toEqual(['a', 'payments/b']);
  });

  it('lists in the legend only the kinds and edge styles present', async () => {
    const svg = parseXml(await entityNeighbourhoodSvg(index, 'user:jane', { hrefFor, depth: 1 }));
    expect(legendTexts(svg)).toEqual(['Group', 'User', 'parentOf / hasMember']);
    const svg2 = parseXml(await entityNeighbourhoodSvg(index, L, { hrefFor, depth: 1 }));
    expect(legendTexts(svg2)).toEqual(['Component', 'API', 'Resource', 'System', 'Group', 'not in catalog', 'dependsOn', 'consumesApi / apiProvidedBy', 'hasPart', 'ownerOf']);
  });

  it('collapses beyond maxNodes into a "+N more" node linking to moreHref', async () => {
    const c = new Catalog().add('group:big');
    for (let i = 0; i < 80; i++) c.add(`component:c${String(i).padStart(2, '0')}`).relate(`component:c${String(i).padStart(2, '0')}`, 'ownedBy', 'group:big');
    const svg = parseXml(await entityNeighbourhoodSvg(createGraphIndex(c.entities), 'group:big', { hrefFor, depth: 1, moreHref: '/catalog/?owner=big' }));
    const all = nodes(svg);
    expect(all.length).toBe(60);
    const more = all.find((n) => hasClass(n, 'pb-more'))!;
    expect(textOf([...walk(more)].find((el) => hasClass(el, 'pb-label'))!)).toBe('+22 more');
    expect(linkOf(more)).toBe('/catalog/?owner=big');
  });

  it('is deterministic and accepts refs without namespace', async () => {
    const a = await entityNeighbourhoodSvg(index, L, { hrefFor, depth: 2 });
    const b = await entityNeighbourhoodSvg(createGraphIndex(demoCatalog().entities), 'Component:artist-lookup', { hrefFor, depth: 2 });
    expect(b).toBe(a);
  });

  it('puts what points at the entity on its left, what it points at on its right', async () => {
    const svg = parseXml(await entityNeighbourhoodSvg(index, L, { hrefFor, depth: 1 }));
    const x = (ref: string) => boxOf(nodes(svg).find((n) => n.attrs['data-ref'] === ref)!).x;
    expect(x('group:default/team-a')).toBeLessThan(x(L));
    expect(x('api:default/artist-api')).toBeLessThan(x(L));
    expect(x('resource:default/artists-db')).toBeGreaterThan(x(L));
  });

  it('draws a mutual dependency as two separate edges', async () => {
    const c = new Catalog().add('component:a').add('component:b');
    c.relate('component:a', 'dependsOn', 'component:b').relate('component:b', 'dependsOn', 'component:a');
    const svg = parseXml(await entityNeighbourhoodSvg(createGraphIndex(c.entities), 'component:a', { hrefFor, depth: 1 }));
    const paths = [...walk(svg)].filter((el) => el.attrs['data-from'] !== undefined).map((g) => [...walk(g)].find((el) => el.name === 'path')!.attrs.d);
    expect(paths.length).toBe(2);
    expect(paths[0]).not.toBe(paths[1]);
  });

  it('returns an empty string for an unknown entity', async () => {
    expect(await entityNeighbourhoodSvg(index, 'component:nope', { hrefFor, depth: 1 })).toBe('');
  });
});

describe('systemArchitectureSvg', () => {
  const index = createGraphIndex(demoCatalog().entities);

  it('draws the system as a box around its parts, linked, with the owner optional', async () => {
    const svg = parseXml(await systemArchitectureSvg(index, 'system:artist-engagement-portal', { hrefFor }));
    const box = nodes(svg).find((n) => hasClass(n, 'pb-container'))!;
    expect(box.attrs['data-ref']).toBe('system:default/artist-engagement-portal');
    expect(linkOf(box)).toBe(hrefFor('system:default/artist-engagement-portal'));
    expect(svg.attrs['aria-label']).toBe('Architecture of Artist Engagement Portal (system:artist-engagement-portal): 2 components, 1 API, 1 resource');
    expect(nodes(svg).some((n) => n.attrs['data-ref'] === 'group:default/team-a')).toBe(true);
    const noOwner = parseXml(await systemArchitectureSvg(index, 'system:artist-engagement-portal', { hrefFor, showOwner: false }));
    expect(nodes(noOwner).some((n) => n.attrs['data-ref'] === 'group:default/team-a')).toBe(false);
  });

  it('nests systems inside a domain', async () => {
    const svg = parseXml(await systemArchitectureSvg(index, 'domain:artists', { hrefFor }));
    expect(nodes(svg).filter((n) => hasClass(n, 'pb-container')).map((n) => n.attrs['data-ref']))
      .toEqual(['domain:default/artists', 'system:default/artist-engagement-portal']);
  });

  it('returns an empty string for entities that are not systems or domains', async () => {
    expect(await systemArchitectureSvg(index, full('component:artist-lookup'), { hrefFor })).toBe('');
  });
});

/** Attributes that say how an element looks: the CSS's job, never repeated on elements. */
const PRESENTATION = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'fill-opacity', 'font-size', 'font-weight', 'font-family', 'text-anchor', 'style', 'opacity'];

describe('the SVG carries classes, the CSS how they look', () => {
  const index = createGraphIndex(demoCatalog().entities);
  const drawings = async () => [
    await entityNeighbourhoodSvg(index, L, { hrefFor, depth: 1 }),
    await entityNeighbourhoodSvg(index, L, { hrefFor, depth: 2 }),
    await systemArchitectureSvg(index, 'domain:artists', { hrefFor }),
    await systemArchitectureSvg(index, 'system:default/artist-engagement-portal', { hrefFor }),
  ];

  it('has no presentation attribute on any element', async () => {
    for (const text of await drawings()) {
      expect(text).not.toBe('');
      for (const el of walk(parseXml(text))) {
        for (const attr of PRESENTATION) expect(el.attrs[attr], `${el.name} ${attr}`).toBeUndefined();
      }
    }
  });

  it('gives every drawn element a class the CSS styles, or sits it in one', async () => {
    // groups that only structure the drawing
    const structural = new Set(['pb-graph', 'pb-legend', 'pb-node']);
    const styled = (cls: string) => structural.has(cls) || diagramCss.includes(`.${cls}`);
    for (const text of await drawings()) {
      const svg = parseXml(text);
      for (const el of walk(svg)) {
        for (const cls of (el.attrs.class ?? '').split(/\s+/).filter(Boolean)) expect(styled(cls), cls).toBe(true);
      }
      // an edge's line, arrowhead, label and label background are styled through its group: one of each, no class
      const edges = [...walk(svg)].filter((el) => hasClass(el, 'pb-edge'));
      expect(edges.length).toBeGreaterThan(0);
      for (const e of edges) {
        const drawn = e.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name !== 'title');
        expect(drawn.every((c) => c.attrs.class === undefined)).toBe(true);
        expect(new Set(drawn.map((c) => c.name)).size).toBe(drawn.length);
        expect(drawn.map((c) => c.name).slice(0, 2)).toEqual(['path', 'polygon']);
      }
      // any other text is a label, caption or legend entry
      const inEdges = new Set(edges.flatMap((e) => [...walk(e)]));
      for (const el of walk(svg)) {
        if (inEdges.has(el)) continue;
        if (el.name === 'text') expect(el.attrs.class, 'a text without a class').toMatch(/^pb-(label|caption|legend-text)$/);
        if (el.name === 'rect') expect(el.attrs.class).toBe('pb-hit');
      }
    }
  });

  it('writes edges in relative steps, axis-parallel lines as h/v, and rounded corners as relative arcs', async () => {
    for (const text of await drawings()) {
      const svg = parseXml(text);
      const ds = [...walk(svg)].map((el) => el.attrs.d).filter((d): d is string => Boolean(d));
      // no l along an axis
      for (const d of ds) for (const m of d.matchAll(/l(-?[\d.]+),(-?[\d.]+)/g)) expect(m[1] === '0' || m[2] === '0', `${m[0]} in ${d}`).toBe(false);
      const edges = [...walk(svg)].filter((el) => hasClass(el, 'pb-edge') && el.attrs['data-from']);
      for (const e of edges) {
        const d = e.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'path')!.attrs.d!;
        expect(d, d).toMatch(/^M-?[\d.]+,-?[\d.]+([hvlqc][-\d., ]+)+$/);
        // the line ends just short of its arrowhead's base, where it did in absolute coordinates
        const end = pathPoints(d).at(-1)!;
        const [tip, b1, b2] = e.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'polygon')!.attrs.points!.split(' ').map((p) => p.split(',').map(Number) as [number, number]);
        const base = [(b1![0] + b2![0]) / 2, (b1![1] + b2![1]) / 2];
        expect(Math.hypot(end[0] - base[0]!, end[1] - base[1]!)).toBeLessThan(1.3);
        expect(Math.hypot(end[0] - tip![0], end[1] - tip![1])).toBeGreaterThan(7);
      }
    }
    const ds = [...walk(parseXml(await entityNeighbourhoodSvg(index, L, { hrefFor, depth: 1 })))].map((el) => el.attrs.d ?? '');
    expect(ds.some((d) => /a8,8 0 0 1 8,8/.test(d))).toBe(true);
  });

  it('links the shared stylesheet from the standalone file, which styles light and dark', async () => {
    const [depth1] = await drawings();
    const file = standaloneSvg(depth1!);
    expect(file).toBe(`<?xml-stylesheet type="text/css" href="diagram.css"?>${depth1}`);
    const svg = parseXml(file.slice(file.indexOf('?>') + 2));
    expect(svg.name).toBe('svg');
    expect([...walk(svg)].filter((el) => el.name === 'a').length).toBeGreaterThan(3);
    expect(() => standaloneSvg('not a diagram')).toThrow(/no root <svg>/);
    expect(diagramFileCss).toContain('@media (prefers-color-scheme: dark)');
    // every kind's colour, and what a drawing uses: nodes, edges, legend
    for (const cls of ['pb-kind-component', 'pb-kind-template', 'pb-kind-group', 'pb-label', 'pb-caption', 'pb-shape', 'pb-edge', 'pb-legend-text']) expect(diagramFileCss).toContain(`.${cls}`);
    // the document is the diagram: no rule needs an enclosing .pb-diagram
    expect(diagramFileCss).not.toMatch(/\.pb-diagram \./);
  });
});

describe('diagramCss', () => {
  it('themes every kind class the SVG uses, in light and dark', () => {
    for (const kind of ['component', 'api', 'resource', 'system', 'domain', 'group', 'user', 'other']) {
      expect(diagramCss.match(new RegExp(`\\.pb-kind-${kind}\\{`, 'g'))?.length).toBe(4);
    }
    expect(diagramCss).toContain('prefers-color-scheme: dark');
  });
});

function boxOf(node: XmlElement): { x: number; y: number; w: number; h: number } {
  const nums = pathPoints([...walk(node)].find((el) => hasClass(el, 'pb-shape'))!.attrs.d!);
  const xs = nums.map((p) => p[0]);
  const ys = nums.map((p) => p[1]);
  return { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) };
}
