/**
 * The branding's files under `playbill/brand/<role>.<hash>.<ext>` (site/branding/): the owner's logo,
 * favicon and stylesheet as read and checked by the site stage, and the generated accent stylesheet.
 * Served by a route rather than copied, so `playbill dev` shows them as a build does.
 */
import { readFileSync } from 'node:fs';
import type { APIRoute } from 'astro';
import { getBrandFiles } from '../../../lib/model.js';

export function getStaticPaths() {
  return getBrandFiles().map((f) => ({ params: { file: f.name }, props: { f } }));
}

export const GET: APIRoute = ({ props }) => {
  const f = props.f as ReturnType<typeof getBrandFiles>[number];
  return new Response(f.text ?? readFileSync(f.from!), { headers: { 'Content-Type': f.type } });
};
