/**
 * How an entity is named to a reader, in one place for pages, search, the explorer and diagrams:
 * its `metadata.title`, else, for people and teams, `spec.profile.displayName` (what their descriptor
 * calls them: "Priya Raman", not `priya.raman`), else its name. Backstage presents entities the same way.
 */
import type { Entity } from '../types.js';

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** `spec.profile` of a User or Group, when the descriptor has one. */
export function profileOf(e: Pick<Entity, 'kind' | 'spec'>): Record<string, unknown> | undefined {
  const kind = e.kind.toLowerCase();
  if (kind !== 'user' && kind !== 'group') return undefined;
  const p = e.spec?.profile;
  return p && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, unknown>) : undefined;
}

/** The title an entity is shown with, when it has one other than its name. */
export function titleOf(e: Pick<Entity, 'kind' | 'spec' | 'metadata'>): string | undefined {
  return text(e.metadata.title) ?? text(profileOf(e)?.displayName);
}

export function displayTitle(e: Pick<Entity, 'kind' | 'spec' | 'metadata'>): string {
  return titleOf(e) ?? e.metadata.name;
}

/**
 * Up to two letters for an avatar without a picture: the first letters of the first and last words
 * ("Tomás Herrera" → "TH", "Data & Insights" → "DI", "priya.raman" → "PR").
 */
export function initialsOf(name: string): string {
  const words = name.split(/[\s._-]+/).map((w) => [...w].find((c) => /\p{L}|\p{N}/u.test(c))).filter((c): c is string => !!c);
  if (words.length === 0) return '?';
  return (words.length === 1 ? words[0]! : words[0]! + words[words.length - 1]!).toLocaleUpperCase('en');
}
