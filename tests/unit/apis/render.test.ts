import { describe, expect, it } from 'vitest';
import { renderReference } from '../../../src/pipeline/apis/render/index.js';
import type { ApiReference, Operation, TypeDef } from '../../../src/pipeline/apis/types.js';

const pet: TypeDef = {
  anchor: 'schema-pet', name: 'Pet', label: 'schema', type: ['object'], facts: [],
  fields: [
    { name: 'id', type: ['integer'], facts: [{ label: 'format', value: 'int64' }], required: true },
    { name: 'owner', type: [{ name: 'Pet', anchor: 'schema-pet' }], facts: [], truncated: 'cycle' },
  ],
};

function op(n: number, extra: Partial<Operation> = {}): Operation {
  return {
    anchor: `op-get-pets-${n}`, verb: 'GET', name: `/pets/${n}`, id: `getPet${n}`, summary: `Get pet ${n}`,
    sections: [
      { title: 'Path parameters', fields: [{ name: 'petId', type: ['string'], facts: [], required: true, description: 'The **pet** to get' }] },
      { title: 'Response 200 · application/json', shape: { type: [{ name: 'Pet', anchor: 'schema-pet' }], facts: [], fields: pet.fields! } },
    ],
    ...extra,
  };
}

function reference(ops: Operation[], over: Partial<ApiReference> = {}): ApiReference {
  return {
    format: 'openapi', specVersion: '3.1.0', title: 'Pets', version: '1.0', descriptions: 'markdown', links: [], servers: [], security: [], notes: [],
    groups: [{ anchor: 'tag-pets', title: 'pets', label: 'tag', operations: ops }],
    types: [{ anchor: 'schemas', title: 'Schemas', types: [pet] }],
    ...over,
  };
}

describe('renderReference', () => {
  it('renders each operation at its anchor with its parameters, and links types to their anchor', () => {
    const r = renderReference(reference([op(1)]));
    expect(r.parts).toEqual([]);
    expect(r.html).toContain('<article class="api-op" id="op-get-pets-1">');
    expect(r.html).toMatch(/<code>petId<\/code> <span class="api-required">required<\/span>/);
    expect(r.html).toContain('The <strong>pet</strong> to get');
    expect(r.html).toContain('<a href="#schema-pet" class="api-type-link"><code>Pet</code></a>');
    expect(r.html).toContain('<article class="api-type" id="schema-pet">');
    expect(r.html).toContain('Refers back to a type shown above');
    expect(r.records.map((x) => [x.kind, x.name, x.id, x.href])).toEqual([['GET', '/pets/1', 'getPet1', '#op-get-pets-1'], ['schema', 'Pet', undefined, '#schema-pet']]);
    expect(r.operations).toBe(1);
  });

  it('renders hostile descriptions and links inert', () => {
    const r = renderReference(reference([op(1, { description: '<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1))' })], {
      description: '<iframe src="https://evil.example"></iframe>',
      links: [{ label: 'Contact', href: 'javascript:alert(1)' }, { label: 'Docs', href: 'https://example.com/docs' }],
    }));
    expect(r.html).not.toMatch(/<script|onerror|href="javascript:|<iframe/i);
    expect(r.html).toContain('<a href="https://example.com/docs"');
    expect(r.html).toContain('Contact: <code>');
  });

  it('keeps only absolute links and images of descriptions (a Redoc #operation/x means nothing here)', () => {
    const r = renderReference(reference([op(1, { description: 'See [op](#operation/x), [ext](${externalDocsUrl}/a), ![pic](./a.png) and [docs](https://example.com/a).' })]));
    expect(r.html).toContain('See op, ext, pic and <a href="https://example.com/a">docs</a>.');
  });

  // no hang: the test's timeout is the bound, the output's size the check
  it('bounds a 10 MB description', { timeout: 10_000 }, () => {
    const r = renderReference(reference([op(1, { description: `${'a *b* '.repeat(2_000_000)}` })]));
    expect(r.html.length).toBeLessThan(200_000);
    expect(r.html).toContain('was left out');
  });

  it('splits a reference too large for one page, linking across pages', () => {
    const ops = Array.from({ length: 60 }, (_, i) => op(i));
    const r = renderReference(reference(ops), { maxPageBytes: 20_000 });
    expect(r.parts.length).toBeGreaterThan(2);
    for (const p of r.parts) expect(p.html.length).toBeLessThan(40_000);
    // the API's page indexes the parts; a part links the schema on the page that has it
    expect(r.html).toContain(`href="reference/${r.parts[0]!.slug}/"`);
    const schemas = r.parts.find((p) => p.html.includes('id="schema-pet"'))!;
    const first = r.parts[0]!;
    expect(first.html).toContain(`href="../../reference/${schemas.slug}/#schema-pet"`);
    const rec = r.records.find((x) => x.name === '/pets/59')!;
    const on = r.parts.find((p) => p.html.includes('id="op-get-pets-59"'))!;
    expect(rec.href).toBe(`reference/${on.slug}/#op-get-pets-59`);
    expect(new Set(r.parts.map((p) => p.slug)).size).toBe(r.parts.length);
  });
});
