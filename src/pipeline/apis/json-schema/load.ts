/**
 * One definition file as data: JSON or YAML text → a value, with the bounds every untrusted value gets
 * (`yaml/untrusted.ts`: nesting depth, `__proto__` keys dropped) and a node count that stops YAML alias
 * bombs. A file that cannot be read as data is an `api.parse-failed` problem at its line, never a throw.
 */
import yaml from 'js-yaml';
import { countNodes } from '../../catalog/parse.js';
import { DESCRIPTOR_SCHEMA } from '../../catalog/yaml-schema.js';
import { dropProtoKeys, findTooDeep, isTooDeepError, protoKeyMessage, tooDeepMessage, yamlLoadOptions } from '../../yaml/untrusted.js';
import { lineIn } from './lines.js';
import { formatPointer } from './pointer.js';
import type { ProblemSink } from './problems.js';

/**
 * Nodes one file may expand to (aliases counted each time they are used). Descriptors get 100,000;
 * API definitions are larger: DigitalOcean's public spec is ~300,000 nodes over 1,600 files, the
 * 100,000-line synthetic one ~400,000 in its largest file.
 */
export const MAX_DEFINITION_NODES = 2_000_000;

export interface LoadedDoc {
  /** Identifies the document among those of one definition (its file, or file and line when inline). */
  key: string;
  /** Relative to the source root. */
  file: string;
  /** 1-based line of `file` where `text` starts. */
  firstLine: number;
  /** The text, `\r\n` made `\n` (lines unchanged). */
  text: string;
  value: unknown;
  format: 'json' | 'yaml';
}

/** A loaded document, or undefined after adding the reason to `problems`. */
export function loadDocument(rawText: string, file: string, firstLine: number, problems: ProblemSink, key = file): LoadedDoc | undefined {
  const text = rawText.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lineOf = (within: number) => firstLine + within - 1;
  const looksJson = /^\s*[{[]/.test(text.slice(0, 1024));
  let value: unknown;
  let format: LoadedDoc['format'] = 'yaml';
  let parsed = false;
  if (looksJson) {
    try {
      value = JSON.parse(text);
      format = 'json';
      parsed = true;
    } catch {
      // js-yaml reads JSON too and says where it broke; JSON.parse only gives an offset, and not always
    }
  }
  if (!parsed) {
    try {
      value = yaml.load(text, yamlLoadOptions({ schema: DESCRIPTOR_SCHEMA, filename: file }));
    } catch (e) {
      const err = e as { reason?: string; message?: string; mark?: { line: number; position?: number } };
      const within = err.mark ? err.mark.line + 1 : 1;
      const what = isTooDeepError(e) ? tooDeepMessage() : `${looksJson ? 'JSON/YAML' : 'YAML'} syntax error: ${err.reason ?? err.message ?? String(e)}`;
      problems.add({ severity: 'error', code: 'api.parse-failed', message: `${file} could not be read: ${what}`, file, line: lineOf(within) });
      return undefined;
    }
  }
  if (value === null || typeof value !== 'object') {
    problems.add({ severity: 'error', code: 'api.parse-failed', message: `${file} is not a definition: expected a map of keys at its top, found ${value === null || value === undefined ? 'nothing' : `a ${typeof value}`}`, file, line: firstLine });
    return undefined;
  }
  if (countNodes(value, MAX_DEFINITION_NODES) > MAX_DEFINITION_NODES) {
    problems.add({ severity: 'error', code: 'api.too-large', message: `${file} expands to more than ${MAX_DEFINITION_NODES.toLocaleString('en-US')} values (YAML aliases counted each time they are used); not read`, file, line: firstLine });
    return undefined;
  }
  const doc: LoadedDoc = { key, file, firstLine, text, value, format };
  const deep = findTooDeep(value);
  if (deep) {
    problems.add({ severity: 'error', code: 'api.too-deep', message: `${file} is ${tooDeepMessage()}`, file, line: () => lineIn(doc, deep) });
    return undefined;
  }
  for (const at of dropProtoKeys(value)) {
    problems.add({ severity: 'warning', code: 'api.proto-key', message: protoKeyMessage(`${file} ${formatPointer(at)}`), file, line: () => lineIn(doc, at) });
  }
  return doc;
}
