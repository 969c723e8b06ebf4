import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildDocs } from '../../../src/pipeline/docs/index.js';
import { renderAll } from '../../../src/pipeline/docs/render/render-pool.js';
import { tempDir, writeTree, entity, catalog, snapshot } from './helpers.js';
import { startPlantumlServer, type FakePlantuml } from '../../unit/docs/plantuml-server.js';

const cat = catalog(entity('svc', { 'backstage.io/techdocs-ref': 'dir:.' }));
let server: FakePlantuml;
beforeAll(async () => { server = await startPlantumlServer(); });
afterAll(async () => { await server.close(); });

const docs = (url: string, timeout_seconds = 10) => ({ iframe_hosts: [], plantuml: { server: url, timeout_seconds } });

describe('PlantUML in a docs build', () => {
  it('draws through the server on a cold build and asks nothing on a warm one', async () => {
    const root = writeTree(tempDir(), { 'docs/index.md': '# Home\n\n```plantuml\nUser -> Api\n```\n', 'docs/b.md': '# B\n\n::uml::\nApi -> Db\n::end-uml::\n' });
    const cacheDir = tempDir();
    const before = server.requests.length;
    const cold = await buildDocs(cat, [snapshot(root)], { cacheDir, docs: docs(server.url) });
    expect(server.requests.length - before).toBe(2);
    expect(cold.diagnostics).toEqual([]);
    expect(readFileSync(cold.sites[0]!.pages.find((p) => p.path === 'b')!.htmlFile, 'utf8')).toMatch(/<svg[^>]*>.*>Api<.*>Db</s);
    const warm = await buildDocs(cat, [snapshot(root)], { cacheDir, docs: docs(server.url) });
    expect(warm.counts).toMatchObject({ rendered: 0, cached: 2 });
    expect(server.requests.length - before).toBe(2);
  });

  it('does not keep a page whose server timed out: the next build tries it again', async () => {
    const root = writeTree(tempDir(), { 'docs/index.md': '# Home\n\n```plantuml\nHANG -> X\n```\n' });
    const cacheDir = tempDir();
    const first = await buildDocs(cat, [snapshot(root)], { cacheDir, docs: docs(server.url, 0.3) });
    expect(first.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['docs.plantuml-failed', 'docs/index.md', 3]]);
    const second = await buildDocs(cat, [snapshot(root)], { cacheDir, docs: docs(server.url, 0.3) });
    expect(second.counts).toMatchObject({ rendered: 1, cached: 0 });
  });

  it('says once per build that no server is configured', async () => {
    const root = writeTree(tempDir(), { 'docs/index.md': '# Home\n\n```plantuml\nA -> B\n```\n', 'docs/b.md': '# B\n\n```plantuml\nC -> D\n```\n' });
    const r = await buildDocs(cat, [snapshot(root)], { cacheDir: tempDir() });
    expect(r.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['docs.plantuml-no-server', 'docs/b.md', 3]]);
    expect(r.diagnostics[0]!.message).toContain('on 2 pages');
  });

  it('asks the server, and draws DOT, from worker threads', async () => {
    const before = server.requests.length;
    const jobs = Array.from({ length: 60 }, (_, i) => ({
      site: { sourceName: 's', sourceRoot: tempDir(), docsDir: '', urlPath: 'docs/default/component/x/', maxAssetBytes: 1024,
        embeds: { iframeHosts: [], plantuml: { url: server.url, timeoutMs: 10_000 } } },
      pagePath: `p${i}`, sourcePath: `p${i}.md`, text: `# P${i}\n\n\`\`\`plantuml\nWorker${i} -> Server\n\`\`\`\n${i % 20 === 0 ? `\n\`\`\`dot\ndigraph { Dot${i} -> Thread }\n\`\`\`\n` : ''}`,
    }));
    const run = await renderAll(jobs, { workers: 2 });
    expect(run.inWorkers).toBe(60);
    expect(server.requests.length - before).toBe(60);
    expect(run.results.every((r, i) => r.html.includes(`>Worker${i}<`) && r.diagnostics.length === 0)).toBe(true);
    expect([0, 20, 40].every((i) => run.results[i]!.html.includes(`>Dot${i}<`))).toBe(true);
  });
});
