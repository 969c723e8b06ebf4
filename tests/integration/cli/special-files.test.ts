/**
 * Only regular files are content. A FIFO committed as a page, an image, a snippet, a placeholder
 * target or a descriptor would block a read forever: the build treats each as absent and finishes.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir, writeFiles } from '../../support/git.js';

const cli = path.resolve(import.meta.dirname, '../../../scripts/playbill.mjs');

describe('special files in a source', () => {
  it('FIFOs as page, image, snippet, placeholder and descriptor never hang the build', () => {
    const ws = tempDir();
    writeFiles(ws, {
      'portal.yaml': 'site:\n  title: T\nsources:\n  - name: repo\n    path: ./repo\n    catalog: [catalog-info.yaml, "fifo/*.yaml"]\n',
      'repo/catalog-info.yaml': [
        'apiVersion: backstage.io/v1alpha1', 'kind: Component', 'metadata:', '  name: piped',
        '  annotations:', '    backstage.io/techdocs-ref: dir:.',
        'spec:', '  type: service', '  lifecycle: production', '  owner: team-a', '  definition:', '    $text: docs/pipe.txt', '',
      ].join('\n'),
      'repo/mkdocs.yml': 'site_name: Piped\n',
      'repo/docs/index.md': '# Piped\n\n![img](pipe.png)\n\n--8<-- "docs/pipe.txt"\n\nStill HERE.\n',
    });
    for (const f of ['docs/pipe.png', 'docs/pipe.txt', 'docs/stuck.md', 'fifo/catalog-info.yaml']) {
      execFileSync('mkdir', ['-p', path.dirname(path.join(ws, 'repo', f))]);
      execFileSync('mkfifo', [path.join(ws, 'repo', f)]);
    }
    const r = spawnSync(process.execPath, [cli, 'build', '--config', 'portal.yaml', '--out', 'out', '--cache', 'cache'], { cwd: ws, encoding: 'utf8', timeout: 150_000 });
    expect(r.error, 'the build hung').toBeUndefined();
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(path.join(ws, 'out/docs/default/component/piped/index.html'), 'utf8')).toContain('Still HERE.');
    const report = JSON.parse(readFileSync(path.join(ws, 'out/build-report.json'), 'utf8')) as { diagnostics: Array<{ code: string; file?: string }> };
    const codes = report.diagnostics.map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['catalog.placeholder-missing', 'docs.snippet-missing']));
  }, 180_000);

  it('a docs image or file over limits.max_asset_bytes is not published (nor read), with a diagnostic at its line', () => {
    const ws = tempDir();
    writeFiles(ws, {
      'portal.yaml': 'site:\n  title: T\nlimits:\n  max_asset_bytes: 1048576\nsources:\n  - name: repo\n    path: ./repo\n',
      'repo/catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: big\n  annotations:\n    backstage.io/techdocs-ref: dir:.\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n',
      'repo/mkdocs.yml': 'site_name: Big\n',
      'repo/docs/index.md': '# Big\n\n![small](small.png)\n\n![huge](huge.png)\n\n[the dump](dump.bin)\n',
      'repo/docs/small.png': 'SMALL-PNG',
    });
    // sparse: 300 MB on paper, nothing on disk
    for (const f of ['huge.png', 'dump.bin']) {
      writeFileSync(path.join(ws, 'repo/docs', f), '');
      truncateSync(path.join(ws, 'repo/docs', f), 300 * 1024 * 1024);
    }
    const r = spawnSync(process.execPath, [cli, 'build', '--config', 'portal.yaml', '--out', 'out', '--cache', 'cache'], { cwd: ws, encoding: 'utf8', timeout: 150_000 });
    expect(r.status, r.stderr).toBe(0);
    const assets = readdirSync(path.join(ws, 'out/docs/_assets'));
    expect(assets.map((a) => a.replace(/^[0-9a-f]{12}-/, ''))).toEqual(['small.png']);
    const biggest = Math.max(...readdirSync(path.join(ws, 'out'), { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => statSync(path.join(d.parentPath, d.name)).size));
    expect(biggest).toBeLessThan(5 * 1024 * 1024);
    const report = JSON.parse(readFileSync(path.join(ws, 'out/build-report.json'), 'utf8')) as { diagnostics: Array<{ code: string; file?: string; line?: number; message: string }> };
    const big = report.diagnostics.filter((d) => d.code === 'docs.asset-too-large');
    expect(big.map((d) => `${d.file}:${d.line}`)).toEqual(['docs/index.md:5', 'docs/index.md:7']);
    expect(big[0]!.message).toMatch(/300\.0 MiB, over the 1\.0 MiB limit/);
    // the page keeps its text
    expect(readFileSync(path.join(ws, 'out/docs/default/component/big/index.html'), 'utf8')).toContain('the dump');
    expect(existsSync(path.join(ws, 'out/docs/_assets'))).toBe(true);
  }, 180_000);
});
