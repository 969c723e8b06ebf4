/**
 * The five first-party plugins on one git repository made here, cloned like any source and built
 * with the real pipeline: ADRs in both formats as pages, an owner from CODEOWNERS (last match wins),
 * a README with a relative image as the overview of an entity without docs, the latest changelog
 * entries, GitHub links and workflow badges — and no badge when the build is offline.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/pipeline/build.js';
import { loadSettings } from '../../../src/cli/load-settings.js';
import { cleanupTmp, commit, git, tmpDir, T1 } from '../sources/helpers.js';

afterAll(cleanupTmp);

const work = tmpDir('playbill-first-party-');
const repo = path.join(work, 'payments');
git(work, ['init', '-q', '-b', 'main', repo]);
// a 1×1 PNG
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64').toString('latin1');
commit(repo, {
  'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Location
metadata: { name: payments }
spec: { targets: [./services/checkout/catalog-info.yaml, ./services/ledger/catalog-info.yaml, ./teams.yaml] }
`,
  'teams.yaml': `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments-team }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: ledger-team }
spec: { type: team, children: [] }
`,
  // the last matching line wins: services/ledger/ is the ledger team's, the rest the payments team's
  '.github/CODEOWNERS': '* @acme/payments-team\n/services/**/catalog-info.yaml @acme/payments-team\nservices/ledger/ @acme/ledger-team @ada\n',
  '.github/workflows/ci.yml': 'name: CI\non: push\njobs: {}\n',
  '.github/workflows/release.yaml': 'on: push\njobs: {}\n',
  'services/checkout/catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  annotations:
    backstage.io/adr-location: docs/adr
    github.com/project-slug: acme/payments
spec: { type: service, lifecycle: production, owner: payments-team }
`,
  'services/checkout/docs/adr/0001-record-decisions.md': '# 1. Record architecture decisions\n\nDate: 2021-09-06\n\n## Status\n\nAccepted\n\n## Decision\n\nWe record decisions; the next is [2](0002-use-postgres.md).\n',
  'services/checkout/docs/adr/0002-use-postgres.md': '---\nstatus: proposed\ndate: 2022-01-10\ndecision-makers: [Ada, Bea]\n---\n# Use Postgres for orders\n\n## Context and Problem Statement\n\nOrders need transactions.\n',
  'services/checkout/docs/adr/template.md': '# Title\n\n## Status\n\nproposed | accepted\n',
  'services/checkout/CHANGELOG.md': '# Changelog\n\n## [3.0.0] - 2024-05-01\n\n- Removed the v1 API.\n\n## [2.1.0] - 2024-03-01\n\n- Added refunds.\n\n## [2.0.0] - 2024-01-01\n\n- Split from the monolith.\n\n## [1.0.0] - 2023-06-01\n\n- First release.\n',
  'services/ledger/catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ledger, description: Double-entry ledger. }
spec: { type: service, lifecycle: production }
`,
  'services/ledger/README.md': '# ledger\n\nPosts every payment twice, as debit and credit.\n\n![how entries flow](docs/flow.png)\n\n<script>window.__pwned = 1</script>\n',
  'services/ledger/docs/flow.png': PNG,
}, T1);

async function buildIt(opts: { offline?: boolean; out: string }) {
  const config = path.join(work, 'portal.yaml');
  writeFileSync(config, `site: { title: Payments }
sources:
  - name: payments
    git: ./payments
    web_url: https://github.com/acme/payments
    catalog: [catalog-info.yaml]
plugins:
  - use: adr
  - use: codeowners
  - use: readme
  - use: github
  - use: changelog
    options: { entries: 2 }
`);
  const loaded = await loadSettings(config, { cacheDir: path.join(work, 'cache'), offline: opts.offline ?? false });
  if (!loaded.settings) throw new Error(JSON.stringify(loaded.diagnostics));
  const outDir = path.join(work, opts.out);
  const r = await build({ ...loaded.settings, outDir });
  return { ...r, outDir, html: (route: string) => readFileSync(path.join(outDir, route, 'index.html'), 'utf8') };
}

describe('the first-party plugins over a git repository', () => {
  let r: Awaited<ReturnType<typeof buildIt>>;
  it('build', async () => {
    r = await buildIt({ out: 'out' });
    expect(r.report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  }, 180_000);

  it('adr: an index of both formats, filtered by status, and a page per record linking its sibling', () => {
    const index = r.html('catalog/default/component/checkout/adrs');
    expect(index).toContain('Record architecture decisions');
    expect(index).toContain('Use Postgres for orders');
    expect(index).not.toContain('>Title<');
    expect(index).toMatch(/<select name="status"/);
    expect(index).toMatch(/<td data-value="proposed"[^>]*>Proposed<\/td>/);
    const first = r.html('catalog/default/component/checkout/adrs/0001-record-decisions');
    expect(first).toContain('We record decisions');
    expect(first).toMatch(/href="\.\.\/0002-use-postgres\/"/);
    expect(r.html('catalog/default/component/checkout/adrs/0002-use-postgres')).toMatch(/Ada, Bea/);
  });

  it('codeowners: the ledger has no owner written and takes the last matching line’s', () => {
    const ledger = r.catalog.entities.find((e) => e.metadata.name === 'ledger')!;
    expect(ledger.spec.owner).toBe('group:default/ledger-team');
    expect(ledger.metadata.annotations?.['playbill.dev/owner-from']).toBe('.github/CODEOWNERS:3');
    expect(r.html('catalog/default/component/ledger')).toContain('(from .github/CODEOWNERS, line 3)');
  });

  it('readme: the ledger’s README is its overview, its image published, its script gone', () => {
    const page = r.html('catalog/default/component/ledger');
    const section = page.slice(page.indexOf('id="x-readme"'));
    expect(section).toContain('Posts every payment twice');
    expect(page).not.toContain('__pwned');
    const src = /<img src="([^"]+)" alt="how entries flow"/.exec(section)?.[1];
    expect(src).toMatch(/^(\.\.\/)+docs\/_assets\/[0-9a-f]+-flow\.png$/);
    expect(existsSync(path.resolve(r.outDir, 'catalog/default/component/ledger', src!))).toBe(true);
  });

  it('changelog: the latest two releases, not the older ones', () => {
    const page = r.html('catalog/default/component/checkout');
    const section = page.slice(page.indexOf('id="x-changelog"'));
    expect(section).toContain('Removed the v1 API.');
    expect(section).toContain('Added refunds.');
    expect(section).not.toContain('Split from the monolith');
    expect(section).toContain('href="https://github.com/acme/payments/blob/');
  });

  it('github: links and a badge per workflow, named from the file', () => {
    const page = r.html('catalog/default/component/checkout');
    for (const p of ['actions', 'pulls', 'issues', 'releases']) expect(page).toContain(`href="https://github.com/acme/payments/${p}"`);
    expect(page).toContain('src="https://github.com/acme/payments/actions/workflows/ci.yml/badge.svg" alt="CI status"');
    expect(page).toContain('alt="release.yaml status"');
  });

  it('github: no badge when the build is offline', async () => {
    const offline = await buildIt({ offline: true, out: 'out-offline' });
    const page = offline.html('catalog/default/component/checkout');
    expect(page).not.toContain('badge.svg');
    expect(page).toContain('href="https://github.com/acme/payments/pulls"');
  }, 180_000);
});
