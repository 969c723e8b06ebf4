/**
 * What Pagefind reads of a page: a change it cannot see (text of an ignored element) leaves the
 * string alone; anything it indexes, filters, sorts or shows (body text, a filter or meta even inside
 * an ignored element, an attribute a meta reads, an anchor, the first image) changes it.
 */
import { describe, expect, it } from 'vitest';
import { indexedContent } from '../../../src/pipeline/search/indexed-content.js';

const page = (parts: { body?: string; related?: string; head?: string } = {}) => `<!doctype html><html lang="en"><head><title>Ledger</title>${parts.head ?? ''}</head><body>
<main data-pagefind-body><h1 data-pagefind-meta="title">Ledger service</h1><p>${parts.body ?? 'Keeps the books.'}</p>
<section data-pagefind-ignore><h2 id="relations-h">Relations</h2>${parts.related ?? '<table><tr><td>billing — Sends invoices</td></tr></table>'}</section></main></body></html>`;

const same = (a: string, b: string) => indexedContent(a) === indexedContent(b);

describe('indexedContent', () => {
  it('is the same when only the text of an ignored element changed', () => {
    expect(same(page(), page({ related: '<table><tr><td>billing — Sends invoices and reminders</td></tr><tr><td>tax</td></tr></table>' }))).toBe(true);
    expect(same(page(), page())).toBe(true);
  });

  it('changes with the indexed text', () => {
    expect(same(page(), page({ body: 'Keeps the books balanced.' }))).toBe(false);
  });

  it('changes with a filter, a meta or a sort key inside an ignored element, and with what it reads', () => {
    const withFilter = (v: string) => page({ related: `<span data-pagefind-filter="owner">${v}</span>` });
    expect(same(withFilter('team-a'), withFilter('team-b'))).toBe(false);
    const withMeta = (src: string) => page({ related: `<img data-pagefind-meta="image[src]" src="${src}">` });
    expect(same(withMeta('/a.png'), withMeta('/b.png'))).toBe(false);
    const withSort = (v: string) => page({ related: `<span data-pagefind-sort="date:${v}"></span>` });
    expect(same(withSort('2026-01-01'), withSort('2026-02-01'))).toBe(false);
  });

  it('changes with an anchor or an image inside an ignored element', () => {
    expect(same(page(), page({ related: '<h3 id="more">More</h3>' }))).toBe(false);
    expect(same(page({ related: '<img src="/a.png" alt="">' }), page({ related: '<img src="/b.png" alt="">' }))).toBe(false);
  });

  it('changes with anything outside the ignored elements, head included', () => {
    expect(same(page(), page({ head: '<meta data-pagefind-meta="section:Docs">' }))).toBe(false);
    expect(same(page(), page().replace('lang="en"', 'lang="de"'))).toBe(false);
  });
});
