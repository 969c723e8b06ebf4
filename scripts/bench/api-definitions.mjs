/** Small but well-formed API definitions (OpenAPI 3, AsyncAPI 2, GraphQL SDL, proto3). */
import { NOUNS } from './words.mjs';

const resourceName = (name) => name.replace(/-api-\d+$/, '');

export function openApiDefinition(rng, name) {
  const res = resourceName(name);
  const paths = rng.sample(NOUNS, rng.int(1, 3));
  const lines = [
    'openapi: 3.0.3',
    'info:',
    `  title: ${name}`,
    `  version: 1.${rng.int(0, 20)}.0`,
    `  description: Manage ${res} records.`,
    'servers:',
    `  - url: https://api.acme.example/${res}/v1`,
    'paths:',
  ];
  for (const p of paths) {
    lines.push(
      `  /${p}s:`,
      '    get:',
      `      summary: List ${p}s`,
      `      operationId: list${p.charAt(0).toUpperCase() + p.slice(1)}s`,
      '      parameters:',
      '        - name: limit',
      '          in: query',
      '          schema:',
      '            type: integer',
      '      responses:',
      "        '200':",
      `          description: A page of ${p}s`,
      '          content:',
      '            application/json:',
      '              schema:',
      '                type: array',
      '                items:',
      `                  $ref: '#/components/schemas/Item'`,
    );
  }
  lines.push(
    'components:',
    '  schemas:',
    '    Item:',
    '      type: object',
    '      required: [id]',
    '      properties:',
    '        id:',
    '          type: string',
    '        name:',
    '          type: string',
  );
  return lines.join('\n') + '\n';
}

export function otherDefinition(rng, type, name) {
  const res = resourceName(name);
  const Res = res.charAt(0).toUpperCase() + res.slice(1);
  if (type === 'graphql') {
    return `type ${Res} {\n  id: ID!\n  name: String\n  updatedAt: String\n}\n\ntype Query {\n  ${res}(id: ID!): ${Res}\n  ${res}s(first: Int = ${rng.int(10, 50)}): [${Res}!]!\n}\n`;
  }
  if (type === 'asyncapi') {
    return `asyncapi: 2.6.0\ninfo:\n  title: ${name}\n  version: 1.0.0\nchannels:\n  ${res}.updated:\n    subscribe:\n      message:\n        payload:\n          type: object\n          properties:\n            id:\n              type: string\n`;
  }
  return `syntax = "proto3";\n\npackage acme.${res.replace(/-/g, '_')}.v1;\n\nservice ${Res}Service {\n  rpc Get${Res}(Get${Res}Request) returns (${Res});\n}\n\nmessage Get${Res}Request {\n  string id = 1;\n}\n\nmessage ${Res} {\n  string id = 1;\n  string name = 2;\n}\n`;
}
