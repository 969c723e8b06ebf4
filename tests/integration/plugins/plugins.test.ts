/**
 * A plugin from a temporary folder, named in portal.yaml: its entities, descriptor change, card,
 * section, pages, check, annotation links, search record and docs step all reach the portal; a
 * rebuild with nothing changed renders no page; a plugin that throws, hangs or returns the wrong
 * shape is a diagnostic naming it and the build finishes; a plugin that cannot be used is a config
 * error at its line.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/pipeline/build.js';
import { loadSettings } from '../../../src/cli/load-settings.js';
import { hasErrors } from '../../../src/pipeline/diagnostics.js';
import { cleanupTmp, tmpDir } from '../sources/helpers.js';

afterAll(cleanupTmp);

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
}

const REPO = {
  'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  annotations:
    acme.com/hello: "yes"
    acme.com/runbook: checkout-runbook
    backstage.io/techdocs-ref: dir:.
spec: { type: service, lifecycle: production, owner: team-a }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: cart }
spec: { type: service, lifecycle: production }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-a }
spec: { type: team, children: [] }
`,
  'mkdocs.yml': 'site_name: Checkout\n',
  'docs/index.md': '# Checkout\n\nThe TODO list lives here.\n',
};

// A plugin that imports nothing: every hook at once.
const HELLO = `export default {
  name: 'hello',
  options: { safeParse: (v) => typeof v?.greeting === 'string' ? { success: true, data: v } : { success: false, error: { issues: [{ path: ['greeting'], message: 'a greeting is required' }] } } },
  entities: () => [{ apiVersion: 'backstage.io/v1alpha1', kind: 'System', metadata: { name: 'imported', description: 'From the CMDB' }, spec: { owner: 'team-a' } }],
  // a descriptor without an owner gets one: before validation, so the entity is kept
  descriptor: (doc) => doc.metadata?.name === 'cart' ? { ...doc, spec: { ...doc.spec, owner: 'team-a' } } : undefined,
  annotationLinks: { 'acme.com/runbook': { url: 'https://runbooks.acme.example/{value}', title: 'Runbook' } },
  entityLinks: (e) => e.metadata.name === 'checkout' ? [{ label: 'Deploys', url: 'https://deploy.acme.example/checkout' }, { label: 'Bad', url: 'javascript:alert(1)' }] : [],
  entityCards: (e, { options }) => e.metadata.annotations?.['acme.com/hello'] ? [{ title: 'Hello', body: options.greeting + ' ' + e.metadata.name }] : [],
  entitySections: (e) => e.metadata.name === 'checkout' ? [{ title: 'Deploy history', html: '<p>Last deploy <b>green</b><script>alert(1)</script><img src=x onerror="alert(1)"></p>' }] : [],
  pages: (ctx) => [
    { path: 'cost', title: 'Cost overview', body: 'What each team spends.', table: { columns: ['Team', 'Cost'], rows: [['team-a', '12'], ['team-b', '3']], filters: ['Team'] } },
    { entity: 'component:checkout', path: 'deploys', title: 'Deploys', body: 'Every deploy of checkout.' },
    { path: 'search', title: 'Not mine', body: 'Playbill owns /search/' },
  ],
  searchRecords: () => [{ url: 'cost/', title: 'Cost overview', content: 'spending zorblax' }],
  checks: {
    greeted: (ctx) => ctx.entity.metadata.annotations?.['acme.com/hello'] ? { passed: true } : { passed: false, reason: 'no hello annotation' },
    // rule keys validated when the config loads
    tagged: { params: { safeParse: (p) => typeof p.tag === 'string' ? { success: true, data: p } : { success: false, error: { issues: [{ path: ['tag'], message: 'name the tag' }] } } }, run: (ctx) => ({ passed: (ctx.entity.metadata.tags ?? []).includes(ctx.params.tag) }) },
  },
  remarkPlugins: () => [() => (tree) => { for (const n of tree.children) if (n.type === 'paragraph') n.children.push({ type: 'text', value: ' [checked by hello]' }); }],
};
`;

const CONFIG = (plugins: string, extra = '') => `site: { title: Plugins }
sources:
  - name: repo
    path: ./repo
plugins:
${plugins}
${extra}`;

const SCORECARD = `scorecards:
  - id: hello
    title: Hello
    levels: [bronze]
    rules:
      - { id: greeted, level: bronze, check: { hello.greeted: true } }
`;

function portal(plugins: Record<string, string>, config: string): { dir: string; config: string } {
  const dir = tmpDir('playbill-plugins-');
  write(path.join(dir, 'repo'), REPO);
  write(dir, plugins);
  writeFileSync(path.join(dir, 'portal.yaml'), config);
  return { dir, config: path.join(dir, 'portal.yaml') };
}

async function buildPortal(p: { dir: string; config: string }, out = 'out') {
  const loaded = await loadSettings(p.config, { cacheDir: path.join(p.dir, 'cache') });
  if (!loaded.settings) throw new Error(JSON.stringify(loaded.diagnostics));
  const outDir = path.join(p.dir, out);
  const result = await build({ ...loaded.settings, outDir });
  return { ...result, outDir, html: (route: string) => readFileSync(path.join(outDir, route, 'index.html'), 'utf8') };
}

describe('a plugin named in portal.yaml', () => {
  const p = portal({ 'plugins/hello.mjs': HELLO }, CONFIG('  - use: ./plugins/hello.mjs\n    options: { greeting: Hi }', SCORECARD));
  let first: Awaited<ReturnType<typeof buildPortal>>;

  it('adds its entities, cards, sections, links, pages, checks, records and docs step', async () => {
    first = await buildPortal(p);
    const refs = first.catalog.entities.map((e) => `${e.kind}:${e.metadata.name}`);
    expect(refs).toContain('System:imported');
    // the descriptor hook ran before validation: cart has an owner instead of being dropped
    expect(first.catalog.entities.find((e) => e.metadata.name === 'cart')?.spec.owner).toBe('team-a');

    const page = first.html('catalog/default/component/checkout');
    expect(page).toMatch(/data-plugin="hello"><h2>Hello<\/h2><p>Hi checkout<\/p>/);
    expect(page).toContain('Deploy history');
    expect(page).toContain('Last deploy <b>green</b>');
    expect(page).not.toMatch(/<script>alert|onerror/);
    expect(page).toContain('href="https://deploy.acme.example/checkout"');
    expect(page).toContain('href="https://runbooks.acme.example/checkout-runbook"');
    expect(page).not.toContain('javascript:alert');
    // the entity links to the page under it
    expect(page).toMatch(/href="\/catalog\/default\/component\/checkout\/deploys\/"[^>]*>Deploys</);
    expect(first.html('catalog/default/component/checkout/deploys')).toContain('Every deploy of checkout.');

    const cost = first.html('cost');
    expect(cost).toMatch(/<h1[^>]*>Cost overview<\/h1>/);
    expect(cost).toMatch(/<td data-value="team-b"[^>]*>team-b<\/td>/);
    // Playbill's own search page stays Playbill's
    expect(first.html('search')).not.toContain('Not mine');
    expect(first.report.diagnostics).toContainEqual(expect.objectContaining({ code: 'plugin.warning', message: expect.stringContaining("search/ is one of Playbill's own routes") }));

    const scores = JSON.parse(readFileSync(path.join(first.outDir, 'scorecards.json'), 'utf8'));
    const rules = Object.fromEntries(scores.scorecards[0].entities.map((e: { ref: string; rules: Array<{ passed: boolean; reason?: string }> }) => [e.ref, e.rules[0]]));
    expect(rules['component:default/checkout']).toEqual({ id: 'greeted', passed: true });
    expect(rules['component:default/cart']).toMatchObject({ passed: false, reason: 'no hello annotation' });

    const doc = readFileSync(path.join(first.outDir, 'docs/default/component/checkout/index.html'), 'utf8');
    expect(doc).toContain('The TODO list lives here. [checked by hello]');
  }, 120_000);

  it('renders no page again when nothing changed', async () => {
    const again = await buildPortal(p);
    expect(again.siteReused).toBe(true);
    expect(again.report.counts.site).toMatchObject({ rendered: 0 });
  }, 120_000);

  it('renders the pages its output changed when its options change', async () => {
    writeFileSync(p.config, CONFIG('  - use: ./plugins/hello.mjs\n    options: { greeting: Hello }', SCORECARD));
    const changed = await buildPortal(p);
    expect(changed.siteReused).toBe(false);
    expect(changed.html('catalog/default/component/checkout')).toContain('<p>Hello checkout</p>');
  }, 120_000);
});

describe('a plugin that declares what it reads', () => {
  const COUNTED = `import { appendFileSync } from 'node:fs';
export default {
  name: 'counted',
  reads: ['entity', 'files'],
  async entitySections(e, { options, files, href }) {
    appendFileSync(options.log, e.metadata.name + '\\n');
    const md = files?.exists('NOTES.md') ? await files.markdown('NOTES.md', { at: href }) : undefined;
    return md ? [{ title: 'Notes', html: md }] : [];
  },
};
`;
  it('is not called again while the entity and the files it read are unchanged', async () => {
    const p = portal({ 'counted.mjs': COUNTED }, '');
    const log = path.join(p.dir, 'calls.log');
    writeFileSync(p.config, CONFIG(`  - use: ./counted.mjs\n    options: { log: ${JSON.stringify(log)} }`));
    write(path.join(p.dir, 'repo'), { 'NOTES.md': '# Notes\n\nDeploys on Tuesdays.\n' });
    const calls = () => { try { return readFileSync(log, 'utf8').split('\n').filter(Boolean).sort(); } catch { return []; } };
    const cold = await buildPortal(p);
    expect(calls()).toEqual(['checkout', 'team-a']);
    expect(cold.html('catalog/default/component/checkout')).toContain('Deploys on Tuesdays.');
    writeFileSync(log, '');
    const warm = await buildPortal(p, 'out2');
    expect(calls()).toEqual([]);
    // served from the cache, the section is still there
    expect(warm.html('catalog/default/component/checkout')).toContain('Deploys on Tuesdays.');
    write(path.join(p.dir, 'repo'), { 'NOTES.md': '# Notes\n\nDeploys on Thursdays.\n' });
    const edited = await buildPortal(p, 'out3');
    // both entities of the repo read NOTES.md: each is called again, with the new text
    expect(calls()).toEqual(['checkout', 'team-a']);
    expect(edited.html('catalog/default/component/checkout')).toContain('Deploys on Thursdays.');
  }, 180_000);
});

describe('a plugin that fails', () => {
  const BROKEN = `export default {
  name: 'broken',
  entityCards: (e) => { if (e.metadata.name === 'checkout') throw new Error('the CMDB is down'); return []; },
  entitySections: (e) => e.metadata.name === 'checkout' ? new Promise(() => {}) : [],
  pages: () => [{ path: 'x', title: 42 }],
};
`;
  it('is a diagnostic naming the plugin and the entity, and the build finishes', async () => {
    const p = portal({ 'broken.mjs': BROKEN }, CONFIG('  - use: ./broken.mjs\n    timeout_ms: 300'));
    const r = await buildPortal(p);
    const ds = r.report.diagnostics.filter((d) => d.code.startsWith('plugin.'));
    expect(ds).toContainEqual(expect.objectContaining({ code: 'plugin.failed', entityRef: 'component:default/checkout', message: expect.stringMatching(/^plugin broken: entityCards threw: the CMDB is down/) }));
    expect(ds).toContainEqual(expect.objectContaining({ code: 'plugin.timeout', entityRef: 'component:default/checkout', message: expect.stringContaining('entitySections took longer than 300 ms') }));
    expect(ds).toContainEqual(expect.objectContaining({ code: 'plugin.invalid', message: expect.stringMatching(/^plugin broken: pages returned what Playbill cannot use at 0\.title/) }));
    expect(hasErrors(r.report.diagnostics)).toBe(true);
    // everything else is there
    expect(r.html('catalog/default/component/checkout')).toContain('<h1');
    expect(existsSync(path.join(r.outDir, 'x'))).toBe(false);
  }, 120_000);
});

describe('a plugin that cannot be used', () => {
  it('is a config error at its line', async () => {
    const p = portal({ 'plugins/hello.mjs': HELLO, 'no-plugin.mjs': 'export default 42;\n' }, CONFIG(
      '  - use: ./plugins/hello.mjs\n    options: { greting: Hi }\n  - use: ./missing.mjs\n  - use: ./no-plugin.mjs\n  - use: adrs',
    ));
    const { settings, diagnostics } = await loadSettings(p.config, { cacheDir: path.join(p.dir, 'cache') });
    expect(settings).toBeUndefined();
    const lines = diagnostics.map((d) => `${d.line}: ${d.message}`);
    expect(lines).toContainEqual(expect.stringMatching(/^7: plugins\[0\]\.options\.greeting \(hello\): a greeting is required/));
    expect(lines).toContainEqual(expect.stringMatching(/^8: plugins\[1\]: no file .*missing\.mjs/));
    expect(lines).toContainEqual(expect.stringMatching(/^9: plugins\[2\] \(\.\/no-plugin\.mjs\): its default export is not a plugin object/));
    expect(lines).toContainEqual(expect.stringMatching(/^10: plugins\[3\]: "adrs" is neither a first-party plugin \(adr, /));
  });

  it('names a check a scorecard asks for that the plugin does not have', async () => {
    const p = portal({ 'plugins/hello.mjs': HELLO }, CONFIG(
      '  - use: ./plugins/hello.mjs\n    options: { greeting: Hi }',
      'scorecards:\n  - id: s\n    title: S\n    levels: [one]\n    rules:\n      - { id: r, level: one, check: { hello.nope: true } }\n      - { id: q, level: one, check: { cost.spend: true } }\n      - { id: t, level: one, check: { hello.tagged: true, tga: x } }\n',
    ));
    const { settings, diagnostics } = await loadSettings(p.config, { cacheDir: path.join(p.dir, 'cache') });
    expect(settings).toBeUndefined();
    expect(diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([
      '13: scorecards[0].rules[0]: plugin "hello" has no check "nope"; its checks are greeted, tagged',
      '14: scorecards[0].rules[1]: check "cost.spend" names plugin "cost", which is not in plugins:',
      '15: scorecards[0].rules[2].check.tag (hello.tagged): name the tag',
    ]);
  });
});
