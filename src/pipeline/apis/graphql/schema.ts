/**
 * From SDL text to a GraphQLSchema, as far as the text allows: `parse` for syntax (an error there
 * means no reference), `validateSDL` and `validateSchema` for the rest (warnings, and the schema is
 * still built, with `assumeValidSDL`, so a reader gets a best-effort reference). Type extensions
 * (`extend type`, `extend schema`) are merged by `buildASTSchema` itself.
 */
import {
  Kind, buildASTSchema, parse, validateSchema, visit,
  type DefinitionNode, type DocumentNode, type GraphQLError, type GraphQLSchema,
} from 'graphql';
// Not re-exported by the package's index, but part of its published files: the per-error SDL
// validation (with locations) that `buildASTSchema` otherwise throws as one joined message.
import { validateSDL } from 'graphql/validation/validate.js';
import type { ApiProblem, DefinitionInput } from '../types.js';

/**
 * 16 times GitHub's public schema (1.2 MB of SDL, ~61,000 tokens; an 8 MB definition of such text
 * would be ~400,000), and far below the ~8 million tokens a hostile 8 MB text of punctuation makes.
 */
export const MAX_TOKENS = 1_000_000;
/** Problems reported one by one; past this, one more says how many were left out. */
export const MAX_PROBLEMS = 50;

const BUILT_IN_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

export interface LoadedSchema {
  schema?: GraphQLSchema;
  document?: DocumentNode;
  /** Named types the text refers to but never defines: built as placeholder scalars, shown unlinked. */
  unknown: Set<string>;
  problems: ApiProblem[];
}

/**
 * The line in the input's file of a GraphQL error's first location. Read by shape, not `instanceof`:
 * a bundler may load `graphql` as ESM and the deep `validate.js` as CommonJS, two GraphQLError classes.
 */
function lineOf(input: DefinitionInput, err: unknown): number | undefined {
  const at = (err as Partial<Pick<GraphQLError, 'locations'>> | null)?.locations?.[0]?.line;
  return typeof at === 'number' ? input.line + at - 1 : undefined;
}

function problem(input: DefinitionInput, severity: ApiProblem['severity'], code: string, err: unknown): ApiProblem {
  const message = err instanceof Error ? err.message : String(err);
  const line = lineOf(input, err);
  return { severity, code, message, file: input.file, ...(line === undefined ? {} : { line }) };
}

/** Named types referred to but not defined (nor built in): without a definition the build throws. */
function undefinedNames(document: DocumentNode): Set<string> {
  const defined = new Set<string>();
  const used = new Set<string>();
  // `visit` walks with its own stack, not recursion, so a deeply nested document is no risk here.
  visit(document, {
    ScalarTypeDefinition: (n) => { defined.add(n.name.value); },
    ObjectTypeDefinition: (n) => { defined.add(n.name.value); },
    InterfaceTypeDefinition: (n) => { defined.add(n.name.value); },
    UnionTypeDefinition: (n) => { defined.add(n.name.value); },
    EnumTypeDefinition: (n) => { defined.add(n.name.value); },
    InputObjectTypeDefinition: (n) => { defined.add(n.name.value); },
    NamedType: (n) => { used.add(n.name.value); },
  });
  const missing = new Set<string>();
  for (const name of used) if (!defined.has(name) && !BUILT_IN_SCALARS.has(name)) missing.add(name);
  return missing;
}

function withPlaceholders(document: DocumentNode, names: Set<string>): DocumentNode {
  const extra: DefinitionNode[] = [...names].map((value) => ({
    kind: Kind.SCALAR_TYPE_DEFINITION,
    name: { kind: Kind.NAME, value },
  }));
  return { ...document, definitions: [...document.definitions, ...extra] };
}

function capped(problems: ApiProblem[], input: DefinitionInput, what: string): ApiProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const rest = problems.length - MAX_PROBLEMS;
  return [...problems.slice(0, MAX_PROBLEMS), {
    severity: 'warning', code: 'api.invalid', file: input.file,
    message: `${rest} more ${what} problem${rest === 1 ? '' : 's'} not listed`,
  }];
}

export function loadSchema(input: DefinitionInput): LoadedSchema {
  const unknown = new Set<string>();
  let document: DocumentNode;
  try {
    document = parse(input.text, { maxTokens: MAX_TOKENS });
  } catch (err) {
    // A RangeError is the parser's recursion meeting a hostile nesting depth of lists or values.
    const why = err instanceof RangeError ? new Error(`the definition nests too deeply to read (${err.message})`) : err;
    return { unknown, problems: [problem(input, 'error', 'api.parse-failed', why)] };
  }

  const problems: ApiProblem[] = [];
  let sdlErrors: readonly GraphQLError[] = [];
  try {
    sdlErrors = validateSDL(document);
  } catch (err) {
    problems.push(problem(input, 'warning', 'api.invalid', err));
  }
  problems.push(...capped(sdlErrors.map((e) => problem(input, 'warning', 'api.invalid', e)), input, 'schema'));

  let schema: GraphQLSchema;
  try {
    for (const name of undefinedNames(document)) unknown.add(name);
    const buildable = unknown.size ? withPlaceholders(document, unknown) : document;
    // The SDL rules have run above, with their errors as warnings: build regardless, best effort.
    schema = buildASTSchema(buildable, { assumeValidSDL: true });
  } catch (err) {
    problems.push(problem(input, 'error', 'api.invalid', err));
    return { document, unknown, problems };
  }

  let schemaErrors: readonly GraphQLError[] = [];
  try {
    schemaErrors = validateSchema(schema);
  } catch (err) {
    problems.push(problem(input, 'warning', 'api.invalid', err));
  }
  // validateSDL has already said an undefined type is unknown; the placeholder scalar it became
  // would only add errors ("cannot implement Bar", "must be Object type") about a type never written.
  const aboutPlaceholder = (e: GraphQLError) => (e.nodes ?? []).some((n) => {
    const named = n.kind === Kind.NAMED_TYPE ? n : n.kind === Kind.OPERATION_TYPE_DEFINITION ? n.type : undefined;
    return (named && unknown.has(named.name.value)) || (n.kind === Kind.SCALAR_TYPE_DEFINITION && !n.loc);
  });
  const relevant = schemaErrors.filter((e) => !aboutPlaceholder(e));
  problems.push(...capped(relevant.map((e) => problem(input, 'warning', 'api.invalid', e)), input, 'schema'));
  return { schema, document, unknown, problems };
}
