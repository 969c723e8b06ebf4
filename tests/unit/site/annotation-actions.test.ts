import { describe, expect, it } from 'vitest';
import { annotationView, BUILT_INS, pathValue } from '../../../src/pipeline/site/annotation-views.js';
import { humanDuration } from '../../../src/pipeline/site/durations.js';
import { templateProblem } from '../../../src/pipeline/config/annotation-links-schema.js';

const links = (annotations: Record<string, string>, templates = {}) =>
  annotationView(annotations, templates).actions.map((a) => [a.label, a.url ?? `= ${a.value}`]);

describe('annotation actions', () => {
  it('builds every built-in from what its value names', () => {
    const src = 'url:https://github.com/foyer/payments/tree/main/services/checkout/';
    expect(links({
      'backstage.io/source-location': src,
      'github.com/project-slug': 'foyer/payments',
      'gitlab.com/project-slug': 'foyer/web',
      'github.com/team-slug': 'foyer/payments-team',
      'github.com/user-login': 'priyaraman',
      'circleci.com/project-slug': 'github/foyer/payments',
      'buildkite.com/project-slug': 'foyer/payments',
      'backstage.io/view-url': 'https://github.com/foyer/payments/blob/main/catalog-info.yaml',
      'backstage.io/edit-url': 'https://github.com/foyer/payments/edit/main/catalog-info.yaml',
      'backstage.io/kubernetes-id': 'checkout',
      'pagerduty.com/service-id': 'P123ABC',
      'opsgenie.com/component-selector': 'detailsPair(service:checkout)',
      'opsgenie.com/team': 'Payments',
      'sentry.io/project-slug': 'foyer/checkout',
      'sonarqube.org/project-key': 'foyer_checkout',
      'grafana/overview-dashboard': 'https://grafana.foyer.example/d/checkout',
      'grafana/dashboard-selector': "tags @> 'checkout'",
      'jira/project-key': 'PAY',
      'lighthouse.com/website-url': 'https://foyer.example',
      'backstage.io/adr-location': 'docs/adrs',
    })).toEqual([
      ['GitHub', 'https://github.com/foyer/payments'],
      ['CI (GitHub Actions)', 'https://github.com/foyer/payments/actions'],
      ['GitLab', 'https://gitlab.com/foyer/web'],
      ['CI (GitLab pipelines)', 'https://gitlab.com/foyer/web/-/pipelines'],
      ['GitHub team', 'https://github.com/orgs/foyer/teams/payments-team'],
      ['GitHub profile', 'https://github.com/priyaraman'],
      ['CI (CircleCI)', 'https://app.circleci.com/pipelines/github/foyer/payments'],
      ['CI (Buildkite)', 'https://buildkite.com/foyer/payments'],
      ['View descriptor', 'https://github.com/foyer/payments/blob/main/catalog-info.yaml'],
      ['Edit descriptor', 'https://github.com/foyer/payments/edit/main/catalog-info.yaml'],
      ['Kubernetes', '= checkout'],
      ['PagerDuty', 'https://app.pagerduty.com/service-directory/P123ABC'],
      ['Opsgenie alerts', 'https://app.opsgenie.com/alert/list?query=detailsPair(service%3Acheckout)'],
      ['Opsgenie team', 'https://app.opsgenie.com/teams/list?query=Payments'],
      ['Sentry', 'https://sentry.io/organizations/foyer/projects/checkout/'],
      ['SonarQube', 'https://sonarcloud.io/project/overview?id=foyer_checkout'],
      ['Grafana dashboard', 'https://grafana.foyer.example/d/checkout'],
      ['Grafana dashboards', "= tags @> 'checkout'"],
      ['Jira project', '= PAY'],
      ['Lighthouse (website)', 'https://foyer.example/'],
      ['ADRs', 'https://github.com/foyer/payments/tree/main/services/checkout/docs/adrs/'],
    ]);
    // every built-in is covered above
    expect(Object.keys(BUILT_INS)).toHaveLength(19);
  });

  it('lets the owner template links, over a built-in or for an annotation of their own', () => {
    const templates = {
      'pagerduty.com/service-id': 'https://acme.pagerduty.com/service-directory/{value}',
      'jira/project-key': { url: 'https://acme.atlassian.net/browse/{value}', title: 'Jira board' },
      'acme.com/runbook': 'https://wiki.acme.example/runbooks/{value}?src=portal',
    };
    expect(links({ 'pagerduty.com/service-id': 'P1', 'jira/project-key': 'PAY', 'acme.com/runbook': 'payments/checkout' }, templates)).toEqual([
      ['PagerDuty', 'https://acme.pagerduty.com/service-directory/P1'],
      ['Jira board', 'https://acme.atlassian.net/browse/PAY'],
      ['acme.com/runbook', 'https://wiki.acme.example/runbooks/payments/checkout?src=portal'],
    ]);
  });

  it('never lets a value leave the template\'s host or path, nor become a script URL', () => {
    const t = { 'x.io/id': 'https://acme.example/s/{value}' };
    for (const bad of ['../admin', 'a/../../b', '', 'a//b']) expect(links({ 'x.io/id': bad }, t)).toEqual([]);
    expect(links({ 'x.io/id': '@evil.example/x?y#z' }, t)).toEqual([['x.io/id', 'https://acme.example/s/%40evil.example/x%3Fy%23z']]);
    expect(links({ 'backstage.io/view-url': 'javascript:alert(1)', 'grafana/overview-dashboard': 'data:text/html,x', 'github.com/project-slug': 'a/b"><script>' })).toEqual([]);
    expect(pathValue('a/b')).toBe('a/b');
    expect(templateProblem('https://{value}.example/x')).toMatch(/after the host/);
    expect(templateProblem('javascript:{value}')).toMatch(/http|after the host/);
    expect(templateProblem('https://acme.example/x')).toMatch(/needs "\{value\}"/);
    expect(templateProblem('https://acme.example/s/{value}')).toBeUndefined();
  });

  it('keeps what is not a link in the table, durations read as words', () => {
    const v = annotationView({ 'backstage.io/time-saved': 'PT6H', 'backstage.io/techdocs-ref': 'dir:.', 'backstage.io/source-location': 'url:https://x.example/' });
    expect(v.rest).toEqual([
      { key: 'backstage.io/techdocs-ref', value: 'dir:.' },
      { key: 'backstage.io/time-saved', value: 'about 6 hours', raw: 'PT6H' },
    ]);
    expect([humanDuration('PT6H'), humanDuration('PT90M'), humanDuration('P1DT2H'), humanDuration('P2W'), humanDuration('PT45S'), humanDuration('6h'), humanDuration('P')])
      .toEqual(['about 6 hours', 'about 2 hours', 'about 1 day', 'about 2 weeks', 'about 45 seconds', undefined, undefined]);
  });
});
