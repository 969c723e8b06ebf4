/**
 * Finds the line of a key path inside one YAML document's text, so a diagnostic can point at
 * the field rather than the document. js-yaml gives no node positions, and descriptors are
 * written in block style almost always, so an indentation walk is exact there; flow-style
 * values fall back to the nearest enclosing key that was found.
 */
export type YamlPath = ReadonlyArray<string | number>;

interface Line { no: number; indent: number; text: string }

function splitLines(text: string, firstLine: number): Line[] {
  return text.split(/\r?\n/).map((raw, i) => {
    const indent = raw.length - raw.trimStart().length;
    return { no: firstLine + i, indent, text: raw.trimStart() };
  });
}

const isBlank = (l: Line) => l.text === '' || l.text.startsWith('#');

function keyOf(text: string): string | undefined {
  const m = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#'"][^:#]*?))\s*:(?:\s|$)/.exec(text);
  if (!m) return undefined;
  return m[1] ?? m[2]?.replace(/''/g, "'") ?? m[3]?.trim();
}

/**
 * @param text one document's text
 * @param firstLine the 1-based line number of `text`'s first line in its file
 * @returns the 1-based line of the deepest part of `path` that could be found (the document's first line if none)
 */
export function lineOfPath(text: string, firstLine: number, path: YamlPath): number {
  const lines = splitLines(text, firstLine);
  let start = 0;
  let end = lines.length;
  let minIndent = 0;
  let found = lines.findIndex((l) => !isBlank(l) && l.text !== '---');
  if (found < 0) return firstLine;
  let best = lines[found]!.no;

  for (const part of path) {
    let hit = -1;
    if (typeof part === 'number') {
      // the part-th `- ` item at the first sequence indent found in range
      let seqIndent = -1;
      let count = -1;
      for (let i = start; i < end; i++) {
        const l = lines[i]!;
        if (isBlank(l)) continue;
        if (l.indent < minIndent) break;
        if (l.text.startsWith('- ') || l.text === '-') {
          if (seqIndent < 0) seqIndent = l.indent;
          if (l.indent === seqIndent && ++count === part) { hit = i; break; }
        }
      }
      if (hit < 0) return best;
      best = lines[hit]!.no;
      // the item's own content starts after the dash: treat it as a deeper indent
      const item = lines[hit]!;
      const inner = item.text.replace(/^-\s*/, '');
      const innerIndent = item.indent + (item.text.length - inner.length);
      lines[hit] = { no: item.no, indent: innerIndent, text: inner };
      let stop = hit + 1;
      while (stop < end && (isBlank(lines[stop]!) || lines[stop]!.indent > item.indent)) stop++;
      start = hit; end = stop; minIndent = innerIndent;
      continue;
    }
    let keyIndent = -1;
    for (let i = start; i < end; i++) {
      const l = lines[i]!;
      if (isBlank(l)) continue;
      if (l.indent < minIndent) break;
      if (keyIndent >= 0 && l.indent !== keyIndent) continue;
      const k = keyOf(l.text);
      if (k === undefined) continue;
      if (keyIndent < 0) keyIndent = l.indent;
      if (k === part) { hit = i; break; }
    }
    if (hit < 0) return best;
    best = lines[hit]!.no;
    const keyLine = lines[hit]!;
    let stop = hit + 1;
    while (stop < end && (isBlank(lines[stop]!) || lines[stop]!.indent > keyLine.indent
      || (lines[stop]!.indent === keyLine.indent && lines[stop]!.text.startsWith('- ')))) stop++;
    start = hit + 1; end = stop; minIndent = keyLine.indent;
  }
  return best;
}
