/**
 * What in-browser scaffolding needs besides the template pages: the renderer the sandboxed frame
 * runs (templates/sandbox/frame.ts, bundled by esbuild into one classic script named by its
 * content) and every skeleton file, published once under `playbill/skeletons/<sha256>`.
 *
 * Skeleton files are named by their content, so a file two templates share is published once, a
 * host and a reader's browser cache it across deploys, and an unchanged file is hard-linked from
 * the previous output instead of copied again.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { codeVersion } from '../cache/code-version.js';
import { writeFileAtomicSync } from '../write-atomic.js';
import type { Diagnostic } from '../diagnostics.js';
import type { TemplateModel } from '../templates/index.js';

const FRAME_ENTRY = fileURLToPath(new URL('../templates/sandbox/frame.ts', import.meta.url));

export const skeletonHref = (hash: string) => `playbill/skeletons/${hash}`;

export interface FrameScript { file: string; name: string }

/** The frame's renderer, built once per renderer code (under the cache when there is one). */
export async function frameScript(dir: string, cacheDir?: string): Promise<FrameScript> {
  const version = codeVersion(new URL('../templates/render/', import.meta.url), new URL('../templates/sandbox/frame.ts', import.meta.url), new URL('../templates/scaffold.ts', import.meta.url)).slice(0, 16);
  const cached = cacheDir ? join(cacheDir, 'templates', `frame-${version}.js`) : undefined;
  let text: string;
  if (cached && existsSync(cached)) text = readFileSync(cached, 'utf8');
  else {
    const out = await build({ entryPoints: [FRAME_ENTRY], bundle: true, platform: 'browser', format: 'iife', minify: true, write: false, logLevel: 'silent', target: 'es2020', legalComments: 'none' });
    text = out.outputFiles[0]!.text;
    if (cached) {
      mkdirSync(dirname(cached), { recursive: true });
      writeFileAtomicSync(cached, text);
    }
  }
  const name = `scaffold-frame.${createHash('sha256').update(text).digest('hex').slice(0, 16)}.js`;
  const file = join(dir, name);
  writeFileAtomicSync(file, text);
  return { file, name };
}

/** Each skeleton file once, by hash, with where it is read from. */
export function skeletonFiles(templates: readonly TemplateModel[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of templates) for (const s of t.steps) for (const f of s.skeleton?.files ?? []) if (!out.has(f.hash)) out.set(f.hash, f.abs);
  return out;
}

/** Writes the skeleton files into the output: linked from the previous output when it has them, else copied from the source. */
export function publishSkeletons(files: ReadonlyMap<string, string>, outDir: string, previousDir: string | undefined, diagnostics: Diagnostic[]): void {
  for (const [hash, abs] of files) {
    const to = join(outDir, skeletonHref(hash));
    if (existsSync(to)) continue;
    mkdirSync(dirname(to), { recursive: true });
    const before = previousDir ? join(previousDir, skeletonHref(hash)) : undefined;
    try {
      if (before && existsSync(before)) {
        try { linkSync(before, to); continue; } catch { /* another file system: copy */ }
      }
      copyFileSync(abs, to);
    } catch (e) {
      diagnostics.push({ severity: 'warning', code: 'site.asset-copy-failed', message: `could not publish a skeleton file (${abs}): ${(e as Error).message}` });
    }
  }
}
