/**
 * DOT → SVG with Graphviz compiled to WebAssembly (@viz-js/viz): no `dot` binary on the build
 * machine, and no file system either (its files are in memory, so `image=` or `shapefile=` in an
 * author's DOT cannot read the build machine's files). One instance per thread, made on first use
 * (~130 ms; a page without DOT never loads it). The SVG it returns is untrusted (labels and `URL`
 * come from the author): the caller sanitizes it (svg-sanitize.ts).
 *
 * Drawing is synchronous and cannot be interrupted, and its cost grows faster than the graph
 * (measured on 2 busy cores: 200 edges ~0.7 s, 1,000 ~1.8 s, 3,000 ~14 s), so sources are bounded.
 */
import { instance, type Viz } from '@viz-js/viz';

/** About 1,500 edges: a few seconds at most. A diagram larger than this is not readable on a page either. */
export const MAX_DOT_CHARS = 20_000;

/** Layout engines of markdown_inline_graphviz's `{% dot %}`, `{% neato %}` … forms, and `engine=` of a fence. */
export const ENGINES = ['dot', 'neato', 'fdp', 'sfdp', 'twopi', 'circo', 'osage', 'patchwork'] as const;
export type Engine = (typeof ENGINES)[number];
export const isEngine = (s: string): s is Engine => (ENGINES as readonly string[]).includes(s);

export type Drawn = { ok: true; svg: string } | { ok: false; reason: string };

let viz: Promise<Viz> | undefined;

export async function drawDot(source: string, engine: Engine = 'dot'): Promise<Drawn> {
  if (source.length > MAX_DOT_CHARS) {
    return { ok: false, reason: `it is longer than ${MAX_DOT_CHARS.toLocaleString('en-US')} characters, too large to draw at build time` };
  }
  const v = await (viz ??= instance());
  const r = v.render(source, { format: 'svg', engine });
  const errors = r.errors.filter((e) => e.level === 'error').map((e) => e.message.trim());
  // Graphviz can answer "success" with errors (a broken HTML label): the drawing then is not what the author wrote
  if (r.status !== 'success' || errors.length > 0) return { ok: false, reason: errors.join('; ') || 'Graphviz could not draw it' };
  return { ok: true, svg: r.output };
}
