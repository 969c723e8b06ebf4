/** An API's definition as a file next to its page, for download. */
import type { APIRoute } from 'astro';
import { getModel, readModelFile, shouldRender } from '../../../../../lib/model.js';
import { apiRoute } from '../../../../../pipeline/site/routes.js';

export function getStaticPaths() {
  return getModel().entities.flatMap((e) => (e.api && shouldRender(apiRoute(e)!)
    ? [{ params: { ...e.route, file: e.api.fileName }, props: { raw: e.api.rawFile } }]
    : []));
}

export const GET: APIRoute = ({ props }) =>
  new Response(readModelFile(props.raw as string) ?? '', { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
