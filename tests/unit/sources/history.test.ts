import { describe, expect, it } from 'vitest';
import { historyArgs, parseHistory } from '../../../src/pipeline/sources/history.js';

const rec = (sha: string, date: string, author: string, files: string[]) =>
  `\x1e${sha}\0${date}\0${author}\0\n${files.map((f) => `${f}\0`).join('')}`;

describe('parseHistory', () => {
  it('keeps the newest change of each path (git log lists newest first)', () => {
    const out = rec('c2', '2024-02-01T10:00:00+00:00', 'Bea', ['docs/index.md'])
      + rec('c1', '2024-01-01T10:00:00+00:00', 'Al', ['catalog-info.yaml', 'docs/index.md']);
    expect(parseHistory(out)).toEqual({
      'docs/index.md': { commit: 'c2', date: '2024-02-01T10:00:00+00:00', author: 'Bea' },
      'catalog-info.yaml': { commit: 'c1', date: '2024-01-01T10:00:00+00:00', author: 'Al' },
    });
  });
  it('keeps odd file names verbatim (spaces, newlines, quotes, unicode)', () => {
    const names = ['a b.md', 'line\nbreak.md', 'quo"te.md', 'ünï.md'];
    expect(Object.keys(parseHistory(rec('c1', 'd', 'A', names)))).toEqual(names);
  });
  it('skips commits without files (merges) and empty output', () => {
    expect(parseHistory('')).toEqual({});
    expect(parseHistory('\x1em1\0d\0A\0')).toEqual({});
  });
  it('handles a path named __proto__ as a plain key', () => {
    const h = parseHistory(rec('c1', 'd', 'A', ['__proto__']));
    expect(Object.keys(h)).toEqual(['__proto__']);
  });
});

describe('historyArgs', () => {
  it('is one log without rename detection (no blobs needed) and NUL-separated names', () => {
    const args = historyArgs('abc', false);
    expect(args.slice(0, 1)).toEqual(['log']);
    expect(args).toContain('--no-renames');
    expect(args).toContain('--name-only');
    expect(args).toContain('-z');
    expect(args.slice(-2)).toEqual(['abc', '--']);
  });
  it('limits to the current folder with relative paths for path sources', () => {
    expect(historyArgs('abc', true).slice(-4)).toEqual(['--relative', 'abc', '--', '.']);
  });
});
