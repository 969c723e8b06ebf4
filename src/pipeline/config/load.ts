/**
 * Reads and validates `portal.yaml`. A config that cannot be used at all is reported as
 * diagnostics and no config: the CLI exits 2. Every problem names its key path and line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { ConfigSchema, type Config } from './schema.js';
import { DiagnosticSink, type Diagnostic } from '../diagnostics.js';
import { lineOfPath } from '../yaml/positions.js';
import { classifyGitLocation } from './git-location.js';

export interface LoadedConfig { config?: Config; diagnostics: Diagnostic[] }

const formatPath = (p: ReadonlyArray<PropertyKey>) =>
  p.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('') || '(root)';

/** Keys the schema allows at a path, for "did you mean". */
function knownKeys(p: ReadonlyArray<PropertyKey>): string[] {
  let schema: z.ZodType = ConfigSchema;
  for (const k of p) {
    schema = unwrap(schema);
    const def = (schema as { def?: { type?: string; shape?: Record<string, z.ZodType>; element?: z.ZodType } }).def;
    if (typeof k === 'number' && def?.type === 'array' && def.element) schema = def.element;
    else if (def?.shape && typeof k === 'string' && def.shape[k]) schema = def.shape[k]!;
    else return [];
  }
  const def = (unwrap(schema) as { def?: { shape?: Record<string, unknown> } }).def;
  return def?.shape ? Object.keys(def.shape) : [];
}

function unwrap(s: z.ZodType): z.ZodType {
  let cur = s as { def?: { type?: string; innerType?: z.ZodType; in?: z.ZodType } };
  for (let i = 0; i < 10 && cur.def; i++) {
    if (cur.def.innerType) cur = cur.def.innerType as typeof cur;
    else if (cur.def.type === 'pipe' && cur.def.in) cur = cur.def.in as typeof cur;
    else break;
  }
  return cur as z.ZodType;
}

function suggest(key: string, candidates: string[]): string {
  if (!candidates.length) return '';
  const best = closest(key, candidates);
  return distance(key, best) <= Math.max(2, Math.floor(best.length / 3)) ? ` — did you mean "${best}"?` : '';
}

/**
 * Resolve `path:` and local `git:` values against the config's folder. Whether a `git:` value is a
 * local path is the sources stage's own call (`classifyGitLocation`, git's rule); every other value
 * (URLs, scp-like ssh, refused transports) is kept as written, for the sources stage to use or report.
 */
function resolvePaths(config: Config): void {
  for (const s of config.sources) {
    if (s.path !== undefined) s.path = path.resolve(config.dir, s.path);
    if (s.git === undefined) continue;
    const where = classifyGitLocation(s.git, config.dir);
    if (where.ok && where.location.kind === 'local') s.git = where.location.url;
  }
}

export function loadConfig(file: string): LoadedConfig {
  const abs = path.resolve(file);
  const sink = new DiagnosticSink({ file: path.relative(process.cwd(), abs) || abs });
  let text: string;
  try {
    text = readFileSync(abs, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    sink.error({ code: 'config.unreadable', message: `cannot read the config file: ${(e as NodeJS.ErrnoException).code ?? String(e)}` });
    return { diagnostics: sink.items };
  }
  let raw: unknown;
  try {
    raw = yaml.load(text, { schema: yaml.CORE_SCHEMA });
  } catch (e) {
    const err = e as yaml.YAMLException;
    sink.error({ code: 'config.yaml-syntax', message: err.reason ?? err.message, line: (err.mark?.line ?? 0) + 1, column: (err.mark?.column ?? 0) + 1 });
    return { diagnostics: sink.items };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    sink.error({ code: 'config.not-a-mapping', message: 'the config must be a YAML mapping with `site` and `sources`', line: 1 });
    return { diagnostics: sink.items };
  }
  const result = ConfigSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const keyPath = [...issue.path, key];
          sink.error({
            code: 'config.unknown-key',
            message: `${formatPath(keyPath)}: unknown key${suggest(key, knownKeys(issue.path))}`,
            line: lineOfPath(text, 1, keyPath as (string | number)[]),
          });
        }
      } else {
        sink.error({
          code: 'config.invalid',
          message: `${formatPath(issue.path)}: ${issue.message}`,
          line: lineOfPath(text, 1, issue.path as (string | number)[]),
        });
      }
    }
  }
  checkDuplicateNames(raw as { sources?: unknown }, text, sink);
  if (!result.success || sink.items.length) return { diagnostics: sink.items };
  const config: Config = { ...result.data, file: abs, dir: path.dirname(abs) };
  resolvePaths(config);
  return { config, diagnostics: sink.items };
}

function checkDuplicateNames(raw: { sources?: unknown }, text: string, sink: DiagnosticSink): void {
  if (!Array.isArray(raw.sources)) return;
  const seen = new Map<string, number>();
  raw.sources.forEach((s: unknown, i) => {
    const name = (s as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') return;
    const first = seen.get(name);
    if (first === undefined) { seen.set(name, i); return; }
    sink.error({
      code: 'config.duplicate-source',
      message: `sources[${i}].name: "${name}" is already the name of sources[${first}]`,
      line: lineOfPath(text, 1, ['sources', i, 'name']),
    });
  });
}
