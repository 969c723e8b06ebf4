/** Every internal href and src in every built HTML file resolves to a file in the output (both bases). */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { portals } from './support/portals.js';

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).map((f) => join(dir, f));
}

function resolves(outDir: string, base: string, pathname: string): boolean {
  if (!pathname.startsWith(base)) return false;
  const rel = decodeURIComponent(pathname.slice(base.length));
  const target = join(outDir, rel);
  if (existsSync(target) && statSync(target).isFile()) return true;
  return existsSync(join(target, 'index.html'));
}

for (const which of ['root', 'sub'] as const) {
  test(`internal links and assets resolve (${which})`, () => {
    const p = portals()[which];
    const base = which === 'sub' ? portals().sub.base : '/';
    const broken: string[] = [];
    let checked = 0;
    for (const file of htmlFiles(p.outDir)) {
      const page = `http://portal.test${base}${file.slice(p.outDir.length + 1).replace(/index\.html$/, '')}`;
      const html = readFileSync(file, 'utf8');
      for (const m of html.matchAll(/\s(?:href|src|xlink:href)="([^"]*)"/g)) {
        const raw = m[1]!.replace(/&amp;/g, '&');
        if (/^(https?:|mailto:|data:|#|javascript:)/i.test(raw) && !raw.startsWith('http://portal.test')) continue;
        const u = new URL(raw, page);
        if (u.origin !== 'http://portal.test') continue;
        checked++;
        if (!resolves(p.outDir, base, u.pathname)) broken.push(`${file.slice(p.outDir.length)} → ${raw}`);
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(broken).toEqual([]);
  });
}
