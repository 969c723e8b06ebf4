/**
 * The templates stage: Catalog + snapshots ─► one `TemplateModel` per Template entity, plain data:
 * its parameters, its steps, and for each `fetch:template` / `fetch:template:file` / `fetch:plain`
 * step the skeleton's files (paths, sizes, content hashes, where to read them). Problems are
 * diagnostics at the template's file and line: a skeleton that is missing, outside the repository or
 * too large, and `${{ }}` that does not parse, in the steps or in the skeleton's files; a parameters
 * page that is not JSON Schema, and a `parameters.x` or skeleton `values.x` that names nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DiagnosticSink, type Diagnostic } from '../diagnostics.js';
import type { Catalog, Entity } from '../catalog/types.js';
import { entityRefOf } from '../catalog/index.js';
import type { Snapshot } from '../sources/types.js';
import { lineOfPath, type YamlPath } from '../yaml/positions.js';
import { readSkeleton, type SkeletonEntry } from './skeletons.js';
import { checkSyntax } from './render/index.js';
import { contentRendered, fieldsOf, referencesIn, schemaProblem } from './checks.js';
import { closest, distance } from 'fastest-levenshtein';

/** The actions that fetch files a reader's browser or `playbill scaffold` can render. */
export const FETCH_ACTIONS = ['fetch:template', 'fetch:template:file', 'fetch:plain', 'fetch:plain:file'] as const;

export interface TemplateStep {
  id: string;
  name?: string;
  action: string;
  /** As written: `${{ }}` are evaluated when the template is used. */
  input: Record<string, unknown>;
  if?: unknown;
  /** A fetch step's files, when its `url` is a folder or file of the template's repository. */
  skeleton?: { files: SkeletonEntry[]; bytes: number };
}

export interface TemplateModel {
  ref: string;
  /** `scaffolder.backstage.io/v1beta3` is the dialect rendered here; older ones are reported. */
  apiVersion: string;
  /** `spec.parameters` as written: one JSON Schema object or a list of form pages. */
  parameters: Array<Record<string, unknown>>;
  steps: TemplateStep[];
  output?: unknown;
}

export interface TemplatesResult { templates: TemplateModel[]; diagnostics: Diagnostic[] }

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export function templatesStage(input: { catalog: Catalog; snapshots: readonly Snapshot[] }): TemplatesResult {
  const bySource = new Map(input.snapshots.map((s) => [s.name, s]));
  const sink = new DiagnosticSink();
  const templates: TemplateModel[] = [];
  for (const entity of input.catalog.entities) {
    if (entity.kind !== 'Template') continue;
    const snapshot = bySource.get(entity.source.source);
    templates.push(readTemplate(entity, snapshot, sink.with({ source: entity.source.source, file: entity.source.path, entityRef: entityRefOf(entity) })));
  }
  return { templates, diagnostics: sink.items };
}

function readTemplate(entity: Entity, snapshot: Snapshot | undefined, sink: DiagnosticSink): TemplateModel {
  const spec = asRecord(entity.spec);
  const lineOf = lineFinder(entity, snapshot);
  // v1beta2 wrote step inputs in Handlebars ('{{ parameters.x }}'), which Backstage itself no longer reads
  if (entity.apiVersion !== 'scaffolder.backstage.io/v1beta3') {
    sink.warning({ code: 'templates.api-version', message: `${entity.apiVersion} templates are not rendered: their steps are written for an older scaffolder; move to scaffolder.backstage.io/v1beta3 (\${{ }} expressions)`, line: lineOf(['apiVersion']) });
  }
  const rawPages: unknown[] = Array.isArray(spec.parameters) ? spec.parameters : spec.parameters ? [spec.parameters] : [];
  const parameters = rawPages.map(asRecord);
  // each page is JSON Schema: the form Backstage draws from it fails to load otherwise
  rawPages.forEach((page, i) => {
    const bad = schemaProblem(page);
    if (!bad) return;
    const single = !Array.isArray(spec.parameters);
    const title = typeof asRecord(page).title === 'string' ? ` ("${asRecord(page).title as string}")` : '';
    sink.error({ code: 'templates.parameters', message: `${single ? 'parameters' : `parameters page ${i + 1}`}${title} is not valid JSON Schema: ${bad}`, line: lineOf(single ? ['spec', 'parameters'] : ['spec', 'parameters', i]) });
  });
  const fields = fieldsOf(rawPages);
  const rawSteps = Array.isArray(spec.steps) ? spec.steps : [];
  const steps: TemplateStep[] = rawSteps.map((raw, i) => {
    const s = asRecord(raw);
    const step: TemplateStep = { id: typeof s.id === 'string' ? s.id : `step-${i + 1}`, action: String(s.action ?? ''), input: asRecord(s.input) };
    if (typeof s.name === 'string') step.name = s.name;
    if (s.if !== undefined) step.if = s.if;
    // every `${{ }}` of the step parses: an author's typo is caught in their PR, not by a reader
    const unknown = new Set<string>();
    for (const [where, text] of strings(s, ['spec', 'steps', i])) {
      const bad = checkSyntax(text);
      if (bad) {
        sink.error({ code: 'templates.syntax', message: `step "${step.id}": \${{ }} does not parse: ${bad.message}`, line: lineOf(where) });
        continue;
      }
      // `parameters.x` is a field of the form: a misspelt one renders empty, silently
      for (const ref of (fields && referencesIn(text, ['parameters'])) || []) {
        if (fields!.has(ref.name) || unknown.has(ref.name)) continue;
        unknown.add(ref.name);
        sink.warning({ code: 'templates.unknown-parameter', message: `step "${step.id}": parameters.${ref.name} is not a field of any parameters page${didYouMean(ref.name, fields!)}`, line: lineOf(where) });
      }
    }
    if ((FETCH_ACTIONS as readonly string[]).includes(step.action)) {
      const url = step.input.url;
      if (typeof url !== 'string' || !url) {
        sink.error({ code: 'templates.skeleton-url', message: `step "${step.id}" (${step.action}) has no input.url`, line: lineOf(['spec', 'steps', i]) });
      } else if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.includes('${{')) {
        sink.info({ code: 'templates.skeleton-remote', message: `step "${step.id}" fetches ${url}: not a folder of this repository, so it is a step to run by hand`, line: lineOf(['spec', 'steps', i, 'input', 'url']) });
      } else if (snapshot) {
        const read = readSkeleton(snapshot.root, path.posix.dirname(entity.source.path), url);
        if (!read.ok) {
          sink.error({ code: 'templates.skeleton', message: `step "${step.id}": ${read.message}`, line: lineOf(['spec', 'steps', i, 'input', 'url']) });
        } else {
          step.skeleton = { files: read.files, bytes: read.bytes };
          if (!step.action.startsWith('fetch:plain')) checkSkeleton(read.files, read.rel, step, sink);
        }
      }
    }
    return step;
  });
  return { ref: entityRefOf(entity), apiVersion: entity.apiVersion, parameters, steps, ...(spec.output !== undefined ? { output: spec.output } : {}) };
}

/** Syntax of the skeleton's text files, each problem at the skeleton file's own line. */
function checkSkeleton(files: readonly SkeletonEntry[], dir: string, step: TemplateStep, sink: DiagnosticSink) {
  const cookiecutter = step.input.cookiecutterCompat === true;
  // `values.x` is checked against the step's values when they are written out, not one `${{ parameters }}`
  const values = step.input.values && typeof step.input.values === 'object' && !Array.isArray(step.input.values) ? new Set(Object.keys(step.input.values)) : undefined;
  const roots = cookiecutter ? ['values', 'cookiecutter'] : ['values'];
  for (const f of files) {
    if (f.size > 512 * 1024) continue;
    const buf = readFileSync(f.abs);
    if (buf.subarray(0, 8000).includes(0)) continue;
    const file = path.posix.join(dir, f.path);
    const unknown = new Set<string>();
    for (const text of [f.path, buf.toString('utf8')]) {
      const bad = checkSyntax(text, cookiecutter);
      if (bad) {
        // Nunjucks names no line for a block left open: it is open at the end of the file
        const line = bad.line ?? (/end of file/.test(bad.message) ? text.split('\n').length : undefined);
        sink.error({ code: 'templates.syntax', message: `skeleton of step "${step.id}": ${text === f.path ? 'its name' : 'the file'} does not parse: ${bad.message}`, file, ...(line ? { line } : {}) });
        break;
      }
      if (!values || (text !== f.path && !contentRendered(f.path, step.input))) continue;
      for (const ref of referencesIn(text, roots, cookiecutter) ?? []) {
        if (values.has(ref.name) || unknown.has(ref.name)) continue;
        unknown.add(ref.name);
        sink.warning({ code: 'templates.unknown-parameter', message: `skeleton of step "${step.id}": ${ref.root}.${ref.name} is not one of the step's input.values${didYouMean(ref.name, values)}`, file, ...(text === f.path ? {} : { line: ref.line }) });
      }
    }
  }
}

/** A known name one or two edits away from a misspelt one. */
function didYouMean(name: string, known: ReadonlySet<string>): string {
  if (!known.size) return '';
  const near = closest(name, [...known]);
  return distance(name, near) <= Math.min(2, Math.floor(name.length / 2)) ? ` (did you mean ${near}?)` : '';
}

/** Every string holding `${{` in a value, with its path. */
function strings(v: unknown, at: YamlPath): Array<[YamlPath, string]> {
  if (typeof v === 'string') return v.includes('${{') ? [[at, v]] : [];
  if (Array.isArray(v)) return v.flatMap((x, i) => strings(x, [...at, i]));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => strings(x, [...at, k]));
  return [];
}

/** Lines of fields of the template's own YAML document, for diagnostics. */
function lineFinder(entity: Entity, snapshot: Snapshot | undefined): (p: YamlPath) => number {
  const first = entity.source.line || 1;
  let text = '';
  try {
    if (snapshot && entity.source.path) {
      const lines = readFileSync(path.join(snapshot.root, entity.source.path), 'utf8').split(/\r?\n/).slice(first - 1);
      const end = lines.findIndex((l, i) => i > 0 && /^---(\s|$)/.test(l));
      text = (end < 0 ? lines : lines.slice(0, end)).join('\n');
    }
  } catch { /* the file went away: the document's first line */ }
  return (p) => (text ? lineOfPath(text, first, p) : first);
}
