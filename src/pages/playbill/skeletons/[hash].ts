/**
 * Skeleton files by content hash, for `playbill dev` only: a build copies (or links) them into the
 * output itself (site/scaffold-assets.ts), so unchanged ones are shared with the previous output.
 */
import { readFileSync } from 'node:fs';
import type { APIRoute } from 'astro';
import { getScaffoldAssets } from '../../../lib/model.js';

export function getStaticPaths() {
  if (!import.meta.env.DEV) return [];
  return Object.entries(getScaffoldAssets().skeletons ?? {}).map(([hash, from]) => ({ params: { hash }, props: { from } }));
}

export const GET: APIRoute = ({ props }) => new Response(readFileSync(props.from as string), { headers: { 'Content-Type': 'application/octet-stream' } });
