/**
 * The head of a reference: info (title, version, description, contact, license, terms), external
 * docs, servers (2.x `url`; 3.x `host` + `pathname`, both with protocol, variables, security and
 * bindings) and security schemes. URLs are kept as written: the renderer links only http(s) and mailto.
 */
import type { Fact, ReferenceLink, SecurityScheme, Server } from '../types.js';
import { isMap, prop, valueText } from '../json-schema/index.js';
import { bindingFacts } from './bindings.js';
import { child, entries, follow, items, lastKey, str, text, type AaContext, type Slot } from './context.js';
import { checkObject } from './validate.js';

const cut = (s: string, max = 200): string => (s.length > max ? `${s.slice(0, max)}…` : s);

export function links(ctx: AaContext): ReferenceLink[] {
  const out: ReferenceLink[] = [];
  const info = prop(ctx.root, 'info');
  const contact = prop(info, 'contact');
  const who = str(contact, 'name');
  const curl = str(contact, 'url');
  const email = str(contact, 'email');
  if (curl) out.push({ label: who ? `Contact: ${who}` : 'Contact', href: curl });
  if (email) out.push({ label: who ? `Email: ${who}` : `Email: ${email}`, href: `mailto:${email}` });
  const license = prop(info, 'license');
  const lname = str(license, 'name');
  const lurl = str(license, 'url');
  if (lurl) out.push({ label: `License: ${lname ?? lurl}`, href: lurl });
  const tos = str(info, 'termsOfService');
  if (tos) out.push({ label: 'Terms of service', href: tos });
  // 2.x puts externalDocs at the top, 3.x in info (and lets it be a $ref)
  const holder: Slot = ctx.major === 2 ? { value: ctx.root, at: { doc: ctx.main, path: [] } } : { value: info, at: { doc: ctx.main, path: ['info'] } };
  const ext = follow(ctx, child(holder, 'externalDocs'));
  const eurl = str(ext?.value, 'url');
  if (eurl) out.push({ label: str(ext?.value, 'description') ?? 'External documentation', href: eurl });
  return out;
}

/** Facts of Server Variables: `{port}: default 1883; one of 1883, 8883`. */
function variableFacts(ctx: AaContext, vars: Slot | undefined): Fact[] {
  return entries(ctx, vars, 50, 'server variables').flatMap(([name, raw]) => {
    const v = follow(ctx, raw);
    if (!v) return [];
    checkObject(ctx, 'serverVariable', v);
    const parts: string[] = [];
    const d = prop(v.value, 'default');
    if (d !== undefined) parts.push(`default ${valueText(d)}`);
    const en = prop(v.value, 'enum');
    if (Array.isArray(en)) parts.push(`one of ${en.slice(0, 30).map((x) => valueText(x)).join(', ')}${en.length > 30 ? ', …' : ''}`);
    const desc = str(v.value, 'description');
    if (desc) parts.push(cut(desc));
    return [{ label: `{${name}}`, value: parts.join('; ') }];
  });
}

/**
 * Security requirements as facts, one per alternative. 2.x writes `[{scheme: [scopes]}]` (every
 * scheme of one item needed together); 3.x a list of schemes (or `$ref`s to them), any one of which will do.
 */
export function securityFacts(ctx: AaContext, requirements: Slot | undefined): Fact[] {
  if (!requirements || !Array.isArray(requirements.value)) return [];
  if (requirements.value.length === 0) return [{ label: 'security', value: 'none' }];
  return items(requirements, 20).map((req) => {
    if (ctx.major === 2) {
      const parts = entries(ctx, req, 20, 'schemes of a security requirement').map(([scheme, scopes]) => {
        const list = Array.isArray(scopes.value) ? scopes.value.filter((x): x is string => typeof x === 'string') : [];
        return list.length ? `${scheme} (${list.join(', ')})` : scheme;
      });
      return { label: 'security', value: parts.length ? parts.join(' + ') : 'none (optional)' };
    }
    const s = follow(ctx, req);
    const name = s ? (s.at.path[s.at.path.length - 2] === 'securitySchemes' ? lastKey(s.at) : undefined) ?? str(s.value, 'type') ?? 'scheme' : String(prop(req.value, '$ref') ?? 'scheme');
    const scopes = s && Array.isArray(s.value['scopes']) ? (s.value['scopes'] as unknown[]).filter((x): x is string => typeof x === 'string') : [];
    return { label: 'security', value: scopes.length ? `${name} (${scopes.join(', ')})` : name };
  });
}

/** The servers of the root `servers` map, in order. */
export function servers(ctx: AaContext): Server[] {
  const out: Server[] = [];
  for (const [name, raw] of entries(ctx, { value: ctx.root['servers'], at: { doc: ctx.main, path: ['servers'] } }, 200, 'servers')) {
    const s = follow(ctx, raw);
    if (!s) continue;
    checkObject(ctx, 'server', s);
    const v = s.value;
    const facts: Fact[] = [{ label: 'name', value: name }];
    let url: string;
    if (ctx.major === 2) {
      url = str(v, 'url') ?? '';
    } else {
      url = `${str(v, 'host') ?? ''}${str(v, 'pathname') ?? ''}`;
    }
    for (const k of ['protocol', 'protocolVersion', 'title', 'summary']) {
      const x = text(v, k);
      if (x !== undefined) facts.push({ label: k, value: x });
    }
    facts.push(...variableFacts(ctx, child(s, 'variables')));
    facts.push(...securityFacts(ctx, child(s, 'security')));
    facts.push(...tagFacts(child(s, 'tags')));
    facts.push(...bindingFacts(ctx, child(s, 'bindings')));
    const server: Server = { url };
    const d = str(v, 'description');
    if (d !== undefined) server.description = d;
    server.facts = facts;
    out.push(server);
  }
  return out;
}

/** `tags` as one fact: `tags: env:production, kind:remote`. */
export function tagFacts(tags: Slot | undefined): Fact[] {
  if (!tags || !Array.isArray(tags.value)) return [];
  const names = tags.value.slice(0, 50).map((t) => str(t, 'name')).filter((n): n is string => n !== undefined);
  return names.length ? [{ label: 'tags', value: names.join(', ') }] : [];
}

function flowFacts(flowName: string, flow: unknown): Fact[] {
  const facts: Fact[] = [{ label: 'flow', value: flowName }];
  for (const k of ['authorizationUrl', 'tokenUrl', 'refreshUrl']) {
    const v = str(flow, k);
    if (v !== undefined) facts.push({ label: k, value: v });
  }
  // 2.x: `scopes`, 3.x: `availableScopes`
  const scopes = prop(flow, 'availableScopes') ?? prop(flow, 'scopes');
  if (isMap(scopes)) {
    for (const scope of Object.keys(scopes).slice(0, 200)) {
      const what = scopes[scope];
      facts.push({ label: 'scope', value: typeof what === 'string' && what ? `${scope}: ${cut(what)}` : scope });
    }
  }
  return facts;
}

export function securitySchemes(ctx: AaContext): SecurityScheme[] {
  const comps = follow(ctx, { value: ctx.root['components'], at: { doc: ctx.main, path: ['components'] } });
  if (!comps) return [];
  const out: SecurityScheme[] = [];
  for (const [name, raw] of entries(ctx, child(comps, 'securitySchemes'), 500, 'security schemes')) {
    const s = follow(ctx, raw);
    if (!s) continue;
    checkObject(ctx, 'securityScheme', s);
    const v = s.value;
    const facts: Fact[] = [];
    for (const k of ['in', 'name', 'scheme', 'bearerFormat', 'openIdConnectUrl']) {
      const x = str(v, k);
      if (x !== undefined) facts.push({ label: k, value: x });
    }
    const flows = prop(v, 'flows');
    if (isMap(flows)) for (const flowName of Object.keys(flows).filter((k) => !k.startsWith('x-'))) facts.push(...flowFacts(flowName, flows[flowName]));
    const needed = prop(v, 'scopes');
    if (Array.isArray(needed)) facts.push({ label: 'scopes', value: needed.filter((x) => typeof x === 'string').join(', ') });
    const scheme: SecurityScheme = { name, type: str(v, 'type') ?? 'unknown', facts };
    const d = str(v, 'description');
    if (d !== undefined) scheme.description = d;
    out.push(scheme);
  }
  return out;
}
