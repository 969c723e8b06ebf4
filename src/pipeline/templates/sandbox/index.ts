/**
 * Renders a template in a child process that can touch nothing: the renderer (render/ and its
 * packages) bundled into one file with esbuild, run by Node with `--experimental-permission` and
 * read access to that file alone, no environment, a time limit and a bounded answer. Node 20's
 * permission model has no network switch; the child is given no secrets to send anywhere.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { codeVersion } from '../../cache/code-version.js';
import { writeFileAtomicSync } from '../../write-atomic.js';
import type { FetchTemplateOptions, RenderedFile, RenderProblem, SkeletonFile } from '../render/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ENTRY = path.join(here, 'child.ts');
const MAX_ANSWER = 64 * 1024 * 1024;

/** The bundled renderer, built once per renderer code under the cache. */
async function bundle(cacheDir: string): Promise<string> {
  const file = path.join(cacheDir, 'templates', `renderer-${codeVersion(new URL('../render/', import.meta.url), new URL('./child.ts', import.meta.url)).slice(0, 16)}.cjs`);
  if (existsSync(file)) return file;
  const out = await build({ entryPoints: [ENTRY], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'silent', target: 'node20' });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomicSync(file, out.outputFiles[0]!.text);
  return file;
}

async function call<T>(cacheDir: string, request: unknown, timeoutMs = 30_000): Promise<T> {
  const file = await bundle(cacheDir);
  return new Promise<T>((resolve, reject) => {
    const child = spawn(process.execPath, ['--experimental-permission', `--allow-fs-read=${file}`, '--no-warnings', file], {
      env: {}, stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs, killSignal: 'SIGKILL',
    });
    const out: Buffer[] = [];
    let size = 0;
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_ANSWER) child.kill('SIGKILL'); else out.push(c);
    });
    child.stderr.on('data', (c: Buffer) => { if (err.length < 4000) err += c.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) {
        try { resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as T); } catch (e) { reject(new Error(`the renderer's answer was not JSON: ${(e as Error).message}`)); }
        return;
      }
      const why = signal ? (size > MAX_ANSWER ? 'its answer was too large' : `it took longer than ${timeoutMs / 1000} s`) : `it exited ${code}: ${err.trim().split('\n').filter((l) => l.trim()).slice(-1)[0] ?? ''}`;
      reject(new Error(`the template could not be rendered: ${why}`));
    });
    child.stdin.end(JSON.stringify(request));
  });
}

export async function renderSkeletonIsolated(cacheDir: string, files: readonly SkeletonFile[], opts: FetchTemplateOptions): Promise<{ files: RenderedFile[]; problems: RenderProblem[] }> {
  const r = await call<{ files: Array<Omit<RenderedFile, 'content'> & { content: string }>; problems: RenderProblem[] }>(cacheDir, {
    kind: 'skeleton', opts, files: files.map((f) => ({ path: f.path, content: Buffer.from(f.content).toString('base64'), ...(f.executable ? { executable: true } : {}) })),
  });
  return { problems: r.problems, files: r.files.map((f) => ({ ...f, content: new Uint8Array(Buffer.from(f.content, 'base64')) })) };
}

export async function renderInputIsolated(cacheDir: string, value: unknown, context: Record<string, unknown>): Promise<{ value: unknown; problems: RenderProblem[] }> {
  return call(cacheDir, { kind: 'input', value, context });
}
