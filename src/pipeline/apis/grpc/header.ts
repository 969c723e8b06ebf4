/**
 * What protobufjs does not keep of a file's head: its `syntax`/`edition` and the comment written
 * right above the `syntax` (or `package`) statement, which is how a proto file describes itself
 * ("// Ledger API. Every journal entry must balance…"). A licence header parted from the statement
 * by a blank line is not the file's description, as protoc treats it as detached.
 *
 * Scanned line by line with indexOf, never a regex over the text, and only up to the first
 * statement that is neither `syntax`, `edition` nor a comment: a 10 MB comment costs one pass.
 */

export interface ProtoHeader {
  /** `proto2`, `proto3`, or `edition 2023` */
  syntax?: string;
  description?: string;
}

function quoted(line: string): string | undefined {
  for (const q of ['"', "'"]) {
    const a = line.indexOf(q);
    if (a < 0) continue;
    const b = line.indexOf(q, a + 1);
    if (b > a) return line.slice(a + 1, b);
  }
  return undefined;
}

/** Text of a `//` line without the slashes and one space. */
function lineComment(t: string): string {
  const body = t.slice(2);
  return body.startsWith(' ') ? body.slice(1) : body;
}

/** Lines of a block comment without the `/*`, `*​/` and each line's leading ` * `. */
function blockLines(body: string): string[] {
  return body.split('\n').map((l) => {
    const t = l.trim();
    if (t.startsWith('*')) return t.slice(1).startsWith(' ') ? t.slice(2) : t.slice(1);
    return t;
  });
}

export function protoHeader(text: string): ProtoHeader {
  const out: ProtoHeader = {};
  let block: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    const lineStart = pos;
    const end = text.indexOf('\n', pos);
    const stop = end < 0 ? text.length : end;
    const t = text.slice(lineStart, stop).trim();
    pos = stop + 1;
    if (t === '') { block = []; continue; }
    if (t.startsWith('//')) { block.push(lineComment(t)); continue; }
    if (t.startsWith('/*')) {
      const from = text.indexOf('/*', lineStart) + 2;
      const close = text.indexOf('*/', from);
      const closeAt = close < 0 ? text.length : close;
      const lines = blockLines(text.slice(from, closeAt));
      while (lines.length && lines[0] === '') lines.shift();
      while (lines.length && lines[lines.length - 1] === '') lines.pop();
      block.push(...lines);
      // What follows `*/` on its line is skipped with it: a head written that way is rare.
      const eol = text.indexOf('\n', closeAt);
      pos = eol < 0 ? text.length : eol + 1;
      continue;
    }
    if (t.startsWith('syntax') || t.startsWith('edition')) {
      const v = quoted(t);
      if (v) out.syntax = t.startsWith('edition') ? `edition ${v}` : v;
      if (block.length && out.description === undefined) out.description = block.join('\n');
      block = [];
      continue;
    }
    if (t.startsWith('package') && block.length && out.description === undefined) out.description = block.join('\n');
    break;
  }
  return out;
}
