/** An API's definition as a file next to its page, for download. */
import type { APIRoute } from 'astro';
import { apiDownload, apiFiles, getModel, shouldRender } from '../../../../../lib/model.js';
import { apiRoute } from '../../../../../pipeline/site/routes.js';

export function getStaticPaths() {
  return getModel().entities.flatMap((e, i) => {
    const route = apiRoute(e, apiFiles(i));
    return route && shouldRender(route) ? [{ params: { ...e.route, file: apiFiles(i)!.fileName }, props: { i } }] : [];
  });
}

export const GET: APIRoute = ({ props }) =>
  new Response(apiDownload(props.i as number).raw ?? '', { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
