/** `validate` checks the portal's own files as the build does: a logo that is not there is a warning at its line. */
import { expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { tempDir, writeFiles } from '../../support/git.js';

const cli = path.resolve(import.meta.dirname, '../../../scripts/playbill.mjs');

it('validate reports a site file that cannot be used, at its line in portal.yaml', () => {
  const dir = tempDir();
  writeFiles(dir, { 'portal.yaml': 'site:\n  title: X\n  logo: assets/missing.svg\nsources:\n  - name: r\n    path: ./r\n', 'r/.keep': '' });
  const r = spawnSync(process.execPath, [cli, 'validate', '--format', 'json', '--cache', 'cache'], { cwd: dir, encoding: 'utf8' });
  const site = (JSON.parse(r.stdout).diagnostics as Array<{ code: string; line: number; severity: string; message: string }>).filter((d) => d.code === 'config.site-file');
  expect(site).toEqual([expect.objectContaining({ severity: 'warning', line: 3, message: expect.stringContaining('assets/missing.svg was not found') })]);
  expect(r.status).toBe(0);
});
