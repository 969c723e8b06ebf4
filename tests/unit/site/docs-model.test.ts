import { describe, expect, it } from 'vitest';
import { docNav, docPageHref, prepareModel } from '../../../src/pipeline/site/portal-model.js';
import { formatDate, searchHints } from '../../../src/components/docs/html.js';
import { fixtureCatalog, fixtureConfig } from '../../fixtures/site/catalog.js';
import type { DocPageInput, DocSiteLink, PortalModel } from '../../../src/pipeline/site/types.js';

const page = (path: string, extra: Partial<DocPageInput> = {}): DocPageInput => ({
  path, title: path || 'Home', description: `About ${path || 'home'}.`, htmlFile: `/cache/render/${path || 'index'}.html`,
  toc: [{ depth: 2, id: 'intro', text: 'Intro' }], hasMermaid: false, ...extra,
});

const paymentsSite: DocSiteLink = {
  entityRef: 'system:default/payments',
  alsoFor: ['component:default/payments-service', 'component:default/ledger'],
  urlPath: 'docs/default/system/payments/',
  siteName: 'Payments handbook',
  siteDescription: 'How money moves.',
  nav: [
    { title: 'Overview', path: '' },
    { title: 'Runbooks', children: [{ title: 'Key rotation', path: 'runbooks/key-rotation' }, { title: 'Empty', children: [] }] },
    { title: 'Status page', url: 'https://status.example.com/' },
    { title: 'Sneaky', url: 'javascript:alert(1)' },
  ],
  pages: [
    page('', { next: { path: 'runbooks/key-rotation', title: 'Key rotation' }, lastChange: { commit: 'a1', date: '2025-01-02T10:00:00Z', author: 'Ana' } }),
    page('runbooks/key-rotation', {
      prev: { path: '', title: 'Home' }, hasMermaid: true, editUrl: 'https://git.example.com/edit/main/docs/runbooks/key-rotation.md',
      lastChange: { commit: 'b2', date: '2025-01-20T09:00:00Z', author: 'Ben' },
    }),
  ],
};

/** The fixture catalog plus a component titled like the `payments` system. */
function catalog() {
  const c = fixtureCatalog();
  const twin = structuredClone(c.entities.find((e) => e.metadata.name === 'payments-service')!);
  twin.metadata = { ...twin.metadata, name: 'payments-ui', title: 'Payments' };
  return { entities: [...c.entities, twin] };
}

const build = (sites: DocSiteLink[]): PortalModel =>
  prepareModel({ config: fixtureConfig(), catalog: catalog(), docs: { sites }, now: new Date('2025-02-01T00:00:00Z') });

describe('docs pages in the portal model', () => {
  it('routes pages under the site path, one encoded segment at a time', () => {
    expect(docPageHref('docs/default/system/payments/', '')).toBe('docs/default/system/payments/');
    expect(docPageHref('/docs/default/system/payments/', 'runbooks/key-rotation')).toBe('docs/default/system/payments/runbooks/key-rotation/');
    expect(docPageHref('docs/a/b/c/', 'guides/set up #1')).toBe('docs/a/b/c/guides/set%20up%20%231/');
  });

  it('turns the nav into links: pages under the site, external links marked, unsafe and empty entries dropped', () => {
    expect(docNav(paymentsSite.nav!, paymentsSite.urlPath)).toEqual([
      { title: 'Overview', href: 'docs/default/system/payments/' },
      { title: 'Runbooks', children: [{ title: 'Key rotation', href: 'docs/default/system/payments/runbooks/key-rotation/' }] },
      { title: 'Status page', href: 'https://status.example.com/', external: true },
    ]);
  });

  it('gives each site its entity, owner, sharing entities, pages with prev/next and the latest change', () => {
    const m = build([paymentsSite]);
    expect(m.docs).toHaveLength(1);
    const site = m.docs[0]!;
    expect(site.title).toBe('Payments handbook');
    expect(site.description).toBe('How money moves.');
    expect(site.href).toBe('docs/default/system/payments/');
    expect(site.entity).toMatchObject({ ref: 'system:default/payments', label: 'Payments', href: 'catalog/default/system/payments/', missing: false });
    expect(site.owner).toMatchObject({ ref: 'group:default/team-payments', label: 'Team Payments', href: 'catalog/default/group/team-payments/' });
    expect(site.alsoFor.map((a) => a.label)).toEqual(['Ledger', 'Payments Service']);
    expect(site.searchName).toBe('Payments');
    const [home, runbook] = site.pages;
    expect(home).toMatchObject({ href: 'docs/default/system/payments/', next: { href: 'docs/default/system/payments/runbooks/key-rotation/', title: 'Key rotation' } });
    expect(home!.prev).toBeUndefined();
    expect(runbook).toMatchObject({
      href: 'docs/default/system/payments/runbooks/key-rotation/', prev: { href: 'docs/default/system/payments/', title: 'Home' },
      editUrl: 'https://git.example.com/edit/main/docs/runbooks/key-rotation.md', lastChange: { date: '2025-01-20T09:00:00Z', author: 'Ben' },
      hasMermaid: true, toc: [{ depth: 2, id: 'intro', text: 'Intro' }],
    });
    expect(site.lastChange).toEqual({ date: '2025-01-20T09:00:00Z', author: 'Ben', title: 'runbooks/key-rotation', href: runbook!.href });
    expect(m.hasMermaid).toBe(true);
  });

  it('links sharing entities to the owning site and makes no pages for them', () => {
    const m = build([paymentsSite]);
    expect(m.entities.find((e) => e.ref === 'component:default/ledger')?.docsHref).toBe('docs/default/system/payments/');
    expect(m.docs.map((d) => d.entity.ref)).toEqual(['system:default/payments']);
  });

  it('carries the path of each page\'s HTML, never the HTML, and drops unsafe edit links', () => {
    const m = build([{ ...paymentsSite, pages: [page('', { editUrl: 'javascript:alert(1)' })] }]);
    const p = m.docs[0]!.pages[0]!;
    expect(p.htmlFile).toBe('/cache/render/index.html');
    expect(p.editUrl).toBeUndefined();
    expect(Object.keys(p).sort()).toEqual(['description', 'hasMermaid', 'href', 'htmlFile', 'path', 'title', 'toc']);
    expect(m.hasMermaid).toBe(false);
  });

  it('skips sites without pages, sorts by title and tells same-titled sites apart in the search filter', () => {
    const m = build([
      { ...paymentsSite, siteName: undefined },
      { entityRef: 'component:default/ledger', urlPath: 'docs/default/component/ledger/' },
      { entityRef: 'api:default/payments-api', urlPath: 'docs/default/api/payments-api/', siteName: 'Alpha', pages: [page('')] },
      { entityRef: 'component:default/payments-ui', urlPath: 'docs/default/component/payments-ui/', pages: [page('')] },
    ]);
    expect(m.docs.map((d) => d.title)).toEqual(['Alpha', 'Payments', 'Payments']);
    expect(m.docs.map((d) => d.searchName).sort()).toEqual(['Payments (component:payments-ui)', 'Payments (system:payments)', 'Payments API']);
    // A site without a nav lists its pages.
    expect(m.docs[0]!.nav).toEqual([{ title: 'Home', href: 'docs/default/api/payments-api/' }]);
  });

  it('gives the model no docs when the docs stage did not run', () => {
    const m = prepareModel({ config: fixtureConfig(), catalog: fixtureCatalog(), docs: null });
    expect(m.docs).toEqual([]);
    expect(m.hasMermaid).toBe(false);
  });
});

describe('docs page body', () => {
  it('keeps permalinks out of search and weighs the title of a site\'s index page only', () => {
    const html = '<h1 id="x">Payments<a class="headerlink" href="#x">¶</a></h1><h2 id="y">Y<a class="headerlink" href="#y">¶</a></h2>';
    expect(searchHints(html, { weighTitle: true })).toBe(
      '<h1 data-pagefind-weight="10" id="x">Payments<a class="headerlink" data-pagefind-ignore href="#x">¶</a></h1><h2 id="y">Y<a class="headerlink" data-pagefind-ignore href="#y">¶</a></h2>');
    expect(searchHints(html, { weighTitle: false })).not.toContain('data-pagefind-weight');
  });
  it('formats dates the same everywhere', () => {
    expect(formatDate('2025-01-20T23:30:00-05:00')).toBe('21 January 2025');
    expect(formatDate('not a date')).toBe('not a date');
  });
});
