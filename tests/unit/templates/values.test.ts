/** What the form and `playbill scaffold` say about values: one message per field, conditional fields only when open. */
import { describe, expect, it } from 'vitest';
import { activeBranches, branches, checkValues, pageErrors, withDefaults } from '../../../src/pipeline/templates/values.js';

const page = {
  title: 'Service',
  required: ['name', 'database', 'tags'],
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9-]+$', maxLength: 20, 'ui:help': 'lowercase' },
    port: { type: 'integer', minimum: 1, maximum: 65535, default: 8080 },
    database: { type: 'string', enum: ['none', 'postgres'], default: 'none' },
    tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, minItems: 1 },
  },
  dependencies: {
    database: {
      oneOf: [
        { properties: { database: { const: 'none' } } },
        { properties: { database: { const: 'postgres' }, dbName: { type: 'string', minLength: 3, default: 'app' } }, required: ['dbName'] },
      ],
    },
  },
  if: { properties: { port: { const: 443 } } },
  then: { properties: { certificate: { type: 'string' } }, required: ['certificate'] },
};

describe('template values', () => {
  const all = branches([page]);

  it('finds the branches of dependencies (each oneOf alternative) and of if/then', () => {
    expect(all.map((b) => [b.id, b.after ?? null, Object.keys(b.properties), b.required])).toEqual([
      ['p0-dep-database-0', 'database', [], []],
      ['p0-dep-database-1', 'database', ['dbName'], ['dbName']],
      ['p0-if-0-then', null, ['certificate'], ['certificate']],
    ]);
  });

  it('opens the branch whose condition the values match', () => {
    expect([...activeBranches(all, { database: 'postgres', port: 8080 })]).toEqual(['p0-dep-database-1']);
    expect([...activeBranches(all, { database: 'none', port: 443 })]).toEqual(['p0-dep-database-0', 'p0-if-0-then']);
  });

  it('says what is wrong, field by field, in words', () => {
    expect(pageErrors(page, all, { name: 'Not Valid!', port: 0, database: 'postgres', dbName: 'x', tags: [] })).toEqual({
      name: 'Must match the pattern ^[a-z0-9-]+$.',
      port: 'At least 1.',
      dbName: 'At least 3 characters.',
      tags: 'Required.',
    });
    expect(pageErrors(page, all, { name: '', port: 8080, database: 'none', tags: [] })).toEqual({ name: 'Required.', tags: 'Required.' });
  });

  it('asks for a hidden branch field only when its branch is open', () => {
    const ok = { name: 'box-office', port: 8080, database: 'none', tags: ['a'] };
    expect(pageErrors(page, all, ok)).toEqual({});
    expect(pageErrors(page, all, { ...ok, database: 'postgres' })).toEqual({ dbName: 'Required.' });
    expect(pageErrors(page, all, { ...ok, port: 443 })).toEqual({ certificate: 'Required.' });
  });

  it('fills defaults, branch fields included, and lists the problems of every page', () => {
    expect(withDefaults([page], { name: 'x' })).toEqual({ port: 8080, database: 'none', dbName: 'app', name: 'x' });
    expect(checkValues([page, { required: ['owner'], properties: { owner: { type: 'string' } } }], { name: 'ok', port: 8080, database: 'none', tags: ['c'] }))
      .toEqual(['tags: Choose one of the options.', 'owner: Required.']);
  });
});
