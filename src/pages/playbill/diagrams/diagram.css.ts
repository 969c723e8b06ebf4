/** The stylesheet every published diagram file links (`<?xml-stylesheet?>`), one file for all of them. */
import type { APIRoute } from 'astro';
import { diagramFileCss } from '../../../pipeline/diagrams/theme.js';

export const GET: APIRoute = () => new Response(diagramFileCss, { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
