/**
 * The portal repository's `package.json`: private, Playbill as its one dependency, the commands as
 * scripts. An existing one (`npm install playbill` came first) is completed, never replaced.
 */
export const SCRIPTS: Record<string, string> = {
  build: 'playbill build',
  validate: 'playbill validate',
  serve: 'playbill serve',
  dev: 'playbill dev',
};

export function packageJson(name: string, version: string): string {
  return `${JSON.stringify({
    name,
    private: true,
    description: 'Our developer portal, built by Playbill from the repositories listed in portal.yaml.',
    type: 'module',
    scripts: SCRIPTS,
    dependencies: { playbill: `^${version}` },
    engines: { node: '>=20.19' },
  }, null, 2)}\n`;
}

/**
 * `existing` with the scripts, the dependency and the module type it lacks; what it has is kept (its own `build`
 * script, a `playbill` from a tarball or a git URL). undefined when it needs nothing, or is no JSON object.
 */
export function completePackageJson(existing: string, version: string): { text: string } | { problem: string } | undefined {
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(existing) as Record<string, unknown>;
  } catch {
    return { problem: 'is not valid JSON' };
  }
  if (!pkg || typeof pkg !== 'object' || Array.isArray(pkg)) return { problem: 'is not a JSON object' };
  const scripts = { ...(pkg.scripts as Record<string, string> | undefined) };
  const deps = { ...(pkg.dependencies as Record<string, string> | undefined) };
  const devDeps = (pkg.devDependencies ?? {}) as Record<string, string>;
  let changed = false;
  // Plugins are ES modules (`import { definePlugin } from 'playbill/plugin'`): in a package of no
  // type, Node reads a .ts or .js plugin as CommonJS and the import fails.
  if (pkg.type === undefined) { pkg.type = 'module'; changed = true; }
  for (const [k, v] of Object.entries(SCRIPTS)) if (scripts[k] === undefined) { scripts[k] = v; changed = true; }
  if (deps.playbill === undefined && devDeps.playbill === undefined) { deps.playbill = `^${version}`; changed = true; }
  if (!changed) return undefined;
  return { text: `${JSON.stringify({ ...pkg, scripts, dependencies: deps }, null, 2)}\n` };
}
