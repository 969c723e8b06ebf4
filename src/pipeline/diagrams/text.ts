/**
 * Text that goes into the SVG: escaping (names come from untrusted YAML), width estimates (there is
 * no browser at build time to measure with) and truncation.
 */

export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Drops characters XML 1.0 forbids (control characters from YAML would make the SVG unparsable). */
export function cleanText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, '').replace(/\s+/g, ' ').trim();
}

/** Script-running schemes never leave this module, whatever `hrefFor` returns. */
export function safeHref(href: string | undefined): string | undefined {
  if (href === undefined) return undefined;
  // eslint-disable-next-line no-control-regex
  const probe = href.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
  if (/^(javascript|vbscript|data):/.test(probe)) return undefined;
  return href;
}

/** Advance widths in em of a typical UI sans-serif; close enough to size boxes, not to kern. */
function charEm(ch: string): number {
  if (/[ijl.,:;'!|`]/.test(ch)) return 0.27;
  if (/[ftrI()[\]{} \-/"]/.test(ch)) return 0.36;
  if (/[mwMW@]/.test(ch)) return 0.86;
  if (/[A-Z]/.test(ch)) return 0.66;
  if (/[0-9a-z_#$?*+=<>~^&%]/.test(ch)) return ch === '%' ? 0.8 : 0.56;
  const code = ch.codePointAt(0) ?? 0;
  // CJK, emoji and other wide scripts
  if (code >= 0x1100) return 1.0;
  return 0.6;
}

/** charEm of ASCII, looked up: widths are measured for every label of every diagram. */
const ASCII_EM = Float64Array.from({ length: 128 }, (_, i) => charEm(String.fromCharCode(i)));

export function textWidth(s: string, fontSize: number, bold = false): number {
  let em = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 128) { em += ASCII_EM[code]!; continue; }
    const ch = String.fromCodePoint(s.codePointAt(i)!);
    em += charEm(ch);
    i += ch.length - 1;
  }
  return em * fontSize * (bold ? 1.12 : 1.02);
}

/** Cuts `s` to fit `maxWidth`, ending in "…"; returns it unchanged when it fits. */
export function truncate(s: string, maxWidth: number, fontSize: number, bold = false): string {
  if (textWidth(s, fontSize, bold) <= maxWidth) return s;
  const chars = [...s];
  const budget = maxWidth - textWidth('…', fontSize, bold);
  let width = 0;
  let n = 0;
  for (const ch of chars) {
    const w = textWidth(ch, fontSize, bold);
    if (width + w > budget) break;
    width += w;
    n++;
  }
  return `${chars.slice(0, n).join('').trimEnd()}…`;
}
