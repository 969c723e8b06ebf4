/**
 * Annotations as a reader uses them: the well-known ones become actions (a link to the dashboard, the
 * on-call service, the CI), the portal owner's `annotation_links` templates add their own, and the
 * rest stays a key/value table. A value from a repo only ever fills a URL whose origin Playbill or
 * the owner fixed, and only http(s) URLs become links (no `javascript:`).
 */
import type { AnnotationLinksConfig } from '../config/annotation-links-schema.js';
import { VALUE } from '../config/annotation-links-schema.js';
import { humanDuration } from './durations.js';
import type { EntityAction, KeyValue } from './types.js';

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

const webUrl = (raw: string | undefined): string | undefined => {
  const u = safeUrl(raw);
  return u && !u.startsWith('mailto:') ? u : undefined;
};

/** `url:https://…` location refs → the URL; other location types are not browsable. */
export function locationUrl(value: string): string | undefined {
  const i = value.indexOf(':');
  return i > 0 && value.slice(0, i).trim() === 'url' ? webUrl(value.slice(i + 1)) : undefined;
}

/**
 * A value as URL path segments: each segment encoded, the slashes of a slug (`org/repo`) kept;
 * empty, `.` and `..` segments refused so that a value cannot climb out of the template's path.
 */
export function pathValue(value: string): string | undefined {
  const parts = value.trim().split('/');
  if (!value.trim() || parts.some((p) => p === '' || p === '.' || p === '..' || /[\u0000-\u001f]/.test(p))) return undefined;
  return parts.map(encodeURIComponent).join('/');
}

const SLUG = /^[\w.-]+(\/[\w.-]+)*$/;

interface Context {
  /** The folder of the descriptor on its web host (`backstage.io/source-location`), for relative paths. */
  sourceFolder?: string;
}
type Built = Omit<EntityAction, 'id'>;
type BuiltIn = (value: string, ctx: Context) => Built[] | undefined;

const link = (label: string, url: string | undefined): Built[] | undefined => (url ? [{ label, url }] : undefined);
/** Known, but no URL can be built without the owner's host: shown as a labelled value until a template says where. */
const fact = (label: string) => (value: string): Built[] => [{ label, value: value.trim() }];
const slug = (label: string, prefix: string, suffixes: [string, string][] = []): BuiltIn => (v) => {
  const p = SLUG.test(v.trim()) ? pathValue(v) : undefined;
  return p ? [{ label, url: `${prefix}${p}`, value: v.trim() }, ...suffixes.map(([l, s]) => ({ label: l, url: `${prefix}${p}${s}` }))] : undefined;
};
const query = (label: string, prefix: string): BuiltIn => (v) => (v.trim() ? [{ label, url: `${prefix}${encodeURIComponent(v.trim())}`, value: v.trim() }] : undefined);

/**
 * The well-known annotations of Backstage's core and plugins. Each builds links only from what the
 * value itself names; hosts that differ per company (Jira, Grafana, Kubernetes dashboards) are facts
 * that an `annotation_links` template turns into links.
 */
export const BUILT_INS: Record<string, BuiltIn> = {
  'github.com/project-slug': slug('GitHub', 'https://github.com/', [['CI (GitHub Actions)', '/actions']]),
  'gitlab.com/project-slug': slug('GitLab', 'https://gitlab.com/', [['CI (GitLab pipelines)', '/-/pipelines']]),
  'github.com/team-slug': (v) => (/^[\w.-]+\/[\w.-]+$/.test(v.trim()) ? link(`GitHub team`, `https://github.com/orgs/${v.trim().replace('/', '/teams/')}`) : undefined),
  'github.com/user-login': slug('GitHub profile', 'https://github.com/'),
  'circleci.com/project-slug': slug('CI (CircleCI)', 'https://app.circleci.com/pipelines/'),
  'buildkite.com/project-slug': slug('CI (Buildkite)', 'https://buildkite.com/'),
  'backstage.io/view-url': (v) => link('View descriptor', webUrl(v)),
  'backstage.io/edit-url': (v) => link('Edit descriptor', webUrl(v)),
  'backstage.io/kubernetes-id': fact('Kubernetes'),
  'pagerduty.com/service-id': (v) => { const p = pathValue(v); return p ? [{ label: 'PagerDuty', url: `https://app.pagerduty.com/service-directory/${p}`, value: v.trim() }] : undefined; },
  'opsgenie.com/component-selector': query('Opsgenie alerts', 'https://app.opsgenie.com/alert/list?query='),
  'opsgenie.com/team': query('Opsgenie team', 'https://app.opsgenie.com/teams/list?query='),
  // `org/project` names both; a bare project needs the owner's organisation
  'sentry.io/project-slug': (v) => {
    const m = v.trim().match(/^([\w.-]+)\/([\w.-]+)$/);
    return m ? link('Sentry', `https://sentry.io/organizations/${m[1]}/projects/${m[2]}/`) : fact('Sentry')(v);
  },
  // SonarCloud unless the key names an instance of the owner's (`instance/key`)
  'sonarqube.org/project-key': (v) => (v.includes('/') ? fact('SonarQube')(v) : query('SonarQube', 'https://sonarcloud.io/project/overview?id=')(v, {})),
  'grafana/overview-dashboard': (v) => link('Grafana dashboard', webUrl(v)),
  'grafana/dashboard-selector': fact('Grafana dashboards'),
  'jira/project-key': fact('Jira project'),
  'lighthouse.com/website-url': (v) => link('Lighthouse (website)', webUrl(v)),
  // relative to the descriptor's folder, in the same repository
  'backstage.io/adr-location': (v, ctx) => {
    const p = pathValue(v.replace(/^\.\//, '').replace(/\/+$/, ''));
    return p && ctx.sourceFolder ? link('ADRs', new URL(`${p}/`, ctx.sourceFolder).href) : fact('ADRs')(v);
  },
};

/** Read elsewhere (the actions row, the docs link): not repeated in the raw table. */
const SHOWN_ELSEWHERE = new Set(['backstage.io/source-location', 'backstage.io/managed-by-location', 'playbill.dev/owner-from']);

/** Labels of built-ins a template may replace, for the template's default title. */
const LABELS: Record<string, string> = {
  'pagerduty.com/service-id': 'PagerDuty', 'jira/project-key': 'Jira', 'backstage.io/kubernetes-id': 'Kubernetes',
  'grafana/dashboard-selector': 'Grafana', 'sentry.io/project-slug': 'Sentry', 'sonarqube.org/project-key': 'SonarQube',
  'opsgenie.com/team': 'Opsgenie', 'opsgenie.com/component-selector': 'Opsgenie',
};

function fromTemplate(key: string, value: string, t: AnnotationLinksConfig[string]): Built[] | undefined {
  const { url, title } = typeof t === 'string' ? { url: t, title: undefined } : t;
  const filled = pathValue(value);
  if (!filled) return undefined;
  const href = webUrl(url.replaceAll(VALUE, filled));
  return href ? [{ label: title ?? LABELS[key] ?? key, url: href, value: value.trim() }] : undefined;
}

export interface AnnotationView { actions: EntityAction[]; rest: KeyValue[] }

export function annotationView(annotations: Record<string, string> | undefined, templates: AnnotationLinksConfig = {}): AnnotationView {
  const all = annotations ?? {};
  const ctx: Context = {};
  const folder = all['backstage.io/source-location'] && locationUrl(String(all['backstage.io/source-location']));
  if (folder) ctx.sourceFolder = folder.endsWith('/') ? folder : `${folder}/`;
  const actions: EntityAction[] = [];
  const rest: KeyValue[] = [];
  for (const [key, raw] of Object.entries(all)) {
    const value = String(raw);
    const template = Object.hasOwn(templates, key) ? templates[key] : undefined;
    const built = template ? fromTemplate(key, value, template) : BUILT_INS[key]?.(value, ctx);
    if (built?.length) {
      built.forEach((b, i) => actions.push({ id: i ? `${key}#${i}` : key, ...b }));
      continue;
    }
    if (SHOWN_ELSEWHERE.has(key)) continue;
    const duration = humanDuration(value);
    rest.push(duration ? { key, value: duration, raw: value } : { key, value });
  }
  rest.sort((a, b) => a.key.localeCompare(b.key));
  return { actions, rest };
}
