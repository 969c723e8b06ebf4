/**
 * GitHub: links to a repository's Actions, pull requests, issues and releases, and a card of
 * GitHub Actions status badges, from the `github.com/project-slug` annotation (`owner/repo`).
 *
 * Which workflows get a badge: the `workflows` option when given; otherwise the
 * `.github/workflows/*.yml|yaml` files at the entity's source root, but only when that source is the
 * slug's repository — its web URL (`files.webUrl('')`) starts with `<host>/<slug>/`. A source with no
 * web host cannot be told apart from a copy of another repository, so it needs the option. (A source
 * that is a subfolder of its repository has no `.github/` of GitHub's at its root; such a source
 * simply has no workflow files there, or needs the option.)
 *
 * Badges are images the reader's browser fetches from the host, so an offline build shows none.
 * Nothing here calls GitHub or uses a token: every URL is built from the slug and file names.
 */
import yaml from 'js-yaml';
import { z } from 'zod';
import { definePlugin, type BadgeOutput, type EntityContext, type LinkOutput } from '../../pipeline/plugins/types.js';
import type { Entity } from '../../pipeline/catalog/types.js';

export const SLUG_ANNOTATION = 'github.com/project-slug';
/** Workflow files larger than this are not parsed for their `name:` (real ones are a few KB). */
export const MAX_WORKFLOW_BYTES = 256 * 1024;
/** Badges in one card: a repository with more workflows than this shows the first ones by file name. */
export const MAX_WORKFLOWS = 20;
const MAX_NAME_CHARS = 120;

const SLUG = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
/** A workflow's file name as GitHub accepts it in `actions/workflows/<file>`. */
const WORKFLOW_FILE = /^[A-Za-z0-9_.-]+\.ya?ml$/;

/** `github.acme.com` or `https://github.acme.com` → its https origin; anything else (http, a path, credentials) is refused. */
function httpsOrigin(value: string): string | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' || u.username || u.password || u.search || u.hash || (u.pathname !== '/' && u.pathname !== '')) return undefined;
  return u.origin;
}

const optionsSchema = z.object({
  host: z.string().default('github.com')
    .refine((v) => httpsOrigin(v) !== undefined, 'an https origin (https://github.example.com) or a host name'),
  workflows: z.array(z.string().regex(WORKFLOW_FILE, 'a workflow file name like ci.yml')).max(MAX_WORKFLOWS).optional(),
  branch: z.string().min(1).max(255).regex(/^[^\s?#]+$/, 'a branch name').optional(),
}).strict();

export type GithubOptions = z.infer<typeof optionsSchema>;

/** The slug, trimmed, when it is strictly `owner/repo`; undefined otherwise (absent or malformed). */
export function slugOf(entity: Entity): { slug?: string; bad?: string } {
  const raw = entity.metadata.annotations?.[SLUG_ANNOTATION];
  if (typeof raw !== 'string') return {};
  const slug = raw.trim();
  if (!SLUG.test(slug) || slug.includes('..') || slug.split('/').some((s) => s === '.')) return { bad: raw };
  return { slug };
}

const repoUrl = (ctx: EntityContext<GithubOptions>, slug: string): string => `${httpsOrigin(ctx.options.host ?? 'github.com')}/${slug}`;

/** The workflow's `name:`, or undefined when the file is too large, unparsable or has none. */
function workflowName(text: string | undefined): string | undefined {
  if (text === undefined || Buffer.byteLength(text, 'utf8') > MAX_WORKFLOW_BYTES) return undefined;
  let doc: unknown;
  try {
    doc = yaml.load(text, { schema: yaml.CORE_SCHEMA, json: true });
  } catch {
    return undefined;
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const name = (doc as Record<string, unknown>).name;
  if (typeof name !== 'string') return undefined;
  const clean = name.replace(/\s+/g, ' ').trim();
  return clean ? clean.slice(0, MAX_NAME_CHARS) : undefined;
}

/** True when the entity's source is known to be the slug's repository on this host. */
function sourceIsRepo(ctx: EntityContext<GithubOptions>, slug: string): boolean {
  const web = ctx.files?.webUrl('', 'tree');
  if (!web) return false;
  return web.toLowerCase().startsWith(`${repoUrl(ctx, slug).toLowerCase()}/`);
}

/** Workflow files to badge, with the path to read each one's name from when the source is the repository. */
function workflowFiles(ctx: EntityContext<GithubOptions>, slug: string): Array<{ file: string; path?: string }> {
  const own = ctx.files !== undefined && sourceIsRepo(ctx, slug);
  // Named in the option: still titled by their `name:` when the file is at hand.
  if (ctx.options.workflows) return ctx.options.workflows.map((file) => ({ file, ...(own ? { path: `/.github/workflows/${file}` } : {}) }));
  if (!own) return [];
  return ctx.files!.glob('/.github/workflows/*.{yml,yaml}')
    .map((p) => ({ file: p.split('/').pop()!, path: p }))
    .filter((w) => WORKFLOW_FILE.test(w.file))
    .slice(0, MAX_WORKFLOWS);
}

export default definePlugin<GithubOptions>({
  name: 'github',
  // its entity hooks read the entity and its files only: kept between builds while those are unchanged
  reads: ['entity', 'files'],
  options: optionsSchema,

  entityLinks(entity, ctx) {
    const { slug, bad } = slugOf(entity);
    // Warned here only: the card hook sees the same annotation and stays quiet.
    if (bad !== undefined) {
      ctx.warn(`${SLUG_ANNOTATION} is not owner/repo: ${JSON.stringify(bad.slice(0, 80))}`, { entityRef: ctx.ref });
      return [];
    }
    if (!slug) return [];
    const base = repoUrl(ctx, slug);
    const links: LinkOutput[] = [
      { label: 'Actions', url: `${base}/actions` },
      { label: 'Pull requests', url: `${base}/pulls` },
      { label: 'Issues', url: `${base}/issues` },
      { label: 'Releases', url: `${base}/releases` },
    ];
    return links;
  },

  entityCards(entity, ctx) {
    if (ctx.offline) return [];
    const { slug } = slugOf(entity);
    if (!slug) return [];
    const base = repoUrl(ctx, slug);
    const query = ctx.options.branch ? `?branch=${encodeURIComponent(ctx.options.branch)}` : '';
    const badges: BadgeOutput[] = workflowFiles(ctx, slug).map(({ file, path }) => {
      const name = (path !== undefined ? workflowName(ctx.files?.read(path)) : undefined) ?? file;
      const at = `${base}/actions/workflows/${encodeURIComponent(file)}`;
      return { alt: `${name} status`, src: `${at}/badge.svg${query}`, href: at };
    });
    return badges.length ? [{ title: 'GitHub Actions', badges }] : [];
  },
});
