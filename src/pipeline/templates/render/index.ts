/**
 * A software template's skeleton rendered with the reader's values, in Backstage's templating
 * dialect: Nunjucks with `${{ }}` for expressions (`{% %}` blocks as Nunjucks has them), `values.*`
 * in skeleton files and names, `parameters.*` and `steps.*` in step inputs, and the scaffolder's
 * filters. What `fetch:template`, `fetch:template:file` and `fetch:plain` do, as a pure function over
 * files in memory, so `playbill scaffold` and the reader's browser share it.
 *
 * Nunjucks is not a sandbox: a template can reach `constructor` and run code. Callers run this only
 * where that code can reach nothing (an opaque-origin frame in the browser, a child process with
 * Node's permission model in the CLI); nothing here decides trust.
 */
import nunjucks from 'nunjucks';
import { minimatch } from 'minimatch';
import { now, parseEntityRef, parseRepoUrl, pick, projectSlug } from './filters.js';

export interface SkeletonFile {
  /** Relative to the skeleton's folder, `/`-separated. */
  path: string;
  content: Uint8Array;
  /** The file is executable (kept so a rendered `gradlew` still runs). */
  executable?: boolean;
}

export interface RenderedFile { path: string; content: Uint8Array; executable?: boolean; rendered: boolean }

export interface RenderProblem { file?: string; line?: number; message: string }

export interface FetchTemplateOptions {
  /** Where the files go in the new project (default: its root). */
  targetPath?: string;
  /** `values.*` of the skeleton. */
  values: Record<string, unknown>;
  /** Globs of files copied as they are (names still rendered); `copyWithoutRender` is the old name. */
  copyWithoutTemplating?: readonly string[];
  /** Only files with this extension (`true`: `.njk`) are rendered, and lose it. */
  templateFileExtension?: boolean | string;
  /** `{{ cookiecutter.x }}` as cookiecutter templates write it. */
  cookiecutterCompat?: boolean;
  /** `fetch:plain`: copy everything as it is, names too. */
  plain?: boolean;
}

/** One environment per dialect: `validate` checks every string of every template with it. */
const environments = new Map<boolean, nunjucks.Environment>();

function environment(cookiecutter: boolean): nunjucks.Environment {
  const known = environments.get(cookiecutter);
  if (known) return known;
  const env = new nunjucks.Environment(null, {
    autoescape: false,
    throwOnUndefined: false,
    ...(cookiecutter ? {} : { tags: { variableStart: '${{', variableEnd: '}}' } }),
  });
  env.addFilter('parseRepoUrl', parseRepoUrl);
  env.addFilter('parseEntityRef', parseEntityRef);
  env.addFilter('pick', pick);
  env.addFilter('projectSlug', projectSlug);
  env.addFilter('now', now);
  // Backstage's own: JSON of a value, for YAML and JSON files
  env.addFilter('dump', (v: unknown) => JSON.stringify(v));
  environments.set(cookiecutter, env);
  return env;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/** Text, or undefined for a binary file (a NUL byte, or not UTF-8): copied as it is. */
function textOf(content: Uint8Array): string | undefined {
  if (content.subarray(0, 8000).includes(0)) return undefined;
  try {
    return decoder.decode(content);
  } catch {
    return undefined;
  }
}

/** A Nunjucks error as one line, with the template's line when it says one. */
function problemOf(e: unknown, file?: string): RenderProblem {
  const raw = e instanceof Error ? e.message : String(e);
  const line = /\[Line (\d+), Column \d+\]/.exec(raw);
  const message = raw.replace(/^\(unknown path\)\s*/, '').replace(/\s*\[Line \d+, Column \d+\]\s*/, ' ').replace(/\s+/g, ' ').trim();
  return { ...(file ? { file } : {}), ...(line ? { line: Number(line[1]) } : {}), message };
}

/**
 * A rendered path kept inside the new project: `/`-separated, no empty, `.` or `..` segment. A
 * template whose names render to `../../.bashrc` writes nothing there.
 */
export function safeJoin(target: string, rel: string): string | undefined {
  const parts = [...target.split('/'), ...rel.split('/')].filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..' || p.includes('\\') || p.includes('\0'))) return undefined;
  return parts.length ? parts.join('/') : undefined;
}

export function renderSkeleton(files: readonly SkeletonFile[], opts: FetchTemplateOptions): { files: RenderedFile[]; problems: RenderProblem[] } {
  const env = environment(opts.cookiecutterCompat ?? false);
  const context = { values: opts.values, ...(opts.cookiecutterCompat ? { cookiecutter: opts.values } : {}) };
  const ext = opts.templateFileExtension === true ? '.njk' : opts.templateFileExtension || undefined;
  const verbatim = (opts.copyWithoutTemplating ?? []).map((g) => g.replace(/^\.\//, ''));
  const target = (opts.targetPath ?? '').replace(/^\.\/?/, '');
  const out: RenderedFile[] = [];
  const problems: RenderProblem[] = [];

  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    let rel = file.path;
    let render = !opts.plain;
    if (render && verbatim.some((g) => minimatch(file.path, g, { dot: true }) || minimatch(file.path, `${g.replace(/\/+$/, '')}/**`, { dot: true }))) render = false;
    if (render && ext) {
      if (rel.endsWith(ext)) rel = rel.slice(0, -ext.length);
      else render = false;
    }
    if (!opts.plain) {
      try {
        rel = env.renderString(rel, context);
      } catch (e) {
        problems.push(problemOf(e, file.path));
        continue;
      }
    }
    const where = safeJoin(target, rel);
    if (!where) {
      problems.push({ file: file.path, message: `its name renders to "${rel}", which is outside the new project: not written` });
      continue;
    }
    const text = render ? textOf(file.content) : undefined;
    if (text === undefined) {
      out.push({ path: where, content: file.content, ...(file.executable ? { executable: true } : {}), rendered: false });
      continue;
    }
    try {
      out.push({ path: where, content: encoder.encode(env.renderString(text, context)), ...(file.executable ? { executable: true } : {}), rendered: true });
    } catch (e) {
      problems.push(problemOf(e, file.path));
    }
  }
  // two files rendering to one name: the later would silently replace the earlier
  const seen = new Map<string, number>();
  out.forEach((f, i) => seen.set(f.path, i));
  const kept = out.filter((f, i) => seen.get(f.path) === i);
  if (kept.length < out.length) problems.push({ message: `${out.length - kept.length} file name(s) render to a name another file has; the last one is kept` });
  return { files: kept, problems };
}

/**
 * A step's `input` with its `${{ }}` expressions evaluated against `{ parameters, steps, user }`.
 * A string that is one expression keeps the value's type (a boolean stays a boolean, an object an
 * object), as in Backstage; any other string is rendered to a string.
 */
export function renderInput(value: unknown, context: Record<string, unknown>): { value: unknown; problems: RenderProblem[] } {
  const env = environment(false);
  const problems: RenderProblem[] = [];
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (!v.includes('${{')) return v;
      try {
        const single = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(v);
        if (single && !single[1]!.includes('}}')) {
          const json = env.renderString(`\${{ (${single[1]}) | dump }}`, context);
          return json === '' || json === 'undefined' ? undefined : JSON.parse(json);
        }
        return env.renderString(v, context);
      } catch (e) {
        problems.push(problemOf(e));
        return undefined;
      }
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return { value: walk(value), problems };
}

/** Every `${{ }}` of a text parses: for `validate`, without values. */
export function checkSyntax(text: string, cookiecutter = false): RenderProblem | undefined {
  try {
    // compiled eagerly: the whole template is parsed, and its first error has a line
    new nunjucks.Template(text, environment(cookiecutter), undefined, true);
    return undefined;
  } catch (e) {
    return problemOf(e);
  }
}
