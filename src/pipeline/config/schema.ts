/** The shape of `portal.yaml`. Strict objects: an unknown key is an error (with a "did you mean"). */
import { z } from 'zod';
import { SourceSchema } from './source-schema.js';
import { SiteSchema } from './site-schema.js';
import { DocsSchema } from './docs-schema.js';
import { ScorecardsSchema } from './scorecards-schema.js';
import { AnnotationLinksSchema } from './annotation-links-schema.js';

/** 25 MiB: more than any screenshot or diagram, less than a video or disk image committed by mistake. */
export const DEFAULT_MAX_ASSET_BYTES = 25 * 1024 * 1024;

export const ConfigSchema = z.strictObject({
  site: SiteSchema,
  sources: z.array(SourceSchema).min(1),
  /** How many sources are cloned or fetched at once. */
  concurrency: z.number().int().min(1).max(64).default(8),
  /** Exit 1 when any error diagnostic was raised (nightly builds may opt in). */
  strict: z.boolean().default(false),
  limits: z.strictObject({
    /** Descriptor files larger than this are refused. */
    max_file_bytes: z.number().int().positive().default(1024 * 1024),
    /** Docs images and files larger than this are not published (the page keeps the link text). */
    max_asset_bytes: z.number().int().positive().default(DEFAULT_MAX_ASSET_BYTES),
  }).default({ max_file_bytes: 1024 * 1024, max_asset_bytes: DEFAULT_MAX_ASSET_BYTES }),
  /** What TechDocs pages may embed: iframe hosts, a PlantUML server (docs-schema.ts). */
  docs: DocsSchema.default({ iframe_hosts: [] }),
  /** Standards as code: scorecards computed at build time (scorecards-schema.ts). */
  scorecards: ScorecardsSchema,
  /** Links built from annotations, `{value}` filled in (annotation-links-schema.ts); built-ins cover the well-known ones. */
  annotation_links: AnnotationLinksSchema,
  /** Build-time plugins, in order (plugins/load.ts): first-party by name, or a module relative to this file. */
  plugins: z.array(z.strictObject({
    /** `adr`, `readme`, `codeowners`, `github`, `changelog`; `./plugins/x.mjs`; or an npm package name. */
    use: z.string().min(1),
    options: z.record(z.string(), z.unknown()).optional(),
    /** How long one hook call may take before its result is dropped (default 10 s). */
    timeout_ms: z.number().int().min(10).max(600_000).optional(),
  })).default([]),
});

export type { SourceConfig } from './source-schema.js';
export type PortalConfig = z.infer<typeof ConfigSchema>;

/** A loaded config: the parsed values plus where it came from, for resolving relative paths. */
export interface Config extends PortalConfig {
  /** Absolute path of the config file. */
  file: string;
  /** Absolute folder of the config file; relative `path:`/`git:` values resolve against it. */
  dir: string;
}
