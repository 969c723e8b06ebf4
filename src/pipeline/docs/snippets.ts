/**
 * pymdownx.snippets includes (`--8<-- "file"`, block form, `file:start:end` ranges), expanded
 * before rendering so the cache key covers what was included. Paths resolve against the mkdocs
 * folder (the extension's default base path) and must stay inside the source; anything else is a
 * warning and the include line is dropped. Never reads outside the source.
 */
import type { Diagnostic } from '../diagnostics.js';
import { readInside, resolveInside } from '../sources/files.js';
import { quote } from '../yaml/quote.js';

export interface SnippetContext {
  root: string;
  /** Base folder of includes: the mkdocs folder, posix, relative to the source root. */
  baseDir: string;
  sourceName: string;
}

export interface Expanded {
  text: string;
  /** 1-based line in the page file for each line of `text`; absent when nothing was included. */
  lineMap?: number[];
  diagnostics: Diagnostic[];
}

const SINGLE = /^([ \t]*)-{1,}8<-{1,}[ \t]+(["'])(.+?)\2[ \t]*$/;
const BLOCK = /^([ \t]*)-{1,}8<-{1,}[ \t]*$/;
const MAX_DEPTH = 4;
const MAX_BYTES = 1024 * 1024;

export function expandSnippets(text: string, sourcePath: string, ctx: SnippetContext): Expanded {
  if (!text.includes('8<-')) return { text, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const out: string[] = [];
  const map: number[] = [];

  const include = (spec: string, indent: string, line: number, depth: number) => {
    const warn = (code: string, message: string) =>
      diagnostics.push({ severity: 'warning', code, message, file: sourcePath, line, source: ctx.sourceName });
    const m = /^(.*?)(?::(\d+)(?::(\d+))?)?$/.exec(spec.trim())!;
    const file = m[1]!;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return warn('docs.snippet-unsupported', `snippet ${quote(spec)} is a URL; remote snippets are not fetched`);
    const r = resolveInside(ctx.root, ctx.baseDir, file);
    if (!r.ok) {
      return r.reason === 'missing'
        ? warn('docs.snippet-missing', `snippet ${quote(spec)} does not exist`)
        : warn('docs.path-outside', `snippet ${quote(spec)} leaves the source; not included`);
    }
    const buf = readInside(ctx.root, r.rel, MAX_BYTES);
    if (!buf) return warn('docs.snippet-missing', `snippet ${quote(spec)} is not a readable file (or larger than 1 MiB)`);
    let lines = buf.toString('utf8').replace(/\r?\n$/, '').split(/\r?\n/);
    if (m[2]) lines = lines.slice(Number(m[2]) - 1, m[3] ? Number(m[3]) : undefined);
    if (depth >= MAX_DEPTH) return warn('docs.snippet-unsupported', `snippet ${quote(spec)} nests too deep; not included`);
    walk(lines.map((l) => (l === '' ? l : indent + l)), () => line, depth + 1);
  };

  const walk = (lines: string[], lineOf: (i: number) => number, depth: number) => {
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      const single = SINGLE.exec(l);
      if (single) { include(single[3]!, single[1]!, lineOf(i), depth); continue; }
      const block = BLOCK.exec(l);
      if (block) {
        let j = i + 1;
        while (j < lines.length && !BLOCK.test(lines[j]!)) j++;
        if (j < lines.length) {
          for (let k = i + 1; k < j; k++) {
            const spec = lines[k]!.trim();
            if (spec && !spec.startsWith(';')) include(spec, block[1]!, lineOf(k), depth);
          }
          i = j;
          continue;
        }
      }
      out.push(l);
      map.push(lineOf(i));
    }
  };
  walk(text.split(/\r?\n/), (i) => i + 1, 0);
  return { text: out.join('\n'), lineMap: map, diagnostics };
}
