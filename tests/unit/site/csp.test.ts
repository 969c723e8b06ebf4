import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../src/pipeline/site/csp.js';
import { prepareModel } from '../../../src/pipeline/site/portal-model.js';
import { docPageProps } from '../../../src/pipeline/site/page-props.js';
import { fixtureCatalog, fixtureConfig } from '../../fixtures/site/catalog.js';
import type { SiteData } from '../../../src/pipeline/site/types.js';

const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));

describe('Content-Security-Policy frame-src', () => {
  it('frames nothing by default', () => {
    expect(directive(contentSecurityPolicy(), 'frame-src')).toBe("frame-src 'none'");
  });

  it('frames exactly the origins a page kept iframes from', () => {
    const csp = contentSecurityPolicy({ frames: ['https://lucid.app', 'https://example.com', 'https://lucid.app'] });
    expect(directive(csp, 'frame-src')).toBe('frame-src https://example.com https://lucid.app');
    expect(directive(csp, 'script-src')).toBe("script-src 'self' 'wasm-unsafe-eval'");
  });

  it('lets nothing but a plain https origin become a source', () => {
    const csp = contentSecurityPolicy({ frames: ["https://a.example; script-src 'unsafe-inline'", 'http://plain.example', '*', 'https://ok.example:8443'] });
    expect(directive(csp, 'frame-src')).toBe('frame-src https://ok.example:8443');
    expect(csp.match(/script-src/g)).toHaveLength(1);
  });
});

describe('frame origins from a docs page to its props', () => {
  it('carries the origins of the page, and only of that page', () => {
    const page = (path: string, frameOrigins?: string[]) => ({
      path, title: path || 'Home', description: '', htmlFile: `/x/${path || 'index'}.html`, toc: [], hasMermaid: false, ...(frameOrigins ? { frameOrigins } : {}),
    });
    const model = prepareModel({
      config: fixtureConfig(), catalog: fixtureCatalog(),
      docs: { sites: [{ entityRef: 'system:default/payments', urlPath: 'docs/default/system/payments/', pages: [page('', ['https://lucid.app']), page('other')] }] },
    });
    const data = { model, assets: { diagrams: [], api: [] } } as unknown as SiteData;
    const read = () => '';
    expect(docPageProps(data, 0, 0, read).page?.frameOrigins).toEqual(['https://lucid.app']);
    expect(docPageProps(data, 0, 1, read).page?.frameOrigins).toBeUndefined();
  });
});
