/** Reads one descriptor file of a source: contained in the source, size-limited, strict UTF-8. */
import { readFileSync, statSync } from 'node:fs';
import { resolveInside } from '../sources/files.js';
import { decodeUtf8 } from './parse.js';

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

export type ReadResult =
  | { ok: true; text: string }
  | { ok: false; code: string; message: string; line?: number; severity: 'error' | 'warning' };

export function readDescriptor(root: string, rel: string, maxBytes: number): ReadResult {
  const r = resolveInside(root, '', rel);
  if (!r.ok) {
    return r.reason === 'missing'
      ? { ok: false, severity: 'error', code: 'catalog.file-missing', message: `${rel} does not exist` }
      : { ok: false, severity: 'warning', code: 'catalog.file-outside', message: `${rel} leads outside the source (a symlink?); not read` };
  }
  const st = statSync(r.abs);
  if (!st.isFile()) return { ok: false, severity: 'error', code: 'catalog.file-missing', message: `${rel} is not a file` };
  if (st.size > maxBytes) {
    return {
      ok: false, severity: 'error', code: 'catalog.file-too-large', line: 1,
      message: `${rel} is ${st.size.toLocaleString('en-US')} bytes, over the limit of ${maxBytes.toLocaleString('en-US')} (limits.max_file_bytes); not read`,
    };
  }
  const decoded = decodeUtf8(readFileSync(r.abs));
  if (!decoded.ok) {
    return { ok: false, severity: 'error', code: 'catalog.not-utf8', line: decoded.line, message: `${rel} is not valid UTF-8 (first bad byte on line ${decoded.line}); not read` };
  }
  return { ok: true, text: decoded.text };
}
