/**
 * The synthetic organisation as data: who exists, where it lives and what it refers to. Output is
 * plain descriptor objects per repo; `repo-layout.mjs` turns them into files. Everything is drawn from
 * one seeded PRNG in a fixed order, so a seed always gives the same org.
 */
import { NOUNS, ADJECTIVES, FIRST_NAMES, LAST_NAMES, DEPARTMENTS, VALID_TAGS } from './words.mjs';
import { openApiDefinition, otherDefinition } from './api-definitions.mjs';

const V1 = 'backstage.io/v1alpha1';
export const LABS_NAMESPACE = 'labs';
/** Share of refs pointing at nothing, to exercise unresolved-relation handling. */
const DANGLING = 0.05;

/** How many of each kind `--entities` asks for; invalid documents count towards the total. */
export function planCounts(entities) {
  const users = Math.round(entities * 0.1);
  const groups = Math.max(3, Math.round(entities * 0.02));
  const domains = Math.max(1, Math.round(entities * 0.002));
  const systems = Math.max(1, Math.round(entities * 0.02));
  const apis = Math.round(entities * 0.14);
  const resources = Math.round(entities * 0.12);
  const invalid = Math.max(3, Math.round(entities * 0.001));
  const components = entities - users - groups - domains - systems - apis - resources - invalid;
  if (components < 1) throw new Error(`--entities ${entities} is too small; use at least 50`);
  return { users, groups, domains, systems, apis, resources, components, invalid };
}

/** Build every entity with its refs. `repos` >= 2: repo 0 is the org repo, the rest are service repos. */
export function buildOrg(rng, { repos, entities }) {
  const counts = planCounts(entities);
  const nService = repos - 1;
  const refStats = { total: 0, dangling: 0 };
  const serviceRepoNames = [];
  for (let i = 1; i <= nService; i++) serviceRepoNames.push(`${rng.pick(NOUNS)}-${rng.pick(['service', 'platform', 'apps', 'core', 'tools'])}-${i}`);
  const nsOfRepo = (r) => (r === 3 ? LABS_NAMESPACE : 'default');

  /** A ref from an entity in namespace `fromNs` to `target`, written the way people vary it. */
  const ref = (fromNs, target, defaultKind) => {
    refStats.total++;
    let { kind, ns, name } = target;
    if (rng.chance(DANGLING)) {
      refStats.dangling++;
      name = `${rng.pick(['legacy', 'old', 'retired', 'ghost'])}-${name}`;
    }
    const kindWord = rng.chance(0.05) ? kind : kind.toLowerCase();
    if (ns !== fromNs) return `${kindWord}:${ns}/${name}`;
    const style = rng.int(0, 3);
    if (defaultKind === kind && (style === 0 || style === 3)) return name;
    if (style === 2) return `${kindWord}:${ns}/${name}`;
    return `${kindWord}:${name}`;
  };
  const at = (kind, ns, name) => ({ kind, ns, name });

  // Groups: one root, departments under it, teams under departments or other teams.
  const groups = [{ name: 'acme', type: 'organization', parent: null }];
  const nDept = Math.max(1, Math.min(DEPARTMENTS.length, Math.round(counts.groups * 0.06)));
  for (let i = 0; i < nDept && groups.length < counts.groups; i++) groups.push({ name: DEPARTMENTS[i], type: 'department', parent: 0 });
  while (groups.length < counts.groups) {
    const i = groups.length;
    const parent = rng.chance(0.2) && i > nDept + 1 ? rng.int(nDept + 1, i - 1) : rng.int(1, nDept);
    groups.push({ name: `team-${rng.pick(NOUNS)}-${i}`, type: 'team', parent });
  }
  const teams = groups.map((g, i) => i).filter((i) => groups[i].type === 'team');
  const teamIdx = teams.length ? teams : [0];
  const groupAt = (i) => at('Group', 'default', groups[i].name);

  const groupDocs = groups.map((g, i) => ({
    apiVersion: V1, kind: 'Group',
    metadata: { name: g.name, description: g.type === 'team' ? `The ${g.name.split('-')[1]} team.` : `The ${g.name} ${g.type}.` },
    spec: {
      type: g.type,
      profile: { displayName: g.name.replace(/-/g, ' '), email: `${g.name}@acme.example` },
      parent: g.parent === null ? undefined : ref('default', groupAt(g.parent), 'Group'),
      children: groups.flatMap((c, j) => (c.parent === i ? [ref('default', groupAt(j), 'Group')] : [])),
    },
  }));

  const userDocs = [];
  for (let i = 0; i < counts.users; i++) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const name = `${first}.${last}${i}`;
    const memberOf = rng.sample(teamIdx, rng.int(1, 2)).map((t) => ref('default', groupAt(t), 'Group'));
    userDocs.push({
      apiVersion: V1, kind: 'User',
      metadata: { name },
      spec: { profile: { displayName: `${cap(first)} ${cap(last)}`, email: `${first}.${last}${i}@acme.example` }, memberOf },
    });
  }

  const domains = [];
  for (let i = 0; i < counts.domains; i++) domains.push(`${NOUNS[i % NOUNS.length]}${i >= NOUNS.length ? `-${i}` : ''}-domain`);
  const domainDocs = domains.map((name, i) => ({
    apiVersion: V1, kind: 'Domain',
    metadata: { name, description: `Everything about ${name.replace(/-domain$/, '')}.` },
    spec: {
      owner: ref('default', groupAt(rng.int(1, nDept)), 'Group'),
      type: 'product-area',
      subdomainOf: i > 0 && rng.chance(0.1) ? ref('default', at('Domain', 'default', domains[rng.int(0, i - 1)]), 'Domain') : undefined,
    },
  }));

  // Service repos: each has an owning team most of its entities use, and systems of its own.
  const repoOwner = serviceRepoNames.map(() => rng.pick(teamIdx));
  const systems = [];
  for (let i = 0; i < counts.systems; i++) systems.push({ name: `${rng.pick(NOUNS)}-system-${i}`, repo: 1 + (i % nService) });
  const systemsByRepo = new Map();
  systems.forEach((s, i) => systemsByRepo.set(s.repo, [...(systemsByRepo.get(s.repo) ?? []), i]));
  const systemAt = (i) => at('System', nsOfRepo(systems[i].repo), systems[i].name);
  const pickSystem = (r) => {
    const own = systemsByRepo.get(r);
    return own && rng.chance(0.9) ? rng.pick(own) : rng.int(0, systems.length - 1);
  };
  const owner = (r, ns) => ref(ns, groupAt(rng.chance(0.7) ? repoOwner[r - 1] : rng.pick(teamIdx)), 'Group');

  const docsByRepo = new Map(); // repo -> [{doc, file?}]
  const place = (r, item) => docsByRepo.set(r, [...(docsByRepo.get(r) ?? []), item]);

  systems.forEach((s, i) => {
    const ns = nsOfRepo(s.repo);
    place(s.repo, { doc: {
      apiVersion: V1, kind: 'System',
      metadata: { name: s.name, namespace: ns === 'default' ? undefined : ns, description: `The ${s.name.replace(/-system-\d+$/, '')} system.` },
      spec: { owner: owner(s.repo, ns), domain: ref(ns, at('Domain', 'default', rng.pick(domains)), 'Domain'), type: rng.pick(['product', 'service', 'feature-set']) },
    } });
  });

  const resources = [];
  for (let i = 0; i < counts.resources; i++) {
    const type = rng.pick(['database', 's3-bucket', 'queue', 'cache', 'kubernetes-cluster']);
    resources.push({ name: `${rng.pick(NOUNS)}-${{ database: 'db', 's3-bucket': 'bucket', queue: 'queue', cache: 'cache', 'kubernetes-cluster': 'cluster' }[type]}-${i}`, type, repo: rng.int(1, nService) });
  }
  const resourceAt = (i) => at('Resource', nsOfRepo(resources[i].repo), resources[i].name);
  resources.forEach((res, i) => {
    const ns = nsOfRepo(res.repo);
    place(res.repo, { doc: {
      apiVersion: V1, kind: 'Resource',
      metadata: { name: res.name, namespace: ns === 'default' ? undefined : ns, description: `${cap(res.type)} for ${res.name.split('-')[0]}.` },
      spec: {
        type: res.type, owner: owner(res.repo, ns), system: rng.chance(0.8) ? ref(ns, systemAt(pickSystem(res.repo)), 'System') : undefined,
        dependsOn: i > 0 && rng.chance(0.1) ? [ref(ns, resourceAt(rng.int(0, i - 1)), undefined)] : undefined,
      },
    } });
  });

  const components = [];
  for (let i = 0; i < counts.components; i++) components.push({ name: `${rng.pick(ADJECTIVES)}-${rng.pick(NOUNS)}-${i}`, repo: rng.int(1, nService), provides: [] });
  const componentAt = (i) => at('Component', nsOfRepo(components[i].repo), components[i].name);
  const componentsByRepo = new Map();
  components.forEach((c, i) => componentsByRepo.set(c.repo, [...(componentsByRepo.get(c.repo) ?? []), i]));

  const apis = [];
  for (let i = 0; i < counts.apis; i++) {
    const repo = rng.int(1, nService);
    const providers = componentsByRepo.get(repo);
    const provider = providers && rng.chance(0.9) ? rng.pick(providers) : null;
    const type = rng.chance(0.9) ? 'openapi' : rng.pick(['graphql', 'asyncapi', 'grpc']);
    apis.push({ name: `${rng.pick(NOUNS)}-api-${i}`, repo, provider, type, external: type === 'openapi' && rng.chance(0.05) });
    if (provider !== null) components[provider].provides.push(i);
  }
  const apiAt = (i) => at('API', nsOfRepo(apis[i].repo), apis[i].name);
  const apiDocs = apis.map((a) => {
    const ns = nsOfRepo(a.repo);
    const text = a.type === 'openapi' ? openApiDefinition(rng, a.name) : otherDefinition(rng, a.type, a.name);
    return {
      api: a,
      definitionFile: a.external ? { name: `${a.name}.openapi.yaml`, text } : null,
      doc: {
        apiVersion: V1, kind: 'API',
        metadata: { name: a.name, namespace: ns === 'default' ? undefined : ns, description: `The ${a.name.replace(/-api-\d+$/, '')} API.`, tags: rng.chance(0.5) ? rng.sample(VALID_TAGS, rng.int(1, 3)) : undefined },
        spec: {
          type: a.type, lifecycle: rng.pick(['production', 'production', 'experimental', 'deprecated']), owner: owner(a.repo, ns),
          system: rng.chance(0.8) ? ref(ns, systemAt(pickSystem(a.repo)), 'System') : undefined,
          definition: a.external ? { $text: `./${a.name}.openapi.yaml` } : text,
        },
      },
    };
  });

  const componentDocs = components.map((c, i) => {
    const ns = nsOfRepo(c.repo);
    const siblings = componentsByRepo.get(c.repo).filter((j) => j < i);
    const deps = [];
    for (let k = rng.int(0, 3); k > 0; k--) deps.push(rng.chance(0.5) || i === 0 ? ref(ns, resourceAt(rng.int(0, resources.length - 1)), undefined) : ref(ns, componentAt(rng.int(0, i - 1)), undefined));
    return {
      apiVersion: V1, kind: 'Component',
      metadata: {
        name: c.name, namespace: ns === 'default' ? undefined : ns,
        title: rng.chance(0.2) ? c.name.replace(/-\d+$/, '').split('-').map(cap).join(' ') : undefined,
        description: `${cap(c.name.split('-')[1])} ${rng.pick(['service', 'worker', 'frontend', 'library'])} of ${serviceRepoNames[c.repo - 1]}.`,
        tags: rng.chance(0.6) ? rng.sample(VALID_TAGS, rng.int(1, 4)) : undefined,
        annotations: { 'github.com/project-slug': `acme/${serviceRepoNames[c.repo - 1]}` },
        links: rng.chance(0.3) ? [{ url: `https://grafana.acme.example/d/${c.name}`, title: 'Dashboard', icon: 'dashboard' }] : undefined,
      },
      spec: {
        type: rng.pick(['service', 'service', 'website', 'library']), lifecycle: rng.pick(['production', 'production', 'experimental', 'deprecated']),
        owner: rng.chance(0.03) ? ref(ns, at('User', 'default', rng.pick(userDocs).metadata.name), 'Group') : owner(c.repo, ns),
        system: rng.chance(0.85) ? ref(ns, systemAt(pickSystem(c.repo)), 'System') : undefined,
        subcomponentOf: siblings.length && rng.chance(0.05) ? ref(ns, componentAt(rng.pick(siblings)), 'Component') : undefined,
        providesApis: c.provides.length ? c.provides.map((a) => ref(ns, apiAt(a), 'API')) : undefined,
        consumesApis: rng.chance(0.6) ? rng.sample(apis.map((_, a) => a), rng.int(1, 3)).map((a) => ref(ns, apiAt(a), 'API')) : undefined,
        dependsOn: deps.length ? deps : undefined,
      },
    };
  });

  return {
    counts, refStats, serviceRepoNames, nsOfRepo,
    org: { groupDocs, userDocs, domainDocs },
    docsByRepo, components, componentDocs, apiDocs,
    invalidDocs: invalidDocuments(rng, counts.invalid, teamIdx.map((t) => groups[t].name)),
  };
}

/** Documents that break one rule each, so the validator has something to report. */
function invalidDocuments(rng, n, teamNames) {
  const component = (name, metadata = {}, spec = {}) => ({
    apiVersion: V1, kind: 'Component', metadata: { name, ...metadata },
    spec: { type: 'service', lifecycle: 'production', owner: rng.pick(teamNames), ...spec },
  });
  const makers = [
    (k) => ['name with spaces', component(`invalid component ${k}`)],
    (k) => ['bad tags', component(`badly-tagged-${k}`, { tags: ['Java', 'node.js', 'go 1.15'] })],
    (k) => ['name longer than 63 characters', component(`a-very-long-component-name-that-goes-on-and-on-beyond-the-limit-${k}`)],
    (k) => ['missing spec.owner and spec.lifecycle', component(`ownerless-${k}`, {}, { owner: undefined, lifecycle: undefined })],
    (k) => ['non-string annotation value', component(`annotated-${k}`, { annotations: { 'backstage.io/orphan': true } })],
    (k) => ['dependsOn ref without kind', component(`kindless-deps-${k}`, {}, { dependsOn: ['some-database'] })],
  ];
  return Array.from({ length: n }, (_, k) => {
    const [why, doc] = makers[k % makers.length](k);
    return { why, doc };
  });
}

function cap(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
