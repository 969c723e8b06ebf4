/**
 * People from the host (`github: { org, teams: true }`): the organisation's teams as Groups, with
 * their parent teams, and the teams' members as Users with display name, public email and avatar —
 * as Backstage's GitHub org provider makes them. They are catalog documents like a file's, handed to
 * the catalog stage, which keeps a Group or User the catalog defines itself over the host's.
 *
 * Three REST listings: the teams, each team's members, and each member's profile (the only place
 * GitHub gives a name and email). GitHub lists a team's members with its child teams' members; a
 * User's `memberOf` names the teams it is directly in, so the members of child teams are taken off.
 * Where the organisation has GitHub mark members `inherited`, that mark says it; elsewhere REST
 * cannot tell someone directly in both a team and its child from someone in the child only: both
 * are members of the child, and of the parent through it.
 */
import pLimit from 'p-limit';
import { z } from 'zod';
import type { HostRequest } from './hosts.js';
import { ListingError, listAll, listOne, type HttpOptions } from './http.js';

export type Document = Record<string, unknown>;

const Team = z.object({
  slug: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/),
  name: z.string(),
  description: z.string().nullish(),
  html_url: z.string().nullish(),
  parent: z.object({ slug: z.string() }).nullish(),
});
const Member = z.object({ login: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/), inherited: z.boolean().optional() });
const Profile = z.object({
  login: z.string(),
  name: z.string().nullish(),
  email: z.string().nullish(),
  avatar_url: z.string().nullish(),
  html_url: z.string().nullish(),
});

/** Only https images and pages: the portal shows these as `<img src>` and links. */
const https = (u: string | null | undefined) => (u && /^https:\/\//i.test(u) ? u : undefined);

export async function listPeople(req: HostRequest, http: HttpOptions): Promise<{ documents: Document[]; skipped: number }> {
  const org = encodeURIComponent(req.owner);
  let skipped = 0;
  const teams: Array<z.infer<typeof Team>> = [];
  for (const item of await listAll(`${req.api}/orgs/${org}/teams?per_page=100`, http)) {
    const t = Team.safeParse(item);
    if (t.success) teams.push(t.data); else skipped++;
  }
  const limit = pLimit(4);
  const members = new Map<string, Set<string>>();
  // where the organisation has it on, GitHub marks who is in a team only through a child team
  const direct = new Map<string, Set<string>>();
  await Promise.all(teams.map((t) => limit(async () => {
    const logins = new Set<string>();
    const own = new Set<string>();
    let marked = false;
    for (const item of await listAll(`${req.api}/orgs/${org}/teams/${encodeURIComponent(t.slug)}/members?per_page=100`, http)) {
      const m = Member.safeParse(item);
      if (!m.success) { skipped++; continue; }
      logins.add(m.data.login);
      if (m.data.inherited !== undefined) marked = true;
      if (m.data.inherited === false) own.add(m.data.login);
    }
    members.set(t.slug, logins);
    if (marked) direct.set(t.slug, own);
  })));

  // direct members: a team's listing includes its child teams' members
  const children = new Map<string, string[]>();
  for (const t of teams) if (t.parent) children.set(t.parent.slug, [...(children.get(t.parent.slug) ?? []), t.slug]);
  const below = (slug: string, seen = new Set<string>()): Set<string> => {
    const out = new Set<string>();
    for (const child of children.get(slug) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      for (const login of members.get(child) ?? []) out.add(login);
      for (const login of below(child, seen)) out.add(login);
    }
    return out;
  };
  const memberOf = new Map<string, string[]>();
  for (const t of teams) {
    const marked = direct.get(t.slug);
    const indirect = marked ? undefined : below(t.slug);
    for (const login of members.get(t.slug) ?? []) {
      if (marked ? marked.has(login) : !indirect!.has(login)) memberOf.set(login, [...(memberOf.get(login) ?? []), t.slug]);
    }
  }
  // someone only in child teams is still a member of those
  for (const [, logins] of members) for (const login of logins) if (!memberOf.has(login)) memberOf.set(login, []);

  const known = new Set(teams.map((t) => t.slug));
  const documents: Document[] = teams.map((t) => group(req.owner, t, known));
  const logins = [...memberOf.keys()].sort();
  const profiles = await Promise.all(logins.map((login) => limit(async () => {
    // a member who left between two requests has no profile: still a member, without a name
    const p = Profile.safeParse(await listOne(`${req.api}/users/${encodeURIComponent(login)}`, http).catch((e: unknown) => {
      if (e instanceof ListingError && e.kind === 'not-found') return undefined;
      throw e;
    }));
    return p.success ? p.data : { login };
  })));
  profiles.forEach((p, i) => documents.push(user(logins[i]!, p, [...new Set(memberOf.get(logins[i]!) ?? [])].sort())));
  return { documents, skipped };
}

function group(org: string, t: z.infer<typeof Team>, known: ReadonlySet<string>): Document {
  const link = https(t.html_url);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: t.slug,
      ...(t.description ? { description: t.description } : {}),
      annotations: { 'github.com/team-slug': `${org}/${t.slug}` },
      ...(link ? { links: [{ url: link, title: 'GitHub team' }] } : {}),
    },
    spec: {
      type: 'team',
      profile: { displayName: t.name },
      ...(t.parent && known.has(t.parent.slug) ? { parent: t.parent.slug } : {}),
      children: [],
    },
  };
}

function user(login: string, p: Partial<z.infer<typeof Profile>>, teams: string[]): Document {
  const picture = https(p.avatar_url);
  const link = https(p.html_url);
  const email = p.email && /^[^\s@]+@[^\s@]+$/.test(p.email) ? p.email : undefined;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name: login,
      annotations: { 'github.com/user-login': login },
      ...(link ? { links: [{ url: link, title: 'GitHub profile' }] } : {}),
    },
    spec: {
      profile: { ...(p.name ? { displayName: p.name } : {}), ...(email ? { email } : {}), ...(picture ? { picture } : {}) },
      memberOf: teams,
    },
  };
}
