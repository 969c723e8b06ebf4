/**
 * Scorecard results kept across builds: when nothing a check reads has changed — the scorecards,
 * the entities, their docs' dates, the error diagnostics, every source's commit and the day — the
 * previous results are served whole. File checks read the trees, which a commit pins: a source that
 * is not a git checkout (a `path:` folder can change under the same commit) is never cached.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { codeVersion } from '../cache/code-version.js';
import { TextCache } from '../cache/text-cache.js';
import type { ScorecardsResult } from './types.js';
import type { ScorecardsInput } from './index.js';

export class ScorecardsCache extends TextCache {
  constructor(cacheDir: string) {
    // the checks, this stage, and the schema that parses their options
    super(path.join(cacheDir, 'scorecards', 'results'), codeVersion(new URL('./', import.meta.url), new URL('../config/scorecards-schema.ts', import.meta.url)), { ext: 'json', ending: '}' });
  }

  /** The key of this input, or none when a source's files are not pinned by a commit. */
  keyOf(input: ScorecardsInput, today: number): string | undefined {
    if (input.snapshots.some((s) => s.origin !== 'git' || !s.commit)) return undefined;
    const h = createHash('sha256');
    const add = (v: unknown) => h.update(JSON.stringify(v) ?? 'undefined').update('\0');
    add(input.scorecards);
    add(input.plugins?.versions ?? []);
    add(today);
    for (const e of input.catalog.entities) add(e);
    add(input.docs.sites.map((s) => [s.entityRef, s.alsoFor, s.urlPath, s.pages.map((p) => p.lastChange?.date ?? '')]));
    add(input.diagnostics.filter((d) => d.severity === 'error'));
    add(input.snapshots.map((s) => [s.name, s.commit, s.commitDate, s.stale, s.host, s.webRef, s.ref, s.repoPath]));
    return this.key(h.digest('hex'));
  }

  read(key: string): ScorecardsResult | undefined {
    const text = this.get(key);
    if (text === undefined) return undefined;
    try {
      const r = JSON.parse(text) as ScorecardsResult;
      return Array.isArray(r.scorecards) && Array.isArray(r.rollups) && Array.isArray(r.diagnostics) ? r : this.miss();
    } catch {
      return this.miss();
    }
  }

  write(key: string, result: ScorecardsResult): void {
    try {
      this.writePart(key, 'json', JSON.stringify(result));
    } catch { /* best effort: the next build computes them again */ }
  }
}
