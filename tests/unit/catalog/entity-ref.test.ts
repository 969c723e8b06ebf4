import { describe, expect, it } from 'vitest';
import {
  entityPageHref, entityRefOf, humanizeEntityRef, normalizeRef, parseEntityRef, splitCanonicalRef, stringifyEntityRef, tryParseEntityRef,
} from '../../../src/pipeline/catalog/vocabulary/entity-ref.js';

const ctx = { defaultNamespace: 'default' };

describe('parseEntityRef (Backstage §4 table)', () => {
  it.each([
    ['a:b/c', { kind: 'a', namespace: 'b', name: 'c' }],
    ['b/c', { kind: 'K', namespace: 'b', name: 'c' }],
    ['a:c', { kind: 'a', namespace: 'default', name: 'c' }],
    ['a:b:c', { kind: 'a', namespace: 'default', name: 'b:c' }],
    ['ns/x:y', { kind: 'K', namespace: 'ns', name: 'x:y' }],
    ['a:b/c/d', { kind: 'a', namespace: 'b', name: 'c/d' }],
    ['c', { kind: 'K', namespace: 'default', name: 'c' }],
  ])('%s', (ref, expected) => {
    expect(parseEntityRef(ref, { defaultKind: 'K', defaultNamespace: 'default' })).toEqual(expected);
  });

  it.each([':b/c', 'a:/c', 'a:b/', '/c', 'a:', ''])('rejects empty parts in %j', (ref) => {
    expect(() => parseEntityRef(ref, { defaultKind: 'K', ...ctx })).toThrow(TypeError);
  });

  it('does not trim', () => {
    expect(parseEntityRef(' a:b ', ctx)).toEqual({ kind: ' a', namespace: 'default', name: 'b ' });
  });

  it('needs a kind when the field has no default', () => {
    expect(() => parseEntityRef('artists-db', ctx)).toThrow(/missing or empty kind/);
    expect(tryParseEntityRef('artists-db', ctx)).toMatchObject({ ok: false });
    expect(parseEntityRef('resource:artists-db', ctx).kind).toBe('resource');
  });

  it("defaults the namespace to the referring entity's", () => {
    expect(parseEntityRef('team-a', { defaultKind: 'Group', defaultNamespace: 'webgrip' }))
      .toEqual({ kind: 'Group', namespace: 'webgrip', name: 'team-a' });
  });

  it('accepts the compound form', () => {
    expect(parseEntityRef({ kind: 'Group', name: 'aegis-imports/pet-managers' }, { defaultNamespace: 'x' }))
      .toEqual({ kind: 'Group', namespace: 'x', name: 'aegis-imports/pet-managers' });
    expect(parseEntityRef({ name: 'n' }, { defaultKind: 'User', defaultNamespace: 'default' }).kind).toBe('User');
    expect(() => parseEntityRef({ name: '' }, { defaultKind: 'User', defaultNamespace: 'd' })).toThrow();
  });
});

describe('stringifyEntityRef / entityRefOf', () => {
  it('lower-cases all three parts', () => {
    expect(stringifyEntityRef({ kind: 'Group', namespace: 'Default', name: 'Team-A' })).toBe('group:default/team-a');
    expect(stringifyEntityRef({ kind: 'Component', name: 'x' })).toBe('component:default/x');
    expect(entityRefOf({ kind: 'API', metadata: { name: 'Petstore', namespace: 'default' } })).toBe('api:default/petstore');
  });
});

describe('humanizeEntityRef', () => {
  it('hides the default namespace and the default kind, keeps the name as written', () => {
    expect(humanizeEntityRef({ kind: 'Component', namespace: 'default', name: 'Artist-Lookup' })).toBe('component:Artist-Lookup');
    expect(humanizeEntityRef('group:default/team-a')).toBe('group:team-a');
    expect(humanizeEntityRef('component:alternative/different-namespace')).toBe('component:alternative/different-namespace');
    expect(humanizeEntityRef('group:default/team-a', { defaultKind: 'Group' })).toBe('team-a');
    expect(humanizeEntityRef({ kind: 'User', metadata: { name: 'guest', namespace: 'ns1' } }, { defaultNamespace: 'ns1' })).toBe('user:guest');
  });
});

describe('canonical refs', () => {
  it('splits names containing colons and slashes', () => {
    expect(splitCanonicalRef('component:ns/a:b/c')).toEqual({ kind: 'component', namespace: 'ns', name: 'a:b/c' });
    expect(splitCanonicalRef('component:a:b/c')).toEqual({ kind: 'component', namespace: 'a:b', name: 'c' });
    expect(splitCanonicalRef('component:x')).toEqual({ kind: 'component', namespace: 'default', name: 'x' });
    expect(splitCanonicalRef('ns/x')).toEqual({ kind: '', namespace: 'ns', name: 'x' });
  });

  it('splits every ref stringifyEntityRef writes back into its parts', () => {
    for (const parts of [
      { kind: 'Component', namespace: 'Web', name: 'UI-Kit' },
      { kind: 'group', namespace: 'default', name: 'a:b/c' },
      { kind: 'template', namespace: 'x:y', name: 'z' },
    ]) {
      const ref = stringifyEntityRef(parts);
      expect(stringifyEntityRef(splitCanonicalRef(ref))).toBe(ref);
    }
  });

  it('humanizes canonical refs like Backstage', () => {
    expect(humanizeEntityRef('group:default/team-a')).toBe('group:team-a');
    expect(humanizeEntityRef('component:web/ui-kit')).toBe('component:web/ui-kit');
    expect(humanizeEntityRef('group:default/team-a', { defaultKind: 'group' })).toBe('team-a');
    expect(humanizeEntityRef('component:ns/x', { defaultKind: 'component' })).toBe('ns/x');
    // a ref without a kind shows none, instead of a lone colon
    expect(humanizeEntityRef('ns/x')).toBe('ns/x');
  });

  it('normalizes typed refs to the canonical key', () => {
    expect(normalizeRef(' Component:Foo ')).toBe('component:default/foo');
    expect(normalizeRef('component:NS/foo')).toBe('component:ns/foo');
    expect(normalizeRef('foo')).toBe('default/foo');
  });

  it('routes entity pages under lower-cased namespace/kind/name', () => {
    expect(entityPageHref('Component:Default/Foo.Bar')).toBe('catalog/default/component/foo.bar/');
    expect(entityPageHref('component:default/a b')).toBe('catalog/default/component/a%20b/');
  });
});
