/** Real git repos with fixed authors and dates, and a config around them, for the sources tests. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config, SourceConfig } from '../../../src/pipeline/config/schema.js';

export const T1 = '2024-01-01T10:00:00+00:00';
export const T2 = '2024-02-01T10:00:00+00:00';
export const T3 = '2024-03-01T10:00:00+00:00';
export const T4 = '2024-04-01T10:00:00+00:00';

const made: string[] = [];
export function tmpDir(prefix = 'playbill-sources-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
export function cleanupTmp(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Git isolated from the machine's config, so tests see the same thing everywhere. */
export function git(cwd: string, args: string[], date = T1, author = 'Ada'): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: cwd,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: author,
      GIT_AUTHOR_EMAIL: `${author.toLowerCase()}@example.com`,
      GIT_COMMITTER_NAME: author,
      GIT_COMMITTER_EMAIL: `${author.toLowerCase()}@example.com`,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    },
  }).trim();
}

/** Writes (or, with null, deletes) files and commits them; returns the commit SHA. */
export function commit(repo: string, files: Record<string, string | null>, date: string, author = 'Ada'): string {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(repo, rel);
    if (content === null) {
      git(repo, ['rm', '-q', rel]);
      continue;
    }
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    git(repo, ['add', rel]);
  }
  git(repo, ['commit', '-q', '-m', `change at ${date}`], date, author);
  return git(repo, ['rev-parse', 'HEAD']);
}

export interface Origin {
  dir: string;
  /** main@1: catalog-info.yaml, docs/index.md; tagged v1 */
  c1: string;
  /** main@2: docs/index.md changed (HEAD of main) */
  c2: string;
  /** feature@3: docs/feature.md added on branch `feature` */
  c3: string;
}

/** An origin repo: main (c1 ─ c2), tag v1 = c1, branch feature (c2 ─ c3). Serves partial clones. */
export function makeOrigin(parent: string, name = 'origin'): Origin {
  const dir = path.join(parent, name);
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'uploadpack.allowFilter', 'true']);
  const c1 = commit(dir, { 'catalog-info.yaml': 'kind: Component\n', 'docs/index.md': '# v1\n' }, T1, 'Ada');
  git(dir, ['tag', 'v1', c1]);
  const c2 = commit(dir, { 'docs/index.md': '# v2\n' }, T2, 'Bea');
  git(dir, ['checkout', '-q', '-b', 'feature']);
  const c3 = commit(dir, { 'docs/feature.md': '# feature\n' }, T3, 'Cy');
  git(dir, ['checkout', '-q', 'main']);
  return { dir, c1, c2, c3 };
}

export function configFor(dir: string, sources: SourceConfig[]): Config {
  return {
    site: { title: 'Test', base: '/' },
    sources,
    concurrency: 4,
    strict: false,
    limits: { max_file_bytes: 1024 * 1024, max_asset_bytes: 25 * 1024 * 1024 },
    annotation_links: {},
    plugins: [],
    docs: { iframe_hosts: [] },
    scorecards: [],
    file: path.join(dir, 'portal.yaml'),
    dir,
  };
}

/** Every file path under `dir` whose path or content contains `needle`. */
export function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const abs = path.join(d, name);
      if (abs.includes(needle)) hits.push(abs);
      const st = statSync(abs);
      if (st.isDirectory()) walk(abs);
      else if (st.isFile() && readFileSync(abs).includes(needle)) hits.push(abs);
    }
  };
  walk(dir);
  return hits;
}
