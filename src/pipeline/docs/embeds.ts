/** `docs:` of portal.yaml as the page renderer reads it, and the part of it a page's render key holds. */
import type { DocsConfig } from '../config/docs-schema.js';
import type { RenderEmbeds, RenderJob } from './render/types.js';

export function renderEmbeds(docs: DocsConfig | undefined): RenderEmbeds | undefined {
  if (!docs) return undefined;
  const iframeHosts = [...new Set(docs.iframe_hosts.map((h) => h.toLowerCase()))].sort();
  const plantuml = docs.plantuml ? { url: docs.plantuml.server, timeoutMs: Math.round(docs.plantuml.timeout_seconds * 1000) } : undefined;
  if (iframeHosts.length === 0 && !plantuml) return undefined;
  return { iframeHosts, ...(plantuml ? { plantuml } : {}) };
}

/**
 * What of the embeds config a page's output can depend on: the iframe hosts only if its text holds
 * `<iframe` (no parser makes an iframe element without it), the PlantUML server only if it holds
 * `uml` (every PlantUML fence language and `::uml::` do). So adding a host re-renders the pages
 * with iframes, not all of them. The timeout is left out: a timed-out page is never kept anyway.
 */
export function embedsKey(job: RenderJob): string {
  const e = job.site.embeds;
  if (!e) return '';
  return JSON.stringify([
    /<iframe/i.test(job.text) ? e.iframeHosts : null,
    /uml/i.test(job.text) ? e.plantuml?.url ?? null : null,
  ]);
}
