import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderPage } from '../../../src/pipeline/docs/render/render-page.js';
import { resetPlantumlBackoff } from '../../../src/pipeline/docs/render/diagrams/plantuml.js';
import { foldPlantumlNoServer } from '../../../src/pipeline/docs/render/diagram-blocks.js';
import type { RenderResult } from '../../../src/pipeline/docs/render/types.js';
import { site, byTag, classOf, text, elements, parse } from './helpers.js';
import { startPlantumlServer, type FakePlantuml } from './plantuml-server.js';

let server: FakePlantuml;
beforeAll(async () => { server = await startPlantumlServer(); });
afterAll(async () => { await server.close(); });
beforeEach(() => { server.requests.length = 0; server.diagrams.length = 0; resetPlantumlBackoff(); });

const TIMEOUT_MS = 400;
const renderWith = (md: string, opts: { cacheDir?: string; url?: string; sourcePath?: string } = {}): Promise<RenderResult> =>
  renderPage({
    site: site({ embeds: { iframeHosts: [], plantuml: { url: opts.url ?? server.url, timeoutMs: TIMEOUT_MS } } }),
    pagePath: 'p', sourcePath: opts.sourcePath ?? 'docs/p.md', text: md,
  }, opts.cacheDir ? { cacheDir: opts.cacheDir } : {});
const diagramTexts = (html: string) => byTag(html, 'figure').filter((f) => classOf(f).includes('docs-diagram')).map((f) => elements(f).filter((e) => e.tagName === 'text').map(text));
const codeTexts = (html: string) => byTag(html, 'code').map(text);

describe('PlantUML through the configured server', () => {
  it('draws ```plantuml blocks and the ::uml:: form of plantuml-markdown, with @startuml added when missing', async () => {
    const r = await renderWith('# Flows\n\n```plantuml\nBob -> Alice : hello\n```\n\n::uml:: format="svg" classes="uml"\n  Goofy -> Mickey: calls\n::end-uml::\n\n```puml\n@startuml\nAnn -> Ben\n@enduml\n```\n');
    expect(diagramTexts(r.html)).toEqual([['Bob', 'Alice'], ['Goofy', 'Mickey'], ['Ann', 'Ben']]);
    expect(server.requests.every((u) => u.startsWith('/plantuml/svg/'))).toBe(true);
    expect(server.diagrams).toHaveLength(3);
    expect(server.diagrams.every((d) => d.startsWith('@startuml\n') && d.trimEnd().endsWith('@enduml'))).toBe(true);
    expect(r.diagnostics).toEqual([]);
    expect(r.retry).toBeUndefined();
    // the server's style attributes arrive as presentation attributes, never as CSS
    expect(r.html).not.toContain('style="width');
    expect(byTag(r.html, 'rect')[0]!.properties).toMatchObject({ stroke: '#181818', strokeWidth: '0.5' });
  });

  it('leaves the ::uml:: syntax alone inside a code fence (a page documenting it)', async () => {
    const r = await renderWith('````markdown\n::uml:: format="svg"\nA -> B\n::end-uml::\n````\n');
    expect(server.requests).toEqual([]);
    expect(codeTexts(r.html).join('')).toContain('::uml:: format="svg"');
  });

  it('asks nothing on a warm build: drawings come from the cache by content', async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'pb-puml-cache-'));
    const md = '```plantuml\nCarol -> Dave\n```\n';
    const cold = await renderWith(md, { cacheDir });
    expect(server.requests).toHaveLength(1);
    const warm = await renderWith(`Changed text around it.\n\n${md}`, { cacheDir });
    expect(server.requests).toHaveLength(1);
    expect(diagramTexts(warm.html)).toEqual(diagramTexts(cold.html));
    expect(diagramTexts(warm.html)).toEqual([['Carol', 'Dave']]);
  });

  it('sanitizes what the server returns: no script, handler, foreignObject, javascript: link or image', async () => {
    const r = await renderWith('```plantuml\nEVIL -> X\n```');
    const all = elements(parse(r.html));
    expect(all.filter((e) => ['script', 'foreignObject', 'iframe', 'image', 'img'].includes(e.tagName))).toEqual([]);
    expect(all.flatMap((e) => Object.keys(e.properties)).filter((a) => /^on/i.test(a))).toEqual([]);
    expect(r.html).not.toMatch(/javascript:|evil\.net/);
    expect(diagramTexts(r.html)).toEqual([['Evil']]);
  });

  it('keeps a diagram the server rejects as code, with one warning for the page at the first failed block', async () => {
    const r = await renderWith('# T\n\n```plantuml\nA -> B\nBAD syntax\n```\n\n```plantuml\nC -> D\n```\n\n```plantuml\nBAD again\n```\n');
    expect(diagramTexts(r.html)).toEqual([['C', 'D']]);
    expect(codeTexts(r.html).join('\n')).toContain('BAD syntax');
    expect(r.diagnostics).toEqual([{
      severity: 'warning', code: 'docs.plantuml-failed', file: 'docs/p.md', source: 'test', line: 3,
      message: `2 PlantUML diagrams on this page are shown as source, the first at this line: ${server.url} — the server could not draw it (HTTP 400): "Syntax Error?" at line 1 of the diagram`,
    }]);
    // the server's verdict on the diagram: the page may be kept
    expect(r.retry).toBeUndefined();
  });

  it('does not hang on a server that never answers: bounded per diagram, then this thread stops asking', async () => {
    const started = Date.now();
    const r = await renderWith('```plantuml\nHANG -> X\n```\n\n```plantuml\nE -> F\n```\n');
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 5);
    expect(codeTexts(r.html).join('\n')).toContain('HANG -> X');
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['docs.plantuml-failed', 1]]);
    expect(r.diagnostics[0]!.message).toContain(`the server did not answer within ${TIMEOUT_MS / 1000} s`);
    expect(r.retry).toBe(true);
    // the next page does not wait again: the server is left alone for a while
    const asked = server.requests.length;
    const t2 = Date.now();
    const next = await renderWith('```plantuml\nG -> H\n```\n', { sourcePath: 'docs/next.md' });
    expect(Date.now() - t2).toBeLessThan(TIMEOUT_MS);
    expect(server.requests.length).toBe(asked);
    expect(next.diagnostics.map((d) => [d.code, d.file])).toEqual([['docs.plantuml-failed', 'docs/next.md']]);
  });

  it('marks a page to try again when the server errs or cannot be reached', async () => {
    const failing = await renderWith('```plantuml\nFIVEHUNDRED -> X\n```');
    expect(failing.retry).toBe(true);
    expect(failing.diagnostics[0]!.message).toContain('HTTP 500');
    const closed = await startPlantumlServer();
    await closed.close();
    const unreachable = await renderWith('```plantuml\nA -> B\n```', { url: closed.url });
    expect(unreachable.retry).toBe(true);
    expect(unreachable.diagnostics[0]!.message).toMatch(/could not be reached \(ECONNREFUSED\)/);
  });
});

describe('PlantUML without a server', () => {
  it('shows the source with one warning per page, folded into one per build', async () => {
    const page = (sourcePath: string) => renderPage({ site: site(), pagePath: 'p', sourcePath, text: 'Intro\n\n```plantuml\nA -> B\n```\n\n```plantuml\nC -> D\n```\n' });
    const [a, b] = await Promise.all([page('docs/a.md'), page('docs/b.md')]);
    expect(server.requests).toEqual([]);
    expect(codeTexts(a.html).join('\n')).toContain('A -> B');
    expect(a.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['docs.plantuml-no-server', 'docs/a.md', 3]]);
    expect(a.diagnostics[0]!.message).toContain('2 PlantUML diagrams on this page are shown as source: portal.yaml sets no PlantUML server');
    const other = { severity: 'warning' as const, code: 'docs.other', message: 'x' };
    const folded = foldPlantumlNoServer([other, ...a.diagnostics, ...b.diagnostics]);
    expect(folded.map((d) => [d.code, d.file, d.line])).toEqual([['docs.other', undefined, undefined], ['docs.plantuml-no-server', 'docs/a.md', 3]]);
    expect(folded[1]!.message).toMatch(/^PlantUML diagrams on 2 pages are shown as source \(the first is here\): portal\.yaml sets no PlantUML server/);
  });
});
