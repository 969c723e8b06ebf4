/**
 * The shared content cache: keys carry a hash of the code that made the entry (code-version.ts),
 * pruning removes whole entries unused for two weeks and dead writers' temp files, and a docs page
 * written as not to be reused is a miss on the next build.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { codeInputs, codeVersion } from '../../../src/pipeline/cache/code-version.js';
import { pruneCacheDir } from '../../../src/pipeline/cache/prune.js';
import { RenderCache } from '../../../src/pipeline/docs/render-cache.js';
import { renderPage } from '../../../src/pipeline/docs/render/render-page.js';
import type { RenderJob } from '../../../src/pipeline/docs/render/types.js';

const temps: string[] = [];
const temp = () => { const d = mkdtempSync(join(tmpdir(), 'pb-cache-')); temps.push(d); return d; };
afterAll(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }); });

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}

/** A tiny project: a renderer folder importing a helper elsewhere and a package with a dependency. */
function project(helper = 'export const y = 1;\n'): string {
  const root = temp();
  write(root, {
    'src/render/page.ts': "import { y } from '../lib/helper.js';\nimport md from 'markdown-lib/sub/path.js';\nimport type { T } from 'types-only';\n",
    'src/render/notes.md': 'not code',
    'src/lib/helper.ts': helper,
    'src/lib/unused.ts': 'export {};\n',
    'node_modules/markdown-lib/package.json': JSON.stringify({ version: '1.2.3', dependencies: { tokenizer: '^2' } }),
    'node_modules/tokenizer/package.json': JSON.stringify({ version: '2.0.1' }),
  });
  return root;
}
const folder = (root: string) => `${pathToFileURL(join(root, 'src/render')).href}/`;

describe('code version', () => {
  it('hashes the folder, the files it imports and the packages it reaches with their dependencies', () => {
    const root = project();
    const inputs = codeInputs(folder(root));
    expect(inputs.files.map((f) => f.slice(root.length + 1))).toEqual(['src/lib/helper.ts', 'src/render/page.ts']);
    expect(inputs.packages).toEqual(['markdown-lib@1.2.3', 'tokenizer@2.0.1', 'types-only@-']);
  });

  it('is the same for the same code anywhere, and changes with any file it hashes', () => {
    const a = codeVersion(folder(project()));
    expect(codeVersion(folder(project()))).toBe(a);
    expect(codeVersion(folder(project('export const y = 2;\n')))).not.toBe(a);
  });

  it('covers what the docs renderer is made of', () => {
    const inputs = codeInputs(new URL('../../../src/pipeline/docs/render/', import.meta.url), new URL('../../../src/pipeline/docs/render-cache.ts', import.meta.url));
    const names = inputs.packages.map((p) => p.replace(/@[^@]*$/, ''));
    for (const pkg of ['unified', 'remark-parse', 'remark-gfm', 'rehype-raw', 'rehype-sanitize', 'shiki', '@shikijs/langs', 'micromark']) expect(names).toContain(pkg);
    const files = inputs.files.map((f) => f.replaceAll('\\', '/'));
    for (const f of ['docs/render/render-page.ts', 'docs/render/remark-mkdocs.ts', 'docs/render-cache.ts', 'sources/files.ts']) {
      expect(files.some((x) => x.endsWith(`/src/pipeline/${f}`)), f).toBe(true);
    }
  });
});

describe('pruning', () => {
  it('removes whole entries unused for two weeks and old temp files, and nothing outside the fan-out folders', () => {
    const dir = temp();
    write(dir, {
      'ab/ab01.html': 'old page', 'ab/ab01.json': '{}',
      'ab/ab02.html': 'used page', 'ab/ab02.json': '{}',
      'cd/cd03.svg.tmp-1-0-aaaa': 'dead writer', 'cd/cd04.svg.tmp-2-0-bbbb': 'live writer',
      'notes/old.txt': 'not ours',
    });
    const now = Date.now();
    const age = (rel: string, days: number) => { const t = (now - days * 86400_000) / 1000; utimesSync(join(dir, rel), t, t); };
    age('ab/ab01.html', 30); age('ab/ab01.json', 30);
    age('ab/ab02.html', 30); // the newest file of an entry says when it was last used
    age('cd/cd03.svg.tmp-1-0-aaaa', 1);
    age('notes/old.txt', 30);
    expect(pruneCacheDir(dir, now)).toBe(3);
    expect(['ab/ab01.html', 'ab/ab01.json', 'cd/cd03.svg.tmp-1-0-aaaa'].filter((f) => existsSync(join(dir, f)))).toEqual([]);
    expect(['ab/ab02.html', 'ab/ab02.json', 'cd/cd04.svg.tmp-2-0-bbbb', 'notes/old.txt'].every((f) => existsSync(join(dir, f)))).toBe(true);
  });
});

describe('render cache', () => {
  it('serves a page written for reuse, and renders again one written without reuse', async () => {
    const root = temp();
    const cache = new RenderCache(temp());
    const job: RenderJob = {
      site: { sourceName: 's', sourceRoot: root, docsDir: 'docs', urlPath: 'docs/default/component/x/', maxAssetBytes: 1024 },
      pagePath: '', sourcePath: 'docs/index.md', text: '# Hello',
    };
    const key = cache.keyOf(job);
    const result = await renderPage(job);
    const kept = cache.put(key, result);
    expect(cache.get(key, job)).toEqual(kept);
    const once = cache.put(key, result, { reuse: false });
    expect(existsSync(once.htmlFile)).toBe(true);
    expect(cache.get(key, job)).toBeUndefined();
    expect(cache.keyOf({ ...job, text: '# Hello!' })).not.toBe(key);
  });
});
