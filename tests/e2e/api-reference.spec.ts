/**
 * API references in Chromium: each of the demo's definition types opens at an operation's anchor,
 * and what it shows there is checked against the definition itself, read here with the format's own
 * parser; search finds an operation by its operationId or rpc name first, at its anchor; the
 * reference reads with JavaScript off.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import yaml from 'js-yaml';
import { buildSchema, getNamedType, isNonNullType } from 'graphql';
import protobuf from 'protobufjs';
import { portals } from './support/portals.js';

const url = (path = '') => portals().root.url + path;

/** Name cells of a fields table, with whether each is marked required. */
async function fieldRows(table: Locator): Promise<Array<[string, boolean]>> {
  const rows = table.locator(':scope > tbody > tr');
  const out: Array<[string, boolean]> = [];
  for (let i = 0; i < await rows.count(); i++) {
    const cell = rows.nth(i).locator(':scope > td.api-field-name');
    out.push([(await cell.locator('code').first().innerText()).trim(), await cell.locator('.api-required').count() > 0]);
  }
  return out;
}

/** The fields table right after the section heading `title` inside `op`. */
const tableAfter = (op: Locator, title: string | RegExp): Locator =>
  op.locator('h5.api-section-title', { hasText: title }).first().locator('xpath=following-sibling::table[1]');

async function openAt(page: Page, path: string, anchor: string): Promise<Locator> {
  await page.goto(url(`${path}#${anchor}`));
  const op = page.locator(`#${anchor}`);
  await expect(op).toBeVisible();
  await expect(op).toBeInViewport();
  return op;
}

test('OpenAPI: an operation at its anchor shows its parameters and request body fields as the definition has them', async ({ page }) => {
  const doc = yaml.load(readFileSync('content/repos/payments/services/checkout/openapi.yaml', 'utf8')) as any;
  const post = doc.paths['/v1/payment-intents'].post;
  const schemaName = post.requestBody.content['application/json'].schema.$ref.split('/').pop();
  const schema = doc.components.schemas[schemaName];
  const header = doc.components.parameters[post.parameters[0].$ref.split('/').pop()];

  const op = await openAt(page, 'catalog/default/api/payments-api/', 'op-post-v1-payment-intents');
  await expect(op.locator('.api-op-name')).toHaveText('/v1/payment-intents');
  await expect(op.locator('.api-id code')).toHaveText(post.operationId);
  await expect(op.locator('.api-summary')).toHaveText(post.summary);
  expect(await fieldRows(tableAfter(op, /header parameters/i))).toEqual([[header.name, header.required === true]]);
  const body = tableAfter(op, /request body/i);
  expect(await fieldRows(body)).toEqual(Object.keys(schema.properties).map((n) => [n, schema.required.includes(n)]));
  // a field whose schema is named links to it; the link lands on that schema's own anchor
  const money = body.locator('a.api-type-link', { hasText: 'Money' }).first();
  await money.click();
  await expect(page.locator('#schema-money')).toBeInViewport();
  expect(await fieldRows(page.locator('#schema-money table.api-fields').first())).toEqual(
    Object.keys(doc.components.schemas.Money.properties).map((n) => [n, doc.components.schemas.Money.required.includes(n)]),
  );
  // every operation of the definition has its anchor
  const ops = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, item]) => Object.keys(item).filter((m) => /^(get|put|post|delete|patch|head|options|trace)$/.test(m)).map((m) => [m, p]));
  await expect(page.locator('article.api-op')).toHaveCount(ops.length);
});

test('gRPC: an rpc at its anchor shows its request message fields with numbers, and streaming rpcs say so', async ({ page }) => {
  const root = protobuf.parse(readFileSync('content/repos/payments/services/ledger/proto/ledger.proto', 'utf8'), { keepCase: true }).root;
  const service = root.lookupService('Ledger');
  const rpc = service.methods.PostEntry!;
  const request = root.lookupType(rpc.requestType);

  const op = await openAt(page, 'catalog/default/api/ledger-grpc/', 'rpc-ledger-postentry');
  await expect(op.locator('.api-op-name')).toHaveText('PostEntry');
  const table = tableAfter(op, /request/i);
  expect((await fieldRows(table)).map(([n]) => n)).toEqual(request.fieldsArray.map((f) => f.name));
  for (const f of request.fieldsArray) {
    await expect(table.locator('tr', { has: page.locator('td.api-field-name code', { hasText: new RegExp(`^${f.name}$`) }) })).toContainText(`field ${f.id}`);
  }
  for (const m of service.methodsArray.filter((x) => x.requestStream || x.responseStream)) {
    const kind = m.requestStream && m.responseStream ? 'bidirectional streaming' : m.requestStream ? 'client streaming' : 'server streaming';
    await expect(page.locator(`#rpc-ledger-${m.name.toLowerCase()}`)).toContainText(kind);
  }
  await expect(page.locator('article.api-op')).toHaveCount(service.methodsArray.length);
});

test('GraphQL: a mutation at its anchor shows its arguments, required where non-null, and its result type links to its definition', async ({ page }) => {
  const docs = yaml.loadAll(readFileSync('content/repos/storefront/catalog-info.yaml', 'utf8')) as any[];
  const schema = buildSchema(docs.find((d) => d?.metadata?.name === 'catalog-graphql').spec.definition);
  const field = schema.getMutationType()!.getFields().holdSeats!;

  const op = await openAt(page, 'catalog/default/api/catalog-graphql/', 'mutation-holdseats');
  await expect(op.locator('.api-op-name')).toHaveText('holdSeats');
  expect(await fieldRows(tableAfter(op, /arguments/i))).toEqual(field.args.map((a) => [a.name, isNonNullType(a.type)]));
  const result = getNamedType(field.type).name;
  await op.locator('a.api-type-link', { hasText: new RegExp(`^${result}$`) }).first().click();
  await expect(page.locator(`#type-${result.toLowerCase()}`)).toBeInViewport();
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((t) => (t ? Object.keys(t.getFields()) : []));
  await expect(page.locator('article.api-op')).toHaveCount(roots.length);
});

test('AsyncAPI: every channel and operation of the definition is there, with its message payload fields', async ({ page }) => {
  const doc = yaml.load(readFileSync('content/repos/payments/events/payment-events.asyncapi.yaml', 'utf8')) as any;
  const [channel, item] = Object.entries(doc.channels as Record<string, any>)[0]!;
  const operationId = item.subscribe.operationId as string;
  const message = doc.components.messages[item.subscribe.message.$ref.split('/').pop()];
  // the payload is all of an envelope and the event's own fields: a reader sees them as one list
  const schemaOf = (s: any) => (s.$ref ? doc.components.schemas[s.$ref.split('/').pop()] : s);
  const parts = (message.payload.allOf ?? [message.payload]).map(schemaOf);
  const payload = { properties: Object.assign({}, ...parts.map((p: any) => p.properties)) };

  const op = await openAt(page, 'catalog/default/api/payment-events/', `op-${operationId.toLowerCase()}`);
  await expect(op).toContainText(channel);
  await expect(op.locator('.api-verb')).toHaveText(/subscribe/i);
  const names = (await fieldRows(op.locator('table.api-fields').last())).map(([n]) => n);
  expect(names).toEqual(Object.keys(payload.properties));
  const operations = Object.values(doc.channels as Record<string, any>).flatMap((c) => ['publish', 'subscribe'].filter((k) => c[k]));
  await expect(page.locator('article.api-op')).toHaveCount(operations.length);
});

test('search finds an rpc, a GraphQL mutation and an operationId first, at their anchors', async ({ page }) => {
  for (const [q, anchor] of [['PostEntry', '#rpc-ledger-postentry'], ['holdSeats', '#mutation-holdseats'], ['createRefund', '#op-post-v1-refunds']] as const) {
    await page.goto(url(`search/?q=${q}`));
    const first = page.locator('#search-results .search-result').first();
    await expect(first).toBeVisible();
    const link = first.locator('a.search-result-link');
    expect(new URL((await link.getAttribute('href'))!, page.url()).hash).toBe(anchor);
    await expect(first).toContainText(q);
    await link.click();
    await expect(page.locator(anchor)).toBeInViewport();
  }
  // the filter says what the result is
  await page.goto(url('search/?q=PostEntry'));
  await expect(page.locator('#search-results')).toContainText('Ledger gRPC API');
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });
  test('the reference reads and its contents link to each operation', async ({ page }) => {
    await page.goto(url('catalog/default/api/payments-api/'));
    const toc = page.getByRole('navigation', { name: 'API contents' });
    await toc.getByRole('link', { name: /\/v1\/refunds$/ }).first().click();
    await expect(page.locator('#op-post-v1-refunds')).toBeInViewport();
    // the source is one fold away, and its download one click
    await page.locator('#source > summary').click();
    await expect(page.locator('#source pre')).toBeVisible();
    await expect(page.getByRole('link', { name: /Download openapi/ })).toHaveAttribute('download', /\.ya?ml$/);
  });
});

test('hostile definitions render inert and read nothing outside their source; a broken one shows its source and says why', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  const { hostile } = portals();
  for (const name of ['hostile-openapi', 'hostile-graphql']) {
    const res = await page.goto(`${hostile.url}catalog/default/api/${name}/`);
    expect(res?.status(), name).toBe(200);
    const ref = page.locator('section.api-reference');
    await expect(ref).toBeVisible();
    for (const el of await ref.locator('a, b, img, summary').all()) await el.hover({ timeout: 1000 }).catch(() => undefined);
    const found = await ref.evaluate((root) => {
      const bad: string[] = [];
      for (const el of root.querySelectorAll('*')) {
        for (const a of el.attributes) {
          if (/^on/i.test(a.name)) bad.push(`${el.tagName} ${a.name}`);
          if (/^\s*(javascript|vbscript|data:text\/html)/i.test(a.value.replace(/[\s\u0000-\u001f]/g, ''))) bad.push(`${el.tagName} ${a.name}=${a.value}`);
        }
        if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'BASE', 'META', 'FORM', 'SVG'].includes(el.tagName.toUpperCase())) bad.push(el.tagName);
      }
      return bad;
    });
    expect(found, name).toEqual([]);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned), name).toBeUndefined();
  }
  // the self-containing schema is there once, its cycle a link back to it
  await page.goto(`${hostile.url}catalog/default/api/hostile-openapi/#op-get-tree`);
  await expect(page.locator('#schema-tree')).toHaveCount(1);
  await expect(page.locator('#schema-tree a.api-type-link[href="#schema-tree"]').first()).toBeAttached();
  // /etc/passwd and the other source's file were not read: nothing of them is in the page, and the problems say why
  const html = await page.content();
  expect(html).not.toMatch(/root:x:0:0|hostile-docs/);
  const banner = page.locator('.problems');
  await expect(banner).toContainText('/etc/passwd');
  await expect(banner).toContainText('outside');
  // a definition that does not parse: its source, and the parser's message at its line
  await page.goto(`${hostile.url}catalog/default/api/broken-openapi/`);
  await expect(page.getByRole('heading', { name: 'Definition' })).toBeVisible();
  await expect(page.locator('.problems')).toContainText(/api\.parse-failed|could not|not valid/i);
  expect(dialogs).toEqual([]);
});

test('a reference too large for one page: pages of its own under 500 KB, every operation on one of them, links and search across them', async ({ page, request }) => {
  const { hostile, bigApi } = portals();
  const doc = yaml.load(readFileSync(`${bigApi}/openapi.yaml`, 'utf8')) as any;
  const expected = Object.values(doc.paths as Record<string, any>).reduce((n, item) => n + (item.$ref
    ? Object.keys(yaml.load(readFileSync(`${bigApi}/${item.$ref}`, 'utf8')) as object).filter((k) => k !== 'parameters').length
    : Object.keys(item).filter((k) => k !== 'parameters').length), 0);

  const api = `${hostile.url}catalog/default/api/synthetic-large-api/`;
  await page.goto(api);
  const index = page.getByRole('navigation', { name: 'Reference pages' });
  const links = await index.getByRole('link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  expect(links.length).toBeGreaterThan(2);
  let operations = 0;
  for (const href of links) {
    const res = await request.get(href);
    expect(res.status(), href).toBe(200);
    const html = await res.text();
    expect(html.length, href).toBeLessThan(500 * 1024);
    operations += (html.match(/<article class="api-op"/g) ?? []).length;
  }
  expect(operations).toBe(expected);

  // a part links a schema kept on another part; the link lands on it
  await page.goto(links[0]!);
  const link = page.locator('article.api-op a.api-type-link[href^="../"]').first();
  const target = new URL((await link.getAttribute('href'))!, page.url());
  await link.click();
  await expect(page).toHaveURL(target.href);
  await expect(page.locator(target.hash)).toBeInViewport();
  await expect(page.getByRole('navigation', { name: 'Reference pages' }).getByRole('link', { name: 'All reference pages' })).toBeVisible();

  // search finds an operation by its operationId on the page it is on
  const id = Object.values(doc.paths as Record<string, any>)[0].get.operationId as string;
  await page.goto(`${hostile.url}search/?q=${id}`);
  const first = page.locator('#search-results .search-result').first().locator('a.search-result-link');
  await expect(first).toHaveText(/\//);
  await first.click();
  await expect(page).toHaveURL(/\/reference\/[a-z0-9-]+\/#op-get-/);
  await expect(page.locator(new URL(page.url()).hash)).toBeInViewport();
});
