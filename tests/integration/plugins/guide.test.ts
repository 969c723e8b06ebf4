/**
 * docs/plugins.md's example plugin, as written: the code block is the demo's file, and a portal
 * configured with the guide's own YAML shows its card on an entity with the guide's annotation.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { build } from '../../../src/pipeline/build.js';
import { loadSettings } from '../../../src/cli/load-settings.js';
import { cleanupTmp, tmpDir } from '../sources/helpers.js';

afterAll(cleanupTmp);

const guide = readFileSync('docs/plugins.md', 'utf8');
const block = (opening: string): string => {
  const at = guide.indexOf(opening);
  if (at < 0) throw new Error(`no ${opening} in docs/plugins.md`);
  const start = guide.indexOf('\n', at) + 1;
  return guide.slice(start, guide.indexOf('```', start));
};

it('the guide shows the demo plugin exactly', () => {
  expect(block('```js title="content/plugins/on-call.mjs"')).toBe(readFileSync('content/plugins/on-call.mjs', 'utf8'));
});

it('the guide’s plugin, config and annotation give the card it describes', async () => {
  const dir = tmpDir('playbill-guide-');
  mkdirSync(path.join(dir, 'plugins'));
  mkdirSync(path.join(dir, 'repo'));
  copyFileSync('content/plugins/on-call.mjs', path.join(dir, 'plugins/on-call.mjs'));
  // the guide's `plugins:` block, with a source around it
  const plugins = guide.slice(guide.indexOf('```yaml\nplugins:\n  - use: ./plugins/on-call.mjs') + 8);
  writeFileSync(path.join(dir, 'portal.yaml'), `sources:\n  - name: repo\n    path: ./repo\n${plugins.slice(0, plugins.indexOf('```'))}`);
  const annotation = block('```yaml\n# a descriptor in any repository').split('\n').filter((l) => l.startsWith('    ')).join('\n');
  writeFileSync(path.join(dir, 'repo/catalog-info.yaml'), `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: reporting
  title: Audience reporting
  annotations:
${annotation}
spec: { type: service, lifecycle: production, owner: data-team }
`);
  const { settings, diagnostics } = await loadSettings(path.join(dir, 'portal.yaml'), { cacheDir: path.join(dir, 'cache') });
  expect(diagnostics).toEqual([]);
  const out = path.join(dir, 'out');
  await build({ ...settings!, outDir: out });
  const html = readFileSync(path.join(out, 'catalog/default/component/reporting/index.html'), 'utf8');
  expect(html).toMatch(/data-plugin="on-call"><h2>On call<\/h2><p>Pages for Audience reporting go to the data-primary rotation\.<\/p>/);
  expect(html).toContain('href="https://oncall.foyer.example/rotations/data-primary"');
}, 120_000);

it('the issue’s contract works as written: first-party plugins by name and a local plugin that imports nothing', async () => {
  const dir = tmpDir('playbill-contract-');
  mkdirSync(path.join(dir, 'plugins'));
  mkdirSync(path.join(dir, 'repo'));
  writeFileSync(path.join(dir, 'plugins/hello.mjs'), `// plugins/hello.mjs — a plugin is a module whose default export is a plain object; a \`definePlugin\`
// helper may add types, but a plugin that imports nothing must work (it may live outside any npm project).
export default {
  name: 'hello',
  entityCards(entity, { options }) {
    return entity.metadata.annotations?.['acme.com/hello'] ? [{ title: 'Hello', body: \`\${options.greeting} \${entity.metadata.name}\` }] : [];
  },
};
`);
  writeFileSync(path.join(dir, 'portal.yaml'), `sources:
  - name: repo
    path: ./repo
plugins:
  - use: adr            # first-party plugins by name: adr, readme, codeowners, github, changelog
  - use: readme
  - use: codeowners
  - use: ./plugins/hello.mjs          # a local module, relative to portal.yaml
    options: { greeting: Hi }
`);
  writeFileSync(path.join(dir, 'repo/catalog-info.yaml'), 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: checkout\n  annotations: { acme.com/hello: "yes" }\nspec: { type: service, lifecycle: production, owner: team-a }\n');
  const { settings, diagnostics } = await loadSettings(path.join(dir, 'portal.yaml'), { cacheDir: path.join(dir, 'cache') });
  expect(diagnostics).toEqual([]);
  expect(settings!.plugins!.map((p) => p.name)).toEqual(['adr', 'readme', 'codeowners', 'hello']);
  const out = path.join(dir, 'out');
  await build({ ...settings!, outDir: out });
  expect(readFileSync(path.join(out, 'catalog/default/component/checkout/index.html'), 'utf8')).toMatch(/data-plugin="hello"><h2>Hello<\/h2><p>Hi checkout<\/p>/);
}, 120_000);
