/**
 * `$ref` resolution over documents read only through `input.read`.
 *
 * Why our own resolver and not json-schema-ref-parser's: the parser turns every reference into an
 * absolute file URL first and normalises it, so `../../other-source/x.yaml` from a file near the root
 * is silently clamped to some path that a resolver would then have to map back and re-check. Here
 * the ref's own text goes to `input.read(holdingFile, target)`, which refuses `..` out of the source,
 * symlinks out and URLs itself, so confinement is exactly the source's. We also keep, for every
 * target, which file and pointer it came from: that is what names a type (`components/schemas/Pet`,
 * a schema in `pet.yaml`) and finds the line of a broken `$ref`, which a dereferenced tree forgets.
 * The pointer logic is RFC 6901 (pointer.ts); swagger-parser still validates, over a bundle of what
 * this resolver read (bundle.ts), with its own resolvers switched off.
 */
import path from 'node:path';
import type { DefinitionInput } from '../types.js';
import { lineIn } from './lines.js';
import { loadDocument, type LoadedDoc } from './load.js';
import { formatPointer, isMap, parsePointer, valueAt, type Path } from './pointer.js';
import type { ProblemSink } from './problems.js';

/** Where a value is: its document and its path inside it. */
export interface At { doc: LoadedDoc; path: Path }

export type RefFailure = 'remote' | 'missing' | 'outside' | 'invalid' | 'unreadable' | 'cycle';

export type Deref =
  | { ok: true; value: unknown; at: At; key: string; /** the last `$ref` followed to get here, if any */ ref?: string }
  | { ok: false; ref: string; reason: RefFailure };

/** A stable name for a location: the same for every route that reaches it. */
export const keyOf = (at: At): string => `${at.doc.key}${formatPointer(at.path)}`;

export const isRef = (v: unknown): v is { $ref: unknown } => isMap(v) && Object.prototype.hasOwnProperty.call(v, '$ref');

/** Files one definition may pull in through `$ref`s (DigitalOcean's spec has ~1,600). */
export const MAX_FILES = 5000;
/** `$ref` → `$ref` → … chains longer than this are treated as a cycle. */
const MAX_CHAIN = 32;
const MAX_NOTES = 50;

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

type FileRead = { ok: true; doc: LoadedDoc } | { ok: false; reason: RefFailure; why: string };

export class RefResolver {
  private readonly docsByPath = new Map<string, LoadedDoc | null>();
  private readonly reads = new Map<string, FileRead>();
  private readonly reported = new Set<string>();
  private readonly remoteNoted = new Set<string>();
  private tooManyFiles = false;

  constructor(
    private readonly input: DefinitionInput,
    readonly main: LoadedDoc,
    private readonly problems: ProblemSink,
    /** Shown on the page: what was left out and why. */
    readonly notes: string[],
  ) {
    if (main.firstLine === 1) this.docsByPath.set(main.file, main);
  }

  /** Every document read so far, the main one first. */
  documents(): LoadedDoc[] {
    const out = [this.main];
    for (const d of this.docsByPath.values()) if (d && d !== this.main) out.push(d);
    return out;
  }

  /** `value` itself when it is no `$ref`; else where its chain of `$ref`s ends. Failures are reported once per `$ref`. */
  deref(value: unknown, at: At): Deref {
    if (!isRef(value)) {
      // most values followed are no $ref: their key is made only if asked for
      return { ok: true, value, at, get key() { return keyOf(at); } };
    }
    let cur: unknown = value;
    let curAt = at;
    let last: string | undefined;
    const seen = new Set<string>();
    for (let i = 0; isRef(cur); i++) {
      const key = keyOf(curAt);
      if (seen.has(key) || i >= MAX_CHAIN) {
        const ref = String(cur.$ref);
        this.report(curAt, ref, 'cycle', `$ref "${ref}" leads back to itself through other $refs`);
        return { ok: false, ref, reason: 'cycle' };
      }
      seen.add(key);
      const r = this.step(cur.$ref, curAt);
      if (!r.ok) return r;
      cur = r.value;
      curAt = r.at;
      last = r.ref;
    }
    const out: Deref = { ok: true, value: cur, at: curAt, key: keyOf(curAt) };
    if (last !== undefined) out.ref = last;
    return out;
  }

  /** One `$ref` (the value of the `$ref` key of the object at `at`), not followed further. */
  step(refValue: unknown, at: At): Deref {
    if (typeof refValue !== 'string') {
      this.report(at, String(refValue), 'invalid', `$ref must be a string, found ${refValue === null ? 'null' : typeof refValue}`);
      return { ok: false, ref: String(refValue), reason: 'invalid' };
    }
    const ref = refValue;
    const hash = ref.indexOf('#');
    const filePart = hash < 0 ? ref : ref.slice(0, hash);
    const fragment = hash < 0 ? '' : ref.slice(hash + 1);
    let doc = at.doc;
    if (filePart !== '') {
      const read = this.file(at, filePart, ref);
      if (!read.ok) return { ok: false, ref, reason: read.reason };
      doc = read.doc;
    }
    const segments = parsePointer(fragment);
    if (!segments) {
      this.report(at, ref, 'invalid', `$ref "${ref}": "#${fragment}" is not a JSON pointer (named anchors are not followed)`);
      return { ok: false, ref, reason: 'invalid' };
    }
    const found = valueAt(doc.value, segments);
    if (!found) {
      this.report(at, ref, 'missing', `$ref "${ref}": ${doc.file} has nothing at #${fragment}`);
      return { ok: false, ref, reason: 'missing' };
    }
    const targetAt: At = { doc, path: found.path };
    return { ok: true, value: found.value, at: targetAt, key: keyOf(targetAt), ref };
  }

  private file(at: At, filePart: string, ref: string): FileRead {
    if (URL_SCHEME.test(filePart) && !/^[a-z]:[\\/]/i.test(filePart)) {
      if (/^file:/i.test(filePart)) {
        this.report(at, ref, 'outside', `$ref "${ref}" is a file: URL, outside the source; not read`);
        return { ok: false, reason: 'outside', why: 'file URL' };
      }
      this.remote(at, ref, filePart);
      return { ok: false, reason: 'remote', why: 'remote' };
    }
    let target: string;
    try { target = decodeURI(filePart); } catch {
      this.report(at, ref, 'invalid', `$ref "${ref}" has bad percent-encoding`);
      return { ok: false, reason: 'invalid', why: 'encoding' };
    }
    if (target.startsWith('/') || target.startsWith('\\') || /^[a-z]:[\\/]/i.test(target)) {
      // An absolute reference resolves against the file system's root, not the source's
      this.report(at, ref, 'outside', `$ref "${ref}" is an absolute path, which would be read outside the source; refused`);
      return { ok: false, reason: 'outside', why: 'absolute' };
    }
    const cacheKey = `${path.posix.dirname(at.doc.file)}\0${target}`;
    let read = this.reads.get(cacheKey);
    if (!read) {
      read = this.readFile(at.doc, target);
      this.reads.set(cacheKey, read);
    }
    if (!read.ok) this.report(at, ref, read.reason, `$ref "${ref}": ${read.why}`);
    return read;
  }

  private readFile(from: LoadedDoc, target: string): FileRead {
    const r = this.input.read(from.file, target);
    if (!r.ok) {
      const reason: RefFailure = /outside/i.test(r.why) ? 'outside' : /does not exist/i.test(r.why) ? 'missing' : 'unreadable';
      return { ok: false, reason, why: r.why };
    }
    const known = this.docsByPath.get(r.path);
    if (known) return { ok: true, doc: known };
    if (known === null) return { ok: false, reason: 'unreadable', why: `${r.path} could not be read as JSON or YAML` };
    if (this.docsByPath.size >= MAX_FILES) {
      if (!this.tooManyFiles) {
        this.tooManyFiles = true;
        this.problems.add({ severity: 'error', code: 'api.too-many-files', message: `the definition refers to more than ${MAX_FILES} files; the rest were not read`, file: from.file });
        this.notes.push(`Only the first ${MAX_FILES} files the definition refers to were read.`);
      }
      return { ok: false, reason: 'unreadable', why: 'too many files' };
    }
    const doc = loadDocument(r.text, r.path, 1, this.problems);
    this.docsByPath.set(r.path, doc ?? null);
    return doc ? { ok: true, doc } : { ok: false, reason: 'unreadable', why: `${r.path} could not be read as JSON or YAML` };
  }

  private remote(at: At, ref: string, url: string): void {
    if (!this.remoteNoted.has(url)) {
      this.remoteNoted.add(url);
      if (this.remoteNoted.size <= MAX_NOTES) this.notes.push(`The remote $ref ${url} was not fetched: Playbill reads nothing from the network, so what it refers to is not shown.`);
      else if (this.remoteNoted.size === MAX_NOTES + 1) this.notes.push('More remote $refs were not fetched.');
    }
    this.report(at, ref, 'remote', `$ref "${ref}" is remote and was not fetched`);
  }

  private report(at: At, _ref: string, reason: RefFailure, message: string): void {
    const where = keyOf(at);
    if (this.reported.has(where)) return;
    this.reported.add(where);
    const code = { remote: 'api.ref-remote', missing: 'api.ref-missing', outside: 'api.ref-outside', invalid: 'api.ref-invalid', unreadable: 'api.ref-unreadable', cycle: 'api.ref-cycle' }[reason];
    const severity = reason === 'remote' ? 'info' : reason === 'outside' || reason === 'unreadable' ? 'error' : 'warning';
    this.problems.add({ severity, code, message, file: at.doc.file, line: () => lineIn(at.doc, [...at.path, '$ref']) });
  }
}
