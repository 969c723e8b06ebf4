/**
 * The OpenAPI reader: a Swagger 2.0, OpenAPI 3.0 or 3.1 definition (one file or many, joined by
 * relative `$ref`s read through `input.read`) → an `ApiReference`. Bad input is problems, never a
 * throw: a definition that does not parse gives no reference; one that parses but does not
 * validate gives its best-effort reference with `api.invalid` warnings.
 */
import { Anchors } from '../anchors.js';
import type { ApiReader, ApiReference, DefinitionInput, ReadResult } from '../types.js';
import { isMap, loadDocument, mainKey, ProblemSink, prop, RefResolver, SchemaReader } from '../json-schema/index.js';
import { str, type OasContext } from './context.js';
import { links, securitySchemes, servers } from './info.js';
import { operationGroups } from './operations.js';
import { validate } from './validate.js';
import { detectVersion } from './version.js';

async function read(input: DefinitionInput, problems: ProblemSink): Promise<ReadResult> {
  const main = loadDocument(input.text, input.file, input.line, problems, mainKey(input));
  if (!main) return { problems: problems.list() };
  if (!isMap(main.value)) {
    problems.add({ severity: 'error', code: 'api.parse-failed', message: `${input.file} is not a definition: expected a map of keys at its top, found a list`, file: input.file, line: input.line });
    return { problems: problems.list() };
  }
  const root = main.value;
  const detected = detectVersion(root);
  if (!detected.ok) {
    problems.add({ ...detected.problem, file: input.file, line: input.line });
    return { problems: problems.list() };
  }
  if (detected.warning) problems.add({ severity: 'warning', code: 'api.invalid', message: detected.warning, file: input.file, line: input.line });

  const anchors = new Anchors();
  const notes: string[] = [];
  const resolver = new RefResolver(input, main, problems, notes);
  const schemas = new SchemaReader({ resolver, anchors });
  const ctx: OasContext = { version: detected.version, main, root, resolver, schemas, anchors, problems, notes };

  // named schemas first, in the order the definition lists them, so their anchors do not depend on use
  const holder = detected.version === '2.0' ? ['definitions'] : ['components', 'schemas'];
  const named = detected.version === '2.0' ? prop(root, 'definitions') : prop(prop(root, 'components'), 'schemas');
  if (isMap(named)) for (const name of Object.keys(named)) schemas.define(named[name], { doc: main, path: [...holder, name] }, name);

  const info = prop(root, 'info');
  const reference: ApiReference = {
    format: 'openapi',
    specVersion: detected.specVersion,
    descriptions: 'markdown',
    links: links(root),
    servers: servers(ctx, root),
    security: securitySchemes(ctx),
    groups: operationGroups(ctx),
    types: [],
    notes,
  };
  const title = str(info, 'title');
  if (title !== undefined) reference.title = title;
  const version = prop(info, 'version');
  if (typeof version === 'string' || typeof version === 'number') reference.version = String(version);
  const description = str(info, 'description');
  if (description !== undefined) reference.description = description;
  const types = schemas.types();
  if (types.length) reference.types = [{ anchor: anchors.get('group:\0schemas', 'schemas'), title: 'Schemas', types }];

  await validate(ctx);
  return { reference, problems: problems.list() };
}

export const readOpenApi: ApiReader = async (input) => {
  const problems = new ProblemSink();
  try {
    return await read(input, problems);
  } catch (e) {
    // a bug of ours, not the definition's fault; still a problem on the page, not a failed build
    problems.add({ severity: 'error', code: 'api.read-failed', message: `The OpenAPI reader failed: ${(e as Error)?.message ?? String(e)}`, file: input.file, line: input.line });
    return { problems: problems.list() };
  }
};
