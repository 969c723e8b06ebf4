/**
 * The build cache is not trusted as written: metadata of the wrong shape, truncated HTML and SVG,
 * and a poisoned entry that names a host file as a page's image are all misses, rendered afresh;
 * the portal built from such a cache is whole and holds nothing from outside its sources.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir, writeFiles } from '../../support/git.js';

const cli = path.resolve(import.meta.dirname, '../../../scripts/playbill.mjs');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });

/** Every file under dir (recursive), absolute. */
function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}

const ENTITIES = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: tickets
  annotations:
    backstage.io/techdocs-ref: dir:.
spec:
  type: service
  lifecycle: production
  owner: team-a
  system: box-office
  providesApis: [tickets-api]
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: tickets-api
spec:
  type: openapi
  lifecycle: production
  owner: team-a
  system: box-office
  definition: |
    openapi: 3.0.0
    info: { title: Tickets, version: '1' }
    paths:
      /tickets: { get: { responses: { '200': { description: the whole list of tickets } } } }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: box-office
spec:
  owner: team-a
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: team-a
spec:
  type: team
  children: []
`;

describe('damaged and poisoned caches', () => {
  it('a second build from a damaged cache re-renders what is damaged and publishes whole pages only', () => {
    const ws = tempDir();
    writeFiles(ws, {
      'portal.yaml': 'site:\n  title: T\nsources:\n  - name: repo\n    path: ./repo\n',
      'repo/catalog-info.yaml': ENTITIES,
      'repo/mkdocs.yml': 'site_name: Tickets\n',
      'repo/docs/index.md': '# Tickets\n\n![logo](logo.png)\n\nThe LAST-LINE of the tickets page.\n',
      'repo/docs/guide.md': '# Guide\n\nThe guide ENDS-HERE.\n',
      'repo/docs/logo.png': 'PNG-BYTES',
    });
    const first = run(['build', '--config', 'portal.yaml', '--out', 'out1', '--cache', 'cache'], ws);
    expect(first.status, first.stderr).toBe(0);

    const cache = path.join(ws, 'cache');
    const metas = walk(path.join(cache, 'render')).filter((f) => f.endsWith('.json'));
    const htmls = walk(path.join(cache, 'render')).filter((f) => f.endsWith('.html'));
    const svgs = walk(path.join(cache, 'diagrams')).filter((f) => f.endsWith('.svg'));
    const highlighted = walk(path.join(cache, 'highlight')).filter((f) => f.endsWith('.html'));
    expect(metas.length).toBe(2);
    expect(svgs.length).toBeGreaterThan(0);
    expect(highlighted.length).toBe(1);

    // damage every kind of entry
    const indexMeta = metas.find((f) => JSON.parse(readFileSync(f, 'utf8')).assets.length > 0)!;
    const guideMeta = metas.find((f) => f !== indexMeta)!;
    const poisoned = JSON.parse(readFileSync(indexMeta, 'utf8')) as { assets: Array<{ from: string; to: string }> };
    poisoned.assets.push({ from: '/etc/passwd', to: 'docs/_assets/0123456789ab-passwd' });
    writeFileSync(indexMeta, JSON.stringify(poisoned));
    writeFileSync(guideMeta, 'null');
    for (const f of htmls) truncateSync(f, Math.floor(statSync(f).size / 2));
    for (const f of [...svgs, ...highlighted]) truncateSync(f, Math.floor(statSync(f).size / 2));

    const second = run(['build', '--config', 'portal.yaml', '--out', 'out2', '--cache', 'cache'], ws);
    expect(second.status, second.stderr).toBe(0);
    const out = path.join(ws, 'out2');
    const report = JSON.parse(readFileSync(path.join(out, 'build-report.json'), 'utf8')) as { counts: { docs: { rendered: number; cached: number } } };
    expect(report.counts.docs).toMatchObject({ rendered: 2, cached: 0 });

    // whole pages: the docs text to its last line, every diagram closed, the definition highlighted to its end
    expect(readFileSync(path.join(out, 'docs/default/component/tickets/index.html'), 'utf8')).toContain('LAST-LINE');
    expect(readFileSync(path.join(out, 'docs/default/component/tickets/guide/index.html'), 'utf8')).toContain('ENDS-HERE');
    for (const page of ['catalog/default/component/tickets/index.html', 'catalog/default/system/box-office/index.html']) {
      const html = readFileSync(path.join(out, page), 'utf8');
      const opened = html.match(/<svg\b/g)?.length ?? 0;
      expect(opened, page).toBeGreaterThan(0);
      expect(html.match(/<\/svg>/g)?.length, page).toBe(opened);
    }
    expect(readFileSync(path.join(out, 'catalog/default/api/tickets-api/index.html'), 'utf8')).toContain('the whole list of tickets');

    // nothing from the host
    expect(existsSync(path.join(out, 'docs/_assets/0123456789ab-passwd'))).toBe(false);
    const passwd = readFileSync('/etc/passwd', 'utf8').split('\n')[0]!;
    expect(walk(out).filter((f) => readFileSync(f).includes(passwd))).toEqual([]);

    // and the cache is whole again: a third build renders nothing
    const third = run(['build', '--config', 'portal.yaml', '--out', 'out3', '--cache', 'cache'], ws);
    expect(third.status, third.stderr).toBe(0);
    const again = JSON.parse(readFileSync(path.join(ws, 'out3/build-report.json'), 'utf8')) as { counts: { docs: { rendered: number } } };
    expect(again.counts.docs.rendered).toBe(0);
  }, 240_000);
});
