/**
 * A pull request that changes an API definition: the read half reads both versions with the real
 * OpenAPI reader, the report's inventory keeps their operations, and `playbill diff` says what a
 * reviewer must know — an endpoint removed, a field now required — before it merges.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../../src/pipeline/config/load.js';
import { applyFlags } from '../../../src/pipeline/settings.js';
import { readPortal } from '../../../src/pipeline/read-portal.js';
import { inventoryOf } from '../../../src/pipeline/report/changes.js';
import { tempDir, writeFiles } from '../../support/git.js';

const cli = path.resolve(import.meta.dirname, '../../../scripts/playbill.mjs');

const descriptor = `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: payments-api
spec:
  type: openapi
  lifecycle: production
  owner: team-a
  definition:
    $openapi: ./openapi.yaml
`;

const definition = (refunds: boolean, currencyRequired: boolean) => `openapi: 3.0.3
info: { title: Payments, version: '1' }
paths:
  /v1/charges:
    post:
      operationId: createCharge
      requestBody:
        content:
          application/json:
            schema: { $ref: './schemas.yaml#/Charge' }
      responses: { '201': { description: Created } }
${refunds ? `  /v1/refunds:
    post:
      operationId: createRefund
      responses: { '201': { description: Created } }
` : ''}`;

const schemas = (currencyRequired: boolean) => `Charge:
  type: object
  required: [amount${currencyRequired ? ', currency' : ''}]
  properties:
    amount: { type: integer }
    currency: { type: string }
`;

async function reportOf(dir: string, file: string): Promise<string> {
  const settings = applyFlags(loadConfig(path.join(dir, 'portal.yaml')).config!, { cacheDir: path.join(dir, 'cache'), cwd: dir });
  const content = await readPortal(settings);
  expect(content.apis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const out = path.join(dir, file);
  writeFileSync(out, JSON.stringify({ version: 1, diagnostics: [], counts: {}, inventory: inventoryOf(content.catalog.entities, [], [], content.apis.apis) }));
  return out;
}

describe('playbill diff over API definitions', () => {
  it('lists the removed operation and the newly required field of a changed definition as breaking', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'portal.yaml': 'site:\n  title: T\nsources:\n  - name: api\n    path: ./api\n',
      'api/catalog-info.yaml': descriptor, 'api/openapi.yaml': definition(true, false), 'api/schemas.yaml': schemas(false),
    });
    const before = await reportOf(dir, 'before.json');
    writeFiles(dir, { 'api/openapi.yaml': definition(false, true), 'api/schemas.yaml': schemas(true) });
    const after = await reportOf(dir, 'after.json');

    const md = spawnSync(process.execPath, [cli, 'diff', before, after, '--format', 'markdown'], { encoding: 'utf8' });
    expect(md.status).toBe(0);
    expect(md.stdout).toContain('**API api:default/payments-api — breaking**');
    expect(md.stdout).toContain('- removes `POST /v1/refunds` (breaking)');
    expect(md.stdout).toMatch(/- changes `POST \/v1\/charges`: `makes Request body · application\/json › currency required` \(breaking\)/);
    const json = JSON.parse(spawnSync(process.execPath, [cli, 'diff', before, after, '--format', 'json'], { encoding: 'utf8' }).stdout);
    expect(json.apis).toEqual([expect.objectContaining({ api: 'api:default/payments-api', removed: ['POST /v1/refunds'], added: [], breaking: true })]);

    // only the file a $ref names changes back: the read cache notices, and relaxing a field breaks nobody
    writeFiles(dir, { 'api/schemas.yaml': schemas(false) });
    const relaxed = await reportOf(dir, 'relaxed.json');
    const text = spawnSync(process.execPath, [cli, 'diff', after, relaxed], { encoding: 'utf8' }).stdout;
    expect(text).toContain('API api:default/payments-api: changes POST /v1/charges');
    expect(text).not.toContain('breaking');
  }, 60_000);
});
