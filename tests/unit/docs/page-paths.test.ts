import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DiagnosticSink } from '../../../src/pipeline/diagnostics.js';
import { listPages } from '../../../src/pipeline/docs/tree.js';
import { pagePathOf, pageUrlFrom, safePagePath, writtenPagePathOf } from '../../../src/pipeline/docs/render/links.js';
import { matchUrlRef } from '../../../src/pipeline/docs/locate.js';
import type { Snapshot } from '../../../src/pipeline/sources/types.js';

describe('page paths', () => {
  it('replace what static hosts and the router cannot serve as written, segment by segment', () => {
    expect(pagePathOf('%2e%2e/index.md')).toBe('-2e-2e');
    expect(pagePathOf('guides/pct%41.md')).toBe('guides/pct-41');
    expect(pagePathOf('back\\slash.md')).toBe('back-slash');
    expect(pagePathOf('q?x/h#x.md')).toBe('q-x/h-x');
    expect(pagePathOf('ctl\u0001\u007f\u0085\u2028\u2029x.md')).toBe('ctl-----x');
    // everything else stays as written: ordinary punctuation, spaces, non-ASCII letters
    for (const name of ["a:b", 'sp ace', 'ü', 'a+b', "a'b", 'a(b)', 'a~b', 'a[b]', 'a&b', 'nbsp\u00a0x']) {
      expect(pagePathOf(`${name}.md`)).toBe(name);
    }
    expect(writtenPagePathOf('q?x/README.md')).toBe('q?x');
    expect(pagePathOf('q?x/README.md')).toBe('q-x');
    expect(safePagePath(pagePathOf('pct%41.md'))).toBe('pct-41');
  });

  it('links between pages are percent-encoded, so `a:b/` is not read as a URL scheme', () => {
    expect(pageUrlFrom('', 'a:b')).toBe('a%3Ab/');
    expect(pageUrlFrom('x/y', 'x/sp ace')).toBe('../sp%20ace/');
    expect(pageUrlFrom('x', 'ü')).toBe('../%C3%BC/');
  });
});

describe('listPages', () => {
  it('notes each renamed page with both names, control characters escaped, and resolves collisions as usual', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pb-pages-'));
    for (const name of ['ls\u2028x.md', 'a%b.md', 'a-b.md', 'plain.md']) writeFileSync(path.join(root, name), '# x\n');
    const sink = new DiagnosticSink();
    const pages = listPages(root, '', sink);
    expect(pages.map((p) => [p.rel, p.pagePath])).toEqual([['a%b.md', 'a-b'], ['ls\u2028x.md', 'ls-x'], ['plain.md', 'plain']]);
    const notes = sink.items.map((d) => [d.severity, d.code, d.file]);
    expect(notes).toEqual([
      ['info', 'docs.page-renamed', 'a%b.md'], ['info', 'docs.page-renamed', 'ls\u2028x.md'], ['info', 'docs.page-conflict', 'a-b.md'],
    ]);
    expect(sink.items[1]!.message).toContain('page "ls\\u2028x" is published at "ls-x"');
  });
});

describe('matchUrlRef', () => {
  const gh: Snapshot = {
    name: 'r', root: '/tmp/r', origin: 'git', catalogGlobs: [], stale: false, history: {},
    host: { kind: 'github', repoUrl: 'https://github.com/o/r' },
  };
  it('returns the path as written, instead of throwing, when its %-escapes do not decode', () => {
    expect(matchUrlRef('https://github.com/o/r/tree/main/%E0%A4%A', [gh])).toEqual({ snapshot: gh, badEscape: '%E0%A4%A' });
    expect(matchUrlRef('https://github.com/o/r/tree/main/a%zz', [gh])).toEqual({ snapshot: gh, badEscape: 'a%zz' });
    expect(matchUrlRef('https://github.com/o/r/tree/main/a%20b', [gh])).toEqual({ snapshot: gh, subPath: 'a b' });
  });
});
