/**
 * Highlighted API definitions kept across builds, by content: Shiki costs about 2 ms a definition,
 * the largest fixed cost of a rebuild in which one repo changed. The key hashes the definition, its
 * language and Playbill's code hash (which covers Shiki's locked version and the themes), so an
 * upgrade highlights everything afresh and nothing has to remember to bump a version.
 */
import { join } from 'node:path';
import { playbillCodeHash } from '../fingerprint.js';
import { TextCache } from '../cache/text-cache.js';

/** `<cacheDir>/highlight/<2 hex>/<key>.html`; an entry that does not end in `</pre>` (Shiki's last tag) is a miss. */
export class HighlightCache extends TextCache {
  constructor(cacheDir: string) {
    super(join(cacheDir, 'highlight'), playbillCodeHash(), { ext: 'html', ending: '</pre>' });
  }
}
