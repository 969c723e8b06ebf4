/** The search stage: index the built HTML with Pagefind's Node API into outDir/pagefind/. */
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import type { Diagnostic } from '../diagnostics.js';
import type { SiteSearchRecord } from '../site/search-records.js';

export interface SearchResult { pages: number; diagnostics: Diagnostic[] }

/**
 * The search stage: index the pages the site stage wrote. When the site stage kept the previous site,
 * its index is kept too, and so is what the previous build's search stage found.
 */
export async function searchStage(site: { dir: string; kept: boolean; records?: readonly SiteSearchRecord[] }, previous: { counts?: { searchPages?: number }; diagnostics?: Diagnostic[] } | undefined): Promise<SearchResult> {
  if (!site.kept) return buildSearchIndex(site.dir, site.records ?? []);
  return { pages: Number(previous?.counts?.searchPages ?? 0), diagnostics: (previous?.diagnostics ?? []).filter((d) => d.code.startsWith('search.')) };
}

/**
 * `records`: what is found apart from the pages (API operations and types, site/search-records.ts),
 * each a result of its own at its page and anchor.
 */
export async function buildSearchIndex(outDir: string, records: readonly SiteSearchRecord[] = []): Promise<SearchResult> {
  const diagnostics: Diagnostic[] = [];
  const report = (errors: string[]) => {
    for (const message of errors) diagnostics.push({ severity: 'error', code: 'search.pagefind', message });
  };
  // Technical names (`c++`, `lang:go`, `@acme/ui`) should be searchable as written.
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', includeCharacters: '+#@._' });
  report(errors);
  if (!index) {
    await pagefind.close();
    return { pages: 0, diagnostics };
  }
  try {
    const added = await index.addDirectory({ path: outDir });
    report(added.errors);
    for (const r of records) {
      const rec = await index.addCustomRecord({ url: r.url, content: r.content, language: 'en', meta: r.meta, filters: r.filters });
      report(rec.errors);
    }
    const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
    report(written.errors);
    return { pages: added.page_count, diagnostics };
  } finally {
    await index.deleteIndex();
    await pagefind.close();
  }
}
