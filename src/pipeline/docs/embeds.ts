/** `docs:` of portal.yaml as the page renderer reads it (part of every page's render key). */
import type { DocsConfig } from '../config/docs-schema.js';
import type { RenderEmbeds } from './render/types.js';

export function renderEmbeds(docs: DocsConfig | undefined): RenderEmbeds | undefined {
  if (!docs) return undefined;
  const iframeHosts = [...new Set(docs.iframe_hosts.map((h) => h.toLowerCase()))].sort();
  const plantuml = docs.plantuml ? { url: docs.plantuml.server, timeoutMs: Math.round(docs.plantuml.timeout_seconds * 1000) } : undefined;
  if (iframeHosts.length === 0 && !plantuml) return undefined;
  return { iframeHosts, ...(plantuml ? { plantuml } : {}) };
}
