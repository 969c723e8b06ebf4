/**
 * Reads a docs folder's `mkdocs.yaml`/`mkdocs.yml` (none → MkDocs' defaults) and resolves
 * `docs_dir` inside it. Unknown YAML tags (`!!python/name:…`, `!relative`) are kept as opaque data,
 * as TechDocs does; `!ENV` takes its default (see EnvTag); only the keys a static portal needs are read.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { DiagnosticSink } from '../diagnostics.js';
import { formatPath } from '../catalog/field-path.js';
import type { Snapshot } from '../sources/types.js';
import { countNodes, MAX_YAML_NODES } from '../catalog/parse.js';
import { readInside, resolveInside } from '../sources/files.js';
import { MD_EXT } from './render/links.js';
import { lineOfPath, type YamlPath } from '../yaml/positions.js';
import { quote } from '../yaml/quote.js';
import { dropProtoKeys, findTooDeep, isTooDeepError, protoKeyMessage, tooDeepMessage, yamlLoadOptions } from '../yaml/untrusted.js';

export interface MkdocsConfig {
  /** posix path of the config file relative to the source root; absent when the defaults were used. */
  file?: string;
  /** The file's text, to point nav diagnostics at lines. */
  text?: string;
  siteName?: string;
  siteDescription?: string;
  /** posix, relative to the source root ('' = the root). */
  docsDir: string;
  /** Where problems of the whole docs folder point: `docs_dir` in the config, else the techdocs-ref. */
  place?: RefPlace;
  nav?: unknown;
  repoUrl?: string;
  editUri?: string;
  /** pymdownx.highlight's `linenums`: on for all of TechDocs (techdocs-core) unless false here. */
  linenums?: boolean;
}

const MAX_CONFIG_BYTES = 512 * 1024;

type NodeKind = 'scalar' | 'sequence' | 'mapping';

const opaque = (tag: string, kind: NodeKind, empty: () => unknown) =>
  new yaml.Type(tag, { kind, multi: true, construct: (data: unknown) => data ?? empty() });

/**
 * MkDocs' `!ENV NAME` / `!ENV [NAME, …, default]` (pyyaml-env-tag): the first of the named
 * environment variables that is set, else the last item of a list of two or more, else null.
 *
 * Playbill deliberately never reads the variables. The config comes from a repo and the build runs
 * on a CI machine holding tokens: `site_name: !ENV GITHUB_TOKEN` would publish one on every page.
 * So the value is always the default, and an info diagnostic says so (see resolveEnvTags). Parsing
 * only records the tag; it is replaced once the config has passed its size and depth checks.
 */
class EnvTag {
  constructor(
    /** What was written after `!ENV`, for the message. */
    readonly written: unknown,
    /** The value used instead of the environment's. */
    readonly fallback: unknown,
    /** `!ENV {…}`: MkDocs refuses it. */
    readonly invalid = false,
  ) {}
}

const envTag = (kind: NodeKind) => new yaml.Type('!ENV', {
  kind,
  construct: (data: unknown) => {
    if (kind === 'mapping') return new EnvTag(data ?? {}, null, true);
    if (kind === 'scalar') return new EnvTag(data ?? '', null);
    const items = Array.isArray(data) ? data : [];
    return new EnvTag(items, items.length > 1 ? items[items.length - 1] : null);
  },
});

/**
 * Any other `!local` or `!!global` tag becomes the plain value it tags (exact tags such as `!ENV` win
 * over these). `!ENV` becomes an EnvTag, which only parseMkdocsConfig turns into a value.
 */
export const MKDOCS_SCHEMA = yaml.DEFAULT_SCHEMA.extend([
  envTag('scalar'), envTag('sequence'), envTag('mapping'),
  ...['!', 'tag:yaml.org,2002:'].flatMap((t) => [
    opaque(t, 'scalar', () => ''),
    opaque(t, 'sequence', () => []),
    opaque(t, 'mapping', () => ({})),
  ]),
]);

/**
 * Replaces every `!ENV` in the (checked) config by its default, in place, with one diagnostic per
 * tag at its line. No recursion; a tag shared through a YAML alias is replaced everywhere, reported once.
 */
function resolveEnvTags(root: Record<string, unknown>, file: string, text: string, sink: DiagnosticSink): void {
  const reported = new Set<EnvTag>();
  const report = (at: YamlPath, tag: EnvTag) => {
    if (reported.has(tag)) return;
    reported.add(tag);
    const where = { code: 'docs.mkdocs-env', file, line: lineOfPath(text, 1, at) };
    if (tag.invalid) {
      sink.warning({ ...where, message: `${formatPath(at)}: !ENV takes a variable name or a list [NAME, …, default], not a map (MkDocs refuses this config); read as null` });
      return;
    }
    const used = tag.fallback === null || tag.fallback === undefined ? 'there is no default, so it is empty (null)' : `the default ${quote(tag.fallback)} is used`;
    sink.info({ ...where, message: `${formatPath(at)}: !ENV ${quote(tag.written)}: environment variables are not read from a repo's mkdocs config, for safety (it could publish the build machine's secrets); ${used}` });
  };
  const seen = new Set<object>();
  const stack: Array<{ node: Record<string | number, unknown>; path: YamlPath }> = [{ node: root, path: [] }];
  while (stack.length > 0) {
    const { node, path: at } = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    for (const key of Array.isArray(node) ? [...node.keys()] : Object.keys(node)) {
      const here = [...at, key];
      let v = node[key];
      // a default may itself be tagged: `!ENV [A, !ENV [B, x]]`
      while (v instanceof EnvTag) { report(here, v); v = v.fallback; }
      node[key] = v;
      if (v !== null && typeof v === 'object') stack.push({ node: v as Record<string | number, unknown>, path: here });
    }
  }
}

/**
 * The parsed config as data, or `{}` (the defaults) with a diagnostic: not a mapping, or nested too
 * deeply or expanding to too many nodes for the nav walk and the site stage. `__proto__` keys are dropped.
 */
function checked(loaded: unknown, file: string, text: string, sink: DiagnosticSink): Record<string, unknown> {
  if (loaded === undefined || loaded === null) return {};
  if (typeof loaded !== 'object' || Array.isArray(loaded) || loaded instanceof EnvTag) {
    sink.warning({ code: 'docs.mkdocs-invalid', file, line: 1, message: 'mkdocs config is not a mapping; using defaults' });
    return {};
  }
  // an alias bomb in `nav` would make the nav walk expand it, as it would a descriptor's
  if (countNodes(loaded) > MAX_YAML_NODES) {
    sink.error({ code: 'docs.mkdocs-invalid', file, line: 1, message: `mkdocs config expands to more than ${MAX_YAML_NODES.toLocaleString('en-US')} YAML nodes (aliases counted each time they are used); using defaults` });
    return {};
  }
  const deep = findTooDeep(loaded);
  if (deep) {
    sink.error({ code: 'docs.too-deep', file, line: lineOfPath(text, 1, deep), message: `mkdocs config is ${tooDeepMessage()}; using defaults` });
    return {};
  }
  for (const at of dropProtoKeys(loaded)) {
    sink.warning({ code: 'docs.proto-key', file, line: lineOfPath(text, 1, at), message: protoKeyMessage(formatPath(at)) });
  }
  resolveEnvTags(loaded as Record<string, unknown>, file, text, sink);
  return loaded as Record<string, unknown>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const join = (a: string, b: string) => (a === '' ? b : b === '' ? a : `${a}/${b}`);

function hasMarkdown(abs: string): boolean {
  try {
    return readdirSync(abs).some((n) => MD_EXT.test(n));
  } catch { return false; }
}

/** The line of `docs_dir` in a config file (1 when it is left out), or undefined without a file. */
export function configPlace(file: string | undefined, text: string | undefined, data: Record<string, unknown> = {}): { file: string; line: number } | undefined {
  if (file === undefined || text === undefined) return undefined;
  return { file, line: data.docs_dir === undefined ? 1 : lineOfPath(text, 1, ['docs_dir']) };
}

/**
 * The text of an mkdocs config as data: `{}` (MkDocs' defaults) with a diagnostic when it is not
 * valid YAML or fails the checks above; every `!ENV` replaced by its default.
 */
export function parseMkdocsConfig(text: string, file: string, sink: DiagnosticSink): Record<string, unknown> {
  try {
    return checked(yaml.load(text, yamlLoadOptions({ schema: MKDOCS_SCHEMA, filename: file })), file, text, sink);
  } catch (e) {
    const mark = (e as { mark?: { line: number; column: number } }).mark;
    if (isTooDeepError(e)) {
      sink.error({ code: 'docs.too-deep', file, line: mark ? mark.line + 1 : 1, message: `mkdocs config is ${tooDeepMessage()}; using defaults` });
    } else sink.error({
      code: 'docs.mkdocs-syntax', file, message: `mkdocs config is not valid YAML: ${(e as { reason?: string }).reason ?? (e as Error).message}; using defaults`,
      ...(mark ? { line: mark.line + 1, column: mark.column + 1 } : { line: 1 }),
    });
    return {};
  }
}

/** Where a problem of the docs folder is reported when there is no config file: the techdocs-ref's line. */
export interface RefPlace { file: string; line: number; source?: string }

/**
 * @param dir the folder the techdocs-ref names (posix, relative to the source root)
 * @param mayBeDocsDir the ref looked like it named the docs folder itself (legacy `dir:/docs`)
 * @param refAt where the techdocs-ref is written, for problems when there is no config file
 * @returns undefined when there is no usable docs folder (a diagnostic says why)
 */
export function loadMkdocsConfig(
  snapshot: Snapshot, dir: string, sink: DiagnosticSink, mayBeDocsDir = false, refAt?: () => RefPlace,
): MkdocsConfig | undefined {
  for (const name of ['mkdocs.yaml', 'mkdocs.yml']) {
    const buf = readInside(snapshot.root, join(dir, name), MAX_CONFIG_BYTES);
    if (buf) return configOf(snapshot, dir, join(dir, name), buf.toString('utf8'), sink, mayBeDocsDir, refAt);
  }
  return configOf(snapshot, dir, undefined, undefined, sink, mayBeDocsDir, refAt);
}

/**
 * An included project's config, read from the file an `!include` names (posix, relative to the
 * source root, already resolved inside it); `null` when it is not a readable file of at most 512 KiB.
 */
export function loadMkdocsFile(snapshot: Snapshot, file: string, sink: DiagnosticSink): MkdocsConfig | undefined | null {
  const buf = readInside(snapshot.root, file, MAX_CONFIG_BYTES);
  if (!buf) return null;
  const dir = path.posix.dirname(file);
  return configOf(snapshot, dir === '.' ? '' : dir, file, buf.toString('utf8'), sink, false);
}

function configOf(
  snapshot: Snapshot, dir: string, file: string | undefined, text: string | undefined, sink: DiagnosticSink,
  mayBeDocsDir: boolean, refAt?: () => RefPlace,
): MkdocsConfig | undefined {
  const data = file !== undefined && text !== undefined ? parseMkdocsConfig(text, file, sink) : {};

  // problems with the docs folder point at `docs_dir` in the config (line 1 when the key is left
  // out); without a config file, at the techdocs-ref that named the folder
  const place: RefPlace | undefined = configPlace(file, text, data) ?? refAt?.();
  const at = place ?? {};
  const docsDirRaw = data.docs_dir === undefined ? 'docs' : str(data.docs_dir);
  if (docsDirRaw === undefined) {
    sink.error({ code: 'docs.mkdocs-invalid', ...at, message: `docs_dir: expected a non-empty string (a folder next to the mkdocs config), found ${quote(data.docs_dir)}` });
    return undefined;
  }
  const normal = path.posix.normalize(docsDirRaw);
  if (docsDirRaw.startsWith('/') || normal === '..' || normal.startsWith('../')) {
    sink.error({ code: 'docs.path-outside', ...at, message: `docs_dir ${quote(docsDirRaw)} must stay inside the folder of the mkdocs config` });
    return undefined;
  }
  let r = resolveInside(snapshot.root, dir, normal);
  if (!r.ok && file === undefined && mayBeDocsDir) {
    const self = resolveInside(snapshot.root, dir, '.');
    if (self.ok && hasMarkdown(self.abs)) {
      sink.info({ code: 'docs.legacy-ref', ...at, message: `no mkdocs config in ${quote(dir || '.')}; its Markdown files are used as the docs folder` });
      r = self;
    }
  }
  if (!r.ok) {
    if (r.reason === 'missing') {
      sink.warning({ code: 'docs.missing-dir', ...at, message: `docs folder ${quote(join(dir, normal))} does not exist${file ? '' : ' (no mkdocs.yml, so the default "docs" was used)'}` });
    } else {
      sink.error({ code: 'docs.path-outside', ...at, message: `docs_dir ${quote(docsDirRaw)} leaves the source; refused` });
    }
    return undefined;
  }
  if (!statSync(r.abs).isDirectory()) {
    sink.warning({ code: 'docs.missing-dir', ...at, message: `docs_dir ${quote(r.rel)} is not a folder` });
    return undefined;
  }

  const cfg: MkdocsConfig = { docsDir: r.rel, linenums: highlightLinenums(data.markdown_extensions) };
  if (place) cfg.place = place;
  if (file !== undefined) cfg.file = file;
  if (text !== undefined) cfg.text = text;
  const siteName = str(data.site_name);
  if (siteName) cfg.siteName = siteName;
  const desc = str(data.site_description);
  if (desc) cfg.siteDescription = desc;
  // `nav: null` (also what `!ENV` gives without a default) means no nav in MkDocs: the folder tree
  if (data.nav !== undefined && data.nav !== null) cfg.nav = data.nav;
  const repoUrl = str(data.repo_url);
  if (repoUrl && /^https?:\/\//i.test(repoUrl)) cfg.repoUrl = repoUrl.replace(/\/+$/, '');
  if (typeof data.edit_uri === 'string') cfg.editUri = data.edit_uri.trim();
  return cfg;
}

/**
 * techdocs-core configures pymdownx.highlight with `linenums: true` and lets a site's own
 * `markdown_extensions: [{ pymdownx.highlight: { linenums: false } }]` override it.
 */
function highlightLinenums(extensions: unknown): boolean {
  if (!Array.isArray(extensions)) return true;
  for (const e of extensions) {
    const options = e && typeof e === 'object' ? (e as Record<string, unknown>)['pymdownx.highlight'] : undefined;
    const value = options && typeof options === 'object' ? (options as Record<string, unknown>).linenums : undefined;
    if (value === false || value === 'false' || value === 'False') return false;
  }
  return true;
}
