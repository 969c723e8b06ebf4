import { describe, expect, it } from 'vitest';
import { diffApis, operationSignatures } from '../../../src/pipeline/apis/signature.js';
import { diffInventories, formatChanges, type Inventory } from '../../../src/pipeline/report/changes.js';
import type { ApiReference, Operation } from '../../../src/pipeline/apis/types.js';

const op = (anchor: string, verb: string, name: string, fields: Array<[string, boolean]>): Operation => ({
  anchor, verb, name, sections: [{ title: 'Request body', shape: { type: ['object'], facts: [], fields: fields.map(([n, required]) => ({ name: n, type: ['string'], facts: [], required })) } }],
});
const ref = (ops: Operation[]): ApiReference => ({
  format: 'openapi', descriptions: 'markdown', links: [], servers: [], security: [], notes: [], types: [],
  groups: [{ anchor: 'tag-x', title: 'x', operations: ops }],
});

describe('API changes by operation', () => {
  const before = ref([
    op('op-post-v1-refunds', 'POST', '/v1/refunds', [['amount', true]]),
    op('op-post-v1-charges', 'POST', '/v1/charges', [['amount', true], ['currency', false], ['memo', false]]),
    op('op-get-v1-charges', 'GET', '/v1/charges', []),
  ]);
  const after = ref([
    op('op-post-v1-charges', 'POST', '/v1/charges', [['amount', true], ['currency', true], ['source', true]]),
    op('op-get-v1-charges', 'GET', '/v1/charges', []),
    op('op-get-v1-payouts', 'GET', '/v1/payouts', []),
  ]);

  it('lists removed, added and changed operations, flagging what breaks callers', () => {
    const [c] = diffApis({ 'api:default/payments': operationSignatures(before) }, { 'api:default/payments': operationSignatures(after) });
    expect(c).toEqual({
      api: 'api:default/payments', breaking: true,
      added: ['GET /v1/payouts'], removed: ['POST /v1/refunds'],
      changed: [{ label: 'POST /v1/charges', breaking: ['makes Request body › currency required', 'removes Request body › memo', 'adds required Request body › source'] }],
    });
  });

  it('says so in the PR summary before anything else', () => {
    const inv = (r: ApiReference): Inventory => ({ entities: {}, pages: {}, apis: { 'api:default/payments': operationSignatures(r) } });
    const md = formatChanges(diffInventories(inv(before), inv(after)), 'markdown');
    expect(md.split('\n')[0]).toBe('**API api:default/payments — breaking**');
    expect(md).toContain('- removes `POST /v1/refunds` (breaking)');
    expect(md).toContain('- adds `GET /v1/payouts`');
    expect(formatChanges(diffInventories(inv(before), inv(before)), 'text')).toBe('No entity, doc page or scorecard level changed.');
  });
});
