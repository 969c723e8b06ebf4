/**
 * Starting a worker thread from a TypeScript module. Under tsx the worker is the `.ts` file, loaded
 * by a tiny eval'd bootstrap that registers tsx's ESM hooks first: on Node 20
 * `execArgv: ['--import', 'tsx']` does not get the hooks in place before a worker's own entry module
 * loads (ERR_UNKNOWN_FILE_EXTENSION). Compiled, the worker is the `.js` file beside its caller.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** `callerUrl` is the `import.meta.url` of a module whose folder holds `worker.ts` (or `worker.js`). */
export function workerStarter(callerUrl: string): { file: string; start: () => Worker } {
  const here = fileURLToPath(callerUrl);
  if (!here.endsWith('.ts')) {
    const file = path.join(path.dirname(here), 'worker.js');
    return { file, start: () => new Worker(file) };
  }
  const file = path.join(path.dirname(here), 'worker.ts');
  const req = createRequire(callerUrl);
  const pkgFile = req.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import?: { default?: string } }> };
  const api = pathToFileURL(path.join(path.dirname(pkgFile), pkg.exports['./esm/api']?.import?.default ?? 'dist/esm/api/index.mjs')).href;
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); });`;
  return { file, start: () => new Worker(code, { eval: true }) };
}
