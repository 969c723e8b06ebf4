/**
 * The GraphQL SDL reader: root types as groups, their fields as operations, every other named type
 * and custom directive as a reference type, on graphql-js (the reference implementation) for
 * parsing, validation and the schema model.
 */
import type { ApiReader, ApiReference, DefinitionInput, ReadResult } from '../types.js';
import { Anchors } from '../anchors.js';
import { TypeLinks } from './links.js';
import { loadSchema } from './schema.js';
import { groupAnchor, operationGroups, rootTypes } from './operations.js';
import { listedTypes, typeGroups } from './type-defs.js';

function read(input: DefinitionInput): ReadResult {
  const loaded = loadSchema(input);
  const { schema, document, problems } = loaded;
  if (!schema || !document) return { problems };

  const anchors = new Anchors();
  const targets = new Map<string, string>();
  const roots = rootTypes(schema);
  // Anchors in a fixed order (root groups, then types as defined) so the same text always spells them alike.
  for (const root of roots) if (!targets.has(root.type.name)) targets.set(root.type.name, groupAnchor(anchors, root));
  const types = listedTypes(schema, document, new Set([...targets.keys(), ...loaded.unknown]));
  for (const t of types) targets.set(t.name, anchors.get(`type:${t.name}`, 'type', t.name));

  const links = new TypeLinks(targets);
  const notes: string[] = [];
  if (loaded.unknown.size) {
    const names = [...loaded.unknown];
    notes.push(`Used but not defined, shown unlinked: ${names.slice(0, 20).join(', ')}${names.length > 20 ? ` and ${names.length - 20} more` : ''}.`);
  }
  const reference: ApiReference = {
    format: 'graphql',
    descriptions: 'markdown',
    links: [],
    servers: [],
    security: [],
    groups: operationGroups(anchors, links, roots),
    types: typeGroups(schema, anchors, links, types),
    notes,
  };
  if (schema.description) reference.description = schema.description;
  return { reference, problems };
}

/** Never throws: whatever the text, the answer is a reference, problems, or both. */
export const readGraphql: ApiReader = (input) => {
  try {
    return read(input);
  } catch (err) {
    return {
      problems: [{
        severity: 'error', code: 'api.parse-failed', file: input.file,
        message: `the GraphQL definition could not be read: ${err instanceof Error ? err.message : String(err)}`,
      }],
    };
  }
};
