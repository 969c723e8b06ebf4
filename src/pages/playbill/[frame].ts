/**
 * The sandbox template pages render in (templates/sandbox/frame.ts): `scaffold-frame.html` and its
 * script, named by content. The page frames it with `sandbox="allow-scripts"`, so it runs in an
 * opaque origin; its own CSP lets nothing load or connect (`default-src 'none'`) but its script,
 * and allows eval, which Nunjucks compiles templates with. Only when some template page scaffolds.
 */
import { readFileSync } from 'node:fs';
import type { APIRoute } from 'astro';
import { getScaffoldAssets } from '../../lib/model.js';

export const FRAME_CSP = "default-src 'none'; script-src 'self' 'unsafe-eval'";

export function getStaticPaths() {
  const frame = getScaffoldAssets().scaffoldFrame;
  if (!frame) return [];
  const html = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${FRAME_CSP}"><title>Template renderer</title><script src="${frame.name}"></script></head><body></body></html>\n`;
  return [
    { params: { frame: 'scaffold-frame.html' }, props: { body: html, type: 'text/html; charset=utf-8' } },
    { params: { frame: frame.name }, props: { file: frame.file, type: 'text/javascript; charset=utf-8' } },
  ];
}

export const GET: APIRoute = ({ props }) => new Response((props.body as string | undefined) ?? readFileSync(props.file as string), { headers: { 'Content-Type': props.type as string } });
