/**
 * The one way an API reader reads files beyond its definition (`$ref`s to other files, proto
 * `import`s): through the source's resolver, so a reference cannot leave its source, follow a
 * symlink out, fetch a URL or read a file too large to be a definition.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { resolveInside } from '../sources/files.js';
import { decodeUtf8 } from '../catalog/parse.js';
import type { DefinitionInput } from './types.js';

/** Files a definition refers to are bounded like placeholders' targets. */
export const MAX_REFERENCED_BYTES = 8 * 1024 * 1024;

const isUrl = (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s);

/** `read` of a DefinitionInput over the source checked out at `root`. */
export function sourceReader(root: string, maxBytes = MAX_REFERENCED_BYTES): DefinitionInput['read'] {
  return (fromFile, target) => {
    if (isUrl(target)) return { ok: false, why: `${target} is a URL; Playbill does not fetch` };
    const r = resolveInside(root, path.posix.dirname(fromFile), target);
    if (!r.ok) return { ok: false, why: r.reason === 'outside' ? `${target} points outside the source; refused` : `${r.rel} does not exist` };
    const st = statSync(r.abs);
    if (!st.isFile()) return { ok: false, why: `${r.rel} is not a file` };
    if (st.size > maxBytes) return { ok: false, why: `${r.rel} is ${st.size} bytes, over the ${maxBytes}-byte limit` };
    const text = decodeUtf8(readFileSync(r.abs));
    if (!text.ok) return { ok: false, why: `${r.rel} is not UTF-8 text` };
    return { ok: true, path: r.rel, text: text.text };
  };
}

/** A DefinitionInput for a whole file of the source at `root` (tests and scripts). */
export function fileInput(root: string, file: string): DefinitionInput {
  const read = sourceReader(root);
  const first = read('', `/${file}`);
  if (!first.ok) throw new Error(first.why);
  return { text: first.text, file: first.path, line: 1, read };
}
