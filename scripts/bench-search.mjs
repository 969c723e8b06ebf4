#!/usr/bin/env node
/**
 * The first search query in Chromium over a built portal: serves --out with the portal's static
 * server and, in a fresh browser context each run (nothing cached), times what the first query waits
 * for on the search page (`search/?q=…`): from its script starting (DOMContentLoaded)
 * to the results shown — Pagefind's script, the bundles (src/scripts/pagefind.ts), the filters, the
 * search, the first page of results. Prints the median of --runs runs per query. A bench, not a
 * test: it builds nothing.
 *
 *   node scripts/bench-search.mjs --out DIR [--base /] [--queries payments,ledger,"how to"] [--runs 5]
 *                                 [--reindex N] [--show] [--json FILE]
 *
 * --reindex N indexes a copy of the output again first (under /tmp, removed after) with N source
 * shards, or with one index for N = 0 (sources from the output's catalog.json; the API operations'
 * records are not in the output, so the copy has none): the same pages, sharded differently.
 * --show prints each query's first results of the first run.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';
import { chromium } from '@playwright/test';

const { values: opts } = parseArgs({
  options: {
    out: { type: 'string' }, base: { type: 'string', default: '/' }, queries: { type: 'string', default: 'payments,ledger,service,how to restart' },
    runs: { type: 'string', default: '5' }, reindex: { type: 'string' }, show: { type: 'boolean', default: false }, json: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (opts.help || !opts.out) {
  console.log('node scripts/bench-search.mjs --out DIR [--base /] [--queries a,b] [--runs 5] [--reindex N] [--show] [--json FILE]');
  process.exit(opts.help ? 0 : 2);
}
register();

let dir = resolve(opts.out);
let copy;
if (opts.reindex !== undefined) {
  const { buildSearchIndex } = await import('../src/pipeline/search/index.ts');
  copy = mkdtempSync(join(tmpdir(), 'bench-search-'));
  cpSync(dir, copy, { recursive: true });
  dir = copy;
  const n = Number(opts.reindex);
  const sources = {};
  if (n > 0) {
    const entities = JSON.parse(readFileSync(join(dir, 'catalog.json'), 'utf8'));
    for (const e of entities.items ?? entities) {
      const route = `${(e.metadata.namespace ?? 'default')}/${e.kind}/${e.metadata.name}/`.toLowerCase();
      sources[`catalog/${route}`] = e.source.source;
      sources[`docs/${route}`] = e.source.source;
    }
  }
  const t = performance.now();
  const r = await buildSearchIndex(dir, [], n > 0 ? { sources, shards: n } : {});
  console.log(`reindexed ${r.pages} pages with ${n > 0 ? `${n} shards` : 'one index'} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

const { serve } = await import('../src/cli/static-server.ts');
const server = await serve({ outDir: dir, port: 0, host: '127.0.0.1', base: opts.base });
const browser = await chromium.launch({ executablePath: process.env.PLAYBILL_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--headless', '--disable-gpu'] });
const base = new URL(server.url).pathname;
const queries = opts.queries.split(',').map((q) => q.trim()).filter(Boolean);
const results = {};
try {
  const bundles = JSON.parse(readFileSync(join(dir, 'pagefind/shards.json'), 'utf8')).bundles;
  console.log(`${dir}: ${bundles.length} bundle${bundles.length === 1 ? '' : 's'}`);
  for (const q of queries) {
    const times = [];
    for (let i = 0; i < Number(opts.runs); i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      // the search page runs the query of its URL as soon as its script runs (src/scripts/search-page.ts)
      await page.goto(`${server.url}search/?q=${encodeURIComponent(q)}`);
      await page.locator('[data-search-status]').filter({ hasText: /result/i }).waitFor({ timeout: 60_000 });
      const r = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const status = document.querySelector('[data-search-status]')?.textContent ?? '';
        return {
          // from the page's script starting (DOMContentLoaded) to the results shown: loading Pagefind, the bundles, the search, the first page of results
          ms: performance.now() - nav.domContentLoadedEventStart,
          total: status,
          top: [...document.querySelectorAll('.search-result-link')].map((a) => a.getAttribute('href')),
        };
      });
      times.push(r.ms);
      if (i === 0 && opts.show) {
        const all = await page.evaluate(async () => {
          const more = document.querySelector('[data-search-more]');
          for (let i = 0; i < 100 && more && !more.hidden; i++) {
            more.click();
            await new Promise((r) => setTimeout(r, 100));
          }
          return [...document.querySelectorAll('.search-result-link')].map((a) => a.getAttribute('href'));
        });
        console.log(`  "${q}": ${r.total}`, all);
      }
      await context.close();
    }
    times.sort((a, b) => a - b);
    results[q] = { medianMs: Math.round(times[Math.floor(times.length / 2)]), minMs: Math.round(times[0]), maxMs: Math.round(times[times.length - 1]) };
    console.log(`  first query "${q}": median ${results[q].medianMs} ms (min ${results[q].minMs}, max ${results[q].maxMs})`);
  }
  if (opts.json) writeFileSync(opts.json, JSON.stringify({ out: opts.out, reindex: opts.reindex ?? null, bundles: bundles.length, results }, null, 2));
} finally {
  await browser.close();
  await server.close();
  if (copy) rmSync(copy, { recursive: true, force: true });
}
