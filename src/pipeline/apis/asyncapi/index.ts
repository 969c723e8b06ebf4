/**
 * The AsyncAPI reader: an AsyncAPI 2.0–2.6 or 3.x definition (one file or many, joined by relative
 * `$ref`s read through `input.read`) → an `ApiReference`: a group per channel with its operations,
 * messages and schemas as named types, servers and security schemes. Payload and header schemas go
 * through the shared JSON Schema reader. Bad input is problems, never a throw: a definition that does
 * not parse gives no reference; one that parses but does not validate (validate.ts) gives its
 * best-effort reference with `api.invalid` warnings.
 */
import { Anchors } from '../anchors.js';
import type { ApiReader, ApiReference, DefinitionInput, ReadResult, TypeGroup } from '../types.js';
import { isMap, loadDocument, mainKey, ProblemSink, RefResolver, SchemaReader } from '../json-schema/index.js';
import { child, entries, follow, str, text, type AaContext } from './context.js';
import { links, securitySchemes, servers } from './info.js';
import { MessageTypes } from './messages.js';
import { channelGroups2 } from './v2.js';
import { channelGroups3 } from './v3.js';
import { checkObject } from './validate.js';
import { detectVersion } from './version.js';

function read(input: DefinitionInput, problems: ProblemSink): ReadResult {
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
  const ctx = { major: detected.major, specVersion: detected.specVersion, main, root, resolver, schemas, anchors, problems, notes } as AaContext;
  ctx.messages = new MessageTypes(ctx);
  const dct = str(root, 'defaultContentType');
  if (dct !== undefined) ctx.defaultContentType = dct;

  const top = { doc: main, path: [] };
  checkObject(ctx, 'root', { value: root, at: top });
  const info = follow(ctx, child({ value: root, at: top }, 'info'));
  if (info) checkObject(ctx, 'info', info);

  // named schemas, then messages, in the order the definition lists them, so their anchors do not depend on use
  const comps = follow(ctx, child({ value: root, at: top }, 'components'));
  if (comps) {
    checkObject(ctx, 'components', comps);
    for (const [name, slot] of entries(ctx, child(comps, 'schemas'), 10_000, 'component schemas')) schemas.define(slot.value, slot.at, name);
    for (const [name, slot] of entries(ctx, child(comps, 'messages'), 10_000, 'component messages')) ctx.messages.get(slot, name);
  }

  const reference: ApiReference = {
    format: 'asyncapi',
    specVersion: detected.specVersion,
    descriptions: 'markdown',
    links: links(ctx),
    servers: servers(ctx),
    security: securitySchemes(ctx),
    groups: ctx.major === 2 ? channelGroups2(ctx) : channelGroups3(ctx),
    types: [],
    notes,
  };
  const title = str(info?.value, 'title');
  if (title !== undefined) reference.title = title;
  const version = text(info?.value, 'version');
  if (version !== undefined) reference.version = version;
  const description = str(info?.value, 'description');
  if (description !== undefined) reference.description = description;

  // messages first: their payloads name the schemas, which are listed after
  const types: TypeGroup[] = [];
  const messages = ctx.messages.types();
  if (messages.length) types.push({ anchor: anchors.get('group:\0messages', 'messages'), title: 'Messages', types: messages });
  const named = schemas.types();
  if (named.length) types.push({ anchor: anchors.get('group:\0schemas', 'schemas'), title: 'Schemas', types: named });
  reference.types = types;
  return { reference, problems: problems.list() };
}

export const readAsyncApi: ApiReader = (input) => {
  const problems = new ProblemSink();
  try {
    return read(input, problems);
  } catch (e) {
    // a bug of ours, not the definition's fault; still a problem on the page, not a failed build
    problems.add({ severity: 'error', code: 'api.read-failed', message: `The AsyncAPI reader failed: ${(e as Error)?.message ?? String(e)}`, file: input.file, line: input.line });
    return { problems: problems.list() };
  }
};
