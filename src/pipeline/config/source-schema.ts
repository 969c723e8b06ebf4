/** One entry of `sources:` in `portal.yaml`: where a repository (or folder) is read from. */
import { z } from 'zod';
import { isRepoWebUrl } from './web-host.js';

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

export type SourceConfig = z.infer<typeof SourceSchema>;
