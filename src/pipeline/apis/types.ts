/**
 * An API definition as a reference: the one shape every format's reader (OpenAPI, AsyncAPI, GraphQL,
 * Protocol Buffers) produces and the one renderer, search and diff read. Plain data, no HTML: the
 * renderer escapes every string and renders `description`s as sanitized CommonMark.
 *
 * A reader maps its format onto this vocabulary: operations (an OpenAPI path+method, an AsyncAPI
 * operation, a GraphQL root field, an rpc) in groups (tags, channels, root types, services), and
 * named types (schemas, messages, GraphQL types, proto messages and enums) that type expressions link to.
 */

export type ApiFormat = 'openapi' | 'asyncapi' | 'graphql' | 'grpc';

/**
 * Text from the definition. In `markdown` references (OpenAPI, AsyncAPI, GraphQL descriptions are
 * CommonMark by their specs) it is rendered as sanitized CommonMark; in `plain` ones (proto comments)
 * as paragraphs of text.
 */
export type Description = string;

/** A short labelled fact shown beside a field or operation: `format: uuid`, `default: 10`, `in: query`, `field: 3`. */
export interface Fact { label: string; value: string }

/**
 * A type as written for a reader, in parts: plain text, and names that link to a named type's anchor.
 * `array of Pet` is `['array of ', { name: 'Pet', anchor: 'schema-pet' }]`; GraphQL's `[Pet!]!` is
 * `['[', { name: 'Pet', anchor: 'type-pet' }, '!]!']`. An empty list reads as "any".
 */
export type TypeExpr = Array<string | TypeLink>;
export interface TypeLink { name: string; anchor: string }

/** A schema as shown: its type line, its facts, and what it is made of. */
export interface Shape {
  type: TypeExpr;
  description?: Description;
  /** format, constraints (minLength, pattern, maximum…), enum values, nullable, default, read/write only… */
  facts: Fact[];
  /** An object's properties (or an array's item object's), a message's fields, an enum's values: one nested table. */
  fields?: Field[];
  /** oneOf / anyOf / allOf (and a GraphQL union's members): each option a shape of its own. */
  variants?: { kind: 'oneOf' | 'anyOf' | 'allOf' | 'union'; options: Shape[] };
  /** additionalProperties / a map's values, when it is a schema (`false` is a fact). */
  additional?: Shape;
  /** Examples, already serialized (JSON or YAML text as the definition had it). */
  examples?: Example[];
  /** Set where the reader stopped expanding: a cycle back to a type being shown, or the depth bound. */
  truncated?: 'cycle' | 'depth';
}

/** A named member: a property, a parameter, a header, a GraphQL argument or field, a proto field, an enum value. */
export interface Field extends Shape {
  name: string;
  required?: boolean;
  deprecated?: boolean | string;
}

export interface Example { title?: string; language: 'json' | 'yaml' | 'graphql' | 'text'; code: string }

/**
 * One thing a reader calls or listens to. `anchor` is stable across builds: it comes from what the
 * definition names (method and path, operationId, service and rpc, root type and field), not from order.
 */
export interface Operation {
  anchor: string;
  /** Shown as a badge: GET, POST…, rpc, query, mutation, subscription, send, receive, publish, subscribe. */
  verb: string;
  /** What it is called: the path, the channel, the rpc or field name. */
  name: string;
  /** A second name readers search by: the operationId, the rpc's full name (`acme.ledger.v1.Ledger.PostEntry`). */
  id?: string;
  summary?: string;
  description?: Description;
  deprecated?: boolean | string;
  /** Marks such as `client streaming`, `server streaming`, `bidirectional streaming`. */
  badges?: string[];
  /** Security requirements, servers, a channel's address, a correlation id, bindings as data… */
  facts?: Fact[];
  /** In reading order: parameters by location, the request body per media type, responses per status, payload, headers, arguments, result. */
  sections: OperationSection[];
  /** OpenAPI callbacks: operations the API calls back, each with its own anchor. */
  callbacks?: Array<{ name: string; operations: Operation[] }>;
}

export interface OperationSection {
  /** "Path parameters", "Request body · application/json", "Response 404", "Payload", "Arguments", "Returns"… */
  title: string;
  description?: Description;
  /** A table of named fields (parameters, headers, arguments). */
  fields?: Field[];
  /** A body, payload or result schema. */
  shape?: Shape;
  facts?: Fact[];
  examples?: Example[];
}

/** Operations that belong together: an OpenAPI tag, an AsyncAPI channel, a GraphQL root type, a gRPC service. */
export interface OperationGroup {
  anchor: string;
  title: string;
  /** What the group is, shown beside its title: `tag`, `channel`, `service`… */
  label?: string;
  description?: Description;
  facts?: Fact[];
  operations: Operation[];
}

/** A named type that type expressions link to: a schema, message, GraphQL type, proto message or enum. */
export interface TypeDef extends Shape {
  anchor: string;
  name: string;
  /** schema, message, enum, object, input, interface, union, scalar, directive, … */
  label: string;
  deprecated?: boolean | string;
}

export interface TypeGroup { anchor: string; title: string; types: TypeDef[] }

export interface Server { url: string; description?: Description; facts?: Fact[] }

export interface SecurityScheme { name: string; type: string; description?: Description; facts: Fact[] }

/** A link the definition gives (contact, license, terms of service, external docs). Only http(s) and mailto are rendered as links. */
export interface ReferenceLink { label: string; href: string }

export interface ApiReference {
  format: ApiFormat;
  /** The definition language's version as written: `3.1.0`, `2.6.0`, `proto3`, … */
  specVersion?: string;
  title?: string;
  /** The API's own version (`info.version`). */
  version?: string;
  description?: Description;
  /** How `description`s are rendered (see Description). */
  descriptions: 'markdown' | 'plain';
  links: ReferenceLink[];
  servers: Server[];
  security: SecurityScheme[];
  groups: OperationGroup[];
  types: TypeGroup[];
  /** What the reader left out and why, shown on the page ("remote $ref https://… was not fetched"). */
  notes: string[];
}

/** Input to a reader: the definition text and where it came from. */
export interface DefinitionInput {
  text: string;
  /** The file the text is in, posix, relative to its source root: the descriptor (inline definition) or the placeholder's target. */
  file: string;
  /** 1-based line of the file where `text` starts: 1 for a whole file, later for a definition inline in a descriptor. */
  line: number;
  /**
   * Reads another file of the same source, `target` relative to the folder of `fromFile` (or `/x` from
   * the source root). Confined like every read of a source: no `..` out, no symlink out, no `.git`,
   * bounded in size; URLs are refused (nothing is fetched). `path` is the file read, relative to the source root.
   */
  read(fromFile: string, target: string): { ok: true; path: string; text: string } | { ok: false; why: string };
}

export interface ApiProblem {
  severity: 'error' | 'warning' | 'info';
  /** `api.<problem>`: api.parse-failed, api.invalid, api.ref-missing, api.ref-outside, api.ref-remote, … */
  code: string;
  message: string;
  /** The file at fault, relative to the source root (the input's `file` or a file it refers to). */
  file: string;
  /** 1-based line in `file` (for the main text: `input.line` + its line within `text` − 1). */
  line?: number;
}

/** A reader's answer. No `reference` when the definition could not be read at all: the page shows its source. */
export interface ReadResult { reference?: ApiReference; problems: ApiProblem[] }

export type ApiReader = (input: DefinitionInput) => ReadResult | Promise<ReadResult>;
