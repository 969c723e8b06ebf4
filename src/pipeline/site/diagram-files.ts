/**
 * Diagrams a reader has to open (depth 2 in its closed fold; depth 1 beside an architecture, in
 * its fold) are not inlined in the page: each is published once as `playbill/diagrams/<hash>.svg`,
 * named by its content's SHA-256, with its styles embedded so that it also reads opened by itself
 * (svg.ts standaloneSvg). The page links to it and fetches it into place when the fold opens
 * (components/entity/Diagrams.astro). Named by content, a file is shared by every page and build
 * that draws the same, a host and a reader's browser cache it across deploys, and an unchanged one
 * is hard-linked from the previous output instead of written again (like the skeleton files,
 * scaffold-assets.ts).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readableWidth, standaloneSvg } from '../diagrams/svg.js';
import type { Diagnostic } from '../diagnostics.js';
import type { DiagramFiles, PublishedDiagram } from './types.js';

export const DIAGRAMS_DIR = 'playbill/diagrams';

/** Which of an entity's diagrams are not shown when its page opens: they are published, not inlined. */
export function openedDiagrams(files: DiagramFiles): Array<'depth1' | 'depth2'> {
  return [...(files.architecture && files.depth1 ? ['depth1' as const] : []), ...(files.depth2 ? ['depth2' as const] : [])];
}

const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);

/**
 * Makes the published files of one entity's opened diagrams under `<dir>/published/` (once per
 * content) and returns `files` with `opened` filled in. A file that cannot be read as a diagram
 * drawn here stays as it was: the page inlines it, as before publishing existed.
 */
export function publishable(files: DiagramFiles, dir: string, written: Set<string>): DiagramFiles {
  const opened: NonNullable<DiagramFiles['opened']> = {};
  for (const which of openedDiagrams(files)) {
    let svg: string;
    let text: string;
    try {
      svg = readFileSync(files[which]!, 'utf8');
      text = standaloneSvg(svg);
    } catch {
      continue;
    }
    const hash = createHash('sha256').update(text).digest('hex').slice(0, 24);
    const file = join(dir, 'published', `${hash}.svg`);
    if (!written.has(hash)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      written.add(hash);
    }
    // A copy, not a slice: V8 keeps a substring as a view of its parent, and this title lives in the
    // model for the whole build — as slices, it held every depth-2 SVG (50 KB each) in the heap.
    const label = /^<svg [^>]*?\baria-label="([^"]*)"/.exec(svg)?.[1];
    const title = label && Buffer.from(label).toString();
    const readable = readableWidth(svg);
    opened[which] = { href: `${DIAGRAMS_DIR}/${hash}.svg`, file, title: title ? unescape(title) : 'Diagram', ...(readable ? { readable } : {}) };
  }
  return Object.keys(opened).length ? { ...files, opened } : files;
}

/** Every published diagram of the site, by its base-relative URL. */
export function publishedDiagrams(diagrams: Readonly<Record<number, DiagramFiles>>): Map<string, PublishedDiagram> {
  const out = new Map<string, PublishedDiagram>();
  for (const files of Object.values(diagrams)) for (const d of Object.values(files.opened ?? {})) if (d) out.set(d.href, d);
  return out;
}

/** Writes the published diagrams into the output: linked from the previous output when it has them, else copied. */
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
      copyFileSync(d.file, to);
    } catch (e) {
      diagnostics.push({ severity: 'warning', code: 'site.asset-copy-failed', message: `could not publish a diagram (${href}): ${(e as Error).message}` });
    }
  }
}
