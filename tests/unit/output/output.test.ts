/** The output folder's rules, without a build: what counts as an earlier output, leftovers, moving across disks. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { checkOutDir, isPlaybillOutput, moveTree, removeOutputLeftovers, stageOutput, discardOutput } from '../../../src/pipeline/output.js';
import { tempDir, writeFiles } from '../../support/git.js';

const check = (out: string, keep: Array<{ path: string; what: string }> = [], cacheDir = '/nonexistent/cache') => checkOutDir({ out, cacheDir, keep });

describe('checkOutDir', () => {
  it('takes a missing or empty folder, a marked output, and the shape older builds left', () => {
    const dir = tempDir();
    expect(check(path.join(dir, 'missing/out'))).toBeNull();
    expect(check(dir)).toBeNull();
    writeFiles(dir, { 'marked/.playbill/output.json': '{"generator":"playbill","format":1}', 'marked/whatever.txt': '' });
    expect(check(path.join(dir, 'marked'))).toBeNull();
    writeFiles(dir, { 'legacy/index.html': '', 'legacy/build-report.json': '{"diagnostics":[]}', 'legacy/.playbill/pages.json': '{}' });
    expect(check(path.join(dir, 'legacy'))).toBeNull();
  });

  it('refuses look-alikes: a report without the rest, a marker of something else, an unparsable report', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'report-only/build-report.json': '{"diagnostics":[]}',
      'no-playbill-dir/index.html': '', 'no-playbill-dir/build-report.json': '{"diagnostics":[]}',
      'bad-report/index.html': '', 'bad-report/build-report.json': 'not json', 'bad-report/.playbill/x': '',
      'other-marker/.playbill/output.json': '{"generator":"hugo"}',
    });
    for (const name of ['report-only', 'no-playbill-dir', 'bad-report', 'other-marker']) {
      expect(isPlaybillOutput(path.join(dir, name)), name).toBe(false);
      expect(check(path.join(dir, name)), name).toMatch(/holds files that are not a Playbill build/);
    }
  });

  it('compares real paths: a symlink to a source folder is that folder', () => {
    const dir = tempDir();
    writeFiles(dir, { 'src/catalog-info.yaml': '' });
    symlinkSync(path.join(dir, 'src'), path.join(dir, 'link'));
    expect(check(path.join(dir, 'link'), [{ path: path.join(dir, 'src'), what: 'the folder of source "x"' }])).toMatch(/is the folder of source "x"/);
    expect(check(dir, [{ path: path.join(dir, 'link/catalog-info.yaml'), what: 'the config file' }])).toMatch(/contains the config file/);
    // A sibling whose name starts the same is not inside.
    expect(check(path.join(dir, 'src-out'), [{ path: path.join(dir, 'src'), what: 'x' }])).toBeNull();
  });
});

describe('removeOutputLeftovers', () => {
  const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

  it('puts back a set-aside output when the swap was killed halfway, and keeps a live build\'s staging folder', () => {
    const dir = tempDir();
    const out = path.join(dir, 'site');
    const dead = deadPid();
    writeFiles(dir, { [`site.old-${dead}-aaaaaa/index.html`]: 'the previous portal', [`site.tmp-${dead}-bbbbbb/index.html`]: 'half a build' });
    const live = stageOutput(out);
    expect(removeOutputLeftovers(out).map((f) => path.basename(f)).sort()).toEqual([`site.old-${dead}-aaaaaa`, `site.tmp-${dead}-bbbbbb`]);
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('the previous portal');
    expect(readdirSync(dir).sort()).toEqual(['site', path.basename(live.dir)]);
    discardOutput(live);
  });
});

describe('moveTree', () => {
  it('merges into the target, replacing files of the same name', () => {
    const dir = tempDir();
    writeFiles(dir, { 'from/a/new.html': 'new', 'from/a/same.html': 'rendered', 'from/b/c.txt': 'c', 'to/a/same.html': 'linked', 'to/a/kept.html': 'kept' });
    moveTree(path.join(dir, 'from'), path.join(dir, 'to'));
    const read = (f: string) => readFileSync(path.join(dir, 'to', f), 'utf8');
    expect([read('a/new.html'), read('a/same.html'), read('a/kept.html'), read('b/c.txt')]).toEqual(['new', 'rendered', 'kept', 'c']);
    // Nothing is left behind but emptied folders (the caller removes the source folder).
    expect(readdirSync(path.join(dir, 'from'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile())).toEqual([]);
  });

  it('copies and removes when a rename crosses file systems (EXDEV)', () => {
    const dir = tempDir();
    writeFiles(dir, { 'from/_astro/x.css': 'css', 'from/index.html': 'home', 'to/index.html': 'old home' });
    const renames: string[] = [];
    const crossDevice = (a: string, b: string) => {
      renames.push(path.relative(dir, a));
      throw Object.assign(new Error(`EXDEV: cross-device link not permitted, rename '${a}' -> '${b}'`), { code: 'EXDEV' });
    };
    moveTree(path.join(dir, 'from'), path.join(dir, 'to'), crossDevice);
    expect(renames.sort()).toEqual(['from/_astro', 'from/index.html']);
    expect(readFileSync(path.join(dir, 'to/_astro/x.css'), 'utf8')).toBe('css');
    expect(readFileSync(path.join(dir, 'to/index.html'), 'utf8')).toBe('home');
    expect(existsSync(path.join(dir, 'from/_astro'))).toBe(false);
    expect(existsSync(path.join(dir, 'from/index.html'))).toBe(false);
  });

  it('passes on other rename failures', () => {
    const dir = tempDir();
    writeFiles(dir, { 'from/index.html': 'home' });
    const denied = () => { throw Object.assign(new Error('EACCES'), { code: 'EACCES' }); };
    expect(() => moveTree(path.join(dir, 'from'), path.join(dir, 'to'), denied)).toThrow('EACCES');
  });
});
