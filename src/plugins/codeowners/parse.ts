/**
 * A CODEOWNERS file read as GitHub reads it, small enough to hold in the head: lines of a pattern
 * and owners, the last line whose pattern matches a file winning. No library: `ignore` and
 * picomatch implement gitignore/glob rules, which differ from GitHub's (negation, `[...]` ranges,
 * `dir/*` not reaching into subfolders), and the CODEOWNERS packages on npm (`codeowners`,
 * `codeowners-utils`) are `ignore` plus finding and reading files with `fs`, which a plugin may not.
 *
 * The pattern rules, as GitHub documents them and as hmarr/codeowners (which mirrors GitHub's
 * behaviour and its test cases) implements them:
 * - a leading `/`, or a `/` inside the pattern, anchors it at the root; a single segment (`*.ts`,
 *   `docs/`) matches at any depth;
 * - `*` and `?` never cross `/`; a `**` segment is any number of folders (at the start, the end or
 *   in the middle); a trailing `/` is the folder's contents at any depth (as a trailing `/**`);
 * - a pattern naming a file or folder also matches everything inside that folder, except when its
 *   last segment is a lone `*` (`docs/*` is the files of `docs/`, not of `docs/api/`);
 * - `!` (negation) and `[ ]` ranges are not supported by GitHub: `!` lines are skipped with a
 *   warning, brackets are literal characters; `\` escapes the next character (`\ ` a space).
 * - `#` starts a comment, also after the owners; a line with a pattern and no owners makes the
 *   files it matches unowned (when it is the last to match).
 * - GitLab's section headers (`[Section]`, `^[Optional]`, `[Section][2]`, optionally followed by
 *   default owners) are not patterns. Their default owners apply to the section's lines that name
 *   none, as GitLab does; GitLab's per-section combination of owners is not modelled (the last
 *   matching line of the whole file wins, GitHub's rule).
 */

/** Lines looked at: GitHub refuses CODEOWNERS over 3 MB; a few thousand lines is a large one. */
export const MAX_RULES = 20_000;

export interface Rule {
  /** 1-based line in the file. */
  line: number;
  pattern: string;
  owners: string[];
  /** True when `owners` came from the GitLab section header (the line named none). */
  fromSection?: boolean;
  match: (path: string) => boolean;
}

export interface ParsedCodeowners {
  rules: Rule[];
  /** Lines skipped, with why: shown once per file as warnings. */
  problems: Array<{ line: number; message: string }>;
}

const SECTION = /^\^?\[[^\]\n]*\](?:\[\d+\])?(?:\s+(.*))?$/;

/** Splits a line at unescaped whitespace, up to a `#` that starts a token (a comment). */
function tokens(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\' && i + 1 < line.length) { cur += ch + line[++i]!; continue; }
    if (ch === '#' && cur === '' ) break;
    if (ch === ' ' || ch === '\t') { if (cur) out.push(cur); cur = ''; continue; }
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** One segment's characters: `*` and `?` within the segment, `\x` the literal x, the rest literal. */
function segmentRe(seg: string): string {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const ch = seg[i]!;
    if (ch === '\\' && i + 1 < seg.length) re += escapeRe(seg[++i]!);
    else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += escapeRe(ch);
  }
  return re;
}

/** A matcher over posix paths relative to the root (no leading `/`), or a reason it is not a pattern. */
export function compilePattern(pattern: string): ((path: string) => boolean) | string {
  if (pattern.includes('***')) return 'three asterisks in a row are not a pattern';
  if (pattern === '/') return () => false;
  let segs = pattern.split('/');
  if (segs[0] === '') segs = segs.slice(1);
  else if (segs.length === 1 || (segs.length === 2 && segs[1] === '')) {
    if (segs[0] !== '**') segs = ['**', ...segs];
  }
  if (segs.length > 1 && segs[segs.length - 1] === '') segs[segs.length - 1] = '**';
  if (segs.some((s, i) => s === '' && i < segs.length - 1)) segs = segs.filter((s) => s !== '');
  const last = segs.length - 1;
  let re = '^';
  let needSlash = false;
  segs.forEach((seg, i) => {
    if (seg === '**') {
      if (i === 0 && i === last) re += '.+';
      else if (i === 0) { re += '(?:.+/)?'; needSlash = false; return; }
      else if (i === last) re += '/.*';
      else re += '(?:/.+)?';
      needSlash = true;
      return;
    }
    if (needSlash) re += '/';
    if (seg === '*') re += '[^/]+';
    else re += segmentRe(seg) + (i === last ? '(?:/.*)?' : '');
    needSlash = true;
  });
  const compiled = new RegExp(`${re}$`);
  return (p) => compiled.test(p);
}

export function parseCodeowners(text: string): ParsedCodeowners {
  const rules: Rule[] = [];
  const problems: ParsedCodeowners['problems'] = [];
  let sectionOwners: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length && rules.length < MAX_RULES; i++) {
    const line = lines[i]!.trim();
    if (!line || line.startsWith('#')) continue;
    const section = SECTION.exec(line);
    if (section) {
      sectionOwners = tokens(section[1] ?? '');
      continue;
    }
    const [pattern, ...owners] = tokens(line);
    if (!pattern) continue;
    if (pattern.startsWith('!')) {
      problems.push({ line: i + 1, message: `\`${pattern.slice(0, 80)}\`: negation (\`!\`) is not supported in CODEOWNERS; line ignored` });
      continue;
    }
    const match = compilePattern(pattern);
    if (typeof match === 'string') {
      problems.push({ line: i + 1, message: `\`${pattern.slice(0, 80)}\`: ${match}; line ignored` });
      continue;
    }
    const inherit = owners.length === 0 && sectionOwners.length > 0;
    rules.push({ line: i + 1, pattern, owners: inherit ? sectionOwners : owners, ...(inherit ? { fromSection: true } : {}), match });
  }
  return { rules, problems };
}

/** The line that decides a file's owners: the last whose pattern matches. */
export function ownerRule(parsed: ParsedCodeowners, path: string): Rule | undefined {
  for (let i = parsed.rules.length - 1; i >= 0; i--) if (parsed.rules[i]!.match(path)) return parsed.rules[i];
  return undefined;
}
