import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kindBadgeClass, kindInfo, kindPlural, kindRank, KINDS } from '../../../src/pipeline/catalog/vocabulary/kinds.js';
import { inverseOf, orientRelation, relationLabel, relationRank, RELATION_TYPES } from '../../../src/pipeline/catalog/vocabulary/relation-types.js';

describe('kinds', () => {
  it('has one entry per kind, its id the lower-cased name', () => {
    expect(new Set(KINDS.map((k) => k.id)).size).toBe(KINDS.length);
    for (const k of KINDS) expect(k.id).toBe(k.name.toLowerCase());
  });

  it('finds kinds in any case and puts unknown kinds last', () => {
    expect(kindInfo('COMPONENT')?.name).toBe('Component');
    expect(kindInfo('Widget')).toBeUndefined();
    expect(kindRank('api')).toBeLessThan(kindRank('group'));
    expect(kindRank('Widget')).toBe(KINDS.length);
    expect(kindPlural('API')).toBe('APIs');
    expect(kindPlural('Widget')).toBe('Widgets');
    expect(kindBadgeClass('Resource')).toBe('k-resource');
    expect(kindBadgeClass('Widget')).toBe('k-other');
  });

  it('gives every kind a badge colour in the stylesheet', () => {
    const css = readFileSync(new URL('../../../src/styles/global.css', import.meta.url), 'utf8');
    for (const k of KINDS) expect(css).toContain(`.badge-kind.${kindBadgeClass(k.name)} `);
  });
});

describe('relation types', () => {
  it('pairs every type with an inverse that points back, exactly one side primary', () => {
    for (const r of RELATION_TYPES) {
      const inverse = RELATION_TYPES.find((x) => x.type === r.inverse);
      expect(inverse?.inverse, r.type).toBe(r.type);
      expect(inverse!.primary, r.type).toBe(!r.primary);
    }
  });

  it('orients a pair by its primary side; unknown types keep their own', () => {
    expect(orientRelation('ownedBy')).toEqual({ primary: 'ownerOf', reversed: true });
    expect(orientRelation('ownerOf')).toEqual({ primary: 'ownerOf', reversed: false });
    expect(orientRelation('providesApi')).toEqual({ primary: 'apiProvidedBy', reversed: true });
    expect(orientRelation('custom')).toEqual({ primary: 'custom', reversed: false });
    expect(inverseOf('custom')).toBeUndefined();
    expect(relationLabel('custom')).toBe('custom');
    expect(relationRank('ownedBy')).toBe(0);
    expect(relationRank('custom')).toBe(RELATION_TYPES.length);
  });
});
