/**
 * Emoji shortcodes as TechDocs shows them: pymdownx.emoji turns `:calendar:` into an image of an
 * emoji set, so a page reads the same on machines whose fonts lack the emoji. Here:
 *
 * - names are GitHub's (gemoji: what authors type in READMEs and issues, and the names pymdownx's
 *   index knows for nearly every emoji), plus emojione's `flag_xx` names for flags and a few of its
 *   other spellings, since TechDocs' default index is emojione's;
 * - images are Twemoji's SVGs (@discordapp/twemoji, Unicode 16; artwork CC-BY 4.0), published as
 *   `docs/_assets/emoji/<codepoints>.svg` only when a page uses them (as page assets, see enhance);
 * - in the Markdown tree a shortcode becomes its character wrapped in a placeholder span (so heading
 *   ids, the TOC and the page description read the character), and only after sanitizing is that
 *   placeholder swapped for an `<img>` built here from this list — never from anything the author wrote.
 *
 * An unknown shortcode stays as typed, and an emoji without an image stays a character.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Element, Root } from 'hast';
import type { PhrasingContent, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import { gemoji } from 'gemoji';
// Type-only, erased at run time: names the package for the render cache's code version (cache/code-version.ts
// reads import specifiers), so a new Twemoji release re-renders pages whose images it changes.
import type {} from '@discordapp/twemoji';

/** Where a page's emoji images are published, relative to the site root. */
export const EMOJI_ASSET_DIR = 'docs/_assets/emoji/';
/** An emoji image's file name: its code points in lower-case hex, joined by `-` (Twemoji's naming). */
const FILE = /^[0-9a-f]{2,6}(?:-[0-9a-f]{2,6}){0,15}$/;

/** emojione's spellings that GitHub's names lack, for the emoji docs use most. */
const ALIASES: Readonly<Record<string, string>> = {
  check: '✔️', thumbup: '👍', thumbdown: '👎', slight_smile: '🙂', slight_frown: '🙁',
  upside_down: '🙃', hugging: '🤗', nerd: '🤓', rolling_eyes: '🙄',
};

export interface Emoji {
  /** The character(s), as the `alt` text and what search and copy see. */
  char: string;
  /** The SVG's file name without `.svg`; absent when the set has no image for it. */
  file?: string;
}

/** An emoji a page shows as an image, and the shortcode it was typed as (the image's tooltip). */
export interface UsedEmoji { char: string; file: string; shortcode: string }

let index: { names: Map<string, Emoji>; svgDir: string; files: ReadonlySet<string> } | undefined;

/** Twemoji names its files by the code points without U+FE0F, except in ZWJ sequences, which keep it. */
function fileOf(char: string, files: ReadonlySet<string>): string | undefined {
  const points = [...char].map((c) => c.codePointAt(0)!.toString(16));
  const full = points.join('-');
  const bare = points.filter((p) => p !== 'fe0f').join('-');
  return files.has(bare) ? bare : files.has(full) ? full : undefined;
}

/** Regional indicators 🇦…🇿 → `a`…`z`: a flag's emojione name is `flag_` and its two letters. */
function flagLetters(char: string): string | undefined {
  const points = [...char].map((c) => c.codePointAt(0)!);
  if (points.length !== 2 || !points.every((p) => p >= 0x1f1e6 && p <= 0x1f1ff)) return undefined;
  return points.map((p) => String.fromCharCode(p - 0x1f1e6 + 97)).join('');
}

function load(): NonNullable<typeof index> {
  if (index) return index;
  const svgDir = path.join(path.dirname(createRequire(import.meta.url).resolve('@discordapp/twemoji/package.json')), 'dist', 'svg');
  let files: Set<string>;
  try {
    files = new Set(readdirSync(svgDir).filter((f) => f.endsWith('.svg')).map((f) => f.slice(0, -4)));
  } catch {
    files = new Set(); // the package is missing: shortcodes still become characters
  }
  const names = new Map<string, Emoji>();
  const add = (name: string, char: string) => {
    if (names.has(name)) return;
    const file = fileOf(char, files);
    names.set(name, file ? { char, file } : { char });
  };
  for (const e of gemoji) {
    for (const name of e.names) add(name, e.emoji);
    const flag = flagLetters(e.emoji);
    if (flag) add(`flag_${flag}`, e.emoji);
  }
  for (const [name, char] of Object.entries(ALIASES)) add(name, char);
  return (index = { names, svgDir, files });
}

/** The emoji a shortcode name (without colons) stands for. */
export function emojiNamed(name: string): Emoji | undefined {
  return load().names.get(name);
}

/** The image file an emoji asset path names, inside the bundled set; undefined for any other path. */
export function emojiAssetSource(to: string): string | undefined {
  if (!to.startsWith(EMOJI_ASSET_DIR) || !to.endsWith('.svg')) return undefined;
  const file = to.slice(EMOJI_ASSET_DIR.length, -4);
  const { files, svgDir } = load();
  return FILE.test(file) && files.has(file) ? path.join(svgDir, `${file}.svg`) : undefined;
}

/** Placeholder class of the `i`-th emoji of a render: random per render, so author HTML cannot fake one. */
export const emojiClass = (nonce: string, i: number) => `pbx-${nonce}-e${i}`;

/** pymdownx.emoji's pattern: a name of letters, digits, `_`, `+`, `-` between colons. */
const SHORTCODE = /:([a-z0-9_+-]+):/g;

/**
 * A text's shortcodes as placeholder nodes (the emoji as text, in a span `enhance` swaps for its
 * image), the rest as plain text; undefined when the text has none. `used` collects the emoji in
 * placeholder order.
 */
export function splitShortcodes(value: string, nonce: string, used: UsedEmoji[]): PhrasingContent[] | undefined {
  const parts: PhrasingContent[] = [];
  let last = 0;
  for (const m of value.matchAll(SHORTCODE)) {
    const emoji = emojiNamed(m[1]!);
    if (!emoji) continue;
    if (m.index > last) parts.push({ type: 'text', value: value.slice(last, m.index) });
    if (emoji.file) {
      const i = used.push({ char: emoji.char, file: emoji.file, shortcode: m[0] }) - 1;
      parts.push({
        type: 'text', value: emoji.char,
        data: { hName: 'span', hProperties: { className: [emojiClass(nonce, i)] }, hChildren: [{ type: 'text', value: emoji.char }] },
      } as Text);
    } else {
      parts.push({ type: 'text', value: emoji.char });
    }
    last = m.index + m[0].length;
  }
  if (parts.length === 0) return undefined;
  if (last < value.length) parts.push({ type: 'text', value: value.slice(last) });
  return parts;
}

/**
 * After sanitizing: every placeholder of this render becomes `<img class="twemoji">` of its emoji,
 * `src` relative to the page (`urlOf`); returns the asset paths the page needs copied.
 */
export function placeEmoji(tree: Root, nonce: string, used: readonly UsedEmoji[], urlOf: (target: string) => string): string[] {
  if (used.length === 0) return [];
  const assets = new Set<string>();
  const prefix = `pbx-${nonce}-e`;
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName !== 'span' || !parent || index === undefined) return;
    const cls = node.properties.className;
    const name = Array.isArray(cls) && cls.length === 1 ? String(cls[0]) : '';
    if (!name.startsWith(prefix)) return;
    const i = Number(name.slice(prefix.length));
    const emoji = used[i];
    if (!emoji || name !== emojiClass(nonce, i)) return;
    const to = `${EMOJI_ASSET_DIR}${emoji.file}.svg`;
    assets.add(to);
    // as pymdownx.emoji's to_svg writes it: the character as alt text, the shortcode as tooltip
    parent.children[index] = {
      type: 'element', tagName: 'img', children: [],
      properties: { className: ['twemoji'], src: urlOf(to), alt: emoji.char, title: emoji.shortcode },
    };
  });
  return [...assets];
}
