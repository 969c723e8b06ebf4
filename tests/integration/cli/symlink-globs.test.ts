/**
 * A symlink out of the source is never walked: `rootlink -> /` with Location targets and catalog
 * globs through it lists nothing of the build host, and no diagnostic names a host path.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { tempDir, writeFiles } from '../../support/git.js';

const cli = path.resolve(import.meta.dirname, '../../../scripts/playbill.mjs');

describe('globs and symlinked folders', () => {
  it('Location targets and catalog globs through a symlink to / are refused, naming only the pattern', () => {
    const ws = tempDir();
    writeFiles(ws, {
      'portal.yaml': 'site:\n  title: T\nsources:\n  - name: repo\n    path: ./repo\n    catalog: [catalog-info.yaml, "rootlink/etc/*.conf", "**/catalog-info.yaml"]\n',
      'repo/catalog-info.yaml': [
        'apiVersion: backstage.io/v1alpha1', 'kind: Location', 'metadata:', '  name: escape',
        'spec:', '  targets: ["./rootlink/etc/*", "./rootlink/**/passwd", "./rootlink/**", "./sub/*.yaml"]', '',
      ].join('\n'),
      'repo/sub/ok.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: kept\nspec:\n  type: team\n  children: []\n',
    });
    symlinkSync('/', path.join(ws, 'repo/rootlink'));
    const r = spawnSync(process.execPath, [cli, 'validate', '--config', 'portal.yaml', '--format', 'json'], { cwd: ws, encoding: 'utf8', timeout: 120_000 });
    expect(r.error).toBeUndefined();
    const report = JSON.parse(r.stdout) as { entities: number; diagnostics: Array<{ code: string; message: string; file?: string }> };
    const text = JSON.stringify(report);
    // nothing of the host: no file under /etc is named, read or reported
    expect(text).not.toMatch(/etc\/(passwd|hostname|hosts|group|shadow|os-release)\b/);
    // one diagnostic each, not a refusal and a "matches no file" as well
    expect(report.diagnostics.filter((d) => d.code === 'catalog.location-missing')).toEqual([]);
    const outside = report.diagnostics.filter((d) => d.code === 'catalog.file-outside');
    expect(outside.map((d) => d.message).join('\n')).toContain('rootlink/etc/*.conf');
    expect(outside.length).toBe(4);
    // the rest of the source is kept: the Location and the group its `./sub/*.yaml` target finds
    expect(report.entities).toBe(2);
  }, 150_000);
});
