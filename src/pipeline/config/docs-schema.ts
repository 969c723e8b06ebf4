/**
 * `docs:` in portal.yaml: what TechDocs pages may embed. The portal owner's config is trusted; what
 * it allows here is what untrusted pages get (iframes from these hosts, PlantUML drawn by this server).
 */
import { z } from 'zod';

/**
 * A host as `URL.host` spells it (`example.com`, `docs.example.com:8443`), or `*.example.com` for its
 * subdomains. Exact by default, as Backstage's `techdocs.sanitizer.allowedIframeHosts`: allowing
 * `example.com` does not allow `evil.example.com`, which someone else may control.
 */
export const IFRAME_HOST = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;

export const DEFAULT_PLANTUML_TIMEOUT_SECONDS = 10;

export const DocsSchema = z.strictObject({
  /** https iframes from these hosts are kept (sandboxed); others are removed with a warning. */
  iframe_hosts: z.array(z.string().regex(IFRAME_HOST, 'a host such as example.com or *.example.com (no scheme, no path)')).default([]),
  /** A PlantUML server (`<server>/svg/<encoded>`) that draws PlantUML blocks at build time. */
  plantuml: z.strictObject({
    server: z.url({ protocol: /^https?$/, error: 'an http(s) URL of a PlantUML server, e.g. https://plantuml.example.com/plantuml' }),
    /** Per diagram; a slow server must not hold the build. */
    timeout_seconds: z.number().positive().max(120).default(DEFAULT_PLANTUML_TIMEOUT_SECONDS),
  }).optional(),
});

export type DocsConfig = z.infer<typeof DocsSchema>;
