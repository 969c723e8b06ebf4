import { describe, expect, it } from 'vitest';
import { prepareModel } from '../../../src/pipeline/site/portal-model.js';
import { routeFile, routeHashes, type RouteEntry } from '../../../src/pipeline/site/routes.js';
import { fixtureCatalog, fixtureConfig } from '../../fixtures/site/catalog.js';
import type { DocSiteLink, PortalModel } from '../../../src/pipeline/site/types.js';

const site: DocSiteLink = {
  entityRef: 'system:default/payments', urlPath: 'docs/default/system/payments/', siteName: 'Payments',
  nav: [{ title: 'Key rotation', path: 'runbooks/key rotation' }],
  pages: [{ path: 'runbooks/key rotation', title: 'Key rotation', description: '', htmlFile: '/cache/a1.html', toc: [], hasMermaid: false }],
};

function model(): PortalModel {
  const m = prepareModel({ config: fixtureConfig(), catalog: fixtureCatalog(), docs: { sites: [site] } });
  const api = m.entities.find((e) => e.ref === 'api:default/payments-api')!;
  api.api = { language: 'yaml', fileName: 'payments-api.yaml', rawFile: 'api/12.yaml', htmlFile: 'api/12.html', bytes: 10 };
  m.entities.find((e) => e.ref === 'component:default/ledger')!.diagrams = { depth1: 'diagrams/6-1.svg' };
  return m;
}

/** Files the pages read, by the name the page would ask for. */
const files: Record<string, string> = {
  '/tmp/m/api/12.yaml': 'openapi: 3.0.0', '/tmp/m/api/12.html': '<pre>openapi</pre>',
  '/tmp/m/diagrams/6-1.svg': '<svg>ledger</svg>', '/cache/a1.html': '<p>Rotate keys.</p>',
};
const hashes = (m: PortalModel, global = 'g', read = (f: string) => files[f]): Map<string, RouteEntry> =>
  new Map(routeHashes(m, '/tmp/m', global, read).map((r) => [r.route, r]));

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
    renamed.entities.find((e) => e.ref === 'component:default/ledger')!.diagrams = { depth1: 'diagrams/99-1.svg' };
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

  it('changes a page when its own view changes, and every page when a global fact does', () => {
    const before = hashes(model());
    const m = model();
    m.entities.find((e) => e.ref === 'component:web/ui-kit')!.description = 'Shared React components, now with dark mode.';
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
