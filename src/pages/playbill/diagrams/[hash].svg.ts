/**
 * Published diagrams by content hash, for `playbill dev` only: a build links (or copies) them into
 * the output itself (site/diagram-files.ts), so unchanged ones are shared with the previous output.
 */
import { readFileSync } from 'node:fs';
import type { APIRoute } from 'astro';
import { getPublishedDiagrams } from '../../../lib/model.js';
import { DIAGRAMS_DIR, standaloneSvg } from '../../../pipeline/site/diagram-files.js';

export function getStaticPaths() {
  if (!import.meta.env.DEV) return [];
  return [...getPublishedDiagrams()].map(([href, from]) => ({ params: { hash: href.slice(DIAGRAMS_DIR.length + 1, -'.svg'.length) }, props: { from } }));
}

// `from` is the drawn SVG; the published file is it with the stylesheet line (site/diagram-files.ts).
export const GET: APIRoute = ({ props }) => new Response(standaloneSvg(readFileSync(props.from as string, 'utf8')), { headers: { 'Content-Type': 'image/svg+xml' } });
