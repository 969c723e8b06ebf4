/**
 * Entity pages people act from: the actions row (built-in annotation links and the demo's
 * `annotation_links` templates), people and teams by their display names, a department's
 * ownership through its sub-teams, and the org tree. Expectations come from catalog.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { portals } from './support/portals.js';

interface Entity { kind: string; metadata: { name: string; annotations?: Record<string, string> }; spec?: Record<string, unknown>; relations: { type: string; targetRef: string }[] }
const catalog = () => JSON.parse(readFileSync(join(portals().root.outDir, 'catalog.json'), 'utf8')) as Entity[];
const byRef = () => new Map(catalog().map((e) => [`${e.kind.toLowerCase()}:default/${e.metadata.name}`, e]));
const targets = (e: Entity, type: string) => e.relations.filter((r) => r.type === type).map((r) => r.targetRef);

test('actions under the title link where the annotations say, built-ins and templates alike', async ({ page }) => {
  const actions = async (path: string) => {
    await page.goto(`${portals().root.url}${path}`);
    return page.locator('.entity-actions li').evaluateAll((lis) => lis.map((li) => {
      const a = li.querySelector('a');
      return [li.getAttribute('data-action'), a ? a.getAttribute('href') : li.textContent!.trim()];
    }));
  };
  const checkout = Object.fromEntries(await actions('catalog/default/component/checkout-service/'));
  expect(checkout).toMatchObject({
    docs: '/docs/default/system/payments/',
    source: 'https://github.com/foyer-tickets/payments/blob/HEAD/services/checkout/',
    descriptor: expect.stringMatching(/^https:\/\/github\.com\/foyer-tickets\/payments\/blob\/HEAD\/services\/checkout\/catalog-info\.yaml(#L\d+)?$/),
    edit: 'https://github.com/foyer-tickets/payments/edit/HEAD/services/checkout/catalog-info.yaml',
    'github.com/project-slug': 'https://github.com/foyer-tickets/payments',
    'github.com/project-slug#1': 'https://github.com/foyer-tickets/payments/actions',
    'pagerduty.com/service-id': 'https://app.pagerduty.com/service-directory/P7Q2PAY',
    'sentry.io/project-slug': 'https://sentry.io/organizations/foyer/projects/checkout-service/',
    'sonarqube.org/project-key': 'https://sonarcloud.io/project/overview?id=foyer_checkout-service',
    'grafana/overview-dashboard': 'https://grafana.foyer.example/d/checkout-overview',
    // portal.yaml's templates
    'jira/project-key': 'https://jira.foyer.example/browse/PAY',
    'backstage.io/kubernetes-id': 'https://k8s.foyer.example/#/workloads?app=checkout-service',
  });
  // a link made from an annotation leaves the raw table, which folds
  await expect(page.locator('details.annotations')).not.toHaveAttribute('open', '');
  await expect(page.locator('details.annotations dt')).not.toContainText(['pagerduty.com/service-id']);
  // the relations table says nothing the cards already say
  await expect(page.locator('#relations-h')).toHaveCount(0);

  const ingest = Object.fromEntries(await actions('catalog/default/component/sales-ingest/'));
  expect(ingest).toMatchObject({
    'opsgenie.com/team': 'https://app.opsgenie.com/teams/list?query=data-insights',
    'opsgenie.com/component-selector': 'https://app.opsgenie.com/alert/list?query=detailsPair(service%3Asales-ingest)',
    'circleci.com/project-slug': 'https://app.circleci.com/pipelines/github/foyer-tickets/data',
  });
  const bff = Object.fromEntries(await actions('catalog/default/component/storefront-bff/'));
  expect(bff['buildkite.com/project-slug']).toBe('https://buildkite.com/foyer/storefront-bff');
  expect(bff['grafana/dashboard-selector']).toBe("Grafana dashboards tags @> 'storefront'");
  const handbook = Object.fromEntries(await actions('catalog/default/component/engineering-handbook/'));
  expect(handbook['backstage.io/adr-location']).toBe('https://github.com/foyer-tickets/handbook/blob/HEAD/docs/decisions/');
  const web = Object.fromEntries(await actions('catalog/default/component/box-office-web/'));
  expect(web['lighthouse.com/website-url']).toMatch(/^https:\/\//);
  const venue = Object.fromEntries(await actions('catalog/default/component/venue-export/'));
  expect(venue['gitlab.com/project-slug#1']).toBe('https://gitlab.com/foyer-tickets/venue-export/-/pipelines');
  const team = Object.fromEntries(await actions('catalog/default/group/payments-team/'));
  expect(team['github.com/team-slug']).toBe('https://github.com/orgs/foyer-tickets/teams/payments');
  const person = Object.fromEntries(await actions('catalog/default/user/priya.raman/'));
  expect(person['github.com/user-login']).toBe('https://github.com/priyaraman');

  // a template's time saved reads as words
  await page.goto(`${portals().root.url}catalog/default/template/node-service/`);
  await page.locator('details.annotations summary').click();
  await expect(page.locator('details.annotations dd', { hasText: 'PT6H' })).toContainText('about 6 hours');
});

test('people and teams show by their display names, with the ref beside', async ({ page }) => {
  const priya = byRef().get('user:default/priya.raman')!;
  const name = (priya.spec!.profile as { displayName: string }).displayName;
  await page.goto(`${portals().root.url}catalog/default/user/priya.raman/`);
  await expect(page.locator('h1')).toHaveText(name);
  await expect(page.locator('.entity-ref')).toContainText('user:priya.raman');
  await expect(page.locator('.entity-header .avatar')).toHaveText('PR');
  // in a team's member list
  await page.goto(`${portals().root.url}catalog/default/group/payments-team/`);
  const members = page.locator('.entity-section', { has: page.getByRole('heading', { name: /^Members/ }) });
  await expect(members.getByRole('link', { name })).toHaveAttribute('href', '/catalog/default/user/priya.raman/');
});

test("a department's page shows what it and its sub-teams own and who is in them", async ({ page }) => {
  const all = byRef();
  const below = (ref: string): string[] => targets(all.get(ref)!, 'parentOf').flatMap((c) => [c, ...below(c)]);
  const subteams = below('group:default/engineering');
  const direct = new Set(targets(all.get('group:default/engineering')!, 'ownerOf'));
  const viaSubteams = new Set(subteams.flatMap((g) => targets(all.get(g)!, 'ownerOf')).filter((r) => !direct.has(r)));
  expect(viaSubteams.size).toBeGreaterThan(10);
  await page.goto(`${portals().root.url}catalog/default/group/engineering/`);
  const through = page.locator('.entity-section', { has: page.getByRole('heading', { name: /^Sub-teams own/ }) });
  const shown = await through.locator('li a').evaluateAll((as) => as.map((a) => a.getAttribute('title')));
  expect(new Set(shown)).toEqual(viaSubteams);
  const people = new Set(subteams.flatMap((g) => targets(all.get(g)!, 'hasMember')));
  await expect(page.locator('.entity-section', { has: page.getByRole('heading', { name: /^Members of sub-teams/ }) }).locator('li')).toHaveCount(people.size);

  // /org/: the same totals on the tree, the guild apart
  await page.goto(`${portals().root.url}org/`);
  const node = page.locator('li[data-group="group:default/engineering"] > .org-node');
  await expect(node.locator('[data-owned-total]')).toHaveAttribute('data-owned-total', String(direct.size + viaSubteams.size));
  await expect(page.locator('#loose-h + .org-tree > li')).toHaveAttribute('data-group', 'group:default/sre-guild');
  await page.getByLabel('Filter teams').fill('payments');
  await expect(page.locator('li[data-group="group:default/payments-team"]')).toBeVisible();
  await expect(page.locator('li[data-group="group:default/storefront-team"]')).toBeHidden();
  await expect(page.locator('li[data-group="group:default/engineering"]')).toBeVisible();
});
