/**
 * The pymdownx inline syntax MkDocs + techdocs-core renders: tilde, caret, mark, critic, smart
 * symbols and inlinehilite; checked on the HTML structure a reader sees. None of it may apply inside
 * code, and a backslash escape turns each off, as in Python-Markdown.
 */
import { describe, it, expect } from 'vitest';
import { render, byTag, classOf, text, parse, elements } from './helpers.js';

const para = async (md: string) => {
  const r = await render(md);
  return { r, p: byTag(r.html, 'p')[0]! };
};

describe('pymdownx.tilde', () => {
  it('makes H~2~O a subscript, not a strikethrough; ~~del~~ stays <del>', async () => {
    const { r, p } = await para('H~2~O and ~~gone~~');
    expect(byTag(r.html, 'sub').map(text)).toEqual(['2']);
    expect(byTag(r.html, 'del').map(text)).toEqual(['gone']);
    expect(text(p)).toBe('H2O and gone');
  });

  it('needs a subscript without spaces, except escaped ones', async () => {
    const r = await render('~a b~ and x~a\\ b~');
    expect(byTag(r.html, 'sub').map(text)).toEqual(['a b']);
    expect(text(byTag(r.html, 'p')[0]!)).toBe('~a b~ and xa b');
  });

  it('leaves lone tildes and paths alone', async () => {
    const r = await render('cd ~/src ~ and ~user');
    expect(byTag(r.html, 'sub')).toHaveLength(0);
    expect(text(byTag(r.html, 'p')[0]!)).toBe('cd ~/src ~ and ~user');
  });
});

describe('pymdownx.caret and pymdownx.mark', () => {
  it('renders x^2^ as <sup>, ^^ins^^ as <ins>, ==mark== as <mark>', async () => {
    const r = await render('x^2^ and ^^inserted text^^ and ==marked text==');
    expect(byTag(r.html, 'sup').map(text)).toEqual(['2']);
    expect(byTag(r.html, 'ins').map(text)).toEqual(['inserted text']);
    expect(byTag(r.html, 'mark').map(text)).toEqual(['marked text']);
  });

  it('wraps other inline markup and nests', async () => {
    const r = await render('==**bold** and ^^ins^^== after');
    const mark = byTag(r.html, 'mark')[0]!;
    expect(elements(mark).map((e) => e.tagName)).toEqual(['mark', 'strong', 'ins']);
    expect(text(mark)).toBe('bold and ins');
  });

  it('does not mark = or ^ between spaces, or == inside words', async () => {
    const r = await render('a == b == c, 2 ^ 3 ^ 4, x==y==z');
    expect(byTag(r.html, 'mark')).toHaveLength(0);
    expect(byTag(r.html, 'sup')).toHaveLength(0);
  });

  it('works in headings, and the id is made from the text shown', async () => {
    const r = await render('## H~2~O and ==this==');
    const h2 = byTag(r.html, 'h2')[0]!;
    expect(byTag(r.html, 'sub').map(text)).toEqual(['2']);
    expect(h2.properties.id).toBe('h2o-and-this');
    expect(r.toc.map((t) => t.text)).toEqual(['H2O and this']);
  });
});

describe('pymdownx.critic (view mode)', () => {
  it('renders the five marks as pymdownx does', async () => {
    const r = await render('{++added++} {--removed--} {~~old~>new~~} {==seen==} {>>a comment<<}');
    const tagged = elements(parse(r.html)).filter((e) => classOf(e).includes('critic'));
    expect(tagged.map((e) => [e.tagName, classOf(e).join(' '), text(e)])).toEqual([
      ['ins', 'critic', 'added'],
      ['del', 'critic', 'removed'],
      ['del', 'critic', 'old'],
      ['ins', 'critic', 'new'],
      ['mark', 'critic', 'seen'],
      ['span', 'critic comment', 'a comment'],
    ]);
  });

  it('notes a mark that does not close within its paragraph, at its line', async () => {
    const r = await render('para\n\n{++ spans\n\nparagraphs ++}');
    expect(byTag(r.html, 'ins')).toHaveLength(0);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['docs.critic-unclosed', 3]]);
  });

  it('renders Markdown inside edits, but a comment as plain text', async () => {
    const r = await render('{++**bold** add++} {~~ *a* ~> b ~~} {>>see ==this== **now**<<}');
    expect(text(byTag(r.html, 'ins')[0]!)).toBe('bold add');
    expect(byTag(r.html, 'ins')[0]!.children.some((c) => c.type === 'element' && c.tagName === 'strong')).toBe(true);
    expect(byTag(r.html, 'del').map(text)).toEqual([' a ']);
    const comment = byTag(r.html, 'span').find((s) => classOf(s).includes('comment'))!;
    expect(text(comment)).toBe('see ==this== now');
    expect(elements(comment)).toHaveLength(1);
  });
});

describe('pymdownx.smartsymbols', () => {
  it('replaces the symbols, arrows and fractions', async () => {
    const { p } = await para('(c) (r) (tm) c/o +/- --> <-- <--> =/= 1/4 1/2 3/4 1/3 2/3 1/5 2/5 3/5 4/5 1/6 5/6 1/8 3/8 5/8 7/8');
    expect(text(p)).toBe('© ® ™ ℅ ± → ← ↔ ≠ ¼ ½ ¾ ⅓ ⅔ ⅕ ⅖ ⅗ ⅘ ⅙ ⅚ ⅛ ⅜ ⅝ ⅞');
  });

  it('sets ordinal suffixes as superscripts', async () => {
    const r = await render('1st 2nd 3rd 4th 11th 12th 21st 101st');
    expect(byTag(r.html, 'sup').map(text)).toEqual(['st', 'nd', 'rd', 'th', 'th', 'th', 'st', 'st']);
    expect(text(byTag(r.html, 'p')[0]!)).toBe('1st 2nd 3rd 4th 11th 12th 21st 101st');
  });

  it('is case-sensitive and leaves longer numbers and arrows alone, like pymdownx', async () => {
    const { p } = await para('(C) 11/4 1/42 ---> x--y');
    expect(text(p)).toBe('(C) 11/4 1/42 ---> x--y');
  });
});

describe('pymdownx.inlinehilite', () => {
  it('highlights `#!python …` and `:::python …` as inline code in that language', async () => {
    const r = await render('Call `#!python range(3)` or `:::js console.log(1)`.');
    const codes = byTag(r.html, 'code');
    expect(codes.map(classOf)).toEqual([['language-python', 'highlight'], ['language-js', 'highlight']]);
    expect(codes.map(text)).toEqual(['range(3)', 'console.log(1)']);
    const tokens = elements(codes[0]!).filter((e) => e.tagName === 'span');
    expect(tokens.length).toBeGreaterThan(1);
    expect(String(tokens[0]!.properties.style)).toMatch(/--shiki-light:.*--shiki-dark:/);
    expect(byTag(r.html, 'pre')).toHaveLength(0);
  });

  it('shows a language the highlighter lacks as plain code, and says so at the line', async () => {
    const r = await render('one\n\ntwo `#!nosuchlang <b>x</b>`');
    const code = byTag(r.html, 'code')[0]!;
    expect(classOf(code)).toEqual(['highlight']);
    expect(text(code)).toBe('<b>x</b>');
    expect(byTag(r.html, 'b')).toHaveLength(0);
    expect(r.diagnostics.map((d) => [d.code, d.line, d.file])).toEqual([['docs.unknown-language', 3, 'docs/page.md']]);
  });

  it('escapes the code it highlights', async () => {
    const r = await render('`#!html <script>alert(1)</script>`');
    expect(byTag(r.html, 'script')).toHaveLength(0);
    expect(text(byTag(r.html, 'code')[0]!)).toBe('<script>alert(1)</script>');
  });

  it('gives a heading with highlighted code its id and TOC text from the code shown', async () => {
    const r = await render('## Use `#!python range(3)` now');
    expect(r.toc).toEqual([{ depth: 2, id: 'use-range3-now', text: 'Use range(3) now' }]);
    expect(classOf(byTag(r.html, 'code')[0]!)).toEqual(['language-python', 'highlight']);
  });

  it('leaves plain inline code as it was', async () => {
    const r = await render('`plain` and `#!` and `#!python`');
    expect(byTag(r.html, 'code').map((c) => [classOf(c), text(c)])).toEqual([[[], 'plain'], [[], '#!'], [[], '#!python']]);
  });
});

describe('not inside code, not when escaped', () => {
  const SAMPLE = 'H~2~O x^2^ ^^i^^ ==m== {++a++} {>>c<<} (c) 1st --> 1/2';

  it('leaves inline code and code blocks exactly as written', async () => {
    const r = await render(`\`${SAMPLE}\`\n\n\`\`\`\n${SAMPLE}\n\`\`\`\n\n    ${SAMPLE}`);
    for (const tag of ['sub', 'sup', 'ins', 'mark']) expect(byTag(r.html, tag)).toEqual([]);
    expect(byTag(r.html, 'span').filter((s) => classOf(s).includes('critic'))).toEqual([]);
    const codes = byTag(r.html, 'code').map((c) => text(c).trim());
    expect(codes).toEqual([SAMPLE, SAMPLE, SAMPLE]);
  });

  it('leaves URLs shown as themselves alone', async () => {
    const r = await render('See https://x.example/a~b~c/1/2 and <https://x.example/(c)==x==> and www.x.example/1st');
    expect(byTag(r.html, 'a').map(text)).toEqual(['https://x.example/a~b~c/1/2', 'https://x.example/(c)==x==', 'www.x.example/1st']);
    for (const tag of ['sub', 'sup', 'mark']) expect(byTag(r.html, tag)).toEqual([]);
  });

  it('takes a backslash-escaped delimiter literally', async () => {
    const { r, p } = await para('H\\~2~O x\\^2^ \\^\\^i^^ \\==m== \\{++a++} \\(c) 1\\/2');
    for (const tag of ['sub', 'sup', 'ins', 'mark']) expect(byTag(r.html, tag)).toEqual([]);
    expect(text(p)).toBe('H~2~O x^2^ ^^i^^ ==m== {++a++} (c) 1/2');
  });

  it('still resolves escapes in links, titles and fence info', async () => {
    const r = await render('[a\\*b](https://ok.example/a\\_b "t\\"q")\n\n```py title="a\\_b"\nx\n```');
    const a = byTag(r.html, 'a')[0]!;
    expect([text(a), a.properties.href, a.properties.title]).toEqual(['a*b', 'https://ok.example/a_b', 't"q']);
    expect(byTag(r.html, 'figcaption').map(text)).toEqual(['a_b']);
  });
});
