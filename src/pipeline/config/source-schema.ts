/** One entry of `sources:` in `portal.yaml`: where a repository (or folder) is read from. */
import { z } from 'zod';
import { isRepoWebUrl } from './web-host.js';

const KINDS = ['git', 'path', 'github', 'gitlab'] as const;
const LISTING_KEYS = ['include', 'exclude', 'topics', 'archived', 'forks'] as const;
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name');
const hostName = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/, 'an organisation name, e.g. acme');

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
    token_env: envName.optional(),
    /**
     * The repository's address on its web host, for a source whose remote does not tell it (a local
     * path, a mirror): view, edit and docs edit links are built from it, and URLs into it resolve
     * into this source. Wins over the host derived from the remote.
     */
    web_url: z.string().refine(isRepoWebUrl, 'expected the https address of a GitHub, GitLab or Bitbucket repository, e.g. https://github.com/acme/payments').optional(),
    /** Every repository of a GitHub organisation, listed through the API at each build (sources/discovery/). */
    github: z.strictObject({
      org: hostName,
      /** The environment variable holding a token that can list (and clone) the repositories. */
      token_env: envName.optional(),
      /** GitHub Enterprise Server: `https://github.example.com/api/v3`. Default https://api.github.com. */
      api_url: z.url({ protocol: /^https?$/ }).optional(),
      /** Also make Groups from the organisation's teams and Users from their members. */
      teams: z.boolean().optional(),
    }).optional(),
    /** Every project of a GitLab group and its subgroups, listed through the API at each build. */
    gitlab: z.strictObject({
      group: z.string().regex(/^[\w.-]+(\/[\w.-]+)*$/, 'a group path, e.g. acme/platform'),
      token_env: envName.optional(),
      /** A self-managed instance: `https://gitlab.example.com`. Default https://gitlab.com. */
      api_url: z.url({ protocol: /^https?$/ }).optional(),
    }).optional(),
    /** Globs on the repository name (`*`, `?`, `[…]`); a discovery source lists those matching one. */
    include: z.array(z.string().min(1)).min(1).optional(),
    /** Globs on the repository name left out, after `include`. */
    exclude: z.array(z.string().min(1)).optional(),
    /** Only repositories with at least one of these topics. */
    topics: z.array(z.string().min(1)).min(1).optional(),
    /** Archived repositories are left out unless this is true. */
    archived: z.boolean().optional(),
    /** Forks are left out unless this is true. */
    forks: z.boolean().optional(),
  })
  .superRefine((s, ctx) => {
    const kinds = KINDS.filter((k) => s[k] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({ code: 'custom', message: `a source needs exactly one of ${KINDS.map((k) => `\`${k}\``).join(', ')}${kinds.length ? ` (this one has ${kinds.join(' and ')})` : ''}` });
    }
    // the listing keys mean nothing to a single repository: say so rather than ignore them
    if (s.github === undefined && s.gitlab === undefined) {
      for (const key of LISTING_KEYS) {
        if (s[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `\`${key}\` only applies to a \`github:\` or \`gitlab:\` discovery source` });
      }
    }
  });

export type SourceConfig = z.infer<typeof SourceSchema>;
