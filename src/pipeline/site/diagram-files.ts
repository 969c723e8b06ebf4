/**
 * Diagrams a reader has to open (depth 2 in its closed fold; depth 1 beside an architecture, in
 * its fold) are not inlined in the page: each is published once as `playbill/diagrams/<key>.svg`,
 * named by its cache key (what it shows and the code that drew it: diagrams/index.ts diagramKey), and
 * linking the shared stylesheet beside it (`diagram.css`, standaloneSvg below) so that it also reads
 * opened by itself from the site — not from disk or through `<img>`, where it draws unstyled. The page
 * links to it and fetches it into place when the fold opens (components/entity/Diagrams.astro). Named
 * by its key, a file is shared by every page and build that draws the same, a host and a reader's
 * browser cache it across deploys, and an unchanged one is hard-linked from the previous output,
 * neither read nor written again (like the skeleton files, scaffold-assets.ts).
 */
import { closeSync, existsSync, linkSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readableWidth } from '../diagrams/svg.js';
import type { Diagnostic } from '../diagnostics.js';
import type { DiagramFiles, PublishedDiagram } from './types.js';

export const DIAGRAMS_DIR = 'playbill/diagrams';
/** Where a published diagram finds its stylesheet: beside it, so the link holds under any base (src/pages/playbill/diagrams/diagram.css.ts). */
export const DIAGRAM_FILE_CSS = 'diagram.css';

/**
 * A drawn diagram as a file of its own (opened from a closed fold or by itself): the same SVG after an
 * `xml-stylesheet` instruction naming the shared stylesheet beside it (diagrams/theme.ts
 * diagramFileCss), since no page's CSS reaches it there. A page that fetches the file into place
 * parses only its root element (the instruction stays behind): its diagrams.css styles it.
 */
export function standaloneSvg(svg: string): string {
  if (!/^<svg [^>]*>/.test(svg)) throw new Error('not a diagram drawn here: no root <svg>');
  return `<?xml-stylesheet type="text/css" href="${DIAGRAM_FILE_CSS}"?>${svg}`;
}

/** Which of an entity's diagrams are not shown when its page opens: they are published, not inlined. */
export function openedDiagrams(files: DiagramFiles): Array<'depth1' | 'depth2'> {
  return [...(files.architecture && files.depth1 ? ['depth1' as const] : []), ...(files.depth2 ? ['depth2' as const] : [])];
}

const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);

/** Enough of a drawn SVG for its root tag (title and width), unless a title is very long. */
const HEAD_BYTES = 8192;

/** The root `<svg …>` tag of a file drawn here; undefined for anything else. */
function rootTag(file: string): string | undefined {
  const fd = openSync(file, 'r');
  let head: string;
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    head = buf.toString('utf8', 0, readSync(fd, buf, 0, HEAD_BYTES, 0));
  } finally {
    closeSync(fd);
  }
  const tag = /^<svg [^>]*>/.exec(head) ?? (Buffer.byteLength(head) >= HEAD_BYTES - 3 ? /^<svg [^>]*>/.exec(readFileSync(file, 'utf8')) : null);
  return tag?.[0];
}

/**
 * Returns `files` with `opened` filled in for its opened diagrams, from their keys and root tags alone:
 * the files themselves are written to the output by publishDiagrams, only where the previous output
 * lacks them. A diagram without a key, or a file that is not a diagram drawn here, stays as it was:
 * the page inlines it, as before publishing existed.
 */
export function publishable(files: DiagramFiles): DiagramFiles {
  const opened: NonNullable<DiagramFiles['opened']> = {};
  for (const which of openedDiagrams(files)) {
    const key = files.keys?.[which];
    let tag: string | undefined;
    try {
      tag = key ? rootTag(files[which]!) : undefined;
    } catch {
      continue;
    }
    if (!tag) continue;
    // A copy, not a slice: V8 keeps a substring as a view of its parent, and this title lives in the
    // model for the whole build — as slices, it held every head read here in the heap.
    const label = /\baria-label="([^"]*)"/.exec(tag)?.[1];
    const title = label && Buffer.from(label).toString();
    const readable = readableWidth(tag);
    opened[which] = { href: `${DIAGRAMS_DIR}/${key!.slice(0, 24)}.svg`, file: files[which]!, title: title ? unescape(title) : 'Diagram', ...(readable ? { readable } : {}) };
  }
  return Object.keys(opened).length ? { ...files, opened } : files;
}

/** Every published diagram of the site, by its base-relative URL. */
export function publishedDiagrams(diagrams: Readonly<Record<number, DiagramFiles>>): Map<string, PublishedDiagram> {
  const out = new Map<string, PublishedDiagram>();
  for (const files of Object.values(diagrams)) for (const d of Object.values(files.opened ?? {})) if (d) out.set(d.href, d);
  return out;
}

/** Writes the published diagrams into the output: linked from the previous output when it has them, else written. */
export function publishDiagrams(diagrams: Readonly<Record<number, DiagramFiles>>, outDir: string, previousDir: string | undefined, diagnostics: Diagnostic[]): void {
  for (const [href, d] of publishedDiagrams(diagrams)) {
    const to = join(outDir, href);
    if (existsSync(to)) continue;
    mkdirSync(dirname(to), { recursive: true });
    const before = previousDir ? join(previousDir, href) : undefined;
    try {
      if (before && existsSync(before)) {
        try { linkSync(before, to); continue; } catch { /* another file system: copy */ }
      }
      writeFileSync(to, standaloneSvg(readFileSync(d.file, 'utf8')));
    } catch (e) {
      diagnostics.push({ severity: 'warning', code: 'site.asset-copy-failed', message: `could not publish a diagram (${href}): ${(e as Error).message}` });
    }
  }
}
