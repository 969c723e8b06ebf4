/**
 * Checks of a template's form against what its steps use, for `validate`: each parameters page is
 * JSON Schema (draft-07, as the scaffolder's form reads it), and the `parameters.x` of the steps and
 * the `values.x` of a `fetch:template` skeleton name a field the form has or a value the step passes.
 * References are read from Nunjucks' own parse of the text, so `{% raw %}`, comments and strings
 * are not mistaken for them.
 */
import { Ajv } from 'ajv';
import nunjucks from 'nunjucks';
import { minimatch } from 'minimatch';

/** One instance: its draft-07 meta-schema is compiled once for every page of every template. */
let ajv: Ajv | undefined;

/** `ui:*` keys are the form's, not the schema's, wherever they are. */
function withoutUi(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutUi);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => !k.startsWith('ui:')).map(([k, x]) => [k, withoutUi(x)]));
  return v;
}

/** Why a parameters page is not JSON Schema (draft-07), or undefined when it is one. */
export function schemaProblem(page: unknown): string | undefined {
  ajv ??= new Ajv({ strict: false, allErrors: true });
  let schema = withoutUi(page);
  if (schema && typeof schema === 'object' && !Array.isArray(schema)) {
    // the title and description are the form page's heading; `$schema` is not what the form reads
    const { title: _t, description: _d, $schema: _s, ...rest } = schema as Record<string, unknown>;
    schema = rest;
  }
  let valid: boolean;
  try {
    valid = ajv.validateSchema(schema as object) as boolean;
  } catch (e) {
    return (e as Error).message;
  }
  if (valid) return undefined;
  const errors = ajv.errors ?? [];
  if (!errors.length) return 'not a schema';
  // `type: strng` fails three ways at one place: say the first, and how many other places fail
  const others = new Set(errors.map((e) => e.instancePath));
  others.delete(errors[0]!.instancePath);
  return ajv.errorsText([errors[0]!]) + (others.size ? ` (and ${others.size} more)` : '');
}

/**
 * The fields a parameters page gives `parameters`: its `properties`, and those of the schemas it
 * is combined with (`dependencies`, `allOf`/`anyOf`/`oneOf`, `if`/`then`/`else`). `undefined`
 * when the page can give names not written here (`$ref`, `additionalProperties`,
 * `patternProperties`): then no name is reported unknown.
 */
export function fieldsOf(pages: readonly unknown[]): Set<string> | undefined {
  const names = new Set<string>();
  let open = false;
  const visit = (s: unknown) => {
    if (!s || typeof s !== 'object' || Array.isArray(s)) return;
    const schema = s as Record<string, unknown>;
    if (schema.$ref !== undefined || schema.patternProperties !== undefined || (schema.additionalProperties !== undefined && schema.additionalProperties !== false)) open = true;
    if (schema.properties && typeof schema.properties === 'object') for (const k of Object.keys(schema.properties)) names.add(k);
    if (schema.dependencies && typeof schema.dependencies === 'object') for (const d of Object.values(schema.dependencies)) visit(d);
    for (const k of ['allOf', 'anyOf', 'oneOf'] as const) if (Array.isArray(schema[k])) (schema[k] as unknown[]).forEach(visit);
    for (const k of ['if', 'then', 'else'] as const) visit(schema[k]);
  };
  pages.forEach(visit);
  return open ? undefined : names;
}

interface Node { typename: string; value?: unknown; lineno?: number; target?: Node; val?: Node; [field: string]: unknown }

/**
 * The names read as `root.name` (or `root['name']`) in a Nunjucks text, with the 1-based line of
 * each; `undefined` when the text does not parse (the syntax check reports that).
 */
export function referencesIn(text: string, roots: readonly string[], cookiecutter = false): Array<{ root: string; name: string; line: number }> | undefined {
  let ast: Node;
  try {
    ast = (nunjucks as unknown as { parser: { parse(src: string, ext: unknown[], opts: object): Node } }).parser.parse(text, [], cookiecutter ? {} : { tags: { variableStart: '${{', variableEnd: '}}' } });
  } catch {
    return undefined;
  }
  const out: Array<{ root: string; name: string; line: number }> = [];
  const seen = new Set<unknown>();
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object' || seen.has(n)) return;
    seen.add(n);
    if (Array.isArray(n)) return n.forEach(walk);
    const node = n as Node;
    if (node.typename === 'LookupVal' && node.target?.typename === 'Symbol' && roots.includes(String(node.target.value)) && node.val?.typename === 'Literal' && typeof node.val.value === 'string') {
      out.push({ root: String(node.target.value), name: node.val.value, line: (node.lineno ?? 0) + 1 });
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'typename' && typeof v === 'object') walk(v);
  };
  walk(ast);
  return out;
}

/**
 * Whether `fetch:template` renders the file's content (its name is always rendered): not when it
 * is one of `copyWithoutTemplating`, nor without `templateFileExtension`'s extension when set.
 */
export function contentRendered(file: string, input: Record<string, unknown>): boolean {
  const globs = input.copyWithoutTemplating ?? input.copyWithoutRender;
  if (Array.isArray(globs)) {
    for (const g of globs) {
      if (typeof g !== 'string') continue;
      const glob = g.replace(/^\.\//, '');
      if (minimatch(file, glob, { dot: true }) || minimatch(file, `${glob.replace(/\/+$/, '')}/**`, { dot: true })) return false;
    }
  } else if (typeof globs === 'string') {
    // an expression: which files it names is known only when the template runs
    return false;
  }
  const ext = input.templateFileExtension === true ? '.njk' : typeof input.templateFileExtension === 'string' ? input.templateFileExtension : undefined;
  return !ext || file.endsWith(ext);
}
