/**
 * Parse: bytes of one descriptor file → its YAML documents, each with the line it starts on, or a
 * diagnostic. Pure apart from nothing: the caller reads the file.
 *
 * The text is split on document markers here rather than by js-yaml so every document's first line
 * is known exactly, and one broken document does not take the rest of the file with it.
 */
import yaml from 'js-yaml';
import type { DiagnosticInput, Severity } from '../diagnostics.js';
import { lineOfPath } from '../yaml/positions.js';
import { dropProtoKeys, findTooDeep, isTooDeepError, protoKeyMessage, tooDeepMessage, yamlLoadOptions } from '../yaml/untrusted.js';
import { formatPath } from './field-path.js';
import { DESCRIPTOR_SCHEMA } from './yaml-schema.js';

export interface ParsedDocument {
  /** 0-based position among the file's non-empty documents. */
  index: number;
  /** 1-based line in the file where `text` starts. */
  firstLine: number;
  /** The document's own text (lines joined by `\n`), for locating fields. */
  text: string;
  value: Record<string, unknown>;
}

export interface ParseProblem extends DiagnosticInput {
  severity: Severity;
}

export interface ParseResult {
  documents: ParsedDocument[];
  /** Non-empty documents seen, including those that failed. */
  seen: number;
  problems: ParseProblem[];
}

/** Walking past this many nodes (aliases counted every time they are used) is an alias bomb. */
export const MAX_YAML_NODES = 100_000;

/** Decodes strict UTF-8 (a BOM is dropped); on bad bytes, the 1-based line of the first one. */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; line: number } {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const loose = new TextDecoder('utf-8').decode(bytes);
    const bad = loose.indexOf('\uFFFD');
    const before = bad < 0 ? loose : loose.slice(0, bad);
    return { ok: false, line: before.split('\n').length };
  }
}

/** Counts nodes the way a consumer walking the value would meet them; stops early past `limit`. */
export function countNodes(value: unknown, limit = MAX_YAML_NODES): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (++count > limit) return count;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    } else if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
    }
  }
  return count;
}

const DOC_START = /^---(?:[ \t]|$)/;
const DOC_END = /^\.\.\.(?:[ \t]|$)/;
const isQuiet = (l: string) => {
  const t = l.trim();
  return t === '' || t.startsWith('#');
};

interface Chunk { start: number; lines: string[] }

/** Splits normalised text into per-document chunks; a chunk keeps its `---` line (it may carry content). */
export function splitDocuments(text: string): Chunk[] {
  const lines = text.split('\n');
  const chunks: Chunk[] = [];
  let cur: Chunk = { start: 0, lines: [] };
  const onlyDirectives = (c: Chunk) => c.lines.every((l) => isQuiet(l) || l.startsWith('%'));
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (DOC_START.test(line)) {
      // directives (`%YAML`) belong to the document the marker opens
      if (cur.lines.length > 0 && onlyDirectives(cur) && cur.lines.some((l) => l.startsWith('%'))) {
        cur.lines.push(line);
        continue;
      }
      chunks.push(cur);
      cur = { start: i, lines: [line] };
    } else if (DOC_END.test(line)) {
      chunks.push(cur);
      cur = { start: i + 1, lines: [] };
    } else {
      cur.lines.push(line);
    }
  }
  chunks.push(cur);
  return chunks.filter((c) => !c.lines.every((l) => isQuiet(l) || /^---[ \t]*(#.*)?$/.test(l)));
}

export function parseDocuments(input: string, maxNodes = MAX_YAML_NODES): ParseResult {
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const documents: ParsedDocument[] = [];
  const problems: ParseProblem[] = [];
  let seen = 0;
  for (const chunk of splitDocuments(text)) {
    const chunkText = chunk.lines.join('\n');
    const firstLine = chunk.start + 1;
    let values: unknown[];
    seen++;
    try {
      values = [];
      yaml.loadAll(chunkText, (v) => { values.push(v); }, yamlLoadOptions({ schema: DESCRIPTOR_SCHEMA }));
    } catch (e) {
      const err = e as { reason?: string; message?: string; mark?: { line: number; column: number } };
      if (isTooDeepError(e)) {
        problems.push({
          severity: 'error', code: 'catalog.too-deep', message: `The document is ${tooDeepMessage()}`,
          line: firstLine + (err.mark?.line ?? 0),
        });
        continue;
      }
      problems.push({
        severity: 'error',
        code: 'catalog.yaml-syntax',
        message: `YAML syntax error: ${err.reason ?? err.message ?? String(e)}`,
        line: firstLine + (err.mark?.line ?? 0),
        column: err.mark ? err.mark.column + 1 : undefined,
      });
      continue;
    }
    for (const value of values) {
      if (value === null || value === undefined) continue;
      if (typeof value !== 'object' || Array.isArray(value)) {
        problems.push({
          severity: 'error',
          code: 'catalog.not-a-mapping',
          message: `Expected an object at the root of the document, found ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}`,
          // the value's first line, not the `---` that may open the chunk
          line: lineOfPath(chunkText, firstLine, []),
        });
        continue;
      }
      if (countNodes(value, maxNodes) > maxNodes) {
        problems.push({
          severity: 'error',
          code: 'catalog.yaml-too-complex',
          message: `The document expands to more than ${maxNodes.toLocaleString('en-US')} YAML nodes (aliases counted each time they are used); refusing it`,
          line: lineOfPath(chunkText, firstLine, []),
        });
        continue;
      }
      // after the node count (an alias bomb is refused before it is walked), before anything recursive
      const deep = findTooDeep(value);
      if (deep) {
        problems.push({ severity: 'error', code: 'catalog.too-deep', message: `The document is ${tooDeepMessage()}`, line: lineOfPath(chunkText, firstLine, deep) });
        continue;
      }
      for (const at of dropProtoKeys(value)) {
        problems.push({ severity: 'warning', code: 'catalog.proto-key', message: protoKeyMessage(formatPath(at)), line: lineOfPath(chunkText, firstLine, at) });
      }
      documents.push({ index: documents.length, firstLine, text: chunkText, value: value as Record<string, unknown> });
    }
  }
  return { documents, seen, problems };
}
