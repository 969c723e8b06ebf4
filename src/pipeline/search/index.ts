/** The search stage: index the built HTML with Pagefind's Node API into outDir/pagefind/. */
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import type { Diagnostic } from '../diagnostics.js';

export async function buildSearchIndex(outDir: string): Promise<{ pages: number; diagnostics: Diagnostic[] }> {
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
    const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
    report(written.errors);
    return { pages: added.page_count, diagnostics };
  } finally {
    await index.deleteIndex();
    await pagefind.close();
  }
}
