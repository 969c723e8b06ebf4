/**
 * Reads a docs folder's `mkdocs.yaml`/`mkdocs.yml` (none → MkDocs' defaults) and resolves
 * `docs_dir` inside it. Unknown YAML tags (`!ENV`, `!!python/name:…`, `!relative`) are kept as
 * opaque data, as TechDocs does; only the keys a static portal needs are read.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { DiagnosticSink } from '../diagnostics.js';
import type { Snapshot } from '../sources/types.js';
import { countNodes, MAX_YAML_NODES } from '../catalog/parse.js';
import { readInside, resolveInside } from '../sources/files.js';
import { lineOfPath } from '../yaml/locate.js';
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
  nav?: unknown;
  repoUrl?: string;
  editUri?: string;
}

const MAX_CONFIG_BYTES = 512 * 1024;

const opaque = (tag: string, kind: 'scalar' | 'sequence' | 'mapping', empty: () => unknown) =>
  new yaml.Type(tag, { kind, multi: true, construct: (data: unknown) => data ?? empty() });

/** Any `!local` or `!!global` tag becomes the plain value it tags. */
export const MKDOCS_SCHEMA = yaml.DEFAULT_SCHEMA.extend(
  ['!', 'tag:yaml.org,2002:'].flatMap((t) => [
    opaque(t, 'scalar', () => ''),
    opaque(t, 'sequence', () => []),
    opaque(t, 'mapping', () => ({})),
  ]),
);

/**
 * The parsed config as data, or `{}` (the defaults) with a diagnostic: not a mapping, or nested too
 * deeply or expanding to too many nodes for the nav walk and the site stage. `__proto__` keys are dropped.
 */
function checked(loaded: unknown, file: string, text: string, sink: DiagnosticSink): Record<string, unknown> {
  if (loaded === undefined || loaded === null) return {};
  if (typeof loaded !== 'object' || Array.isArray(loaded)) {
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
    sink.warning({ code: 'docs.proto-key', file, line: lineOfPath(text, 1, at), message: protoKeyMessage(at.join('.')) });
  }
  return loaded as Record<string, unknown>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const join = (a: string, b: string) => (a === '' ? b : b === '' ? a : `${a}/${b}`);

function hasMarkdown(abs: string): boolean {
  try {
    return readdirSync(abs).some((n) => /\.(md|markdown)$/i.test(n));
  } catch { return false; }
}

/**
 * @param dir the folder the techdocs-ref names (posix, relative to the source root)
 * @param mayBeDocsDir the ref looked like it named the docs folder itself (legacy `dir:/docs`)
 * @returns undefined when there is no usable docs folder (a diagnostic says why)
 */
export function loadMkdocsConfig(
  snapshot: Snapshot, dir: string, sink: DiagnosticSink, mayBeDocsDir = false,
): MkdocsConfig | undefined {
  let file: string | undefined;
  let text: string | undefined;
  for (const name of ['mkdocs.yaml', 'mkdocs.yml']) {
    const buf = readInside(snapshot.root, join(dir, name), MAX_CONFIG_BYTES);
    if (buf) { file = join(dir, name); text = buf.toString('utf8'); break; }
  }
  let data: Record<string, unknown> = {};
  if (file !== undefined && text !== undefined) {
    try {
      data = checked(yaml.load(text, yamlLoadOptions({ schema: MKDOCS_SCHEMA, filename: file })), file, text, sink);
    } catch (e) {
      const mark = (e as { mark?: { line: number; column: number } }).mark;
      if (isTooDeepError(e)) {
        sink.error({ code: 'docs.too-deep', file, line: mark ? mark.line + 1 : 1, message: `mkdocs config is ${tooDeepMessage()}; using defaults` });
      } else sink.error({
        code: 'docs.mkdocs-syntax', file, message: `mkdocs config is not valid YAML: ${(e as { reason?: string }).reason ?? (e as Error).message}; using defaults`,
        ...(mark ? { line: mark.line + 1, column: mark.column + 1 } : {}),
      });
    }
  }

  const docsDirRaw = data.docs_dir === undefined ? 'docs' : str(data.docs_dir);
  if (docsDirRaw === undefined) {
    sink.error({ code: 'docs.mkdocs-invalid', file, message: 'docs_dir must be a non-empty string' });
    return undefined;
  }
  const normal = path.posix.normalize(docsDirRaw);
  if (docsDirRaw.startsWith('/') || normal === '..' || normal.startsWith('../')) {
    sink.error({ code: 'docs.path-outside', file, message: `docs_dir "${docsDirRaw}" must stay inside the folder of the mkdocs config` });
    return undefined;
  }
  let r = resolveInside(snapshot.root, dir, normal);
  if (!r.ok && file === undefined && mayBeDocsDir) {
    const self = resolveInside(snapshot.root, dir, '.');
    if (self.ok && hasMarkdown(self.abs)) {
      sink.info({ code: 'docs.legacy-ref', message: `no mkdocs config in "${dir || '.'}"; its Markdown files are used as the docs folder` });
      r = self;
    }
  }
  if (!r.ok) {
    if (r.reason === 'missing') {
      sink.warning({ code: 'docs.missing-dir', file, message: `docs folder "${join(dir, normal)}" does not exist${file ? '' : ' (no mkdocs.yml, so the default "docs" was used)'}` });
    } else {
      sink.error({ code: 'docs.path-outside', file, message: `docs_dir "${docsDirRaw}" leaves the source; refused` });
    }
    return undefined;
  }
  if (!statSync(r.abs).isDirectory()) {
    sink.warning({ code: 'docs.missing-dir', file, message: `docs_dir "${r.rel}" is not a folder` });
    return undefined;
  }

  const cfg: MkdocsConfig = { docsDir: r.rel };
  if (file !== undefined) cfg.file = file;
  if (text !== undefined) cfg.text = text;
  const siteName = str(data.site_name);
  if (siteName) cfg.siteName = siteName;
  const desc = str(data.site_description);
  if (desc) cfg.siteDescription = desc;
  if (data.nav !== undefined) cfg.nav = data.nav;
  const repoUrl = str(data.repo_url);
  if (repoUrl && /^https?:\/\//i.test(repoUrl)) cfg.repoUrl = repoUrl.replace(/\/+$/, '');
  if (typeof data.edit_uri === 'string') cfg.editUri = data.edit_uri.trim();
  return cfg;
}
