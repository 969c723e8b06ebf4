/**
 * Files the branding names (logo, favicon, intro, custom CSS): read through the one resolver every
 * stage uses for a file of a tree (sources/files.ts `resolveInside`), rooted at the folder of
 * portal.yaml — no `..` or absolute path out of it, no symlink out of it, nothing in a `.git`
 * folder, regular files only — and bounded in size. Published under a name with a hash of the
 * content, so a host may cache them forever and a changed logo is a new URL.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { resolveInside } from '../../sources/files.js';

export const BRAND_DIR = 'playbill/brand/';

export const MAX_BYTES = {
  logo: 256 * 1024,
  favicon: 256 * 1024,
  css: 256 * 1024,
  intro: 64 * 1024,
} as const;

export const CONTENT_TYPES: Record<string, string> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  webp: 'image/webp',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  ico: 'image/x-icon',
  css: 'text/css; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

export type BrandRead = { ok: true; abs: string; bytes: Buffer; ext: string } | { ok: false; problem: string };

const kb = (n: number) => `${Math.ceil(n / 1024)} KB`;

/**
 * An SVG opened by itself (not through `<img>`) runs its script with the portal's origin, outside
 * every page's CSP: a logo that carries script or handlers is refused, not cleaned.
 */
const ACTIVE_SVG = /<script|<foreignObject|\son[a-z]+\s*=|javascript:/i;

/** `rel` (posix, relative to `dir`), read if it is a regular file inside `dir` of at most `maxBytes`. */
export function readBrandFile(dir: string, rel: string, maxBytes: number): BrandRead {
  let resolved: ReturnType<typeof resolveInside>;
  try {
    resolved = resolveInside(dir, '', rel);
  } catch (e) {
    return { ok: false, problem: `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
  }
  if (!resolved.ok) {
    return { ok: false, problem: resolved.reason === 'missing' ? 'was not found (or is not a file)' : 'is outside the folder of portal.yaml (a symlink out, or a .git folder)' };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolved.abs);
  } catch (e) {
    return { ok: false, problem: `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
  }
  if (bytes.length > maxBytes) return { ok: false, problem: `is ${kb(bytes.length)}, more than the ${kb(maxBytes)} allowed` };
  const ext = extname(rel).slice(1).toLowerCase();
  if (ext === 'svg' && ACTIVE_SVG.test(bytes.toString('utf8'))) return { ok: false, problem: 'holds script or event handlers (an SVG opened by itself would run them)' };
  return { ok: true, abs: resolved.abs, bytes, ext };
}

/** 8 hex digits of the content's SHA-256: enough to tell versions of one portal's logo apart. */
export const contentHash = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex').slice(0, 8);

/** `logo.3fa2c1d9.svg` */
export const hashedName = (role: string, data: string | Buffer, ext: string): string => `${role}.${contentHash(data)}.${ext}`;
