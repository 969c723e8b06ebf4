/**
 * The definition and the files it imports, each parsed by protobufjs into a Root of its own (so a
 * broken or clashing import cannot spoil the main file's). Imports are read only through
 * `input.read`: relative to the importing file's folder, then to each folder above it up to the
 * source root (where protoc's `-I` paths usually are), each file once, a bounded number in all.
 */
import path from 'node:path';
import protobuf from 'protobufjs';
import type { ApiProblem, DefinitionInput } from '../types.js';
import { bundledRoot, isWellKnown } from './bundled.js';

/** Files read for one definition, the main one included: an import tree past this is not an API's. */
export const MAX_FILES = 200;

const PARSE_OPTIONS = { keepCase: true, alternateCommentMode: true } as const;

export interface ProtoFile {
  /** Relative to the source root, or the import path for a bundled well-known file. */
  path: string;
  root: protobuf.Root;
  main: boolean;
  /** The file's `package`, if it has one. */
  package?: string;
  /** Shipped with protobufjs (google/protobuf/*): its types resolve but are not linked or listed. */
  bundled: boolean;
}

export interface Loaded {
  files: ProtoFile[];
  problems: ApiProblem[];
  /** Imports that could not be read: what a reader must know about unlinked names. */
  unread: string[];
  /** Set when the main text does not parse: there is no reference to give. */
  failed?: boolean;
}

/** `illegal token 'x' (file.proto, line 3)`: the line protobufjs puts at the end of its message. */
function messageLine(message: string): number | undefined {
  const at = message.lastIndexOf('line ');
  if (at < 0 || !message.endsWith(')')) return undefined;
  const n = Number(message.slice(at + 5, -1));
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

type Parsed = { ok: true; root: protobuf.Root; imports: string[]; package?: string } | { ok: false; message: string; line?: number };

/** protobufjs names the file in its errors and on each object (`filename`) from this global, untyped. */
const parser = protobuf.parse as typeof protobuf.parse & { filename: string | null };

function parseFile(text: string, file: string): Parsed {
  const root = new protobuf.Root();
  parser.filename = file;
  try {
    const r = protobuf.parse(text, root, PARSE_OPTIONS);
    return { ok: true, root, imports: [...(r.imports ?? []), ...(r.weakImports ?? [])], ...(r.package ? { package: r.package } : {}) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const line = messageLine(message);
    return { ok: false, message, ...(line === undefined ? {} : { line }) };
  } finally {
    parser.filename = null;
  }
}

/** Folders an import is looked for in, after the importing file's own: each one above it, to the root. */
function folderAbove(fromFile: string): string[] {
  const dirs: string[] = [];
  let dir = path.posix.dirname(fromFile);
  while (dir !== '.' && dir !== '/' && dir !== '') {
    dir = path.posix.dirname(dir);
    dirs.push(dir === '.' || dir === '/' ? '' : dir);
  }
  return dirs;
}

function codeFor(why: string): string {
  if (/\bURL\b/.test(why)) return 'api.ref-remote';
  if (why.includes('outside')) return 'api.ref-outside';
  return 'api.ref-missing';
}

type Found = { ok: true; path: string; text: string } | { ok: false; why: string } | { ok: 'seen'; path: string };

/**
 * Read `target` as protoc would find it: beside the importing file, else under each folder above.
 * A folder where the lexical path is a file already read is a hit without reading it again (a
 * file's path is its lexical path relative to the root, as `input.read` reports it).
 */
function findImport(input: DefinitionInput, fromFile: string, target: string, seen: ReadonlySet<string>): Found {
  // protoc's import paths are virtual paths under its -I roots: an absolute one names no file of the source.
  if (target.startsWith('/') || target.includes('\\')) return { ok: false, why: `${target} is not a relative import path; refused as outside the source's import paths` };
  const tries: Array<{ lexical: string; read: () => ReturnType<DefinitionInput['read']> }> = [
    { lexical: path.posix.join(path.posix.dirname(fromFile), target), read: () => input.read(fromFile, target) },
    ...folderAbove(fromFile).map((dir) => {
      const rooted = `/${dir ? `${dir}/` : ''}${target}`;
      return { lexical: path.posix.join(dir || '.', target), read: () => input.read('', rooted) };
    }),
  ];
  let why: string | undefined;
  for (const t of tries) {
    if (seen.has(t.lexical)) return { ok: 'seen', path: t.lexical };
    const r = t.read();
    if (r.ok) return r;
    // The nearest folder's reason is the one shown, unless a farther look was refused as leaving the source.
    if (why === undefined || (r.why.includes('outside') && !why.includes('outside'))) why = r.why;
  }
  return { ok: false, why: why ?? `${target} was not found` };
}

/** The line (1-based, within `text`) of the `import` naming `target`; protobufjs keeps no positions. */
function importLine(text: string, target: string): number | undefined {
  for (const q of ['"', "'"]) {
    const at = text.indexOf(`${q}${target}${q}`);
    if (at >= 0) {
      let n = 1;
      for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) n++;
      return n;
    }
  }
  return undefined;
}

export function loadProto(input: DefinitionInput): Loaded {
  const problems: ApiProblem[] = [];
  const unread: string[] = [];
  const main = parseFile(input.text, input.file);
  if (!main.ok) {
    problems.push({
      severity: 'error', code: 'api.parse-failed', message: main.message, file: input.file,
      ...(main.line === undefined ? {} : { line: input.line + main.line - 1 }),
    });
    return { files: [], problems, unread, failed: true };
  }

  const files: ProtoFile[] = [{ path: input.file, root: main.root, main: true, bundled: false, ...(main.package ? { package: main.package } : {}) }];
  const seenPaths = new Set([input.file]);
  const seenTargets = new Set<string>();
  const queue: Array<{ from: string; imports: string[]; text: string; firstLine: number }> = [{ from: input.file, imports: main.imports, text: input.text, firstLine: input.line }];
  let capped = false;

  while (queue.length) {
    const { from, imports, text, firstLine } = queue.shift()!;
    for (const target of imports) {
      // One look per (folder, import): the same import from one folder resolves the same way.
      const key = `${path.posix.dirname(from)}\0${target}`;
      if (seenTargets.has(key)) continue;
      seenTargets.add(key);
      if (isWellKnown(target)) {
        if (seenPaths.has(target)) continue;
        seenPaths.add(target);
        const root = bundledRoot(target);
        if (root) files.push({ path: target, root, main: false, bundled: true });
        continue;
      }
      if (files.length >= MAX_FILES) { capped = true; continue; }
      const found = findImport(input, from, target, seenPaths);
      if (found.ok === 'seen') continue;
      if (!found.ok) {
        unread.push(target);
        const line = importLine(text, target);
        problems.push({ severity: 'warning', code: codeFor(found.why), message: `import "${target}" was not read: ${found.why}`, file: from, ...(line ? { line: firstLine + line - 1 } : {}) });
        continue;
      }
      if (seenPaths.has(found.path)) continue;
      seenPaths.add(found.path);
      const parsed = parseFile(found.text, found.path);
      if (!parsed.ok) {
        unread.push(target);
        problems.push({
          severity: 'warning', code: 'api.parse-failed', message: `import "${target}": ${parsed.message}`, file: found.path,
          ...(parsed.line === undefined ? {} : { line: parsed.line }),
        });
        continue;
      }
      files.push({ path: found.path, root: parsed.root, main: false, bundled: false, ...(parsed.package ? { package: parsed.package } : {}) });
      queue.push({ from: found.path, imports: parsed.imports, text: found.text, firstLine: 1 });
    }
  }
  if (capped) {
    problems.push({ severity: 'warning', code: 'api.too-large', message: `more than ${MAX_FILES} imported files; the rest were not read`, file: input.file });
  }
  return { files, problems, unread };
}
