/**
 * The filters Backstage's scaffolder gives templates, with the same inputs and results, so a
 * template written for Backstage renders the same here. Pure functions: they run in Node (`playbill
 * scaffold`) and in the reader's browser alike.
 */

export interface RepoUrlParts { host: string; owner?: string; repo?: string; organization?: string; workspace?: string; project?: string }

/**
 * `github.com?owner=acme&repo=payments` (what RepoUrlPicker writes) → its parts. A value that is
 * not of that shape is an error, as in Backstage: the template meant a repository URL.
 */
export function parseRepoUrl(value: unknown): RepoUrlParts {
  if (typeof value !== 'string' || !value) throw new Error(`parseRepoUrl: expected a string like "github.com?owner=acme&repo=payments", got ${JSON.stringify(value)}`);
  const q = value.indexOf('?');
  const host = (q < 0 ? value : value.slice(0, q)).replace(/^https?:\/\//, '').replace(/\/+$/, '');
  if (!host) throw new Error(`parseRepoUrl: "${value}" names no host`);
  const params = new URLSearchParams(q < 0 ? '' : value.slice(q + 1));
  const out: RepoUrlParts = { host };
  for (const key of ['owner', 'repo', 'organization', 'workspace', 'project'] as const) {
    const v = params.get(key);
    if (v) out[key] = v;
  }
  if (!out.repo) throw new Error(`parseRepoUrl: "${value}" has no repo`);
  return out;
}

/** `payments` / `component:payments` / `component:acme/payments` → `{ kind, namespace, name }`. */
export function parseEntityRef(value: unknown, context: { defaultKind?: string; defaultNamespace?: string } = {}): { kind?: string; namespace: string; name: string } {
  if (typeof value !== 'string' || !value) throw new Error(`parseEntityRef: expected an entity ref, got ${JSON.stringify(value)}`);
  const m = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(value.trim());
  if (!m) throw new Error(`parseEntityRef: "${value}" is not an entity ref`);
  const kind = m[1] ?? context.defaultKind;
  return { ...(kind ? { kind } : {}), namespace: m[2] ?? context.defaultNamespace ?? 'default', name: m[3]! };
}

/** `pick(obj, 'key')`: one property of an object (`parseEntityRef | pick('name')`). */
export function pick(value: unknown, key: unknown): unknown {
  if (value === null || typeof value !== 'object' || typeof key !== 'string') return undefined;
  return Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/** `github.com?owner=acme&repo=payments` → `acme/payments`: the project's slug on its host. */
export function projectSlug(value: unknown): string {
  const { owner, organization, workspace, project, repo } = parseRepoUrl(value);
  return `${owner ?? organization ?? workspace ?? project}/${repo}`;
}

/**
 * `'' | now`: Roadie's scaffolder adds it to make branch names unique (`add-readme-${{ '' | now }}`).
 * A compact UTC time, safe in a branch or file name: `20261203T085900Z`.
 */
export function now(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}
