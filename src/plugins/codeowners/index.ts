/**
 * CODEOWNERS: an entity whose descriptor names no owner takes it from the repository's CODEOWNERS,
 * the line that owns the descriptor file, and says so (`playbill.dev/owner-from: <file>:<line>`,
 * shown next to the owner). An owner written in the descriptor is never replaced.
 *
 * What is matched is the descriptor file's path (`services/checkout/catalog-info.yaml`), not its
 * folder: GitHub assigns owners to files, so whoever reviews changes to the descriptor owns the
 * entity. `/services/checkout/`, `services/checkout/*` and `*.yaml` all own it; a pattern for a
 * folder's other files (`/services/checkout/src/`) does not.
 *
 * The file is looked for where GitHub looks — `.github/CODEOWNERS`, `CODEOWNERS`, `docs/CODEOWNERS`,
 * the first that exists — at the source's root (a `path:` source in a subfolder of a repository
 * has its own root; a CODEOWNERS above it is not read). Pattern rules: parse.ts.
 *
 * Owners become refs (options):
 * - `map`: exact overrides, case-insensitive as GitHub names are: `{"@acme/payments-team": "group:payments",
 *   "jane@acme.example": "user:jane"}` — the only way an email becomes an owner;
 * - `@org/team` → `group:default/team` (with `strip_org: false`, `group:default/org-team`, for
 *   catalogs that name teams after their GitHub org too);
 * - `@user` → `user:default/user`; an email, or anything else, is skipped.
 * The first owner of the winning line that maps is the entity's owner; a line with none that maps
 * (or no owners at all: GitHub's way of leaving files unowned) gives none, with one warning a line.
 */
import { z } from 'zod';
import { definePlugin, type RawEntity } from '../../pipeline/plugins/types.js';
import { ownerRule, parseCodeowners, type ParsedCodeowners, type Rule } from './parse.js';

/** Where GitHub looks, in its order. */
export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;
/** Kinds whose `spec.owner` Backstage defines. */
export const OWNED_KINDS = new Set(['component', 'api', 'resource', 'system', 'domain', 'template']);
export const OWNER_FROM = 'playbill.dev/owner-from';

const optionsSchema = z.object({
  /** CODEOWNERS owner (`@org/team`, `@user`, an email) → entity ref, matched case-insensitively. */
  map: z.record(z.string().min(1), z.string().trim().min(1)).default({}),
  /** `@org/team` → `group:default/team`; false keeps the org: `group:default/org-team`. */
  strip_org: z.boolean().default(true),
}).strict();

export type CodeownersOptions = z.infer<typeof optionsSchema>;

const TEAM = /^@([A-Za-z0-9-]+)\/([A-Za-z0-9_.-]+)$/;
const USER = /^@([A-Za-z0-9_-]+)$/;

/** A CODEOWNERS owner as an entity ref, or undefined when it maps to none. */
export function ownerRef(owner: string, options: CodeownersOptions): string | undefined {
  const lower = owner.toLowerCase();
  for (const [k, v] of Object.entries(options.map)) if (k.toLowerCase() === lower) return v;
  const team = TEAM.exec(owner);
  if (team) return `group:default/${options.strip_org ? team[2] : `${team[1]}-${team[2]}`}`;
  const user = USER.exec(owner);
  return user ? `user:default/${user[1]}` : undefined;
}

interface Found { path: string; text: string; parsed: ParsedCodeowners; problemsWarned: boolean; linesWarned: Set<number> }

/**
 * Parsed files by source, per loaded options object: the hook is called for every document and the
 * seam gives it no per-build state, while the options object is created once when plugins load
 * (a fresh one per test). The text is compared on every call, so `dev` rebuilds see an edited
 * CODEOWNERS (reading one small file is cheap next to parsing it again).
 */
const caches = new WeakMap<object, Map<string, Found>>();

function locate(read: (p: string) => string | undefined, source: string, options: object): Found | undefined {
  let cache = caches.get(options);
  if (!cache) caches.set(options, (cache = new Map()));
  for (const p of CODEOWNERS_PATHS) {
    const text = read(p);
    if (text === undefined) continue;
    const hit = cache.get(source);
    if (hit && hit.path === p && hit.text === text) return hit;
    const found: Found = { path: p, text, parsed: parseCodeowners(text), problemsWarned: false, linesWarned: new Set() };
    cache.set(source, found);
    return found;
  }
  cache.delete(source);
  return undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An owner is written when `spec.owner` is anything but missing, null or blank text. */
const hasOwner = (spec: Record<string, unknown>): boolean =>
  spec.owner !== undefined && spec.owner !== null && !(typeof spec.owner === 'string' && spec.owner.trim() === '');

const quoted = (r: Rule): string => `\`${r.pattern.slice(0, 80)}\``;

export default definePlugin<CodeownersOptions>({
  name: 'codeowners',
  options: optionsSchema,

  descriptor(doc, ctx) {
    if (typeof doc.kind !== 'string' || !OWNED_KINDS.has(doc.kind.toLowerCase())) return undefined;
    if (!isRecord(doc.metadata)) return undefined;
    if (doc.spec !== undefined && !isRecord(doc.spec)) return undefined;
    const spec = (doc.spec ?? {}) as Record<string, unknown>;
    if (hasOwner(spec)) return undefined;

    const found = locate((p) => ctx.files.read(`/${p}`), ctx.files.source, ctx.options);
    if (!found) return undefined;
    if (!found.problemsWarned) {
      found.problemsWarned = true;
      for (const pr of found.parsed.problems) ctx.warn(`${found.path} line ${pr.line}: ${pr.message}`, { file: found.path, line: pr.line });
    }
    const rule = ownerRule(found.parsed, ctx.path);
    if (!rule) return undefined;
    const owner = rule.owners.map((o) => ownerRef(o, ctx.options)).find((r) => r !== undefined);
    if (!owner) {
      if (!found.linesWarned.has(rule.line)) {
        found.linesWarned.add(rule.line);
        const why = rule.owners.length === 0
          ? 'names no owners (files it matches are unowned)'
          : `names no owner that maps to an entity (${rule.owners.slice(0, 5).join(', ').slice(0, 200)}; emails need an entry in the plugin's \`map\` option)`;
        ctx.warn(`${found.path} line ${rule.line} (${quoted(rule)}) ${why}: entities whose descriptor it matches get no owner from it`, { file: found.path, line: rule.line });
      }
      return undefined;
    }
    const metadata = doc.metadata;
    const annotations = isRecord(metadata.annotations) ? metadata.annotations : {};
    const changed: RawEntity = {
      ...doc,
      metadata: { ...metadata, annotations: { ...annotations, [OWNER_FROM]: `${found.path}:${rule.line}` } },
      spec: { ...spec, owner },
    };
    return changed;
  },

  checks: {
    /** The descriptor file has a CODEOWNERS line naming owners (whatever the descriptor says). */
    has_owner_entry(ctx) {
      const source = ctx.entity.source.source;
      const found = locate((p) => ctx.read(p), source, ctx.options);
      if (!found) return { passed: false, reason: `no CODEOWNERS in the repository (looked for ${CODEOWNERS_PATHS.join(', ')})` };
      const rule = ownerRule(found.parsed, ctx.entity.source.path);
      if (!rule) return { passed: false, reason: `no line of ${found.path} matches ${ctx.entity.source.path}` };
      if (rule.owners.length === 0) return { passed: false, reason: `${found.path} line ${rule.line} (${quoted(rule)}) matches ${ctx.entity.source.path} and names no owners` };
      return { passed: true, reason: `${found.path} line ${rule.line}: ${rule.owners.slice(0, 5).join(' ')}` };
    },
  },
});
