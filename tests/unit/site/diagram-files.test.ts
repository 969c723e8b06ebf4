import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openedDiagrams, publishable, publishDiagrams } from '../../../src/pipeline/site/diagram-files.js';
import { entityPageProps } from '../../../src/pipeline/site/page-props.js';
import type { DiagramFiles, SiteData } from '../../../src/pipeline/site/types.js';

const SVG = (label: string) => `<svg xmlns="http://www.w3.org/2000/svg" class="pb-diagram" viewBox="0 0 1300 400" width="1300" height="400" role="img" aria-label="${label}"><title>${label}</title></svg>`;

const dirs: string[] = [];
const temp = () => { const d = mkdtempSync(join(tmpdir(), 'pb-diagram-files-')); dirs.push(d); return d; };
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function drawn(dir: string, name: string, svgs: Partial<Record<'depth1' | 'depth2' | 'architecture', string>>): DiagramFiles {
  mkdirSync(join(dir, 'diagrams'), { recursive: true });
  return Object.fromEntries(Object.entries(svgs).map(([which, svg]) => {
    const file = join(dir, 'diagrams', `${name}-${which}.svg`);
    writeFileSync(file, svg);
    return [which, file];
  }));
}

describe('published diagrams', () => {
  it('are the ones a reader opens: depth 2, and depth 1 only beside an architecture', () => {
    expect(openedDiagrams({ depth1: 'a', depth2: 'b' })).toEqual(['depth2']);
    expect(openedDiagrams({ depth1: 'a' })).toEqual([]);
    expect(openedDiagrams({ depth1: 'a', depth2: 'b', architecture: 'c' })).toEqual(['depth1', 'depth2']);
  });

  it('are named by their content, written once, with the styles embedded and the title as text', () => {
    const dir = temp();
    const written = new Set<string>();
    const title = 'Relations of Tom & "Jerry"';
    const esc = 'Relations of Tom &amp; &quot;Jerry&quot;';
    const a = publishable(drawn(dir, '1', { depth1: SVG('one'), depth2: SVG(esc) }), join(dir, 'diagrams'), written);
    const b = publishable(drawn(dir, '2', { depth1: SVG('two'), depth2: SVG(esc) }), join(dir, 'diagrams'), written);
    const d = a.opened!.depth2!;
    expect(a.opened!.depth1).toBeUndefined();
    expect(d.href).toMatch(/^playbill\/diagrams\/[0-9a-f]{24}\.svg$/);
    expect(b.opened!.depth2!.href).toBe(d.href);
    expect(d.title).toBe(title);
    expect(d.readable).toBe(1100);
    expect(readdirSync(join(dir, 'diagrams', 'published'))).toHaveLength(1);
    expect(readFileSync(d.file, 'utf8')).toMatch(/^<\?xml-stylesheet type="text\/css" href="diagram\.css"\?><svg [^>]*><title>/);
    const other = publishable(drawn(dir, '3', { depth1: SVG('three'), depth2: SVG('other') }), join(dir, 'diagrams'), written);
    expect(other.opened!.depth2!.href).not.toBe(d.href);
  });

  it('leave one that is not a drawing of ours as it was, inline', () => {
    const dir = temp();
    const files = drawn(dir, '0', { depth1: SVG('one'), depth2: 'not an svg' });
    expect(publishable(files, join(dir, 'diagrams'), new Set())).toEqual(files);
  });

  it('leave the page: its props carry the link, not the SVG', () => {
    const dir = temp();
    const files = publishable(drawn(dir, '0', { depth1: SVG('one'), depth2: SVG('two'), architecture: SVG('arch') }), join(dir, 'diagrams'), new Set());
    const data = { model: { entities: [{ ref: 'system:default/x' }] }, assets: { diagrams: { 0: files }, api: {} } } as unknown as SiteData;
    const props = entityPageProps(data, 0, (f) => readFileSync(f, 'utf8'));
    expect(props.diagrams.architecture).toBe(SVG('arch'));
    expect(props.diagrams.depth1).toBeUndefined();
    expect(props.diagrams.depth2).toBeUndefined();
    expect(props.diagrams.opened).toEqual({
      depth1: { href: files.opened!.depth1!.href, title: 'one', readable: 1100 },
      depth2: { href: files.opened!.depth2!.href, title: 'two', readable: 1100 },
    });
  });

  it('are hard-linked from the previous output when it has them, else copied', () => {
    const dir = temp();
    const files = publishable(drawn(dir, '0', { depth1: SVG('one'), depth2: SVG('two'), architecture: SVG('arch') }), join(dir, 'diagrams'), new Set());
    const diagrams = { 0: files };
    const previous = temp();
    const out = temp();
    const d1 = files.opened!.depth1!;
    mkdirSync(join(previous, 'playbill', 'diagrams'), { recursive: true });
    writeFileSync(join(previous, d1.href), readFileSync(d1.file));
    const diagnostics: never[] = [];
    publishDiagrams(diagrams, out, previous, diagnostics);
    expect(diagnostics).toEqual([]);
    expect(statSync(join(out, d1.href)).ino).toBe(statSync(join(previous, d1.href)).ino);
    const d2 = files.opened!.depth2!;
    expect(readFileSync(join(out, d2.href), 'utf8')).toBe(readFileSync(d2.file, 'utf8'));
    expect(statSync(join(out, d2.href)).ino).not.toBe(statSync(d2.file).ino);
  });
});
