/**
 * The problems `/health/` does not render (each owner's beyond the page's bound), fetched by its
 * script when a reader asks for an owner's part: the page stays small however many there are.
 */
import type { APIRoute } from 'astro';
import { getModel } from '../../lib/model.js';

export const GET: APIRoute = () => {
  const owners: Record<string, { label: string; href?: string; counts: unknown; rows: unknown[] }> = {};
  for (const o of getModel().health.owners) {
    if (o.rows.length > o.shown) owners[o.id] = { label: o.label, ...(o.owner?.href ? { href: o.owner.href } : {}), counts: o.counts, rows: o.rows.slice(o.shown) };
  }
  return new Response(JSON.stringify({ owners }), { headers: { 'Content-Type': 'application/json' } });
};
