/** Which AsyncAPI a document is: `asyncapi: 2.0.0`–`2.6.0` or `3.0.0`/`3.1.0` (later minors read with a warning). */
import { isMap, prop, type ProblemInput } from '../json-schema/index.js';
import type { Major } from './context.js';

export type Detected =
  | { ok: true; major: Major; specVersion: string; warning?: string }
  | { ok: false; problem: Omit<ProblemInput, 'file'> };

const NEWEST: Record<Major, number> = { 2: 6, 3: 1 };

export function detectVersion(root: Record<string, unknown>): Detected {
  const raw = prop(root, 'asyncapi');
  if (raw === undefined) {
    if (prop(root, 'openapi') !== undefined || prop(root, 'swagger') !== undefined) {
      return { ok: false, problem: { severity: 'error', code: 'api.not-asyncapi', message: 'this is an OpenAPI definition, not AsyncAPI: set the API\'s spec.type to openapi' } };
    }
    // no version, but the shape says which: 3.x operations at the top, or 2.x channels
    if (isMap(prop(root, 'operations'))) return { ok: true, major: 3, specVersion: '3.0.0', warning: 'the document has no `asyncapi:` version; read as 3.0.0, since it has top-level operations' };
    if (isMap(prop(root, 'channels'))) return { ok: true, major: 2, specVersion: '2.6.0', warning: 'the document has no `asyncapi:` version; read as 2.6.0' };
    return { ok: false, problem: { severity: 'error', code: 'api.not-asyncapi', message: 'not an AsyncAPI definition: it has no `asyncapi:` version at its top' } };
  }
  // `asyncapi: 3.0` unquoted is the number 3 to YAML
  const s = typeof raw === 'number' && Number.isInteger(raw) ? `${raw}.0` : String(raw).slice(0, 40);
  const m = /^(\d+)\.(\d+)(?:\.\d+)?(?:-[0-9A-Za-z.-]+)?$/.exec(s);
  const major = m ? Number(m[1]) : NaN;
  if (!m || (major !== 2 && major !== 3)) {
    const why = major === 1 ? ' (1.x describes `topics`; convert it with the AsyncAPI converter)' : '';
    return { ok: false, problem: { severity: 'error', code: 'api.unsupported-version', message: `asyncapi: ${s} is not a version Playbill reads (2.0–2.6 and 3.0–3.1 are)${why}` } };
  }
  const minor = Number(m[2]);
  const out: Detected = { ok: true, major: major as Major, specVersion: s };
  if (minor > NEWEST[major as Major]) out.warning = `asyncapi: ${s} is newer than ${major}.${NEWEST[major as Major]}; read as ${major}.${NEWEST[major as Major]}, so what is new in it may be missing`;
  else if (typeof raw !== 'string') out.warning = `asyncapi: ${s} is a ${typeof raw}; it should be a string such as "${major}.${minor}.0"`;
  return out;
}
