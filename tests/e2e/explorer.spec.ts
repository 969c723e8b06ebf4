/**
 * The catalog explorer as a reader uses it: kinds as chips, columns per kind, multi-select filters with
 * counts, "including sub-teams", export, URL state and the phone layout. Expectations come from the
 * build's own catalog.json, not from names in the demo, so they hold as the demo org grows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { portals } from './support/portals.js';

interface CatalogEntity {
  kind: string;
  metadata: { name: string; namespace?: string; title?: string };
  spec?: { type?: string; lifecycle?: string };
  relations: { type: string; targetRef: string }[];
}
const catalog = (): CatalogEntity[] => JSON.parse(readFileSync(join(portals().root.outDir, 'catalog.json'), 'utf8')) as CatalogEntity[];
const refOf = (e: CatalogEntity) => `${e.kind.toLowerCase()}:${(e.metadata.namespace ?? 'default').toLowerCase()}/${e.metadata.name.toLowerCase()}`;
const ownerOf = (e: CatalogEntity) => e.relations.find((r) => r.type === 'ownedBy')?.targetRef;
const components = () => catalog().filter((e) => e.kind === 'Component');
/** How many of `items` each value has, as a facet counts them. */
const tally = (values: (string | undefined)[]) => values.reduce((m, v) => (v ? m.set(v, (m.get(v) ?? 0) + 1) : m), new Map<string, number>());

const url = (path = '') => portals().root.url + path;
const rows = (page: Page) => page.locator('.explorer-table tbody tr');

async function open(page: Page, path: string) {
  await page.goto(url(path));
  await expect(page.locator('[data-explorer][data-ready]')).toBeAttached();
}

/** A facet's checkbox for a value, behind "show all" when the value is not among the first. */
async function option(page: Page, facet: string, value: string) {
  const box = page.locator(`[data-facet="${facet}"]`);
  const input = box.locator(`input[value="${value}"]`);
  if (!(await input.count())) await box.locator('[data-more]').click();
  return input;
}
const countOf = (page: Page, facet: string, value: string) => page.locator(`[data-facet="${facet}"] li[data-value="${value}"] [data-count]`);

/** The table as a reader sees it: column ids and labels, and each cell's text (lists as lists). */
async function visibleTable(page: Page) {
  return page.locator('.explorer-table').evaluate((t) => ({
    columns: [...t.querySelectorAll<HTMLElement>('thead th')].map((th) => ({ id: th.dataset.col!, label: th.textContent!.trim() })),
    rows: [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll<HTMLElement>('td')].map((td): string | string[] => {
      switch (td.dataset.col) {
        case 'name': return td.querySelector('a')!.textContent!;
        case 'tags': case 'targets': return [...td.querySelectorAll('li')].map((li) => li.textContent!);
        case 'score': return [...td.querySelectorAll('.score-line')].map((l) => `${l.firstChild!.textContent!.trim()}: ${l.lastChild!.textContent}`);
        default: return td.textContent!;
      }
    })),
  }));
}

/** RFC 4180, as a spreadsheet reads it. */
function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); out.push(row); row = []; cell = ''; i++; } else cell += c;
  }
  return out;
}

async function downloaded(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
}

test('opens on components with a chip per kind counting the catalog; users get their own columns', async ({ page }) => {
  const all = catalog();
  await open(page, 'catalog/');
  const chips = page.locator('[data-kinds] a');
  await expect(chips.and(page.locator('[aria-current="true"]'))).toHaveAttribute('data-kind', 'component');
  const byKind = tally(all.map((e) => e.kind.toLowerCase()));
  const shown = await chips.evaluateAll((as) => as.map((a): [string, string] => [(a as HTMLElement).dataset.kind!, a.querySelector('.count')!.textContent!]));
  expect(new Map(shown)).toEqual(new Map([...[...byKind].map(([k, n]) => [k, String(n)] as [string, string]), ['all', String(all.length)]]));
  await expect(rows(page)).toHaveCount(Math.min(50, byKind.get('component')!));
  await expect(page.locator('.explorer-table thead th[data-col="owner"]')).toBeVisible();

  await chips.and(page.locator('[data-kind="user"]')).click();
  await expect(page).toHaveURL(/[?&]kind=user\b/);
  await expect(rows(page)).toHaveCount(byKind.get('user')!);
  const { columns } = await visibleTable(page);
  expect(columns.map((c) => c.id)).toContain('email');
  expect(columns.map((c) => c.id)).not.toContain('owner');
  expect(columns.map((c) => c.id)).not.toContain('system');
});

test('two owners show the union of what they own, counts follow, and the URL round-trips on reload and back', async ({ page }) => {
  const comps = components();
  const owners = [...tally(comps.map(ownerOf))].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([ref]) => ref);
  expect(owners).toHaveLength(2);
  const union = comps.filter((e) => owners.includes(ownerOf(e)!));
  await open(page, 'catalog/');
  await (await option(page, 'owner', owners[0]!)).check();
  await (await option(page, 'owner', owners[1]!)).check();
  await expect(rows(page)).toHaveCount(union.length);
  // an owner's count ignores the owner filter itself; the other facets count the union
  for (const o of owners) await expect(countOf(page, 'owner', o)).toHaveText(String(comps.filter((e) => ownerOf(e) === o).length));
  for (const [type, n] of tally(union.map((e) => e.spec?.type?.toLowerCase()))) await expect(countOf(page, 'type', type)).toHaveText(String(n));
  expect(new URL(page.url()).searchParams.getAll('owner').sort()).toEqual([...owners].sort());

  await page.reload();
  await expect(page.locator('[data-explorer][data-ready]')).toBeAttached();
  await expect(rows(page)).toHaveCount(union.length);
  for (const o of owners) await expect(page.locator(`[data-facet="owner"] input[value="${o}"]`)).toBeChecked();
  await page.goBack();
  await expect(rows(page)).toHaveCount(comps.filter((e) => ownerOf(e) === owners[0]).length);
});

test('a department with "include sub-teams" shows what every team below it owns', async ({ page }) => {
  const all = catalog();
  const children = (ref: string) => all.filter((e) => e.kind === 'Group' && e.relations.some((r) => r.type === 'childOf' && r.targetRef === ref)).map(refOf);
  const subtree = (ref: string, seen = new Set<string>()): string[] => (seen.has(ref) ? [] : (seen.add(ref), [ref, ...children(ref).flatMap((c) => subtree(c, seen))]));
  const comps = components();
  // the group whose sub-teams add the most components to what it owns itself
  const [dept] = all.filter((e) => e.kind === 'Group').map(refOf)
    .map((ref) => ({ ref, teams: new Set(subtree(ref)) }))
    .map((g) => ({ ...g, owned: comps.filter((e) => g.teams.has(ownerOf(e) ?? '')), direct: comps.filter((e) => ownerOf(e) === g.ref) }))
    .sort((a, b) => (b.owned.length - b.direct.length) - (a.owned.length - a.direct.length));
  expect(dept!.owned.length).toBeGreaterThan(dept!.direct.length);

  await open(page, 'catalog/');
  await page.getByLabel('Include sub-teams').check();
  await (await option(page, 'owner', dept!.ref)).check();
  await expect(countOf(page, 'owner', dept!.ref)).toHaveText(String(dept!.owned.length));
  await expect(rows(page)).toHaveCount(Math.min(50, dept!.owned.length));
  const names = new Set(dept!.owned.map((e) => e.metadata.title ?? e.metadata.name));
  for (const name of await rows(page).locator('td[data-col="name"] a').allTextContents()) expect(names).toContain(name);
  expect(new URL(page.url()).searchParams.get('subteams')).toBe('1');

  // without sub-teams the same selection is what it owns itself
  await page.getByLabel('Include sub-teams').uncheck();
  await expect(rows(page)).toHaveCount(dept!.direct.length);
});

test('export writes the filtered rows with the visible columns, as CSV and as JSON', async ({ page }) => {
  await open(page, 'catalog/?lifecycle=production&kind=component');
  const table = await visibleTable(page);
  expect(table.rows.length).toBe(components().filter((e) => e.spec?.lifecycle === 'production').length);
  const csv = await downloaded(page, 'Export CSV');
  expect(csv.name).toBe('catalog-component.csv');
  expect(csv.text.startsWith('\uFEFF')).toBe(true);
  const [header, ...lines] = parseCsv(csv.text.slice(1));
  expect(header).toEqual(['Ref', ...table.columns.map((c) => c.label)]);
  // a cell a spreadsheet would take for a formula (the demo's `@foyer/…` packages) starts with a quote
  const asCell = (v: string | string[]) => (Array.isArray(v) ? v.join(', ') : v).replace(/^[=+\-@]/, "'$&");
  expect(table.rows.flat(2).some((v) => /^[=+\-@]/.test(v))).toBe(true);
  expect(lines.map((l) => l.slice(1))).toEqual(table.rows.map((r) => r.map(asCell)));
  expect(lines.map((l) => l[0])).toEqual(expect.arrayContaining(['component:default/checkout-service']));

  // every filtered row, not the page shown: the mixed view has more rows than a page
  await page.locator('[data-kinds] a[data-kind="all"]').click();
  await expect(page.locator('[data-status]')).toContainText('entities');
  const all = await visibleTable(page);
  const json = JSON.parse((await downloaded(page, 'Export JSON')).text) as Record<string, string | string[]>[];
  expect(json).toHaveLength(catalog().filter((e) => e.spec?.lifecycle === 'production').length);
  expect(json.slice(0, all.rows.length).map((o) => all.columns.map((c) => o[c.id]))).toEqual(all.rows);
});

test('on a phone the filters fold behind one button and the first result is on the first screen', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await open(page, 'catalog/');
  await expect(page.locator('.explorer-facets')).toBeHidden();
  const first = await rows(page).first().locator('td[data-col="name"] a').boundingBox();
  expect(first!.y + first!.height).toBeLessThan(844);
  const toggle = page.getByRole('button', { name: /^Filters/ });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const type = page.locator('[data-facet="type"] input[type="checkbox"]').first();
  await type.check();
  await expect(toggle.locator('[data-active-count]')).toHaveText('1');
  await expect(page.locator('[data-status]')).toContainText('(');
  await context.close();
});
