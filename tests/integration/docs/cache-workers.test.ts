import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildDocs } from '../../../src/pipeline/docs/index.js';
import { renderAll } from '../../../src/pipeline/docs/render/render-pool.js';
import { renderPage } from '../../../src/pipeline/docs/render/render-page.js';
import { tempDir, writeTree, entity, catalog, snapshot } from './helpers.js';

const REF = 'backstage.io/techdocs-ref';
const cat = catalog(entity('svc', { [REF]: 'dir:.' }));

describe('render cache', () => {
  it('renders nothing on a second run, only a changed page after an edit, and pages whose link target appeared', async () => {
    const root = writeTree(tempDir(), {
      'docs/index.md': '# Home\n\n[later](later.md)',
      'docs/a.md': '# A',
      'docs/b.md': '# B\n\n```ts\nconst x = 1;\n```',
    });
    const cacheDir = tempDir();
    const first = await buildDocs(cat, [snapshot(root)], { cacheDir });
    expect(first.counts).toEqual({ pages: 3, rendered: 3, cached: 0 });
    expect(first.diagnostics.map((d) => d.code)).toEqual(['docs.broken-link']);

    const second = await buildDocs(cat, [snapshot(root)], { cacheDir });
    expect(second.counts).toEqual({ pages: 3, rendered: 0, cached: 3 });
    expect(second.diagnostics).toEqual(first.diagnostics);
    expect(second.sites).toEqual(first.sites);

    writeFileSync(path.join(root, 'docs/a.md'), '# A changed');
    const third = await buildDocs(cat, [snapshot(root)], { cacheDir });
    expect(third.counts).toEqual({ pages: 3, rendered: 1, cached: 2 });
    const a = third.sites[0]!.pages.find((p) => p.path === 'a')!;
    expect(a.title).toBe('A changed');
    expect(readFileSync(a.htmlFile, 'utf8')).toContain('A changed');

    // the index linked to a missing page: creating it re-renders the index (now a link) and renders the new page
    writeFileSync(path.join(root, 'docs/later.md'), '# Later');
    const fourth = await buildDocs(cat, [snapshot(root)], { cacheDir });
    expect(fourth.counts).toEqual({ pages: 4, rendered: 2, cached: 2 });
    expect(fourth.diagnostics).toEqual([]);
    expect(readFileSync(fourth.sites[0]!.pages[0]!.htmlFile, 'utf8')).toContain('href="later/"');
  });
});

describe('worker threads', () => {
  it('renders large sets in workers with the same output as in-process', async () => {
    const files: Record<string, string> = { 'docs/index.md': '# Home' };
    for (let i = 0; i < 80; i++) {
      files[`docs/p${i}.md`] = `# Page ${i}\n\n!!! note\n    See [home](index.md).\n\n\`\`\`py\nprint(${i})\n\`\`\`\n`;
    }
    const root = writeTree(tempDir(), files);
    const inWorkers = await buildDocs(cat, [snapshot(root)], { cacheDir: tempDir(), workers: 2 });
    const inProcess = await buildDocs(cat, [snapshot(root)], { cacheDir: tempDir(), workers: 1 });
    expect(inWorkers.counts).toEqual({ pages: 81, rendered: 81, cached: 0 });
    const html = (r: typeof inWorkers) => r.sites[0]!.pages.map((p) => readFileSync(p.htmlFile, 'utf8'));
    expect(html(inWorkers)).toEqual(html(inProcess));
    expect(html(inWorkers)[5]).toContain('class="shiki');
  });
});

describe('render pool', () => {
  it('really uses worker threads (tsx-loaded) above the threshold, and matches in-process output', async () => {
    const root = tempDir();
    const jobs = Array.from({ length: 60 }, (_, i) => ({
      site: { sourceName: 's', sourceRoot: root, docsDir: '', urlPath: 'docs/default/component/x/', maxAssetBytes: 1024 * 1024 },
      pagePath: `p${i}`, sourcePath: `p${i}.md`, text: `# P${i}\n\n=== "A"\n    a\n\n\`\`\`js\nlet x = ${i}\n\`\`\``,
    }));
    const run = await renderAll(jobs, { workers: 2 });
    expect(run.inWorkers).toBe(60);
    expect(run.results[7]!.html).toBe((await renderPage(jobs[7]!)).html);
    const small = await renderAll(jobs.slice(0, 5), { workers: 2 });
    expect(small.inWorkers).toBe(0);
  });
});
