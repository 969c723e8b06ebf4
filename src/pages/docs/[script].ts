/** Mermaid's browser bundle, written once under the base when some docs page has a diagram. */
import { readFileSync } from 'node:fs';
import type { APIRoute } from 'astro';
import { getMermaidScript } from '../../lib/model.js';

export function getStaticPaths() {
  const m = getMermaidScript();
  return m ? [{ params: { script: m.href.split('/').pop()! }, props: { file: m.file } }] : [];
}

export const GET: APIRoute = ({ props }) =>
  new Response(readFileSync(props.file as string), { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
