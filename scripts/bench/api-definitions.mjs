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
  const lines = {
    graphql: () => [
      `type ${Res} {`, '  id: ID!', '  name: String', '  updatedAt: String', '}', '',
      'type Query {', `  ${res}(id: ID!): ${Res}`, `  ${res}s(first: Int = ${rng.int(10, 50)}): [${Res}!]!`, '}',
    ],
    asyncapi: () => [
      'asyncapi: 2.6.0', 'info:', `  title: ${name}`, '  version: 1.0.0', 'channels:', `  ${res}.updated:`,
      '    subscribe:', '      message:', '        payload:', '          type: object', '          properties:',
      '            id:', '              type: string',
    ],
    grpc: () => [
      'syntax = "proto3";', '', `package acme.${res.replace(/-/g, '_')}.v1;`, '',
      `service ${Res}Service {`, `  rpc Get${Res}(Get${Res}Request) returns (${Res});`, '}', '',
      `message Get${Res}Request {`, '  string id = 1;', '}', '',
      `message ${Res} {`, '  string id = 1;', '  string name = 2;', '}',
    ],
  }[type];
  return lines().join('\n') + '\n';
}
