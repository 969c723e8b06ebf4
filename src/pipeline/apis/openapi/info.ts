/**
 * The head of a reference: info (title, version, description, contact, license, terms), external
 * docs, servers (3.x `servers` with their variables; 2.0 `schemes` × `host` + `basePath`) and security
 * schemes (3.x `components.securitySchemes`, 2.0 `securityDefinitions`). URLs are kept as written:
 * the renderer links only http(s) and mailto.
 */
import type { Fact, ReferenceLink, SecurityScheme, Server } from '../types.js';
import { isMap, prop, valueText, type At } from '../json-schema/index.js';
import { child, entries, follow, str, strings, type OasContext } from './context.js';

export function links(root: Record<string, unknown>): ReferenceLink[] {
  const out: ReferenceLink[] = [];
  const info = prop(root, 'info');
  const contact = prop(info, 'contact');
  const who = str(contact, 'name');
  const curl = str(contact, 'url');
  const email = str(contact, 'email');
  if (curl) out.push({ label: who ? `Contact: ${who}` : 'Contact', href: curl });
  if (email) out.push({ label: who ? `Email: ${who}` : `Email: ${email}`, href: `mailto:${email}` });
  const license = prop(info, 'license');
  const lname = str(license, 'name');
  const lurl = str(license, 'url');
  const spdx = str(license, 'identifier');
  if (lurl) out.push({ label: `License: ${lname ?? lurl}`, href: lurl });
  else if (spdx && /^[A-Za-z0-9.+-]{1,64}$/.test(spdx)) out.push({ label: `License: ${lname ?? spdx}`, href: `https://spdx.org/licenses/${spdx}.html` });
  const tos = str(info, 'termsOfService');
  if (tos) out.push({ label: 'Terms of service', href: tos });
  const ext = prop(root, 'externalDocs');
  const eurl = str(ext, 'url');
  if (eurl) out.push({ label: str(ext, 'description') ?? 'External documentation', href: eurl });
  return out;
}

/** Facts of a Server Variable map: `region: default us-east (enum: us-east, eu-west)`. */
function variableFacts(vars: unknown): Fact[] {
  return entries(vars).slice(0, 50).map(([name, v]) => {
    const parts: string[] = [];
    const d = prop(v, 'default');
    if (d !== undefined) parts.push(`default ${valueText(d)}`);
    const en = prop(v, 'enum');
    if (Array.isArray(en)) parts.push(`one of ${en.slice(0, 30).map((x) => valueText(x)).join(', ')}${en.length > 30 ? ', …' : ''}`);
    const desc = str(v, 'description');
    if (desc) parts.push(desc.length > 200 ? `${desc.slice(0, 200)}…` : desc);
    return { label: `{${name}}`, value: parts.join('; ') };
  });
}

/** Servers of a 3.x object (root, path item, operation) or, for 2.0, from the root's host, basePath and schemes. */
export function servers(ctx: OasContext, holder: unknown): Server[] {
  if (ctx.version === '2.0') {
    if (holder !== ctx.root) return [];
    const host = str(ctx.root, 'host');
    const base = str(ctx.root, 'basePath') ?? '';
    if (!host) return base ? [{ url: base }] : [];
    const schemes = strings(ctx.root, 'schemes') ?? [];
    return (schemes.length ? schemes : ['https']).map((s) => ({ url: `${s}://${host}${base}` }));
  }
  const list = prop(holder, 'servers');
  if (!Array.isArray(list)) return [];
  return list.slice(0, 100).filter(isMap).map((s) => {
    const out: Server = { url: str(s, 'url') ?? '' };
    const d = str(s, 'description');
    if (d !== undefined) out.description = d;
    const facts = variableFacts(prop(s, 'variables'));
    if (facts.length) out.facts = facts;
    return out;
  });
}

function flowFacts(flowName: string, flow: unknown): Fact[] {
  const facts: Fact[] = [{ label: 'flow', value: flowName }];
  for (const k of ['authorizationUrl', 'tokenUrl', 'refreshUrl']) {
    const v = str(flow, k);
    if (v !== undefined) facts.push({ label: k, value: v });
  }
  for (const [scope, what] of entries(prop(flow, 'scopes')).slice(0, 200)) {
    facts.push({ label: 'scope', value: typeof what === 'string' && what ? `${scope}: ${what}` : scope });
  }
  return facts;
}

export function securitySchemes(ctx: OasContext): SecurityScheme[] {
  const holder = ctx.version === '2.0'
    ? child(ctx.root, { doc: ctx.main, path: [] }, 'securityDefinitions')
    : child(prop(ctx.root, 'components'), { doc: ctx.main, path: ['components'] }, 'securitySchemes');
  if (!holder) return [];
  const out: SecurityScheme[] = [];
  for (const [name, raw] of entries(holder.value)) {
    const at: At = { doc: holder.at.doc, path: [...holder.at.path, name] };
    const s = follow(ctx, raw, at);
    if (!s) continue;
    const v = s.value;
    const facts: Fact[] = [];
    for (const k of ['in', 'name', 'scheme', 'bearerFormat', 'openIdConnectUrl']) {
      const x = str(v, k);
      if (x !== undefined) facts.push({ label: k, value: x });
    }
    if (ctx.version === '2.0' && str(v, 'flow')) {
      facts.push(...flowFacts(str(v, 'flow')!, v));
    } else {
      for (const [flowName, flow] of entries(prop(v, 'flows'))) facts.push(...flowFacts(flowName, flow));
    }
    const scheme: SecurityScheme = { name, type: str(v, 'type') ?? 'unknown', facts };
    const d = str(v, 'description');
    if (d !== undefined) scheme.description = d;
    out.push(scheme);
  }
  return out;
}

/** Security requirements as facts: one per alternative, schemes of one alternative joined by `+`. */
export function securityFacts(requirements: unknown): Fact[] {
  if (!Array.isArray(requirements)) return [];
  if (requirements.length === 0) return [{ label: 'security', value: 'none' }];
  return requirements.slice(0, 20).map((req) => {
    const parts = entries(req).map(([scheme, scopes]) => {
      const list = Array.isArray(scopes) ? scopes.filter((x): x is string => typeof x === 'string') : [];
      return list.length ? `${scheme} (${list.join(', ')})` : scheme;
    });
    return { label: 'security', value: parts.length ? parts.join(' + ') : 'none (optional)' };
  });
}
