#!/usr/bin/env node
/**
 * Writes a synthetic multi-file OpenAPI 3.0 definition of about 100,000 lines, for the API reference
 * bench and the page-splitting work:
 *
 *   node scripts/gen-large-openapi.mjs DIR [--scale F]  → DIR/openapi.yaml, DIR/schemas/*.yaml, DIR/paths/*.yaml
 *
 * `--scale 0.1` writes a tenth of it (150 operations): still several reference pages, for the browser tests.
 *
 * 60 tags, 300 resources × 5 operations (1,500), 800 schemas in files of their own referring to each
 * other relatively (some to themselves, some in pairs: cycles), shared parameters and responses in
 * components, a few path items in files of their own. Deterministic: the same files every run.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node scripts/gen-large-openapi.mjs DIR');
  process.exit(2);
}

const at = process.argv.indexOf('--scale');
const SCALE = at > 0 ? Number(process.argv[at + 1]) : 1;
if (!(SCALE > 0 && SCALE <= 10)) {
  console.error('--scale takes a number in (0, 10]');
  process.exit(2);
}
const TAGS = Math.max(1, Math.round(60 * SCALE));
const RESOURCES = Math.max(10, Math.round(300 * SCALE / 10) * 10);
const SCHEMAS = Math.max(40, Math.round(800 * SCALE));

/** mulberry32: a small seeded generator, so every run writes the same files. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(16);
const pick = (list) => list[Math.floor(rand() * list.length)];
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

const WORDS = ['account', 'invoice', 'ledger', 'payment', 'refund', 'order', 'shipment', 'parcel', 'seat', 'venue',
  'ticket', 'customer', 'address', 'region', 'plan', 'quota', 'token', 'webhook', 'event', 'report', 'job', 'queue',
  'bucket', 'object', 'volume', 'snapshot', 'image', 'network', 'route', 'policy'];
const cap = (s) => s[0].toUpperCase() + s.slice(1);
const schemaName = (i) => `${cap(WORDS[i % WORDS.length])}${cap(WORDS[Math.floor(i / WORDS.length) % WORDS.length])}${i}`;
const tagName = (i) => `${cap(WORDS[i % WORDS.length])} ${i < WORDS.length ? 'management' : 'operations'}`;
const sentence = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'schemas'), { recursive: true });
mkdirSync(join(out, 'paths'), { recursive: true });

// ---- schemas: one file each ----
const PRIMS = [
  ['string', ['      format: uuid']], ['string', ['      format: date-time']], ['string', ['      maxLength: 120', '      pattern: "^[a-z0-9-]+$"']],
  ['integer', ['      format: int64', '      minimum: 0']], ['number', ['      format: double', '      maximum: 1000000']],
  ['boolean', ['      default: false']], ['string', ['      enum: [pending, active, closed, archived]']],
];
for (let i = 0; i < SCHEMAS; i++) {
  const lines = [`title: ${schemaName(i)}`, 'type: object', `description: A ${sentence(6)}.`, 'required: [id, name]', 'properties:'];
  lines.push('  id:', '    type: string', '    format: uuid', '    readOnly: true', '  name:', '    type: string', `    description: The ${sentence(3)}'s name.`, '    example: example-name');
  const props = int(9, 12);
  for (let p = 0; p < props; p++) {
    const [type, extra] = pick(PRIMS);
    lines.push(`  ${WORDS[(i + p * 7) % WORDS.length]}_${p}:`, `    type: ${type}`, `    description: ${cap(sentence(5))}.`, ...extra.map((e) => e.slice(2)));
  }
  // references to other schema files (forward only, so most of the graph is a DAG)
  const refs = int(1, 2);
  for (let r = 0; r < refs && i + 1 < SCHEMAS; r++) {
    const j = int(i + 1, Math.min(SCHEMAS - 1, i + 40));
    if (r === 0) lines.push(`  ${WORDS[j % WORDS.length]}:`, `    $ref: './${schemaName(j)}.yaml'`);
    else lines.push(`  ${WORDS[j % WORDS.length]}_list:`, '    type: array', '    maxItems: 100', '    items:', `      $ref: './${schemaName(j)}.yaml'`);
  }
  if (i % 20 === 0) lines.push('  parent:', `    $ref: './${schemaName(i)}.yaml'`); // a schema that refers to itself
  if (i % 40 === 5 && i > 5) lines.push('  previous:', `    $ref: './${schemaName(i - 5)}.yaml'`); // back to an earlier one that may lead here: a cycle
  lines.push('  metadata:', '    type: object', '    additionalProperties:', '      type: string', '    maxProperties: 50');
  writeFileSync(join(out, 'schemas', `${schemaName(i)}.yaml`), `${lines.join('\n')}\n`);
}
writeFileSync(join(out, 'schemas', 'Error.yaml'), [
  'title: Error', 'type: object', 'required: [code, message]', 'properties:',
  '  code:', '    type: string', '    enum: [not_found, invalid, conflict, internal]', '  message:', '    type: string',
  '  details:', '    type: array', '    items:', '      type: object', '      properties:', '        field: { type: string }', '        reason: { type: string }',
].join('\n') + '\n');

// ---- the main file ----
const m = [];
m.push('openapi: 3.0.3', 'info:', '  title: Synthetic Large API', '  version: 1.0.0', '  description: |', '    A generated definition for benchmarks.', '    It has many tags, operations and schemas in files of their own.',
  '  contact:', '    name: Platform team', '    url: https://example.com/platform', '    email: platform@example.com', '  license:', '    name: Apache-2.0', '    url: https://www.apache.org/licenses/LICENSE-2.0',
  'servers:', '  - url: https://{region}.api.example.com/v1', '    description: Production', '    variables:', '      region:', '        default: eu', '        enum: [eu, us, ap]',
  'security:', '  - bearer: []', 'tags:');
for (let t = 0; t < TAGS; t++) m.push(`  - name: ${tagName(t)}`, `    description: Operations on ${sentence(4)}.`);
m.push('paths:');
const ref = (i) => `'./schemas/${schemaName(i % SCHEMAS)}.yaml'`;
for (let r = 0; r < RESOURCES; r++) {
  const res = `${WORDS[r % WORDS.length]}s${r}`;
  const tag = tagName(r % TAGS);
  const schema = ref(r * 3 + 1);
  const opHead = (verb, id, summary) => [`    ${verb}:`, `      tags: [${JSON.stringify(tag)}]`, `      operationId: ${id}`, `      summary: ${summary}`,
    '      description: |', `        ${cap(sentence(10))}.`, '', `        ${cap(sentence(12))}.`];
  const errors = ['        "400":', "          $ref: '#/components/responses/BadRequest'", '        "404":', "          $ref: '#/components/responses/NotFound'",
    '        default:', "          $ref: '#/components/responses/Error'"];
  const json = (s, indent) => [`${indent}content:`, `${indent}  application/json:`, `${indent}    schema:`, `${indent}      $ref: ${s}`];
  // every tenth resource's item path lives in a file of its own
  const item = [];
  item.push(...opHead('get', `get${cap(res)}`, `Get one ${res}`), '      parameters:', "        - $ref: '#/components/parameters/Expand'", '      responses:',
    '        "200":', `          description: The ${res}.`, ...json(schema, '          '), ...errors);
  item.push(...opHead('patch', `update${cap(res)}`, `Update a ${res}`), '      requestBody:', '        required: true', ...json(schema, '        '), '      responses:',
    '        "200":', '          description: Updated.', ...json(schema, '          '), ...errors);
  item.push(...opHead('delete', `delete${cap(res)}`, `Delete a ${res}`), '      responses:', '        "204":', '          description: Deleted.', ...errors);
  const itemParams = ['    parameters:', '      - name: id', '        in: path', '        required: true', '        description: The identifier.', '        schema:', '          type: string', '          format: uuid'];
  m.push(`  /${res}:`,
    ...opHead('get', `list${cap(res)}`, `List ${res}`), '      parameters:', "        - $ref: '#/components/parameters/Limit'", "        - $ref: '#/components/parameters/Cursor'",
    '        - name: status', '          in: query', '          schema:', '            type: string', '            enum: [pending, active, closed]',
    '      responses:', '        "200":', `          description: A page of ${res}.`, '          headers:', '            X-Total-Count:', '              schema:', '                type: integer',
    '          content:', '            application/json:', '              schema:', '                type: object', '                properties:', '                  data:', '                    type: array',
    '                    items:', `                      $ref: ${schema}`, '                  next_cursor:', '                    type: string', '                    nullable: true', ...errors,
    ...opHead('post', `create${cap(res)}`, `Create a ${res}`), '      requestBody:', '        required: true', ...json(ref(r * 3 + 2), '        '), '      responses:',
    '        "201":', '          description: Created.', ...json(schema, '          '), ...errors);
  if (r % 10 === 0) {
    m.push(`  /${res}/{id}:`, `    $ref: './paths/${res}.yaml'`);
    writeFileSync(join(out, 'paths', `${res}.yaml`), `${[...itemParams, ...item].map((l) => l.replace(/^ {4}/, '').replace(/\$ref: '\.\/schemas\//g, "$ref: '../schemas/").replace(/\$ref: '#\/components/g, "$ref: '../openapi.yaml#/components")).join('\n')}\n`);
  } else {
    m.push(`  /${res}/{id}:`, ...itemParams, ...item);
  }
}
m.push('components:', '  securitySchemes:', '    bearer:', '      type: http', '      scheme: bearer', '      bearerFormat: JWT',
  '    oauth:', '      type: oauth2', '      flows:', '        authorizationCode:', '          authorizationUrl: https://auth.example.com/authorize', '          tokenUrl: https://auth.example.com/token',
  '          scopes:', '            read: Read everything', '            write: Change everything',
  '  parameters:', '    Limit:', '      name: limit', '      in: query', '      schema:', '        type: integer', '        minimum: 1', '        maximum: 100', '        default: 20',
  '    Cursor:', '      name: cursor', '      in: query', '      schema:', '        type: string', '    Expand:', '      name: expand', '      in: query', '      schema:', '        type: array', '        items:', '          type: string',
  '  responses:');
for (const [name, what] of [['BadRequest', 'The request was not valid.'], ['NotFound', 'Nothing has that identifier.'], ['Error', 'Something else went wrong.']]) {
  m.push(`    ${name}:`, `      description: ${what}`, '      content:', '        application/json:', '          schema:', "            $ref: './schemas/Error.yaml'");
}
writeFileSync(join(out, 'openapi.yaml'), `${m.join('\n')}\n`);
console.log(`wrote ${out}/openapi.yaml, ${SCHEMAS + 1} schema files and ${RESOURCES / 10} path files`);
