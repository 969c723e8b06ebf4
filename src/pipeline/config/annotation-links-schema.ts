/**
 * `annotation_links:` in portal.yaml: the portal owner's own links built from annotations, over or
 * beside the built-ins (site/annotation-views.ts). A template is trusted (the owner wrote it); the
 * `{value}` put into it comes from a repo, so it may only fill the path, query or fragment of a URL
 * whose origin the template fixes: a descriptor cannot send readers to another host.
 *
 *   annotation_links:
 *     pagerduty.com/service-id: "https://acme.pagerduty.com/service-directory/{value}"
 *     jira/project-key: { url: "https://acme.atlassian.net/browse/{value}", title: Jira }
 */
import { z } from 'zod';

/** Backstage's annotation keys: an optional DNS-like prefix and a name (`github.com/project-slug`, `jira/project-key`). */
const ANNOTATION_KEY = /^([a-z0-9]([a-z0-9.-]*[a-z0-9])?\/)?[a-zA-Z0-9]([a-zA-Z0-9._-]*[a-zA-Z0-9])?$/;

export const VALUE = '{value}';

/** Where `{value}` may go: after `https://host[:port]/`, so the origin is the owner's. */
export function templateProblem(template: string): string | undefined {
  const at = template.indexOf(VALUE);
  if (at < 0) return `a link template needs "${VALUE}" where the annotation's value goes`;
  let url: URL;
  try {
    url = new URL(template.replaceAll(VALUE, 'x'));
  } catch {
    return 'not a URL once {value} is filled in';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'a link template must be an http(s) URL';
  const origin = template.match(/^https?:\/\/[^/?#]+\//i)?.[0];
  if (!origin || origin.includes(VALUE) || at < origin.length) return `"${VALUE}" must come after the host, in the path or query: e.g. https://acme.pagerduty.com/service-directory/{value}`;
  return undefined;
}

const Template = z.string().superRefine((t, ctx) => {
  const problem = templateProblem(t);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const AnnotationLinksSchema = z.record(
  z.string().regex(ANNOTATION_KEY, 'an annotation key such as pagerduty.com/service-id'),
  z.union([Template, z.strictObject({ url: Template, title: z.string().min(1).max(60).optional() })]),
).default({});

export type AnnotationLinksConfig = z.infer<typeof AnnotationLinksSchema>;
