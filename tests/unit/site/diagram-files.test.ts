import { createHash } from 'node:crypto';
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

/** The asset step's result for one entity: each SVG written, keyed as the drawing code keys it (here: by its text). */
function drawn(dir: string, name: string, svgs: Partial<Record<'depth1' | 'depth2' | 'architecture', string>>): DiagramFiles {
  mkdirSync(join(dir, 'diagrams'), { recursive: true });
  const files: DiagramFiles = { keys: {} };
  for (const [which, svg] of Object.entries(svgs) as Array<['depth1' | 'depth2' | 'architecture', string]>) {
    const file = join(dir, 'diagrams', `${name}-${which}.svg`);
    writeFileSync(file, svg);
    files[which] = file;
    files.keys![which] = createHash('sha256').update(svg).digest('hex').slice(0, 40);
  }
  return files;
}

describe('published diagrams', () => {
  it('are the ones a reader opens: depth 2, and depth 1 only beside an architecture', () => {
    expect(openedDiagrams({ depth1: 'a', depth2: 'b' })).toEqual(['depth2']);
    expect(openedDiagrams({ depth1: 'a' })).toEqual([]);
    expect(openedDiagrams({ depth1: 'a', depth2: 'b', architecture: 'c' })).toEqual(['depth1', 'depth2']);
  });

  it('are named by their key, one file for one drawing, with the title as text', () => {
    const dir = temp();
    const title = 'Relations of Tom & "Jerry"';
    const esc = 'Relations of Tom &amp; &quot;Jerry&quot;';
    const a = publishable(drawn(dir, '1', { depth1: SVG('one'), depth2: SVG(esc) }));
    const b = publishable(drawn(dir, '2', { depth1: SVG('two'), depth2: SVG(esc) }));
    const d = a.opened!.depth2!;
    expect(a.opened!.depth1).toBeUndefined();
    expect(d.href).toBe(`playbill/diagrams/${a.keys!.depth2!.slice(0, 24)}.svg`);
    expect(b.opened!.depth2!.href).toBe(d.href);
    expect(d.title).toBe(title);
    expect(d.readable).toBe(1100);
    const other = publishable(drawn(dir, '3', { depth1: SVG('three'), depth2: SVG('other') }));
    expect(other.opened!.depth2!.href).not.toBe(d.href);
    // written to the output once, linking the shared stylesheet
    const out = temp();
    const diagnostics: never[] = [];
    publishDiagrams({ 0: a, 1: b, 2: other }, out, undefined, diagnostics);
    expect(diagnostics).toEqual([]);
    expect(readdirSync(join(out, 'playbill', 'diagrams')).sort()).toEqual([d.href, other.opened!.depth2!.href].map((h) => h.split('/').pop()).sort());
    expect(readFileSync(join(out, d.href), 'utf8')).toBe(`<?xml-stylesheet type="text/css" href="diagram.css"?>${SVG(esc)}`);
  });

  it('read a title longer than the head they read of a file', () => {
    const dir = temp();
    const long = `Relations of ${'x'.repeat(20_000)}`;
    expect(publishable(drawn(dir, '1', { depth1: SVG('one'), depth2: SVG(long) })).opened!.depth2!.title).toBe(long);
  });

  it('leave one that is not a drawing of ours as it was, inline', () => {
    const dir = temp();
    const files = drawn(dir, '0', { depth1: SVG('one'), depth2: 'not an svg' });
    expect(publishable(files)).toEqual(files);
    const unkeyed = drawn(dir, '1', { depth1: SVG('one'), depth2: SVG('two') });
    delete unkeyed.keys!.depth2;
    expect(publishable(unkeyed)).toEqual(unkeyed);
  });

  it('leave the page: its props carry the link, not the SVG', () => {
    const dir = temp();
    const files = publishable(drawn(dir, '0', { depth1: SVG('one'), depth2: SVG('two'), architecture: SVG('arch') }));
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

  it('are hard-linked from the previous output when it has them, else written', () => {
    const dir = temp();
    const files = publishable(drawn(dir, '0', { depth1: SVG('one'), depth2: SVG('two'), architecture: SVG('arch') }));
    const diagrams = { 0: files };
    const previous = temp();
    const out = temp();
    const d1 = files.opened!.depth1!;
    mkdirSync(join(previous, 'playbill', 'diagrams'), { recursive: true });
    writeFileSync(join(previous, d1.href), `<?xml-stylesheet type="text/css" href="diagram.css"?>${readFileSync(d1.file, 'utf8')}`);
    const diagnostics: never[] = [];
    publishDiagrams(diagrams, out, previous, diagnostics);
    expect(diagnostics).toEqual([]);
    expect(statSync(join(out, d1.href)).ino).toBe(statSync(join(previous, d1.href)).ino);
    const d2 = files.opened!.depth2!;
    expect(readFileSync(join(out, d2.href), 'utf8')).toBe(`<?xml-stylesheet type="text/css" href="diagram.css"?>${SVG('two')}`);
  });
});
