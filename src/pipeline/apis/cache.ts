/**
 * Readers' results kept across builds. A definition's reference depends on its text and on every
 * file its `$ref`s and imports pulled in, which are known only after reading: so the entry is found
 * by the text (and where it is), and served only when each file it read still has the same content.
 * The key covers the apis code (codeVersion), so a reader's fix reads everything afresh.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { codeVersion } from '../cache/code-version.js';
import { TextCache } from '../cache/text-cache.js';
import { sourceReader } from './read-input.js';
import type { ApiFormat, DefinitionInput, ReadResult } from './types.js';

interface Entry { files: Array<{ path: string; sha: string }>; result: ReadResult }

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A `read` that remembers what it read, for the entry's dependencies. */
export function recordingReader(read: DefinitionInput['read']): { read: DefinitionInput['read']; files(): Entry['files'] } {
  const files = new Map<string, string>();
  return {
    read: (from, target) => {
      const r = read(from, target);
      if (r.ok) files.set(r.path, sha(r.text));
      return r;
    },
    files: () => [...files].map(([path, s]) => ({ path, sha: s })),
  };
}

export class ApiReadCache {
  private readonly texts: TextCache;
  constructor(cacheDir: string) {
    this.texts = new TextCache(join(cacheDir, 'apis'), codeVersion(new URL('./', import.meta.url)), { ext: 'json', ending: '}' });
  }

  private keyOf(format: ApiFormat, where: { source: string; path: string; line: number }, text: string): string {
    return this.texts.key(format, where.source, where.path, String(where.line), text);
  }

  pruneDaily(): void {
    this.texts.pruneDaily();
  }

  get(format: ApiFormat, where: { source: string; path: string; line: number }, text: string, sourceRoot: string): ReadResult | undefined {
    const raw = this.texts.get(this.keyOf(format, where, text));
    if (!raw) return undefined;
    try {
      const entry = JSON.parse(raw) as Entry;
      // a file pulled in by a $ref or import changed (or went): read the definition again
      for (const f of entry.files) {
        const now = readSha(sourceRoot, f.path);
        if (now !== f.sha) return undefined;
      }
      return entry.result;
    } catch {
      return undefined;
    }
  }

  put(format: ApiFormat, where: { source: string; path: string; line: number }, text: string, files: Entry['files'], result: ReadResult): void {
    this.texts.put(this.keyOf(format, where, text), JSON.stringify({ files, result } satisfies Entry));
  }
}

function readSha(root: string, path: string): string | undefined {
  const r = sourceReader(root)('', `/${path}`);
  return r.ok ? sha(r.text) : undefined;
}
