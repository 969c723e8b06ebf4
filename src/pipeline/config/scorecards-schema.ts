/**
 * `scorecards:` in portal.yaml: standards as code. A scorecard applies to some entities, orders its
 * levels, and gives each level rules; a rule is one built-in check with its options. Everything is
 * checked here, at load, so a typo is a config diagnostic at its line and never a surprise in a
 * nightly: unknown checks and levels (with "did you mean"), rules in no level, patterns that do not
 * compile or could backtrack catastrophically.
 *
 * The checks themselves run in the scorecards stage (src/pipeline/scorecards/checks.ts), keyed by
 * the names below: one key of `check:` is the check, the other keys are its options.
 */
import { z } from 'zod';
import { closest, distance } from 'fastest-levenshtein';
import { RE2JS } from 're2js';
import safeRegex from 'safe-regex2';
import { RELATION_TYPES } from '../catalog/vocabulary/relation-types.js';

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lowercase a-z, 0-9 and single dashes');
const words = z.array(z.string().min(1)).min(1);
/** Glob-free paths and globs inside the entity's repo or folder: `..` never, so no rule can ask for a file outside. */
const repoPattern = z.string().min(1).refine((p) => !p.split(/[\\/]/).includes('..') && !/^[a-z]:/i.test(p), 'a path or glob inside the repository (no `..`)');
const days = z.number().int().positive().max(36500);

/** A value test shared by field, annotation and file-content checks. */
const valueTest = { matches: z.string().min(1).optional(), one_of: z.array(z.string()).min(1).optional() };

/** The built-in checks: the key that names the check, and the options it takes. */
export const CHECK_OPTIONS = {
  /** A field (`metadata.description`, `spec.lifecycle`, `metadata.links`) is present and not empty. */
  field: z.strictObject({ field: z.string().regex(/^(metadata|spec|apiVersion|kind)(\.[^.\s]+)*$/, 'a dotted path from the entity root, e.g. metadata.description or spec.lifecycle'), ...valueTest }),
  /** An annotation is present (and matches). */
  annotation: z.strictObject({ annotation: z.string().min(1), ...valueTest }),
  /** A relation of this type exists and every target is in the catalog. */
  relation: z.strictObject({
    relation: z.enum(RELATION_TYPES.map((r) => r.type) as [string, ...string[]]),
    /** Only targets of these kinds count (`ownedBy` a Group, not a User). */
    kind: z.union([z.string().min(1), words]).optional(),
  }),
  /** The entity has TechDocs (its own or shared), changed within `max_age_days` when given. */
  techdocs: z.strictObject({ techdocs: z.literal(true), max_age_days: days.optional() }),
  /** A file or glob exists in the entity's repository (or its descriptor's folder); any of a list. */
  file: z.strictObject({
    file: z.union([repoPattern, z.array(repoPattern).min(1)]),
    in: z.enum(['repo', 'folder']).default('repo'),
    /** The first match must contain this pattern. */
    matches: z.string().min(1).optional(),
  }),
  /** The entity's repository had a commit within this many days. */
  commit_within_days: z.strictObject({ commit_within_days: days }),
  /** The build found no error in the entity (its descriptor, its docs). */
  no_errors: z.strictObject({ no_errors: z.literal(true) }),
  /** Everything it depends on or consumes is in the catalog and not deprecated. */
  healthy_dependencies: z.strictObject({ healthy_dependencies: z.literal(true) }),
  /** An API's `spec.definition` parses as its `spec.type` says (JSON/YAML for OpenAPI and AsyncAPI). */
  api_definition_valid: z.strictObject({ api_definition_valid: z.literal(true) }),
} as const;

export type CheckName = keyof typeof CHECK_OPTIONS;
export const CHECK_NAMES = Object.keys(CHECK_OPTIONS) as CheckName[];
export type CheckConfig = { [K in CheckName]: z.output<(typeof CHECK_OPTIONS)[K]> & { type: K } }[CheckName]
  /** A plugin's check: its name and the rule's other keys as they are. */
  | { type: 'plugin'; name: string; params: Record<string, unknown> };

const RuleSchema = z.strictObject({
  id,
  title: z.string().min(1).optional(),
  description: z.string().optional(),
  level: z.string().min(1).optional(),
  /** Where a reader goes to fix a failure, when the check's own link is not enough. */
  help_url: z.url({ protocol: /^https?$/ }).optional(),
  check: z.record(z.string(), z.unknown()),
});

const AppliesTo = z.strictObject({
  kind: words.optional(),
  type: words.optional(),
  lifecycle: words.optional(),
  tags: words.optional(),
  /** Owner refs (`group:payments` or `payments`) — direct owners. */
  owner: words.optional(),
});

export const ScorecardSchema = z.strictObject({
  id,
  title: z.string().min(1),
  description: z.string().optional(),
  applies_to: AppliesTo.default({}),
  levels: z.array(id).min(1),
  rules: z.array(RuleSchema).min(1),
});

export const ScorecardsSchema = z.array(ScorecardSchema).default([]).superRefine((cards, ctx) => {
  const ids = new Set<string>();
  cards.forEach((card, i) => {
    if (ids.has(card.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${card.id}" is already the id of another scorecard` });
    ids.add(card.id);
    const levels = new Set<string>();
    card.levels.forEach((l, j) => {
      if (levels.has(l)) ctx.addIssue({ code: 'custom', path: [i, 'levels', j], message: `level "${l}" is listed twice` });
      levels.add(l);
    });
    const ruleIds = new Set<string>();
    card.rules.forEach((rule, j) => {
      const at = [i, 'rules', j];
      if (ruleIds.has(rule.id)) ctx.addIssue({ code: 'custom', path: [...at, 'id'], message: `"${rule.id}" is already the id of another rule of this scorecard` });
      ruleIds.add(rule.id);
      if (rule.level === undefined) {
        ctx.addIssue({ code: 'custom', path: at, message: `rule "${rule.id}" is in no level: give it \`level:\` one of ${card.levels.join(', ')}` });
      } else if (!levels.has(rule.level)) {
        ctx.addIssue({ code: 'custom', path: [...at, 'level'], message: `unknown level "${rule.level}"${suggest(rule.level, card.levels)}; the levels are ${card.levels.join(', ')}` });
      }
      for (const issue of checkIssues(rule.check)) ctx.addIssue({ code: 'custom', path: [...at, 'check', ...issue.path], message: issue.message });
    });
  });
});

export type ScorecardConfig = z.output<typeof ScorecardSchema>;
export type RuleConfig = z.output<typeof RuleSchema>;

function suggest(key: string, candidates: readonly string[]): string {
  const best = closest(key, candidates as string[]);
  return best && distance(key, best) <= Math.max(2, Math.floor(best.length / 3)) ? ` — did you mean "${best}"?` : '';
}

/** Which check a `check:` mapping names: the one of its keys that is a check name. */
export function checkNameOf(check: Record<string, unknown>): CheckName | undefined {
  const names = Object.keys(check).filter((k): k is CheckName => k in CHECK_OPTIONS);
  return names.length === 1 ? names[0] : undefined;
}

/** A plugin's check: `<plugin>.<check>`, checked against the loaded plugins (plugins/load.ts). */
export const pluginCheckName = (check: Record<string, unknown>): string | undefined => Object.keys(check).find((k) => /^[a-z0-9-]+\.[A-Za-z0-9_-]+$/.test(k));

function checkIssues(check: Record<string, unknown>): { path: (string | number)[]; message: string }[] {
  const named = Object.keys(check).filter((k): k is CheckName => k in CHECK_OPTIONS);
  if (named.length === 0 && pluginCheckName(check)) return [];
  if (named.length === 0) {
    const first = Object.keys(check)[0];
    return [{
      path: first ? [first] : [],
      message: first
        ? `unknown check "${first}"${suggest(first, CHECK_NAMES)}; the checks are ${CHECK_NAMES.join(', ')}`
        : `a check names one of ${CHECK_NAMES.join(', ')}`,
    }];
  }
  if (named.length > 1) return [{ path: [named[1]!], message: `one check per rule: "${named[0]}" and "${named[1]}" are both checks` }];
  const parsed = CHECK_OPTIONS[named[0]!].safeParse(check);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => issue.code === 'unrecognized_keys'
      ? { path: issue.path as (string | number)[], message: `unknown option ${issue.keys.map((k) => `"${k}"`).join(', ')} of check "${named[0]}"` }
      : { path: issue.path as (string | number)[], message: issue.message });
  }
  const matches = (parsed.data as { matches?: string }).matches;
  const problem = matches === undefined ? undefined : patternProblem(matches);
  return problem ? [{ path: ['matches'], message: problem }] : [];
}

/**
 * Why a pattern cannot be used, or nothing. Patterns are the portal owner's, matched against values
 * from repositories: one that backtracks catastrophically would let any repo stall the build, so
 * such patterns are refused here, and every match runs on RE2 (linear time) anyway.
 */
export function patternProblem(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
  } catch (e) {
    return `the pattern ${JSON.stringify(pattern)} does not compile: ${(e as Error).message} (RE2 syntax: no backreferences or lookaround)`;
  }
  if (!safeRegex(pattern)) return `the pattern ${JSON.stringify(pattern)} nests repetition (like (a+)+) and could take exponential time; write it without a repeated group that repeats`;
  return undefined;
}

/** The check a rule names, with its options parsed (after the config loaded, it always parses). */
export function parseCheck(check: Record<string, unknown>): CheckConfig {
  const plugin = checkNameOf(check) ? undefined : pluginCheckName(check);
  if (plugin) return { type: 'plugin', name: plugin, params: Object.fromEntries(Object.entries(check).filter(([k]) => k !== plugin)) };
  const type = checkNameOf(check);
  if (!type) throw new Error('unvalidated check');
  return { ...CHECK_OPTIONS[type].parse(check), type } as CheckConfig;
}
