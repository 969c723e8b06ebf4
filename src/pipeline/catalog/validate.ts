/**
 * Validate: one raw YAML document → an entity (envelope, metadata and the kind's spec checked) plus
 * issues with the path of the field they are about. Pure; the caller turns paths into lines.
 *
 * Severity follows what a portal reader needs: what Backstage rejects outright and what breaks
 * identity or relations (name, namespace, kind, required spec fields) is an error and the entity is
 * left out; what is cosmetic or tolerated (tag/label/annotation formats, wrong-case kind, extra root
 * keys, links that are not absolute URLs) is a warning and the entity is kept.
 */
import { z } from 'zod';
import type { Severity } from '../diagnostics.js';
import type { YamlPath } from '../yaml/positions.js';
import type { EntityLink, EntityMetadata } from './types.js';
import {
  EXPECT, invalid, isAbsoluteUrl, isValidApiVersion, isValidKind, isValidLabelValue, isValidMetadataKey,
  isValidNamespace, isValidObjectName, isValidTag,
} from './schemas/formats.js';
import { kindDef } from './schemas/index.js';
import { describeValue, schemaIssues } from './schemas/issues.js';
import { formatPath } from './field-path.js';
import { quote } from '../yaml/quote.js';

export { formatPath };

export interface ValidationIssue {
  severity: Severity;
  code: string;
  path: YamlPath;
  message: string;
}

export interface ValidatedEntity {
  apiVersion: string;
  kind: string;
  metadata: EntityMetadata;
  spec: Record<string, unknown>;
  /** False for kinds Playbill does not know (kept generically). */
  known: boolean;
}

export interface ValidationResult {
  entity: ValidatedEntity | null;
  issues: ValidationIssue[];
}

const ROOT_KEYS = new Set(['apiVersion', 'kind', 'metadata', 'spec']);
const READ_ONLY_ROOT_KEYS = new Set(['relations', 'status']);

const formatted = (check: (v: string) => boolean, expected: string) =>
  z.string().superRefine((v, ctx) => {
    if (!check(v)) ctx.addIssue({ code: 'custom', message: invalid(v, expected) });
  });

const Envelope = z.looseObject({
  apiVersion: formatted(isValidApiVersion, EXPECT.apiVersion),
  kind: formatted(isValidKind, EXPECT.kind),
  metadata: z.looseObject({
    name: formatted(isValidObjectName, EXPECT.name),
    namespace: formatted(isValidNamespace, EXPECT.namespace).optional(),
    title: z.string().optional(),
    description: z.string().optional(),
  }),
  spec: z.record(z.string(), z.unknown()).optional(),
});

const isUnresolvedPlaceholder = (v: unknown): boolean => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && ['$text', '$json', '$yaml'].includes(keys[0]!);
};

/** A field inside a placeholder that could not be resolved was already reported by the placeholder step. */
function insidePlaceholder(value: unknown, path: readonly (string | number)[]): boolean {
  let cur = value;
  for (const p of path) {
    if (isUnresolvedPlaceholder(cur)) return true;
    if (cur === null || typeof cur !== 'object') return false;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return isUnresolvedPlaceholder(cur);
}

function zodIssues(schema: z.ZodType, value: unknown, prefix: YamlPath, severity: Severity): ValidationIssue[] {
  return schemaIssues(schema, value).flatMap((issue) => {
    if (insidePlaceholder(value, issue.path)) return [];
    const path = [...prefix, ...issue.path];
    return [{ severity, code: 'catalog.invalid-field', path, message: `${formatPath(path)}: ${issue.message}` }];
  });
}

const warn = (path: YamlPath, message: string, code = 'catalog.invalid-field'): ValidationIssue =>
  ({ severity: 'warning', code, path, message: `${formatPath(path)}: ${message}` });

/** Labels and annotations: string→string maps; non-string values are stringified with a warning. */
function cleanStringMap(value: unknown, field: 'labels' | 'annotations', issues: ValidationIssue[]): Record<string, string> | undefined {
  const path: YamlPath = ['metadata', field];
  if (value === undefined) return undefined;
  if (value === null) {
    issues.push(warn(path, 'is empty; write a map or leave the key out'));
    return undefined;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    issues.push(warn(path, `expected a map of strings, found ${describeValue(value)}; ignored`));
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (!isValidMetadataKey(k)) issues.push(warn([...path, k], `key ${invalid(k, EXPECT.key)}`));
    if (v !== null && typeof v === 'object') {
      issues.push(warn([...path, k], `expected a string, found ${describeValue(v)}; ignored`));
      continue;
    }
    const s = v === null || v === undefined ? '' : String(v);
    if (typeof v !== 'string') issues.push(warn([...path, k], `expected a string, found ${describeValue(v)} ${quote(v)}; quote it (read as ${quote(s)})`));
    if (field === 'labels' && !isValidLabelValue(s)) issues.push(warn([...path, k], invalid(s, EXPECT.labelValue)));
    out[k] = s;
  }
  return out;
}

function cleanTags(value: unknown, issues: ValidationIssue[]): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : [value];
  if (!Array.isArray(value)) issues.push(warn(['metadata', 'tags'], `expected a list, found ${describeValue(value)}; read as a list of one`));
  const out: string[] = [];
  list.forEach((t, i) => {
    if (t === null || typeof t === 'object') {
      issues.push(warn(['metadata', 'tags', i], `expected a string, found ${describeValue(t)}; ignored`));
      return;
    }
    const s = String(t);
    if (!isValidTag(s)) issues.push(warn(['metadata', 'tags', i], `${quote(s)} is not a valid tag; expected ${EXPECT.tag}`));
    out.push(s);
  });
  return out;
}

function cleanLinks(value: unknown, issues: ValidationIssue[]): EntityLink[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    issues.push(warn(['metadata', 'links'], `expected a list of {url, title?, icon?, type?}, found ${describeValue(value)}; ignored`));
    return undefined;
  }
  const out: EntityLink[] = [];
  value.forEach((l, i) => {
    const path: YamlPath = ['metadata', 'links', i];
    if (l === null || typeof l !== 'object' || Array.isArray(l)) {
      issues.push(warn(path, `expected {url, title?, icon?, type?}, found ${describeValue(l)}; link dropped`));
      return;
    }
    const link = l as Record<string, unknown>;
    if (typeof link.url !== 'string' || !isAbsoluteUrl(link.url)) {
      issues.push(warn([...path, 'url'], `${link.url === undefined ? 'is required' : invalid(link.url, EXPECT.url)}; link dropped`));
      return;
    }
    if (link.title !== undefined && (typeof link.title !== 'string' || link.title.trim() === '')) {
      issues.push(warn([...path, 'title'], 'expected a non-empty string'));
    }
    if (link.icon !== undefined && (typeof link.icon !== 'string' || !isValidObjectName(link.icon))) {
      issues.push(warn([...path, 'icon'], invalid(link.icon, 'an icon key such as "dashboard", "github", "docs"')));
    }
    out.push({ ...link, url: link.url } as EntityLink);
  });
  return out;
}

export function validateEntity(raw: Record<string, unknown>): ValidationResult {
  const issues: ValidationIssue[] = [];
  if (raw.apiVersion === undefined && raw.kind === undefined) {
    return {
      entity: null,
      issues: [{
        severity: 'warning', code: 'catalog.not-an-entity', path: [],
        message: 'Not a catalog entity: the document has no apiVersion and no kind (another tool\'s YAML file matched the catalog globs?)',
      }],
    };
  }
  const envelopeIssues = zodIssues(Envelope, raw, [], 'error');
  if (envelopeIssues.length > 0) return { entity: null, issues: envelopeIssues };

  const env = raw as { apiVersion: string; kind: string; metadata: Record<string, unknown>; spec?: Record<string, unknown> };
  for (const key of Object.keys(raw)) {
    if (ROOT_KEYS.has(key)) continue;
    issues.push(READ_ONLY_ROOT_KEYS.has(key)
      ? warn([key], `is computed by the catalog and must not be written in a descriptor; ignored`, 'catalog.read-only-field')
      : warn([key], 'unknown root field (only apiVersion, kind, metadata and spec are allowed); ignored', 'catalog.unknown-root-field'));
  }

  let kind = env.kind;
  const def = kindDef(kind);
  let known = false;
  let specSchema: z.ZodType | undefined;
  if (def) {
    if (def.kind !== kind) {
      issues.push(warn(['kind'], `should be written "${def.kind}" (Backstage matches kinds case-sensitively); read as ${def.kind}`, 'catalog.kind-case'));
      kind = def.kind;
    }
    if (def.apiVersions.includes(env.apiVersion)) {
      known = true;
      specSchema = def.spec;
    } else if (def.legacyApiVersions?.includes(env.apiVersion)) {
      known = true;
      specSchema = def.legacySpec;
      issues.push(warn(['apiVersion'], `${def.kind} ${env.apiVersion} is no longer loaded by Backstage; use ${def.apiVersions[0]}`, 'catalog.deprecated-api-version'));
    } else {
      issues.push(warn(['apiVersion'], `${quote(env.apiVersion)} is not an apiVersion of ${def.kind} (expected ${def.apiVersions.join(' or ')}); kept as a generic entity`, 'catalog.unknown-kind'));
    }
  } else {
    issues.push(warn(['kind'], `${quote(kind)} (apiVersion ${quote(env.apiVersion)}) is not a kind Playbill knows; kept as a generic entity`, 'catalog.unknown-kind'));
  }

  let spec = env.spec;
  if (spec === undefined) {
    if (known && kind !== 'Location') {
      issues.push({ severity: 'error', code: 'catalog.invalid-field', path: ['spec'], message: 'spec: is required' });
      return { entity: null, issues };
    }
    if (known) issues.push(warn(['spec'], 'is missing; read as {}'));
    spec = {};
  }
  if (specSchema) {
    const specIssues = zodIssues(specSchema, spec, ['spec'], 'error');
    issues.push(...specIssues);
    if (specIssues.length > 0) return { entity: null, issues };
  }

  const m = env.metadata;
  const metadata: EntityMetadata = { ...m, name: m.name as string, namespace: (m.namespace as string | undefined) ?? 'default' };
  const labels = cleanStringMap(m.labels, 'labels', issues);
  const annotations = cleanStringMap(m.annotations, 'annotations', issues);
  const tags = cleanTags(m.tags, issues);
  const links = cleanLinks(m.links, issues);
  for (const [key, v] of [['labels', labels], ['annotations', annotations], ['tags', tags], ['links', links]] as const) {
    if (v === undefined) delete metadata[key];
    else metadata[key] = v as never;
  }
  return { entity: { apiVersion: env.apiVersion, kind, metadata, spec, known }, issues };
}
