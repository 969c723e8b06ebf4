/** The explorer's compact index, fetched lazily by the explorer page. */
import type { APIRoute } from 'astro';
import { getModel } from '../../lib/model.js';

export const GET: APIRoute = () =>
  new Response(JSON.stringify(getModel().explorer), { headers: { 'Content-Type': 'application/json' } });
