import { describe, expect, it } from 'vitest';
import { prepareModel } from '../../../src/pipeline/site/portal-model.js';
import { routeFile, routeHashes, type RouteEntry } from '../../../src/pipeline/site/routes.js';
import { fixtureCatalog, fixtureConfig } from '../../fixtures/site/catalog.js';
import type { DocSiteLink, SiteData } from '../../../src/pipeline/site/types.js';

const site: DocSiteLink = {
  entityRef: 'system:default/payments', urlPath: 'docs/default/system/payments/', siteName: 'Payments',
  nav: [{ title: 'Key rotation', path: 'runbooks/key rotation' }],
  pages: [{ path: 'runbooks/key rotation', title: 'Key rotation', description: '', htmlFile: '/cache/a1.html', toc: [], hasMermaid: false }],
};

const at = (data: SiteData, ref: string): number => data.model.entities.findIndex((e) => e.ref === ref);

function model(): SiteData {
  const data: SiteData = { model: prepareModel({ config: fixtureConfig(), catalog: fixtureCatalog(), docs: { sites: [site] } }), assets: { diagrams: {}, api: {} } };
  data.assets.api[at(data, 'api:default/payments-api')] = { language: 'yaml', fileName: 'payments-api.yaml', rawFile: '/tmp/m/api/12.yaml', htmlFile: '/tmp/m/api/12.html', bytes: 10 };
  data.assets.diagrams[at(data, 'component:default/ledger')] = { depth1: '/tmp/m/diagrams/6-1.svg' };
  return data;
}

/** Files the pages read, by the name the page would ask for. */
const files: Record<string, string> = {
  '/tmp/m/api/12.yaml': 'openapi: 3.0.0', '/tmp/m/api/12.html': '<pre>openapi</pre>',
  '/tmp/m/diagrams/6-1.svg': '<svg>ledger</svg>', '/cache/a1.html': '<p>Rotate keys.</p>',
};
const hashes = (m: SiteData, global = 'g', read = (f: string) => files[f]): Map<string, RouteEntry> =>
  new Map(routeHashes(m, global, read).map((r) => [r.route, r]));

describe('route hashes', () => {
  it('names every entity page, API download and docs page with the file Astro writes for it', () => {
    const routes = hashes(model());
    expect(routes.get('catalog/default/api/payments-api/payments-api.yaml')?.file).toBe('catalog/default/api/payments-api/payments-api.yaml');
    expect(routes.get('catalog/default/component/ledger/')?.file).toBe('catalog/default/component/ledger/index.html');
    // The site has no index page: its root is a route of its own.
    expect(routes.get('docs/default/system/payments/runbooks/key%20rotation/')?.file).toBe('docs/default/system/payments/runbooks/key rotation/index.html');
    expect(routes.has('docs/default/system/payments/')).toBe(true);
    expect(routes.size).toBe(28 + 1 + 2);
  });

  it('hashes what files contain, not the temp names they were written under', () => {
    const before = hashes(model());
    const renamed = model();
    renamed.assets.diagrams[at(renamed, 'component:default/ledger')] = { depth1: '/tmp/m/diagrams/99-1.svg' };
    const after = hashes(renamed, 'g', (f) => files[f.replace('/99-1.svg', '/6-1.svg')]);
    expect(after.get('catalog/default/component/ledger/')!.hash).toBe(before.get('catalog/default/component/ledger/')!.hash);

    const redrawn = hashes(model(), 'g', (f) => (f.endsWith('6-1.svg') ? '<svg>ledger, redrawn</svg>' : files[f]));
    expect(redrawn.get('catalog/default/component/ledger/')!.hash).not.toBe(before.get('catalog/default/component/ledger/')!.hash);
    expect(redrawn.get('catalog/web/component/ui-kit/')!.hash).toBe(before.get('catalog/web/component/ui-kit/')!.hash);

    const rewritten = hashes(model(), 'g', (f) => (f === '/cache/a1.html' ? '<p>Rotate keys monthly.</p>' : files[f]));
    const docPage = 'docs/default/system/payments/runbooks/key%20rotation/';
    expect(rewritten.get(docPage)!.hash).not.toBe(before.get(docPage)!.hash);
    expect(rewritten.get('docs/default/system/payments/')!.hash).toBe(before.get('docs/default/system/payments/')!.hash);
  });

  it('hashes a published diagram by its URL (which names its content), never reading the file', () => {
    const published = (hash: string) => {
      const m = model();
      m.assets.diagrams[at(m, 'component:default/ledger')] = {
        depth1: '/tmp/m/diagrams/6-1.svg', depth2: '/tmp/m/diagrams/6-2.svg',
        opened: { depth2: { href: `playbill/diagrams/${hash}.svg`, file: `/tmp/m/diagrams/published/${hash}.svg`, title: 'Relations of Ledger', readable: 700 } },
      };
      return m;
    };
    const read = (f: string) => { if (f.includes('6-2') || f.includes('published')) throw new Error(`read ${f}`); return files[f]; };
    const page = 'catalog/default/component/ledger/';
    const a = hashes(published('a'.repeat(24)), 'g', read).get(page)!.hash;
    expect(hashes(published('a'.repeat(24)), 'g', read).get(page)!.hash).toBe(a);
    expect(hashes(published('b'.repeat(24)), 'g', read).get(page)!.hash).not.toBe(a);
    expect(a).not.toBe(hashes(model()).get(page)!.hash);
  });

  it('hashes a drawn diagram by its key (what it shows, the code that drew it), never reading the file', () => {
    const keyed = (key: string) => {
      const m = model();
      m.assets.diagrams[at(m, 'component:default/ledger')] = { depth1: '/tmp/m/diagrams/6-1.svg', keys: { depth1: key } };
      return m;
    };
    const read = (f: string) => { if (f.includes('6-1')) throw new Error(`read ${f}`); return files[f]; };
    const page = 'catalog/default/component/ledger/';
    const a = hashes(keyed('a'.repeat(40)), 'g', read);
    expect(hashes(keyed('a'.repeat(40)), 'g', read).get(page)!.hash).toBe(a.get(page)!.hash);
    const b = hashes(keyed('b'.repeat(40)), 'g', read);
    expect(b.get(page)!.hash).not.toBe(a.get(page)!.hash);
    expect(b.get('catalog/web/component/ui-kit/')!.hash).toBe(a.get('catalog/web/component/ui-kit/')!.hash);
  });

  it('changes a page when its own view changes, and every page when a global fact does', () => {
    const before = hashes(model());
    const m = model();
    m.model.entities.find((e) => e.ref === 'component:web/ui-kit')!.description = 'Shared React components, now with dark mode.';
    const after = hashes(m);
    const changed = [...after].filter(([route, r]) => before.get(route)!.hash !== r.hash).map(([route]) => route);
    expect(changed).toEqual(['catalog/web/component/ui-kit/']);
    const retitled = hashes(model(), 'another site title');
    expect([...retitled].every(([route, r]) => before.get(route)!.hash !== r.hash)).toBe(true);
  });

  it('maps URL-encoded routes to the files on disk', () => {
    expect(routeFile('catalog/default/component/a%3Ab/')).toBe('catalog/default/component/a:b/index.html');
    expect(routeFile('catalog/default/api/x/x.yaml')).toBe('catalog/default/api/x/x.yaml');
  });
});

describe('route hashes cover the props each page renders', () => {
  const docPage = 'docs/default/system/payments/runbooks/key%20rotation/';
  it('a docs page changes with what it shows of its site, not with the owning entity\'s description', () => {
    const before = hashes(model());
    const described = model();
    described.model.docs[0]!.entity.description = 'Moves money, now described at length.';
    expect(hashes(described).get(docPage)!.hash).toBe(before.get(docPage)!.hash);
    const retitled = model();
    retitled.model.docs[0]!.title = 'Payments handbook';
    expect(hashes(retitled).get(docPage)!.hash).not.toBe(before.get(docPage)!.hash);
  });

  it('an API page shows the raw definition when there is no highlighted HTML, and its hash follows that text', () => {
    const plain = model();
    delete plain.assets.api[at(plain, 'api:default/payments-api')]!.htmlFile;
    const route = 'catalog/default/api/payments-api/';
    const a = hashes(plain).get(route)!.hash;
    const b = hashes(plain, 'g', (f) => (f.endsWith('12.yaml') ? 'openapi: 3.1.0' : files[f])).get(route)!.hash;
    expect(a).not.toBe(b);
    expect(a).not.toBe(hashes(model()).get(route)!.hash);
  });
});
