/**
 * The version part of a cache key: a hash of the code that produced the entry, so a change to that
 * code makes every old entry a miss and nobody has to remember to bump a constant.
 *
 * What is hashed, starting from a folder (all its source files) or single files:
 * - every Playbill source file reached from there through relative imports, transitively (a renderer
 *   also depends on the helpers it imports from elsewhere in the tree);
 * - `name@version` of every package those files import, and of the packages those depend on
 *   (a patch release of a Markdown or highlighting library can change the output too).
 * Over-invalidating costs one cold build; under-invalidating serves stale output, so when in doubt
 * something is hashed. Computed once per process and start set: a few dozen small files.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE_FILE = /\.(ts|mts|js|mjs)$/;
/** Static `from` clauses, bare `import` and dynamic `import()` of string literals: enough for this tree's own code, which a test keeps honest. */
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"\n]+)['"]/g;
/** What a module specifier looks like; the pattern above also meets prose in comments (`'--import', 'tsx'`). */
const SPECIFIER = /^[\w@.][\w@./:+-]*$/;

const versions = new Map<string, string>();

/** `starts`: folder URLs (ending in `/`) or file URLs, typically built from `import.meta.url`. */
export function codeVersion(...starts: (string | URL)[]): string {
  const id = starts.map(String).join('\n');
  let v = versions.get(id);
  if (!v) versions.set(id, (v = computeVersion(starts.map((s) => fileURLToPath(s)))));
  return v;
}

/** The files and packages `codeVersion` hashes, for tests and for anyone wondering why a cache went cold. */
export function codeInputs(...starts: (string | URL)[]): { files: string[]; packages: string[] } {
  return collect(starts.map((s) => fileURLToPath(s)));
}

function computeVersion(starts: string[]): string {
  const { files, packages } = collect(starts);
  const h = createHash('sha256');
  // Paths relative to the first start: the same code in another checkout gives the same version.
  const base = starts[0]!.endsWith(path.sep) ? starts[0]! : path.dirname(starts[0]!);
  for (const f of files) h.update(path.relative(base, f)).update('\0').update(readFileSync(f)).update('\0');
  for (const p of packages) h.update(p).update('\0');
  return h.digest('hex');
}

function collect(starts: string[]): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packageNames = new Map<string, string>(); // name → folder that imports it
  const queue: string[] = [];
  for (const s of starts) {
    if (s.endsWith(path.sep)) {
      for (const name of readdirSync(s).sort()) {
        if (SOURCE_FILE.test(name) && !name.endsWith('.d.ts')) queue.push(path.join(s, name));
      }
    } else {
      queue.push(s);
    }
  }
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    if (!SOURCE_FILE.test(file)) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[1]!;
      if (!SPECIFIER.test(spec)) continue;
      if (spec.startsWith('.')) {
        const target = resolveRelative(path.dirname(file), spec);
        if (target) queue.push(target);
      } else if (!isBuiltin(spec)) {
        const name = packageName(spec);
        if (!packageNames.has(name)) packageNames.set(name, path.dirname(file));
      }
    }
  }
  return { files: [...files].sort(), packages: packageVersions(packageNames) };
}

/** Under tsx, `./x.js` names `./x.ts`. */
function resolveRelative(dir: string, spec: string): string | undefined {
  const abs = path.resolve(dir, spec);
  const candidates = [abs, abs.replace(/\.js$/, '.ts'), abs.replace(/\.mjs$/, '.mts'), `${abs}.ts`, `${abs}.js`];
  return candidates.find(isFile);
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** `@scope/name/sub/path` → `@scope/name`, `name/sub` → `name`. */
function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

interface PackageJson { version?: string; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; peerDependencies?: Record<string, string> }

/** `name@version` of every imported package and everything it depends on, sorted; `name@-` when not installed. */
function packageVersions(imported: Map<string, string>): string[] {
  const seen = new Set<string>();
  const out = new Set<string>();
  const queue = [...imported].map(([name, from]) => ({ name, from }));
  while (queue.length > 0) {
    const { name, from } = queue.pop()!;
    const dir = findPackage(name, from);
    const id = `${name}\0${dir ?? ''}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (!dir) { out.add(`${name}@-`); continue; }
    let pkg: PackageJson;
    try { pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson; } catch { out.add(`${name}@?`); continue; }
    out.add(`${name}@${pkg.version ?? '?'}`);
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies })) {
      queue.push({ name: dep, from: dir });
    }
  }
  return [...out].sort();
}

/** Node's lookup for a bare name: `node_modules/<name>` in `from` or the nearest folder above it. */
function findPackage(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (isFile(path.join(candidate, 'package.json'))) {
      try { return realpathSync(candidate); } catch { return candidate; }
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}
