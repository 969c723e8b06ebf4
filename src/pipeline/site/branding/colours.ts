/**
 * The accent colours of `site.accent` as CSS: WCAG 2 contrast decides the text on accent backgrounds
 * (primary buttons, the selected explorer kind) — white or near-black, whichever reads better — and
 * says when the accent is too faint against the page to be seen as a link or a button.
 */

export interface Rgb { r: number; g: number; b: number }

/** `#rgb` or `#rrggbb` (the config schema checked it) to 0–255 channels. */
export function parseHex(hex: string): Rgb {
  let h = hex.replace(/^#/, '');
  if (h.length === 3) h = [...h].map((c) => c + c).join('');
  const n = Number.parseInt(h, 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}

export const toHex = ({ r, g, b }: Rgb): string =>
  `#${[r, g, b].map((c) => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, '0')).join('')}`;

/** WCAG 2.x relative luminance. */
export function luminance(c: Rgb): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

/** WCAG 2.x contrast ratio, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [l1, l2] = [luminance(parseHex(a)), luminance(parseHex(b))].sort((x, y) => y - x) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

/** `amount` of `a` over `b` (0: b, 1: a). */
export function mix(a: string, b: string, amount: number): string {
  const x = parseHex(a);
  const y = parseHex(b);
  return toHex({ r: y.r + (x.r - y.r) * amount, g: y.g + (x.g - y.g) * amount, b: y.b + (x.b - y.b) * amount });
}

/** The page backgrounds of global.css (`--bg`), which accents are measured against. */
export const PAGE_BACKGROUND = { light: '#ffffff', dark: '#0d1117' } as const;
/** Text on an accent background: one of these two. */
export const ON_ACCENT = { white: '#ffffff', dark: '#0d1117' } as const;
/** Below this against the page, a link or a button's edge is hard to see (WCAG 1.4.11, non-text contrast). */
export const MIN_ACCENT_CONTRAST = 3;

export type Theme = keyof typeof PAGE_BACKGROUND;

export interface AccentTokens { accent: string; fg: string; soft: string; onPage: number; onAccent: number }

/** What global.css's accent tokens become for one theme. */
export function accentTokens(accent: string, theme: Theme): AccentTokens {
  const value = toHex(parseHex(accent));
  const white = contrast(value, ON_ACCENT.white);
  const dark = contrast(value, ON_ACCENT.dark);
  const fg = white >= dark ? ON_ACCENT.white : ON_ACCENT.dark;
  return {
    accent: value,
    fg,
    // the tint of selected rows and highlights: as global.css's own, about an eighth of the accent
    soft: mix(value, PAGE_BACKGROUND[theme], 0.12),
    onPage: contrast(value, PAGE_BACKGROUND[theme]),
    onAccent: Math.max(white, dark),
  };
}

/**
 * The stylesheet that overrides global.css's tokens: one block per configured theme, each under the
 * same selectors global.css uses for it (the system's scheme unless the reader chose, or the
 * reader's choice), doubled `:root` so that it wins whatever order the sheets load in. A theme
 * without a configured accent keeps Playbill's.
 */
export function accentCss(accent: { light?: string; dark?: string }): string {
  const block = (sel: string, t: AccentTokens) => `${sel} { --accent: ${t.accent}; --accent-fg: ${t.fg}; --accent-soft: ${t.soft}; }`;
  const out = ['/* site.accent of portal.yaml, over the tokens of global.css */'];
  if (accent.light) {
    const t = accentTokens(accent.light, 'light');
    out.push(`@media not all and (prefers-color-scheme: dark) {\n  ${block(':root:root:not([data-theme="dark"])', t)}\n}`, block(':root:root[data-theme="light"]', t));
  }
  if (accent.dark) {
    const t = accentTokens(accent.dark, 'dark');
    out.push(`@media (prefers-color-scheme: dark) {\n  ${block(':root:root:not([data-theme="light"])', t)}\n}`, block(':root:root[data-theme="dark"]', t));
  }
  return `${out.join('\n')}\n`;
}
