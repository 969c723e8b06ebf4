/**
 * Validation against the OpenAPI 2.0 / 3.0 / 3.1 schema and swagger-parser's spec checks, over the
 * bundle of what our confined resolver read (json-schema/bundle.ts): swagger-parser's own resolvers
 * are off, so it reads no file and fetches no URL. Findings are warnings: the reference is still made.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { BUNDLED_FILES_KEY, bundle, lineIn, parsePointer, type LoadedDoc } from '../json-schema/index.js';
import type { OasContext } from './context.js';

interface AjvError { instancePath?: string; keyword?: string; message?: string; params?: Record<string, unknown> }

/** Ajv's errors for an object that matches no branch of a oneOf list every branch; keep what names the fault. */
function pick(errors: AjvError[]): AjvError[] {
  const useful = errors.filter((e) => !(e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'if'
    || (e.keyword === 'required' && e.params?.missingProperty === '$ref')));
  const seen = new Set<string>();
  return (useful.length ? useful : errors).filter((e) => {
    const k = `${e.instancePath}\0${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The file and line of a path in the bundle. */
function place(ctx: OasContext, files: LoadedDoc[], instancePath: string): { doc: LoadedDoc; line: () => number } {
  const segs = parsePointer(instancePath) ?? [];
  if (segs[0] === BUNDLED_FILES_KEY && segs.length >= 2) {
    const doc = files[Number(segs[1])];
    if (doc) return { doc, line: () => lineIn(doc, segs.slice(2)) };
  }
  return { doc: ctx.main, line: () => lineIn(ctx.main, segs) };
}

export async function validate(ctx: OasContext): Promise<void> {
  const { value, files } = bundle(ctx.resolver);
  const options = {
    resolve: { external: false, file: false, http: false },
    dereference: { circular: 'ignore' },
  } as unknown as SwaggerParser.Options;
  try {
    await new SwaggerParser().validate(value as never, options);
  } catch (e) {
    const err = e as { message?: string; details?: AjvError[] };
    if (Array.isArray(err.details) && err.details.length) {
      for (const d of pick(err.details)) {
        const extra = typeof d.params?.additionalProperty === 'string' ? ` (${d.params.additionalProperty})` : '';
        const where = d.instancePath || '/';
        const at = place(ctx, files, d.instancePath ?? '');
        ctx.problems.add({
          severity: 'warning', code: 'api.invalid', file: at.doc.file, line: at.line,
          message: `Not valid OpenAPI ${ctx.version}: #${where} ${d.message ?? 'is invalid'}${extra}`,
        });
      }
      return;
    }
    const message = (err.message ?? String(e)).replace(/^Validation failed\.\s*/, '');
    ctx.problems.add({ severity: 'warning', code: 'api.invalid', file: ctx.main.file, line: ctx.main.firstLine, message: `Not valid OpenAPI ${ctx.version}: ${message}` });
  }
}
