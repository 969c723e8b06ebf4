/** The shape of `portal.yaml`. Strict objects: an unknown key is an error (with a "did you mean"). */
import { z } from 'zod';
import { isRepoWebUrl } from './web-host.js';
import { DocsSchema } from './docs-schema.js';
import { ScorecardsSchema } from './scorecards-schema.js';
import { AnnotationLinksSchema } from './annotation-links-schema.js';

/** 25 MiB: more than any screenshot or diagram, less than a video or disk image committed by mistake. */
export const DEFAULT_MAX_ASSET_BYTES = 25 * 1024 * 1024;

const sourceName = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lowercase a-z, 0-9 and single dashes');

export const SourceSchema = z
  .strictObject({
    name: sourceName,
    /** A git URL (https, ssh, git, file) or a path to a local repo or bare repo. */
    git: z.string().min(1).optional(),
    /** A local folder read in place, relative to the config file. */
    path: z.string().min(1).optional(),
    /** Branch, tag or commit; default: the remote's HEAD. For a `path:` folder inside another checkout with a `web_url`, the ref its links name (default HEAD). */
    ref: z.string().min(1).optional(),
    /** Globs relative to the source root where descriptors live. */
    catalog: z.array(z.string().min(1)).min(1).optional(),
    /** Name of the environment variable holding a token for private HTTPS repos. */
    token_env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name').optional(),
    /**
     * The repository's address on its web host, for a source whose remote does not tell it (a local
     * path, a mirror): view, edit and docs edit links are built from it, and URLs into it resolve
     * into this source. Wins over the host derived from the remote.
     */
    web_url: z.string().refine(isRepoWebUrl, 'expected the https address of a GitHub, GitLab or Bitbucket repository, e.g. https://github.com/acme/payments').optional(),
  })
  .refine((s) => (s.git === undefined) !== (s.path === undefined), {
    message: 'a source needs exactly one of `git` or `path`',
  });

export const ConfigSchema = z.strictObject({
  site: z.strictObject({
    title: z.string().min(1).default('Developer Portal'),
    description: z.string().optional(),
    url: z.url().optional(),
    base: z.string().startsWith('/').default('/'),
  }).default({ title: 'Developer Portal', base: '/' }),
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

export type SourceConfig = z.infer<typeof SourceSchema>;
export type PortalConfig = z.infer<typeof ConfigSchema>;

/** A loaded config: the parsed values plus where it came from, for resolving relative paths. */
export interface Config extends PortalConfig {
  /** Absolute path of the config file. */
  file: string;
  /** Absolute folder of the config file; relative `path:`/`git:` values resolve against it. */
  dir: string;
}
