/** Highlighted API definitions come from the build cache when the definition and Playbill are unchanged. */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { writeAssets } from '../../../src/pipeline/site/assets.js';
import { HighlightCache } from '../../../src/pipeline/site/highlight-cache.js';
import { prepareModel } from '../../../src/pipeline/site/portal-model.js';
import { fixtureCatalog, fixtureConfig } from '../../fixtures/site/catalog.js';
import { tempDir } from '../../support/git.js';

const work = tempDir('playbill-highlight-');
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function assets(name: string, edit?: (definition: string) => string) {
  const catalog = fixtureCatalog();
  const api = catalog.entities.find((e) => e.metadata.name === 'payments-api')!;
  if (edit) api.spec = { ...api.spec, definition: edit(String(api.spec.definition)) };
  const model = prepareModel({ config: fixtureConfig(), catalog, docs: null });
  const dir = join(work, name);
  const { assets: files } = await writeAssets(model, catalog.entities, dir, { base: '/', diagrams: 'none', cacheDir: join(work, 'cache') });
  const view = files.api[model.entities.findIndex((e) => e.name === 'payments-api')]!;
  return { html: readFileSync(view.htmlFile!, 'utf8'), definition: String(api.spec.definition), language: view.language };
}

it('reuses a cached highlight for the same definition and highlights a changed one afresh', async () => {
  const first = await assets('a');
  expect(first.html).toContain('class="shiki');
  // Plant a recognisable entry under the definition's key: the next build must take it from the cache.
  const cache = new HighlightCache(join(work, 'cache'));
  cache.put(cache.key(first.language, first.definition), '<pre>from the cache</pre>');
  expect((await assets('b')).html).toBe('<pre>from the cache</pre>');
  const edited = await assets('c', (d) => `${d}\n# edited\n`);
  expect(edited.html).toContain('class="shiki');
  expect(edited.html).toContain('edited');
}, 60_000);
