import { describe, it, expect } from 'vitest';
import { toHtml } from 'hast-util-to-html';
import { sanitizeSvg } from '../../../src/pipeline/docs/render/svg-sanitize.js';
import { byTag, elements, parse, text } from './helpers.js';

/** What a browser would build from the sanitized SVG once inlined in a page. */
const shown = (svg: string) => {
  const el = sanitizeSvg(svg);
  expect(el).toBeDefined();
  return toHtml(el!);
};
const attributesOf = (html: string) => elements(parse(html)).flatMap((e) => Object.keys(e.properties));

describe('strict SVG allowlist', () => {
  it('keeps shapes and text, and nothing that can run script or fetch', () => {
    const html = shown(`<?xml version="1.0"?><!DOCTYPE svg><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)" width="100pt" height="50pt" viewBox="0 0 100 50">
      <script>alert(1)</script><style>body{display:none}</style>
      <foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(1)"/></div></foreignObject>
      <g onclick="alert(1)"><rect x="1" y="2" width="3" height="4" onmouseover="alert(1)"/><text x="5" y="6">Node A</text></g>
      <image href="https://evil.example/track.png"/><use href="https://evil.example/x.svg#a"/>
      <a href="javascript:alert(1)"><text>js</text></a>
      <a xlink:href="java&#x0A;script:alert(1)"><text>split</text></a>
      <a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"><text>data</text></a>
      <a href="https://example.com/ok" target="_blank"><text>ok</text></a>
      <animate attributeName="href" to="javascript:alert(1)"/><set attributeName="onclick" to="alert(1)"/>
      <svg><text>nested</text></svg>
    </svg>`);
    for (const bad of ['<script', '<style', 'foreignObject', '<img', '<image', '<use', '<animate', '<set', 'javascript', 'data:', 'evil.example', 'nested', 'target']) {
      expect(html, bad).not.toContain(bad);
    }
    expect(attributesOf(html).filter((a) => /^on/i.test(a))).toEqual([]);
    expect(byTag(html, 'text').map(text)).toEqual(['Node A', 'js', 'split', 'data', 'ok']);
    expect(byTag(html, 'a').map((a) => a.properties.href)).toEqual([undefined, undefined, undefined, 'https://example.com/ok']);
    expect(byTag(html, 'svg')[0]!.properties).toMatchObject({ width: '100pt', height: '50pt', viewBox: '0 0 100 50' });
  });

  it('does not follow markup the HTML parser moves out of the svg (breakout tags)', () => {
    const html = shown('<svg><text>in</text><p><img src=x onerror=alert(1)></p><title><b onmouseover="alert(1)">t</b></title></svg><script>alert(2)</script>');
    expect(html).not.toMatch(/img|onerror|onmouseover|script|<p|<b/);
    expect(byTag(html, 'text').map(text)).toEqual(['in']);
  });

  it('keeps only local url(#id) references, prefixing ids so two diagrams cannot collide', () => {
    const html = shown(`<svg><defs><linearGradient id="g1"><stop offset="0" style="stop-color:red;stop-opacity:1"/></linearGradient></defs>
      <rect id="r" fill="url(#g1)" stroke="url(https://evil.example/p.svg#x)" filter="url(#missing)"/>
      <rect style="fill:url(https://evil.example/x); stroke:#181818; stroke-width:0.5; position:fixed; behavior:url(x.htc)"/>
      <a href="#r"><text>self</text></a></svg>`);
    const [grad] = byTag(html, 'linearGradient');
    const [first, second] = byTag(html, 'rect');
    expect(String(grad!.properties.id)).toMatch(/^d[0-9a-f]{8}-g1$/);
    expect(first!.properties.fill).toBe(`url(#${String(grad!.properties.id)})`);
    expect(first!.properties.stroke).toBeUndefined();
    expect(first!.properties.filter).toBeUndefined();
    // style declarations become presentation attributes; the rest of the CSS is gone
    expect(second!.properties).toEqual({ stroke: '#181818', strokeWidth: '0.5' });
    expect(html).not.toContain('style=');
    expect(byTag(html, 'stop')[0]!.properties).toMatchObject({ stopColor: 'red', stopOpacity: '1' });
    expect(byTag(html, 'a')[0]!.properties.href).toBe(`#${String(first!.properties.id)}`);
  });

  it('is stable (same input, same output) and its output survives a second pass unchanged', () => {
    const svg = '<svg viewBox="0 0 10 10"><g id="a" class="node evil-class"><title>&lt;script&gt;</title><text>x &amp; y</text></g></svg>';
    const once = shown(svg);
    expect(shown(svg)).toBe(once);
    expect(once).toContain('class="node"');
    expect(byTag(once, 'title').map(text)).toEqual(['<script>']);
    // what a browser parses from the output is again only allowed markup (no mutation on re-parse)
    expect(attributesOf(shown(once)).sort()).toEqual(attributesOf(once).sort());
  });

  it('gives up on input without an svg, or too large to parse', () => {
    expect(sanitizeSvg('<html><body>502 Bad Gateway</body></html>')).toBeUndefined();
    expect(sanitizeSvg(`<svg>${' '.repeat(5_000_001)}</svg>`)).toBeUndefined();
  });
});

describe('links in drawings', () => {
  it('turns a tooltip into a <title> and escapes markup characters of a kept href', () => {
    const html = shown('<svg><a xlink:href="https://example.com/?q=<b>" xlink:title="<img src=x onerror=alert(1)>"><text>n</text></a></svg>');
    const [a] = byTag(html, 'a');
    expect(a!.properties).toEqual({ href: 'https://example.com/?q=%3Cb%3E' });
    expect(byTag(html, 'title').map(text)).toEqual(['<img src=x onerror=alert(1)>']);
    expect(html).not.toMatch(/<img|xlink/);
  });
});
