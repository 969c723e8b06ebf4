/** Turns annotations into links a developer can click, and the rest into key/values. */
import type { KeyValue } from './types.js';

/** Only web links are rendered as anchors: a descriptor must not be able to inject `javascript:` URLs. */
export function safeUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const u = new URL(raw.trim());
    return u.protocol === 'https:' || u.protocol === 'http:' || u.protocol === 'mailto:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** `url:https://…` location refs → the URL; other location types are not browsable. */
function locationUrl(value: string): string | undefined {
  const i = value.indexOf(':');
  if (i < 0) return undefined;
  const type = value.slice(0, i).trim();
  return type === 'url' ? safeUrl(value.slice(i + 1)) : undefined;
}

const LOCATION_LINKS: Record<string, string> = {
  'backstage.io/source-location': 'Source',
  'backstage.io/managed-by-location': 'Descriptor',
  'backstage.io/managed-by-origin-location': 'Registered at',
};
const URL_LINKS: Record<string, string> = {
  'backstage.io/view-url': 'View descriptor',
  'backstage.io/edit-url': 'Edit descriptor',
  'lighthouse.com/website-url': 'Website',
};
const SLUG_LINKS: Record<string, [string, string]> = {
  'github.com/project-slug': ['GitHub', 'https://github.com/'],
  'gitlab.com/project-slug': ['GitLab', 'https://gitlab.com/'],
  'github.com/team-slug': ['GitHub team', 'https://github.com/orgs/'],
  'github.com/user-login': ['GitHub', 'https://github.com/'],
};

export interface AnnotationView { links: { label: string; url: string }[]; rest: KeyValue[] }

export function annotationView(annotations: Record<string, string> | undefined): AnnotationView {
  const links: { label: string; url: string }[] = [];
  const rest: KeyValue[] = [];
  for (const [key, raw] of Object.entries(annotations ?? {})) {
    const value = String(raw);
    let url: string | undefined;
    let label: string | undefined;
    if (LOCATION_LINKS[key]) { label = LOCATION_LINKS[key]; url = locationUrl(value); }
    else if (URL_LINKS[key]) { label = URL_LINKS[key]; url = safeUrl(value); }
    else if (SLUG_LINKS[key] && /^[\w.-]+(\/[\w.-]+)*$/.test(value)) {
      const [name, prefix] = SLUG_LINKS[key];
      label = `${name}: ${value}`;
      url = key === 'github.com/team-slug' ? `${prefix}${value.replace('/', '/teams/')}` : `${prefix}${value}`;
    }
    if (url && label) links.push({ label, url });
    else rest.push({ key, value });
  }
  rest.sort((a, b) => a.key.localeCompare(b.key));
  return { links, rest };
}
