/**
 * Only regular files are content. A FIFO committed as a page, an image, a snippet, a placeholder
 * target or a descriptor would block a read forever: the build treats each as absent and finishes.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
});
