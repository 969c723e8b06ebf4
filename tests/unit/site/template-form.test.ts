/** What a template's form shows: the widget per field, the pickers filled from the catalog, branch fields after the field they hang on. */
import { describe, expect, it } from 'vitest';
import { MAX_OPTIONS, templateForm, type PickerEntity } from '../../../src/pipeline/site/template-form.js';
import type { TemplateModel } from '../../../src/pipeline/templates/index.js';

const catalog: PickerEntity[] = [
  { ref: 'group:default/payments', kind: 'Group', title: 'Payments', tags: [] },
  { ref: 'user:default/ada', kind: 'User', title: 'Ada', tags: [] },
  { ref: 'system:default/box-office', kind: 'System', title: 'Box office', tags: ['tickets'] },
  { ref: 'component:default/seat-map', kind: 'Component', title: 'Seat map', type: 'website', tags: ['web', 'tickets'] },
];

const template = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}): TemplateModel => ({
  ref: 'template:default/t', apiVersion: 'scaffolder.backstage.io/v1beta3', steps: [], parameters: [{ properties, ...extra }],
});

describe('template form', () => {
  it('draws each type with the widget asked for', () => {
    const [page] = templateForm(template({
      a: { type: 'string' },
      b: { type: 'string', 'ui:widget': 'textarea' },
      c: { type: 'string', enum: ['x', 'y'], enumNames: ['Ex', 'Why'], 'ui:widget': 'radio' },
      d: { type: 'integer', minimum: 1 },
      e: { type: 'boolean' },
      f: { type: 'array', items: { type: 'string', enum: ['p', 'q'] } },
      g: { type: 'array', items: { type: 'string' } },
      h: { type: 'string', 'ui:widget': 'password' },
      i: { type: 'string', 'ui:widget': 'hidden', default: 'kept' },
      j: { type: 'string', 'ui:field': 'SomethingCustom' },
    }, { required: ['a'] }), catalog).pages;
    expect(page!.fields.map((f) => [f.name, f.widget, f.required])).toEqual([
      ['a', 'text', true], ['b', 'textarea', false], ['c', 'radio', false], ['d', 'number', false], ['e', 'checkbox', false],
      ['f', 'checkboxes', false], ['g', 'lines', false], ['h', 'password', false], ['i', 'hidden', false], ['j', 'text', false],
    ]);
    expect(page!.fields[2]!.options).toEqual([{ value: 'x', label: 'Ex' }, { value: 'y', label: 'Why' }]);
    expect(page!.fields[9]!.note).toBe('SomethingCustom is a Backstage field Playbill does not draw: enter the value as text.');
  });

  it('fills the pickers from the catalog, filtered as the template asks', () => {
    const [page] = templateForm(template({
      owner: { type: 'string', 'ui:field': 'OwnerPicker' },
      team: { type: 'string', 'ui:field': 'OwnerPicker', 'ui:options': { catalogFilter: { kind: 'Group' } } },
      site: { type: 'string', 'ui:field': 'EntityPicker', 'ui:options': { catalogFilter: [{ kind: 'Component', 'spec.type': 'website' }] } },
      tags: { type: 'array', 'ui:field': 'EntityTagsPicker' },
      repo: { type: 'string', 'ui:field': 'RepoUrlPicker', 'ui:options': { allowedHosts: ['gitlab.example.com'], allowedOwners: ['web'] } },
    }), catalog).pages;
    const [owner, team, site, tags, repo] = page!.fields;
    expect(owner!.options!.map((o) => o.value)).toEqual(['group:default/payments', 'user:default/ada']);
    expect(team!.options).toEqual([{ value: 'group:default/payments', label: 'Payments (group:payments)' }]);
    expect(site!.options!.map((o) => o.value)).toEqual(['component:default/seat-map']);
    expect([tags!.widget, tags!.suggestions]).toEqual(['tags', ['tickets', 'web']]);
    expect([repo!.widget, repo!.repo]).toEqual(['repo', { hosts: ['gitlab.example.com'], owners: ['web'] }]);
  });

  it('asks for an entity reference as text when the catalog has too many to list', () => {
    const many = Array.from({ length: MAX_OPTIONS + 1 }, (_, i): PickerEntity => ({ ref: `component:default/c${i}`, kind: 'Component', title: `C${i}`, tags: [] }));
    const [field] = templateForm(template({ c: { type: 'string', 'ui:field': 'EntityPicker' } }), many).pages[0]!.fields;
    expect(field!.widget).toBe('text');
    expect(field!.note).toContain(`The catalog has ${MAX_OPTIONS + 1} of these`);
  });

  it('puts a dependency\'s fields right after the field they hang on, marked by their branch, in ui:order', () => {
    const [page] = templateForm(template({ db: { type: 'string', enum: ['none', 'pg'] }, name: { type: 'string' } }, {
      'ui:order': ['name', '*'],
      dependencies: { db: { oneOf: [{ properties: { db: { const: 'none' } } }, { properties: { db: { const: 'pg' }, dbName: { type: 'string' } }, required: ['dbName'] }] } },
    }), catalog).pages;
    expect(page!.fields.map((f) => [f.name, f.branch ?? null, f.required])).toEqual([['name', null, false], ['db', null, false], ['dbName', 'p0-dep-db-1', true]]);
  });
});
