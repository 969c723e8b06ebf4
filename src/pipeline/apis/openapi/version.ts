/** Which OpenAPI a document is: `swagger: "2.0"`, `openapi: 3.0.x`, `openapi: 3.1.x` (later 3.x read as 3.1, with a warning). */
import { prop } from '../json-schema/index.js';
import type { ProblemInput } from '../json-schema/index.js';
import type { OasVersion } from './context.js';

export type Detected =
  | { ok: true; version: OasVersion; specVersion: string; warning?: string }
  | { ok: false; problem: Omit<ProblemInput, 'file'> };

export function detectVersion(root: Record<string, unknown>): Detected {
  const swagger = prop(root, 'swagger');
  const openapi = prop(root, 'openapi');
  if (swagger !== undefined && openapi === undefined) {
    const s = String(swagger);
    if (s === '2.0' || s === '2') {
      return typeof swagger === 'string' ? { ok: true, version: '2.0', specVersion: '2.0' }
        : { ok: true, version: '2.0', specVersion: '2.0', warning: `swagger: ${s} is a number; it should be the string "2.0"` };
    }
    return { ok: false, problem: { severity: 'error', code: 'api.unsupported-version', message: `swagger: ${s.slice(0, 40)} is not a version Playbill reads (2.0, 3.0.x and 3.1.x are)` } };
  }
  if (openapi !== undefined) {
    const s = String(openapi);
    const warning = typeof openapi === 'string' ? undefined : `openapi: ${s} is a number; it should be a string such as "3.0.3"`;
    const m = /^3\.(\d+)(\.\d+)?(-[0-9A-Za-z.-]+)?$/.exec(s);
    if (m) {
      const minor = Number(m[1]);
      const out: Detected = { ok: true, version: minor === 0 ? '3.0' : '3.1', specVersion: s };
      if (minor > 1) out.warning = `openapi: ${s} is newer than 3.1; read as 3.1, so what is new in it may be missing`;
      else if (warning) out.warning = warning;
      return out;
    }
    return { ok: false, problem: { severity: 'error', code: 'api.unsupported-version', message: `openapi: ${s.slice(0, 40)} is not a version Playbill reads (2.0, 3.0.x and 3.1.x are)` } };
  }
  return { ok: false, problem: { severity: 'error', code: 'api.not-openapi', message: 'not an OpenAPI definition: it has neither `openapi:` nor `swagger:` at its top' } };
}
