/**
 * Playbill as a platform team gets it: `npm pack` this repository, install the tarball into an
 * empty project, start a portal there with `npx playbill init` and build it with `npx playbill
 * build` — from a repository of its own, nothing of this repository's content/ involved. One
 * install (about a minute with a warm npm cache; it needs the npm registry), so one test.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeRepo, tempDir } from '../../support/git.js';

const root = path.resolve(import.meta.dirname, '../../..');

// npm's own variables (set when the tests run under `npm test`) would point the nested npm at this repository.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
function sh(cmd: string, args: string[], cwd: string, timeout = 120_000): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout, env: { ...env, CI: 'true', NO_COLOR: '1' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}\n${r.stdout}\n${r.stderr}`);
  return r;
}

const descriptor = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: lantern-service
  description: Lights the way.
spec:
  type: service
  lifecycle: production
  owner: team-lamp
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: team-lamp
spec:
  type: team
  children: []
`;

// A plugin of the portal repo, in TypeScript, typed by the package's plugin API.
const plugin = `import { definePlugin } from 'playbill/plugin';

export default definePlugin({
  name: 'lamp',
  entityCards(entity) {
    return [{ title: 'Lamp post', body: \`Lit for \${entity.metadata.name}.\` }];
  },
});
`;

describe('the npm package', () => {
  it('packs without tests or demo content, installs into an empty project, and init + build make a portal there', () => {
    const work = tempDir('playbill-pack-');
    onTestFinished(() => rmSync(work, { recursive: true, force: true }));   // an install is 150 MB
    const packed = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', work], root).stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const files = packed[0]!.files.map((f) => f.path);
    expect(files.filter((f) => /^(tests|content|docs|scripts\/bench|\.github)\//.test(f) || f.startsWith('scripts/') && f !== 'scripts/playbill.mjs')).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['scripts/playbill.mjs', 'astro.config.mjs', 'LICENSE', 'src/pages/index.astro', 'src/init/templates/gitignore', 'src/pipeline/plugins/types.ts']));

    const repo = makeRepo({ 'catalog-info.yaml': descriptor });
    const project = path.join(work, 'portal');
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), '{ "name": "portal", "private": true }\n');
    sh('npm', ['install', path.join(work, packed[0]!.filename), '--prefer-offline', '--no-audit', '--no-fund'], project, 300_000);

    // --no: never fetch some other "playbill" from the registry when the local one is missing
    const init = sh('npx', ['--no', 'playbill', 'init', '--yes', '--title', 'Lantern Portal', '--repo', repo], project);
    expect(init.stdout).toContain('portal.yaml');
    mkdirSync(path.join(project, 'plugins'));
    writeFileSync(path.join(project, 'plugins/lamp.ts'), plugin);
    appendFileSync(path.join(project, 'portal.yaml'), 'plugins:\n  - use: ./plugins/lamp.ts\n');

    const build = sh('npx', ['--no', 'playbill', 'build'], project, 240_000);
    expect(build.stdout).toMatch(/Entities: 2 \(Component 1, Group 1\)/);

    const dist = path.join(project, 'dist');
    expect(readFileSync(path.join(dist, 'index.html'), 'utf8')).toContain('Lantern Portal');
    const page = readFileSync(path.join(dist, 'catalog/default/component/lantern-service/index.html'), 'utf8');
    expect(page).toContain('Lights the way.');
    expect(page).toContain('Lit for lantern-service.');
    expect(existsSync(path.join(dist, 'pagefind/pagefind.js'))).toBe(true);
    expect(existsSync(path.join(project, '.playbill/cache'))).toBe(true);
    const catalog = JSON.parse(readFileSync(path.join(dist, 'catalog.json'), 'utf8')) as Array<{ metadata: { name: string } }>;
    // the demo's entities (content/repos) are not in the package, and nothing reached for them
    expect(catalog.map((e) => e.metadata.name).sort()).toEqual(['lantern-service', 'team-lamp']);
    expect(JSON.stringify(catalog)).not.toContain('audience-insights');
  }, 360_000);
});
