/**
 * How a failed schema check is worded. zod's own messages name its types ("expected record") and a
 * union knows only that no branch matched, so every field that accepts more than one shape says what
 * it expects with `expecting(…)`, and a union whose input had the right shape but a bad part inside
 * (a list of refs with one number in it) is reported at that part, so the message and line are the
 * item's rather than the whole field's.
 */
import type { z } from 'zod';
import type { YamlPath } from '../../yaml/positions.js';
import { quote } from '../../yaml/quote.js';

/** What a value is, in the words a descriptor author uses. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Date) return 'a date';
  switch (typeof v) {
    case 'object': return 'a map';
    case 'boolean': return 'a boolean (true/false)';
    default: return `a ${typeof v}`;
  }
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string', number: 'a number', int: 'a whole number', boolean: 'true or false',
  object: 'a map', record: 'a map', map: 'a map', array: 'a list', tuple: 'a list', null: 'null',
};
const typeWords = (t: string): string => TYPE_WORDS[t] ?? t;

const expectations = new Set<string>();

/**
 * The `error` option of a schema that accepts more than one shape: `what` is how its diagnostics
 * say what the field expects, e.g. `z.union([…], expecting('a string or a list of strings'))`.
 */
export function expecting(what: string): { error: string } {
  expectations.add(what);
  return { error: what };
}

export interface SchemaIssue {
  /** Relative to the checked value. */
  path: YamlPath;
  message: string;
}

type Issue = z.core.$ZodIssue;
const inputOf = (issue: Issue): unknown => (issue as { input?: unknown }).input;
const relPath = (issue: Issue): YamlPath => issue.path.map((p) => (typeof p === 'number' ? p : String(p)));

/** A union with no declared expectation: what its branches wanted at the top, e.g. "a string or a map". */
function branchTypes(issue: Extract<Issue, { code: 'invalid_union' }>): string {
  const wanted = new Set<string>();
  for (const branch of issue.errors) {
    for (const i of branch) if (i.path.length === 0 && i.code === 'invalid_type') wanted.add(typeWords(i.expected));
  }
  return wanted.size > 0 ? [...wanted].join(' or ') : 'another shape';
}

function describe(issue: Issue): string {
  const input = inputOf(issue);
  if (input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union')) return 'is required';
  switch (issue.code) {
    case 'invalid_type': return `expected ${typeWords(issue.expected)}, found ${describeValue(input)}`;
    case 'too_small': return issue.origin === 'array' ? 'must not be an empty list' : 'must not be empty';
    case 'invalid_value': return `${quote(input)} is not one of ${issue.values.map((v) => quote(v)).join(', ')}`;
    case 'invalid_union': {
      const expected = expectations.has(issue.message) ? issue.message : branchTypes(issue);
      return `${quote(input)} is not valid; expected ${expected}`;
    }
    default: return issue.message;
  }
}

/**
 * One union issue → the issues worth showing. When exactly one branch accepted the value's shape
 * (all its complaints are about parts inside the value), those complaints are the useful ones.
 */
function flatten(issue: Issue, at: YamlPath, out: SchemaIssue[]): void {
  const path = [...at, ...relPath(issue)];
  if (issue.code === 'invalid_union' && inputOf(issue) !== undefined) {
    const shaped = issue.errors.filter((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0));
    if (shaped.length === 1) {
      for (const inner of shaped[0]!) flatten(inner, path, out);
      return;
    }
  }
  out.push({ path, message: describe(issue) });
}

/** `value` checked against `schema`: each problem with the path of the field it is about. */
export function schemaIssues(schema: z.ZodType, value: unknown): SchemaIssue[] {
  const r = schema.safeParse(value, { reportInput: true });
  if (r.success) return [];
  const out: SchemaIssue[] = [];
  for (const issue of r.error.issues) flatten(issue, [], out);
  return out;
}
