/**
 * The last output kept in the cache: what a build into a fresh --out reuses pages from, and how the
 * copy follows each build without copying bytes or ever showing half a copy.
 */
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keepOutputCopy, OUTPUT_COPY, previousOutput } from '../../../src/pipeline/previous-output.js';
import { tempDir } from '../../support/git.js';

const work = tempDir('playbill-previous-output-');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** An output as a build leaves it: pages, a search index, a report with an inventory and a fingerprint. */
function output(dir: string, fingerprint: string, page = '<h1>Home</h1>'): string {
  mkdirSync(join(dir, 'catalog/default/component/a'), { recursive: true });
  mkdirSync(join(dir, 'pagefind'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), page);
  writeFileSync(join(dir, 'catalog/default/component/a/index.html'), '<h1>a</h1>');
  writeFileSync(join(dir, 'pagefind/pagefind.js'), '// index');
  writeFileSync(join(dir, 'build-report.json'), JSON.stringify({ siteFingerprint: fingerprint, inventory: {}, diagnostics: [] }));
  return dir;
}

describe('previousOutput', () => {
  it('prefers --out, falls back to the cache copy, and is nothing without either', () => {
    const cache = join(work, 'cache-1');
    expect(previousOutput(join(work, 'none'), cache)).toBeUndefined();
    output(join(cache, OUTPUT_COPY), 'f1');
    expect(previousOutput(join(work, 'none'), cache)).toMatchObject({ dir: join(cache, OUTPUT_COPY), fromCache: true, report: { siteFingerprint: 'f1' } });
    const out = output(join(work, 'out-1'), 'f2');
    expect(previousOutput(out, cache)).toMatchObject({ dir: out, fromCache: false, report: { siteFingerprint: 'f2' } });
  });

  it('does not reuse a copy without its report: one a build was killed while bringing up to date', () => {
    const cache = join(work, 'cache-1b');
    output(join(cache, OUTPUT_COPY), 'f1');
    rmSync(join(cache, OUTPUT_COPY, 'build-report.json'));
    expect(previousOutput(join(work, 'none'), cache)).toBeUndefined();
  });
});

describe('keepOutputCopy', () => {
  it('mirrors the output by hard links, and brings a copy of another site up to it', () => {
    const cache = join(work, 'cache-2');
    const first = output(join(work, 'out-2'), 'f1');
    expect(keepOutputCopy(first, cache)).toBe(true);
    const copy = join(cache, OUTPUT_COPY);
    expect(statSync(join(copy, 'catalog/default/component/a/index.html')).ino).toBe(statSync(join(first, 'catalog/default/component/a/index.html')).ino);

    // the next build: one page changed, one gone, one new, the search index reused (a link to the copy's)
    const second = output(join(work, 'out-3'), 'f2', '<h1>Home, changed</h1>');
    rmSync(join(second, 'catalog/default/component/a'), { recursive: true });
    mkdirSync(join(second, 'catalog/default/component/b'), { recursive: true });
    writeFileSync(join(second, 'catalog/default/component/b/index.html'), '<h1>b</h1>');
    rmSync(join(second, 'pagefind/pagefind.js'));
    linkSync(join(copy, 'pagefind/pagefind.js'), join(second, 'pagefind/pagefind.js'));
    const index = statSync(join(copy, 'pagefind/pagefind.js')).ino;
    expect(keepOutputCopy(second, cache)).toBe(true);
    expect(readFileSync(join(copy, 'catalog/default/component/b/index.html'), 'utf8')).toBe('<h1>b</h1>');
    // what the build reused is left as it is, not linked again
    expect(statSync(join(copy, 'pagefind/pagefind.js')).ino).toBe(index);
    expect(previousOutput(join(work, 'none'), cache)).toMatchObject({ fromCache: true, report: { siteFingerprint: 'f2' } });
    expect(readFileSync(join(copy, 'index.html'), 'utf8')).toBe('<h1>Home, changed</h1>');
    // a page the new output no longer has is gone from the copy too
    expect(existsSync(join(copy, 'catalog/default/component/a/index.html'))).toBe(false);
    // no half-made or set-aside copy is left beside it
    expect(readdirNames(cache)).toEqual([OUTPUT_COPY]);
  });

  it('relinks only the report files when the copy already holds the same site', () => {
    const cache = join(work, 'cache-3');
    const out = output(join(work, 'out-4'), 'f1');
    keepOutputCopy(out, cache);
    const page = statSync(join(cache, OUTPUT_COPY, 'index.html')).ino;
    // the same site built again into a new folder: other inodes, the same fingerprint, a new report
    const again = output(join(work, 'out-5'), 'f1');
    writeFileSync(join(again, 'build-report.json'), JSON.stringify({ siteFingerprint: 'f1', inventory: {}, diagnostics: [], generatedAt: 'later' }));
    keepOutputCopy(again, cache);
    expect(statSync(join(cache, OUTPUT_COPY, 'index.html')).ino).toBe(page);
    expect(JSON.parse(readFileSync(join(cache, OUTPUT_COPY, 'build-report.json'), 'utf8')).generatedAt).toBe('later');
  });

  it('never fails a build: an output it cannot read leaves the cache as it was', () => {
    const cache = join(work, 'cache-4');
    output(join(cache, OUTPUT_COPY), 'f1');
    expect(keepOutputCopy(join(work, 'missing-out'), cache)).toBe(false);
    expect(readFileSync(join(cache, OUTPUT_COPY, 'index.html'), 'utf8')).toBe('<h1>Home</h1>');
  });
});

const readdirNames = (dir: string): string[] => readdirSync(dir).sort();
