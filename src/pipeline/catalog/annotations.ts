/**
 * Derived annotations Backstage's catalog adds to every entity it reads (where it came from, links
 * to view and edit it). They are merged under the author's own: what the file says wins.
 */
import path from 'node:path';
import type { Snapshot } from '../sources/types.js';
import { webUrl } from '../sources/web-links.js';
import { locationRef } from './scm.js';

export const ANNOTATION = {
  location: 'backstage.io/managed-by-location',
  originLocation: 'backstage.io/managed-by-origin-location',
  sourceLocation: 'backstage.io/source-location',
  viewUrl: 'backstage.io/view-url',
  editUrl: 'backstage.io/edit-url',
} as const;

/**
 * @param file the descriptor, posix, relative to the source root
 * @param origin location ref of the registration (glob match) that led to this file
 */
export function derivedAnnotations(snapshot: Snapshot, file: string, origin: string): Record<string, string> {
  const dir = path.posix.dirname(file);
  const out: Record<string, string> = {
    [ANNOTATION.location]: locationRef(snapshot, file),
    [ANNOTATION.originLocation]: origin,
    [ANNOTATION.sourceLocation]: locationRef(snapshot, dir === '.' ? '' : `${dir}/`),
  };
  const view = webUrl(snapshot, 'blob', file);
  const edit = webUrl(snapshot, 'edit', file);
  if (view) out[ANNOTATION.viewUrl] = view;
  if (edit) out[ANNOTATION.editUrl] = edit;
  return out;
}

export function withDerivedAnnotations(authored: Record<string, string> | undefined, derived: Record<string, string>): Record<string, string> {
  return { ...derived, ...authored };
}
