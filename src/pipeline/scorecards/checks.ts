/**
 * The built-in checks, one function each over what a rule may read (types.ts `CheckContext`). They
 * are pure: everything comes through the context, which confines file reads to the entity's source.
 * A reason says what is missing in words a team can act on; `fix` links to where to act.
 */
import yaml from 'js-yaml';
import { RE2JS } from 're2js';
import type { CheckConfig, CheckName } from '../config/scorecards-schema.js';
import { lowerCaseRef, splitCanonicalRef } from '../catalog/vocabulary/entity-ref.js';
import { relationLabel } from '../catalog/vocabulary/relation-types.js';
import { webUrl } from '../sources/web-links.js';
import { quote } from '../yaml/quote.js';
import { yamlLoadOptions } from '../yaml/untrusted.js';
import type { Check, CheckContext, RuleOutcome } from './types.js';

const DAY_MS = 86_400_000;

/** Whole calendar days (UTC) from a date to the build's day: a commit yesterday evening is 1 day old. */
const ageInDays = (iso: string, today: number) => Math.round((today - Math.floor(Date.parse(iso) / DAY_MS) * DAY_MS) / DAY_MS);

/** Compiled once per pattern: every match is RE2, linear in the input, whatever a repo holds. */
const compiled = new Map<string, RE2JS>();
export function matchesPattern(pattern: string, value: string): boolean {
  let re = compiled.get(pattern);
  if (!re) compiled.set(pattern, (re = RE2JS.compile(pattern)));
  return re.matcher(value).find();
}

const pass = (reason?: string): RuleOutcome => (reason ? { passed: true, reason } : { passed: true });
const fail = (reason: string, fix?: string): RuleOutcome => (fix ? { passed: false, reason, fix } : { passed: false, reason });

/** The descriptor on its host, at the entity's line: where a field or annotation is added. */
const descriptorLink = (ctx: CheckContext) => ctx.entity.source.viewUrl;

function valueAt(root: unknown, path: string): unknown {
  let cur = root;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}

/** `matches` / `one_of` against a present value: strings as they are, numbers and booleans as written. */
function testValue(what: string, v: unknown, o: { matches?: string; one_of?: string[] }, fix?: string): RuleOutcome {
  if (o.matches === undefined && o.one_of === undefined) return pass();
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return fail(`${what} is not a single value`, fix);
  const s = String(v);
  if (o.one_of && !o.one_of.includes(s)) return fail(`${what} is ${quote(s)}, not one of ${o.one_of.join(', ')}`, fix);
  if (o.matches !== undefined && !matchesPattern(o.matches, s)) return fail(`${what} ${quote(s)} does not match ${o.matches}`, fix);
  return pass();
}

const field: Check<Extract<CheckConfig, { type: 'field' }>> = (ctx, o) => {
  const v = valueAt(ctx.entity, o.field);
  if (isEmpty(v)) return fail(`no ${o.field}`, descriptorLink(ctx));
  return testValue(o.field, v, o, descriptorLink(ctx));
};

const annotation: Check<Extract<CheckConfig, { type: 'annotation' }>> = (ctx, o) => {
  const v = ctx.entity.metadata.annotations?.[o.annotation];
  if (isEmpty(v)) return fail(`no annotation ${o.annotation}`, descriptorLink(ctx));
  return testValue(`annotation ${o.annotation}`, v, o, descriptorLink(ctx));
};

const relation: Check<Extract<CheckConfig, { type: 'relation' }>> = (ctx, o) => {
  const kinds = o.kind === undefined ? undefined : (Array.isArray(o.kind) ? o.kind : [o.kind]).map((k) => k.toLowerCase());
  const label = relationLabel(o.relation).toLowerCase();
  const targets = ctx.entity.relations.filter((r) => r.type === o.relation).map((r) => lowerCaseRef(r.targetRef));
  if (targets.length === 0) return fail(`no "${label}" relation`, descriptorLink(ctx));
  const missing = targets.filter((t) => !ctx.entities.has(t));
  if (missing.length) return fail(`${label} ${missing.join(', ')}, which is not in the catalog`, descriptorLink(ctx));
  if (kinds && !targets.some((t) => kinds.includes(splitCanonicalRef(t).kind))) {
    return fail(`${label} ${targets.join(', ')}, not a ${kinds.join(' or ')}`, descriptorLink(ctx));
  }
  return pass();
};

const techdocs: Check<Extract<CheckConfig, { type: 'techdocs' }>> = (ctx, o) => {
  if (!ctx.docs) return fail('no TechDocs (add backstage.io/techdocs-ref and an mkdocs.yml)', descriptorLink(ctx));
  if (o.max_age_days === undefined) return pass();
  const changed = ctx.docs.lastChange ? Date.parse(ctx.docs.lastChange) : NaN;
  if (Number.isNaN(changed)) return fail('the docs have no git history to date them', ctx.docs.href);
  const age = ageInDays(ctx.docs.lastChange!, ctx.today);
  return age > o.max_age_days
    ? fail(`docs older than ${o.max_age_days} days (last changed ${ctx.docs.lastChange!.slice(0, 10)}, ${age} days ago)`, ctx.docs.href)
    : pass();
};

const file: Check<Extract<CheckConfig, { type: 'file' }>> = (ctx, o) => {
  const patterns = Array.isArray(o.file) ? o.file : [o.file];
  const where = o.in === 'folder' ? "the descriptor's folder" : 'the repository';
  const m = ctx.files(patterns, o.in);
  const folderLink = ctx.snapshot ? webUrl(ctx.snapshot, 'tree', m.dir) : undefined;
  if (m.found.length === 0) {
    const refused = m.refused.length ? ` (refused: ${m.refused.join(', ')} leads out of the repository)` : '';
    return fail(`no ${patterns.join(' or ')} in ${where}${refused}`, folderLink);
  }
  const first = m.found[0]!;
  if (o.matches === undefined) return pass(`found ${first}`);
  const text = ctx.read(first);
  if (text === undefined) return fail(`${first} cannot be read (too large or not a regular file)`, folderLink);
  return matchesPattern(o.matches, text) ? pass(`found ${first}`) : fail(`${first} does not contain ${o.matches}`, ctx.snapshot ? webUrl(ctx.snapshot, 'blob', first) : undefined);
};

const commitWithinDays: Check<Extract<CheckConfig, { type: 'commit_within_days' }>> = (ctx, o) => {
  const date = ctx.snapshot?.commitDate;
  if (!date) return fail('the repository has no git history to date it');
  if (Number.isNaN(Date.parse(date))) return fail('the repository has no git history to date it');
  const age = ageInDays(date, ctx.today);
  return age > o.commit_within_days ? fail(`no commit in ${o.commit_within_days} days (last ${date.slice(0, 10)}, ${age} days ago)`) : pass();
};

const noErrors: Check<Extract<CheckConfig, { type: 'no_errors' }>> = (ctx) => {
  if (ctx.errors.length === 0) return pass();
  const first = ctx.errors[0]!;
  const more = ctx.errors.length > 1 ? ` (and ${ctx.errors.length - 1} more)` : '';
  return fail(`${ctx.errors.length === 1 ? 'an error' : `${ctx.errors.length} errors`}: ${first.code}${first.line ? ` at ${first.file}:${first.line}` : ''}${more}`, descriptorLink(ctx));
};

const DEPENDENCY_RELATIONS = new Set(['dependsOn', 'consumesApi']);

const healthyDependencies: Check<Extract<CheckConfig, { type: 'healthy_dependencies' }>> = (ctx) => {
  const problems: string[] = [];
  for (const r of ctx.entity.relations) {
    if (!DEPENDENCY_RELATIONS.has(r.type)) continue;
    const target = ctx.entities.get(lowerCaseRef(r.targetRef));
    if (!target) problems.push(`${r.targetRef} is not in the catalog`);
    else if (String(target.spec?.lifecycle ?? '').toLowerCase() === 'deprecated') problems.push(`${r.targetRef} is deprecated`);
  }
  return problems.length ? fail(`depends on what it should not: ${problems.join('; ')}`, descriptorLink(ctx)) : pass();
};

/** The key a definition of each type must have at its top, as its specification names it. */
const VERSION_KEY: Record<string, string[]> = { openapi: ['openapi', 'swagger'], asyncapi: ['asyncapi'] };

const apiDefinitionValid: Check<Extract<CheckConfig, { type: 'api_definition_valid' }>> = (ctx) => {
  if (ctx.entity.kind.toLowerCase() !== 'api') return fail('not an API');
  const def = ctx.entity.spec?.definition;
  if (typeof def !== 'string' || def.trim() === '') return fail('no spec.definition', descriptorLink(ctx));
  // what the API reader found (apis/), for every type it reads: a definition it could not read, a $ref leading nowhere or outside
  const reader = ctx.errors.find((d) => d.code.startsWith('api.'));
  if (reader) return fail(`${reader.message} (${reader.code}${reader.line ? ` at ${reader.file}:${reader.line}` : ''})`, descriptorLink(ctx));
  const type = String(ctx.entity.spec?.type ?? '').toLowerCase();
  const keys = VERSION_KEY[type];
  if (!keys) return pass();
  let doc: unknown;
  try {
    doc = yaml.load(def, yamlLoadOptions({ schema: yaml.CORE_SCHEMA }));
  } catch (e) {
    const err = e as yaml.YAMLException;
    return fail(`the ${type} definition does not parse: ${err.reason ?? err.message}${err.mark ? ` (line ${err.mark.line + 1})` : ''}`, descriptorLink(ctx));
  }
  if (doc === null || typeof doc !== 'object' || !keys.some((k) => k in (doc as object))) {
    return fail(`the definition has no \`${keys.join('` or `')}\` version at its top, as a ${type} document must`, descriptorLink(ctx));
  }
  return pass();
};

/** Every built-in check by the name a rule gives it. */
export const CHECKS: { [K in CheckName]: Check<Extract<CheckConfig, { type: K }>> } = {
  field, annotation, relation, techdocs, file,
  commit_within_days: commitWithinDays,
  no_errors: noErrors,
  healthy_dependencies: healthyDependencies,
  api_definition_valid: apiDefinitionValid,
};

/** A plugin's checks by `<plugin>.<check>`, given by the plugins stage (plugins/index.ts). */
export type PluginChecks = ReadonlyMap<string, Check<Record<string, unknown>>>;

export function runCheck(ctx: CheckContext, check: CheckConfig, plugins: PluginChecks = new Map()): RuleOutcome {
  if (check.type === 'plugin') {
    const run = plugins.get(check.name);
    return run ? run(ctx, check.params) : { passed: false, reason: `the check ${check.name} is not loaded` };
  }
  return (CHECKS[check.type] as Check<CheckConfig>)(ctx, check);
}
