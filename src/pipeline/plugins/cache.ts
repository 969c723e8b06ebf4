/**
 * Results of per-entity hooks kept between builds, for plugins that declare what they read
 * (`reads`). An entry is keyed by the plugin's version (code and options), the hook, the entity as
 * the catalog holds it and what else the declaration names; it records every file the hook read
 * through `ctx.files` (its content hash), every glob and its result, and every link target its
 * Markdown looked at. It is served only while all of those are still what they were, so a warm
 * build runs no hook whose inputs are unchanged, and one README edit re-runs one entity's hook.
 * A plugin that declares nothing (a network call per entity) runs every build.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { TextCache } from '../cache/text-cache.js';
import { codeVersion } from '../cache/code-version.js';
import { probeTarget } from '../docs/render/links.js';
import type { Diagnostic } from '../diagnostics.js';
import type { DocAsset } from '../docs/types.js';
import type { LinkCheck } from '../docs/render/types.js';
import type { Snapshot } from '../sources/types.js';
import { assetInside } from '../docs/render-cache.js';
import type { SourceFiles } from './types.js';

const sha = (s: string) => createHash('sha1').update(s).digest('hex');
const MISSING = '-';

/** What one hook call read. */
export interface Reads {
  files: Array<[source: string, dir: string, path: string, hash: string]>;
  globs: Array<[source: string, dir: string, patterns: string[], found: string[]]>;
  probes: Array<{ source: string; check: LinkCheck }>;
}

export const noReads = (): Reads => ({ files: [], globs: [], probes: [] });

/** `files` that records what is read into `reads` (markdown's probes come through the render sink). */
export function tracked(files: SourceFiles, reads: Reads): SourceFiles {
  const read = (p: string) => {
    const text = files.read(p);
    reads.files.push([files.source, files.dir, p, text === undefined ? MISSING : sha(text)]);
    return text;
  };
  return {
    source: files.source, dir: files.dir, read,
    exists: (p) => read(p) !== undefined,
    glob(patterns) {
      const found = files.glob(patterns);
      reads.globs.push([files.source, files.dir, typeof patterns === 'string' ? [patterns] : [...patterns], found]);
      return found;
    },
    async markdown(p, opts) {
      if (opts.text === undefined) read(p);
      return files.markdown(p, opts);
    },
    webUrl: (p, kind) => files.webUrl(p, kind),
  };
}

export interface CachedCall<V> { reads: Reads; value: V; assets: DocAsset[]; diagnostics: Diagnostic[] }

export class HookCache extends TextCache {
  constructor(cacheDir: string) {
    super(path.join(cacheDir, 'plugins'), codeVersion(new URL('./', import.meta.url)), { ext: 'json', ending: '}' });
  }

  /** The entry, when present and every input it recorded is unchanged. */
  lookup<V>(key: string, opts: { filesOf: (source: string, dir: string) => SourceFiles | undefined; snapshots: ReadonlyMap<string, Snapshot>; maxAssetBytes: number }): CachedCall<V> | undefined {
    const text = this.get(key);
    if (text === undefined) return undefined;
    let entry: CachedCall<V>;
    try { entry = JSON.parse(text) as CachedCall<V>; } catch { return this.miss(); }
    for (const [source, dir, p, hash] of entry.reads?.files ?? []) {
      const now = opts.filesOf(source, dir)?.read(p);
      if ((now === undefined ? MISSING : sha(now)) !== hash) return undefined;
    }
    for (const [source, dir, patterns, found] of entry.reads?.globs ?? []) {
      if (JSON.stringify(opts.filesOf(source, dir)?.glob(patterns) ?? []) !== JSON.stringify(found)) return undefined;
    }
    for (const { source, check } of entry.reads?.probes ?? []) {
      const root = opts.snapshots.get(source)?.root;
      if (!root || probeTarget(root, check.fromDir, check.target, opts.maxAssetBytes) !== check.found) return undefined;
    }
    for (const a of entry.assets ?? []) {
      const root = [...opts.snapshots.values()].find((s) => a.from.startsWith(s.root + path.sep))?.root;
      if (!root || !assetInside(root, a.from)) return undefined;
    }
    return entry;
  }

  store<V>(key: string, entry: CachedCall<V>): void {
    this.put(key, JSON.stringify(entry));
  }
}
