/** The diagrams' stylesheet as one cacheable file, instead of a copy inlined into every entity page. */
import type { APIRoute } from 'astro';
import { diagramCss } from '../../pipeline/diagrams/theme.js';

export const GET: APIRoute = () => new Response(diagramCss, { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
