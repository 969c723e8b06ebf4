/**
 * Which entities have docs, and where: `backstage.io/techdocs-ref` (`dir:` relative to the
 * descriptor's folder, `url:` into a configured source) resolved to one folder per
 * (source, mkdocs folder), shared by every entity pointing there, plus entities that borrow another
 * entity's docs through `backstage.io/techdocs-entity`.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { DiagnosticSink } from '../diagnostics.js';
import type { Catalog, Entity } from '../catalog/types.js';
import type { Snapshot } from '../sources/types.js';
import { readInside, resolveInside } from '../sources/files.js';
import { scpParts } from '../config/git-location.js';
import { sourcePathOf, stripRef } from '../sources/web-links.js';
import { internalMessage } from '../catalog/internal.js';
import { splitDocuments } from '../catalog/parse.js';
import { lineOfPath } from '../yaml/positions.js';
import { quote } from '../yaml/quote.js';
import { entityRefOf, tryParseEntityRef, stringifyEntityRef } from '../catalog/vocabulary/entity-ref.js';

export const TECHDOCS_REF = 'backstage.io/techdocs-ref';
export const TECHDOCS_ENTITY = 'backstage.io/techdocs-entity';

export interface DocsLocation {
  snapshot: Snapshot;
  /** Folder holding mkdocs.yml, posix, relative to the source root ('' = root). */
  dir: string;
  owner: Entity;
  ownerRef: string;
  alsoFor: string[];
  /** The ref pointed at a folder named like a docs_dir (`dir:/docs`, bare `docs`): use it as docs_dir when it has no mkdocs.yml. */
  mayBeDocsDir: boolean;
  /**
   * Where the owner's techdocs-ref annotation is written: what a problem of a docs folder without an
   * mkdocs config points at, so it can be annotated on a pull request. Looked up on first use.
   */
  refAt: () => DiagnosticPlace;
}

/** A file and line a diagnostic points at, in the source that holds the file. */
export interface DiagnosticPlace { file: string; line: number; source: string }

/** A URL without credentials, `.git`, query or trailing slash, scheme and host lower-cased; scp-like git remotes as https. */
export function normalizeRepoUrl(u: string): string {
  let s = u.trim().replace(/[?#].*$/, '');
  const scp = scpParts(s);
  if (scp) s = `https://${scp.host}/${scp.path}`;
  s = s.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, (m) => m.toLowerCase()).replace(/^(ssh|git|http):\/\//, 'https://');
  return s.replace(/\/+$/, '').replace(/\.git$/, '');
}

/** Where a `url:` ref points in a source; `badEscape` (the path as written) when its `%` escapes do not decode. */
export type UrlRefMatch = { snapshot: Snapshot; subPath: string } | { snapshot: Snapshot; badEscape: string };

/**
 * The source folder a `url:` techdocs-ref names, when it points into a configured source. A source
 * that is a subfolder of its repository holds only the URLs into that folder: another source of the
 * same repository may hold the rest.
 */
export function matchUrlRef(url: string, snapshots: Snapshot[]): UrlRefMatch | undefined {
  const target = normalizeRepoUrl(url);
  for (const snapshot of snapshots) {
    const candidates = [snapshot.host?.repoUrl, snapshot.url].filter((c): c is string => !!c).map(normalizeRepoUrl);
    for (const c of candidates) {
      if (target !== c && !target.startsWith(`${c}/`)) continue;
      const rest = target.slice(c.length).replace(/^\//, '');
      // …/tree/<ref>/<path> (GitHub), …/-/tree/<ref>/<path> (GitLab), …/src/<ref>/<path> (Bitbucket)
      const m = /^(?:-\/)?(?:tree|blob|src)\/(.+)$/.exec(rest);
      // `%E0%A4%A` (cut short) or `%zz` comes back as written: decoding it must not end the build
      const inSource = sourcePathOf(snapshot, m ? stripRef(snapshot, m[1]!) : rest);
      if (!inSource) continue;
      return 'path' in inSource ? { snapshot, subPath: inSource.path } : { snapshot, badEscape: inSource.badEscape };
    }
  }
  return undefined;
}

const LEGACY = /^(github|gitlab|bitbucket|azure\/api):(.+)$/;

/**
 * The line of `metadata.annotations[key]` in the entity's descriptor, so a diagnostic about the
 * annotation points at it; the entity's first line when the file cannot be read again.
 */
function annotationLine(entity: Entity, snapshot: Snapshot | undefined, key: string): number {
  const buf = snapshot && readInside(snapshot.root, entity.source.path);
  if (!buf) return entity.source.line;
  const text = buf.toString('utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let doc: ReturnType<typeof splitDocuments>[number] | undefined;
  for (const c of splitDocuments(text)) if (c.start + 1 <= entity.source.line) doc = c;
  return doc ? lineOfPath(doc.lines.join('\n'), doc.start + 1, ['metadata', 'annotations', key]) : entity.source.line;
}

/** A sink for diagnostics about one annotation of one entity, placed at the annotation's line (found on first use). */
function annotationSink(sink: DiagnosticSink, entity: Entity, snapshot: Snapshot | undefined, key: string): () => DiagnosticSink {
  let d: DiagnosticSink | undefined;
  return () => (d ??= sink.with({
    entityRef: entityRefOf(entity), file: entity.source.path, source: entity.source.source,
    line: annotationLine(entity, snapshot, key),
  }));
}

/** Runs the docs lookup of one entity; a bug met there costs that entity's docs, not the build. */
function guard(sink: DiagnosticSink, entity: Entity, work: () => void): void {
  try {
    work();
  } catch (e) {
    sink.error({
      code: 'docs.internal', message: internalMessage(`the docs of ${entityRefOf(entity)}`, e, 'they are not built'),
      entityRef: entityRefOf(entity), file: entity.source.path, line: entity.source.line, source: entity.source.source,
    });
  }
}

export function locateDocs(catalog: Catalog, snapshots: Snapshot[], sink: DiagnosticSink): DocsLocation[] {
  const bySource = new Map(snapshots.map((s) => [s.name, s]));
  const byKey = new Map<string, DocsLocation>();
  const byRef = new Map<string, DocsLocation>();

  for (const entity of catalog.entities) {
    guard(sink, entity, () => {
      const raw = entity.metadata.annotations?.[TECHDOCS_REF];
      if (typeof raw !== 'string') return;
      const ref = entityRefOf(entity);
      const snapshot = bySource.get(entity.source.source);
      if (!snapshot) return;
      const d = annotationSink(sink, entity, snapshot, TECHDOCS_REF);
      let value = raw.trim();
      let mayBeDocsDir = false;
      const legacy = LEGACY.exec(value);
      if (legacy) {
        d().warning({ code: 'docs.legacy-ref', message: `${TECHDOCS_REF} ${quote(raw)} uses the retired "${legacy[1]}:" form; read as ${quote(`url:${legacy[2]}`)}` });
        value = `url:${legacy[2]}`;
      } else if (!/^(url|dir):/.test(value)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(value) && !/^[a-z]:[\\/]/i.test(value)) {
          d().error({ code: 'docs.invalid-ref', message: `${TECHDOCS_REF} ${quote(raw)} must be "dir:<path>" or "url:<url>"` });
          return;
        }
        d().warning({ code: 'docs.legacy-ref', message: `${TECHDOCS_REF} ${quote(raw)} has no type; read as ${quote(`dir:${value}`)}` });
        value = `dir:${value}`;
        mayBeDocsDir = true;
      }
      const colon = value.indexOf(':');
      const type = value.slice(0, colon);
      const target = value.slice(colon + 1).trim();

      let where: { snapshot: Snapshot; fromDir: string; target: string } | undefined;
      if (type === 'dir') {
        if (target.startsWith('/')) {
          d().warning({ code: 'docs.legacy-ref', message: `${TECHDOCS_REF} ${quote(raw)} is an absolute path; read relative to the source root` });
          mayBeDocsDir = true;
        }
        const fromDir = path.posix.dirname(entity.source.path);
        where = { snapshot, fromDir: fromDir === '.' ? '' : fromDir, target: target || '.' };
      } else {
        const hit = matchUrlRef(target, snapshots);
        if (!hit) {
          d().warning({ code: 'docs.external-ref', message: `${TECHDOCS_REF} ${quote(raw)} points outside the configured sources; its docs are not built` });
          return;
        }
        if ('badEscape' in hit) {
          d().error({ code: 'docs.invalid-ref', message: `${TECHDOCS_REF} ${quote(raw)}: the path ${quote(hit.badEscape)} has a malformed %-escape (a % must be followed by two hex digits forming UTF-8); its docs are not built` });
          return;
        }
        where = { snapshot: hit.snapshot, fromDir: '', target: hit.subPath || '.' };
      }

      const r = resolveInside(where.snapshot.root, where.fromDir, where.target);
      if (!r.ok) {
        if (r.reason === 'missing') d().warning({ code: 'docs.missing-dir', message: `${TECHDOCS_REF} ${quote(raw)}: folder ${quote(r.rel)} does not exist` });
        else d().error({ code: 'docs.path-outside', message: `${TECHDOCS_REF} ${quote(raw)} leaves the source; refused` });
        return;
      }
      if (!statSync(r.abs).isDirectory()) {
        d().warning({ code: 'docs.missing-dir', message: `${TECHDOCS_REF} ${quote(raw)}: ${quote(r.rel)} is not a folder` });
        return;
      }
      const dir = r.rel;
      const key = `${where.snapshot.name}\0${dir}`;
      const existing = byKey.get(key);
      if (existing) {
        if (existing.ownerRef !== ref && !existing.alsoFor.includes(ref)) existing.alsoFor.push(ref);
        byRef.set(ref, existing);
        return;
      }
      let place: DiagnosticPlace | undefined;
      const refAt = () => (place ??= { file: entity.source.path, line: annotationLine(entity, snapshot, TECHDOCS_REF), source: entity.source.source });
      const loc: DocsLocation = { snapshot: where.snapshot, dir, owner: entity, ownerRef: ref, alsoFor: [], mayBeDocsDir, refAt };
      byKey.set(key, loc);
      byRef.set(ref, loc);
    });
  }

  for (const entity of catalog.entities) {
    guard(sink, entity, () => {
      const raw = entity.metadata.annotations?.[TECHDOCS_ENTITY];
      if (typeof raw !== 'string') return;
      const ref = entityRefOf(entity);
      const d = annotationSink(sink, entity, bySource.get(entity.source.source), TECHDOCS_ENTITY);
      const parsed = tryParseEntityRef(raw.trim(), { defaultNamespace: entity.metadata.namespace });
      if (!parsed.ok) {
        d().warning({ code: 'docs.invalid-ref', message: `${TECHDOCS_ENTITY} ${quote(raw)}: ${parsed.error}` });
        return;
      }
      const target = stringifyEntityRef(parsed.ref);
      const loc = byRef.get(target);
      if (!loc) {
        d().warning({ code: 'docs.entity-missing', message: `${TECHDOCS_ENTITY} ${quote(raw)}: ${quote(target)} has no docs` });
        return;
      }
      if (loc.ownerRef !== ref && !loc.alsoFor.includes(ref)) loc.alsoFor.push(ref);
    });
  }
  return [...byKey.values()];
}
