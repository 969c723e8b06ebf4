/**
 * Placeholders: `{$text: path}`, `{$json: path}`, `{$yaml: path}` anywhere in a descriptor are
 * replaced by the file they name, read from the clone — relative to the descriptor's folder, `/x`
 * from the source root, or a URL into a configured source. Nothing is fetched and nothing outside a
 * source is read.
 *
 * Backstage drops the whole entity when a placeholder fails. A portal is more useful showing it, so
 * a placeholder that cannot be resolved stays in place as written (`{$text: ./missing.yaml}`, which
 * later stages can show as "definition at …") and a diagnostic says why.
 */
import { statSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { Severity } from '../diagnostics.js';
import { resolveInside } from '../sources/files.js';
import type { Snapshot } from '../sources/types.js';
import type { YamlPath } from '../yaml/positions.js';
import { quote } from '../yaml/quote.js';
import { dropProtoKeys, findTooDeep, isTooDeepError, MAX_DEPTH, PROTO_KEY_REASON, tooDeepMessage, yamlLoadOptions } from '../yaml/untrusted.js';
import { countNodes, decodeUtf8, MAX_YAML_NODES } from './parse.js';
import { formatPath } from './field-path.js';
import { matchWebUrl } from '../sources/web-links.js';
import { isUrl } from './scm.js';
import { DESCRIPTOR_SCHEMA } from './yaml-schema.js';

export interface PlaceholderContext {
  snapshots: readonly Snapshot[];
  /** Index of the descriptor's source in `snapshots`. */
  snapshot: number;
  /** Descriptor path, posix, relative to the source root. */
  file: string;
  maxBytes: number;
}

export interface PlaceholderProblem {
  severity: Severity;
  code: string;
  path: YamlPath;
  message: string;
}

/**
 * `$openapi` and `$asyncapi` are Backstage's: the file as text, whose own `$ref`s to other files the
 * API reader resolves (apis/), inside the same source. Here they read like `$text`.
 */
const RESOLVERS = ['text', 'json', 'yaml', 'openapi', 'asyncapi'] as const;
type Resolver = (typeof RESOLVERS)[number];

/** Where a resolved placeholder's value came from: the field it replaced and the file it read. */
export interface PlaceholderOrigin { path: YamlPath; source: string; file: string }

type Read = { ok: true; text: string; where: string; source: string; file: string } | { ok: false; severity: Severity; code: string; why: string };

function readTarget(target: string, ctx: PlaceholderContext): Read {
  let snap = ctx.snapshots[ctx.snapshot]!;
  let fromDir = path.posix.dirname(ctx.file);
  let rel = target;
  if (isUrl(target)) {
    const hit = matchWebUrl(target, ctx.snapshots);
    if (!hit) {
      return { ok: false, severity: 'warning', code: 'catalog.placeholder-external', why: `${quote(target)} is not in a configured source; left unresolved (Playbill does not fetch URLs)` };
    }
    snap = ctx.snapshots[hit.snapshot]!;
    fromDir = '';
    rel = hit.path;
  }
  const r = resolveInside(snap.root, fromDir, rel);
  if (!r.ok) {
    return r.reason === 'missing'
      ? { ok: false, severity: 'error', code: 'catalog.placeholder-missing', why: `${quote(r.rel)} does not exist in source ${snap.name}` }
      : { ok: false, severity: 'error', code: 'catalog.placeholder-outside', why: `${quote(target)} points outside source ${snap.name}; refused` };
  }
  const st = statSync(r.abs);
  if (!st.isFile()) return { ok: false, severity: 'error', code: 'catalog.placeholder-missing', why: `${r.rel} is not a file` };
  if (st.size > ctx.maxBytes) {
    return { ok: false, severity: 'error', code: 'catalog.placeholder-too-large', why: `${r.rel} is ${st.size} bytes, over the ${ctx.maxBytes}-byte limit` };
  }
  const decoded = decodeUtf8(readFileSync(r.abs));
  if (!decoded.ok) return { ok: false, severity: 'error', code: 'catalog.not-utf8', why: `${r.rel} is not UTF-8 text (line ${decoded.line})` };
  return { ok: true, text: decoded.text, where: `${snap.name}:${r.rel}`, source: snap.name, file: r.rel };
}

type Converted =
  | { ok: true; value: unknown; protoKeys: YamlPath[] }
  | { ok: false; code: string; why: string };

/**
 * `depthLeft`: how many levels of lists and maps the value may have where it lands, so the resolved
 * descriptor as a whole stays within MAX_DEPTH. The value is checked as the descriptor itself was.
 */
function convert(kind: Resolver, text: string, where: string, depthLeft: number): Converted {
  if (kind === 'text' || kind === 'openapi' || kind === 'asyncapi') return { ok: true, value: text, protoKeys: [] };
  let value: unknown;
  if (kind === 'json') {
    try {
      value = JSON.parse(text);
    } catch (e) {
      if (isTooDeepError(e)) return { ok: false, code: 'catalog.too-deep', why: `${where} is ${tooDeepMessage()}` };
      return { ok: false, code: 'catalog.placeholder-invalid', why: `${where} is not valid JSON: ${(e as Error).message}` };
    }
  } else {
    try {
      const docs: unknown[] = [];
      yaml.loadAll(text, (d) => { if (d !== null && d !== undefined) docs.push(d); }, yamlLoadOptions({ schema: DESCRIPTOR_SCHEMA }));
      if (docs.length !== 1) return { ok: false, code: 'catalog.placeholder-invalid', why: `${where} must hold exactly one YAML document, found ${docs.length}` };
      if (countNodes(docs[0]) > MAX_YAML_NODES) return { ok: false, code: 'catalog.placeholder-invalid', why: `${where} expands to too many YAML nodes` };
      value = docs[0];
    } catch (e) {
      if (isTooDeepError(e)) return { ok: false, code: 'catalog.too-deep', why: `${where} is ${tooDeepMessage()}` };
      return { ok: false, code: 'catalog.placeholder-invalid', why: `${where} is not valid YAML: ${(e as { reason?: string }).reason ?? (e as Error).message}` };
    }
  }
  if (findTooDeep(value)) return { ok: false, code: 'catalog.too-deep', why: `${where} is ${tooDeepMessage()}` };
  if (findTooDeep(value, depthLeft)) {
    return { ok: false, code: 'catalog.too-deep', why: `${where}, placed at this field, would leave the descriptor ${tooDeepMessage()}` };
  }
  return { ok: true, value, protoKeys: dropProtoKeys(value) };
}

const placeholderKey = (v: Record<string, unknown>): string | undefined => {
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0]!.startsWith('$') ? keys[0] : undefined;
};

/** Returns a resolved copy of `value` (shared YAML aliases become separate copies). */
export function resolvePlaceholders(value: unknown, ctx: PlaceholderContext): { value: unknown; problems: PlaceholderProblem[]; origins: PlaceholderOrigin[] } {
  const problems: PlaceholderProblem[] = [];
  const origins: PlaceholderOrigin[] = [];
  const walk = (v: unknown, at: YamlPath): unknown => {
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...at, i]));
    if (v === null || typeof v !== 'object') return v;
    const obj = v as Record<string, unknown>;
    const key = placeholderKey(obj);
    if (key !== undefined) {
      const kind = key.slice(1) as Resolver;
      // unknown `$keys` ($ref, $schema in inline JSON Schema) are data, not placeholders
      if (!RESOLVERS.includes(kind)) return { ...obj };
      const target = obj[key];
      const fail = (severity: Severity, code: string, message: string) => {
        problems.push({ severity, code, path: [...at, key], message: `${formatPath(at)}: ${key} ${message}` });
        return { ...obj };
      };
      if (typeof target !== 'string' || target === '') {
        return fail('error', 'catalog.placeholder-invalid', 'expects a string: a relative path, a path from the source root (/x) or a URL');
      }
      const read = readTarget(target, ctx);
      if (!read.ok) return fail(read.severity, read.code, read.why);
      // the placeholder map sits at depth at.length + 1 (the root map is 1); its value takes that place
      const out = convert(kind, read.text, read.where, MAX_DEPTH - at.length);
      if (!out.ok) return fail('error', out.code, out.why);
      origins.push({ path: at, source: read.source, file: read.file });
      for (const p of out.protoKeys) {
        problems.push({
          severity: 'warning', code: 'catalog.proto-key', path: [...at, key],
          message: `${formatPath(at)}: ${key} ${read.where}, at ${formatPath(p)}: ${PROTO_KEY_REASON}`,
        });
      }
      return out.value;
    }
    const copy: Record<string, unknown> = {};
    // parsing dropped `__proto__` keys; were one left, `copy[k] =` would set the copy's prototype
    for (const k of Object.keys(obj)) if (k !== '__proto__') copy[k] = walk(obj[k], [...at, k]);
    return copy;
  };
  return { value: walk(value, []), problems, origins };
}
