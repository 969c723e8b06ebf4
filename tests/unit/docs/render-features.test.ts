import { describe, it, expect } from 'vitest';
import { render, byTag, classOf, text, parse, elements } from './helpers.js';

describe('GFM', () => {
  it('renders tables, task lists, strikethrough, autolinks and footnotes', async () => {
    const r = await render([
      '| a | b |', '|---|:-:|', '| 1 | 2 |', '',
      '- [x] done', '- [ ] open', '',
      '~~gone~~ and https://example.com/x', '',
      'Note[^n].', '', '[^n]: The footnote.',
    ].join('\n'));
    expect(byTag(r.html, 'td').map(text)).toEqual(['1', '2']);
    const boxes = byTag(r.html, 'input');
    expect(boxes.map((b) => [b.properties.type, b.properties.checked === true, b.properties.disabled === true]))
      .toEqual([['checkbox', true, true], ['checkbox', false, true]]);
    expect(byTag(r.html, 'del').map(text)).toEqual(['gone']);
    expect(byTag(r.html, 'a').some((a) => a.properties.href === 'https://example.com/x')).toBe(true);
    const ref = byTag(r.html, 'a').find((a) => a.properties.dataFootnoteRef !== undefined)!;
    const target = String(ref.properties.href).slice(1);
    expect(elements(parse(r.html)).some((e) => e.properties.id === target)).toBe(true);
  });
});

describe('admonitions and details', () => {
  it('turns !!! blocks into titled divs with Markdown bodies', async () => {
    const r = await render('!!! warning "Mind the gap"\n    Body with **bold**.\n\nAfter.');
    const div = byTag(r.html, 'div').find((d) => classOf(d).includes('admonition'))!;
    expect(classOf(div)).toEqual(['admonition', 'warning']);
    expect(text(byTag(r.html, 'p').find((p) => classOf(p).includes('admonition-title'))!)).toBe('Mind the gap');
    expect(byTag(r.html, 'strong').map(text)).toEqual(['bold']);
    expect(byTag(r.html, 'p').map(text)).toContain('After.');
  });

  it('uses the capitalised type as default title and no title for ""', async () => {
    const r = await render('!!! tip\n    a\n\n!!! note ""\n    b');
    expect(byTag(r.html, 'p').filter((p) => classOf(p).includes('admonition-title')).map(text)).toEqual(['Tip']);
  });

  it('makes ??? collapsible and ???+ open, and nests', async () => {
    const r = await render('??? note "Closed"\n    x\n\n???+ danger "Open"\n    !!! info\n        nested');
    const [closed, open] = byTag(r.html, 'details');
    expect(closed!.properties.open).toBeFalsy();
    expect(open!.properties.open).toBe(true);
    expect(byTag(r.html, 'summary').map(text)).toEqual(['Closed', 'Open']);
    expect(classOf(byTag(r.html, 'div').find((d) => classOf(d).includes('info'))!)).toContain('admonition');
  });

  it('leaves admonition syntax inside code fences alone', async () => {
    const r = await render('```\n!!! note\n    not an admonition\n```');
    expect(byTag(r.html, 'div').some((d) => classOf(d).includes('admonition'))).toBe(false);
    expect(r.html).toContain('!!! note');
  });
});

describe('tabs', () => {
  it('renders === blocks as radio-driven tabs that need no script', async () => {
    const r = await render('=== "Linux"\n    apt install x\n\n=== "macOS"\n    brew install x\n');
    const inputs = byTag(r.html, 'input');
    expect(inputs.map((i) => i.properties.type)).toEqual(['radio', 'radio']);
    expect(new Set(inputs.map((i) => String(i.properties.name))).size).toBe(1);
    expect(inputs[0]!.properties.checked).toBe(true);
    const labels = byTag(r.html, 'label');
    expect(labels.map(text)).toEqual(['Linux', 'macOS']);
    expect(labels.map((l) => String(l.properties.htmlFor))).toEqual(inputs.map((i) => String(i.properties.id)));
    expect(byTag(r.html, 'div').filter((d) => classOf(d).includes('tabbed-block')).map((d) => text(d).trim()))
      .toEqual(['apt install x', 'brew install x']);
  });

  it('starts a new set at ===!', async () => {
    const r = await render('=== "A"\n    a\n\n===! "B"\n    b\n');
    expect(byTag(r.html, 'div').filter((d) => classOf(d).includes('tabbed-set'))).toHaveLength(2);
  });
});

describe('code', () => {
  it('highlights with dual themes, a title, highlighted lines and a copy button', async () => {
    const r = await render('```ts title="x.ts" hl_lines="2"\nconst a = 1;\nconst b = 2;\n```');
    const pre = byTag(r.html, 'pre')[0]!;
    expect(classOf(pre)).toContain('shiki');
    expect(String(pre.properties.style)).toMatch(/--shiki-light:.*--shiki-dark:/);
    expect(byTag(r.html, 'figcaption').map(text)).toEqual(['x.ts']);
    const lines = byTag(r.html, 'span').filter((s) => classOf(s).includes('line'));
    expect(lines.map((l) => classOf(l).includes('highlighted'))).toEqual([false, true]);
    expect(byTag(r.html, 'button').map((b) => classOf(b))).toEqual([['code-copy']]);
  });

  it('falls back to plain text for unknown languages', async () => {
    const r = await render('```nosuchlang\n<b>x</b>\n```');
    expect(text(byTag(r.html, 'code')[0]!)).toBe('<b>x</b>');
    expect(byTag(r.html, 'b')).toHaveLength(0);
  });

  it('emits mermaid as escaped source and flags the page', async () => {
    const r = await render('```mermaid\ngraph TD; A-->B\n```');
    const pre = byTag(r.html, 'pre')[0]!;
    expect(classOf(pre)).toEqual(['mermaid']);
    expect(text(pre)).toBe('graph TD; A-->B');
    expect(r.hasMermaid).toBe(true);
    expect((await render('plain')).hasMermaid).toBe(false);
  });
});

describe('headings and toc', () => {
  it('makes MkDocs-style ids, honours {#custom}, dedupes, and lists h2+ in the toc', async () => {
    const r = await render('# Title {#top}\n\n## Setup & Run\n\n## Setup & Run\n\n### Über Café\n\n## Custom {: #my-id .x }');
    expect(byTag(r.html, 'h1')[0]!.properties.id).toBe('top');
    expect(r.h1).toBe('Title');
    expect(r.toc).toEqual([
      { depth: 2, id: 'setup-run', text: 'Setup & Run' },
      { depth: 2, id: 'setup-run_1', text: 'Setup & Run' },
      { depth: 3, id: 'uber-cafe', text: 'Über Café' },
      { depth: 2, id: 'my-id', text: 'Custom' },
    ]);
    const permalinks = byTag(r.html, 'a').filter((a) => classOf(a).includes('headerlink'));
    expect(permalinks.map((a) => a.properties.href)).toEqual(['#top', '#setup-run', '#setup-run_1', '#uber-cafe', '#my-id']);
  });

  it('reads the front-matter title and drops the front matter', async () => {
    const r = await render('---\ntitle: From FM\n---\n# H1\n\nFirst para.');
    expect(r.fmTitle).toBe('From FM');
    expect(r.html).not.toContain('title: From FM');
    expect(r.description).toBe('First para.');
  });

  it('describes a page by its first paragraph, at most 200 characters', async () => {
    const r = await render(`# T\n\n${'word '.repeat(100)}`);
    expect(r.description.length).toBeLessThanOrEqual(200);
    expect(r.description.endsWith('…')).toBe(true);
  });
});

describe('inline extensions', () => {
  it('replaces known emoji shortcodes and leaves unknown ones (emoji.test.ts has the rest)', async () => {
    const r = await render('Hi :smile: and :nope: and `:smile:`');
    expect(text(byTag(r.html, 'p')[0]!)).toBe('Hi  and :nope: and :smile:');
    expect(byTag(r.html, 'img').map((i) => i.properties.alt)).toEqual(['😄']);
  });

  it('wraps abbreviations and removes their definitions', async () => {
    const r = await render('The HTML spec, not HTMLX.\n\n*[HTML]: Hyper Text Markup Language');
    const abbr = byTag(r.html, 'abbr');
    expect(abbr.map((a) => [text(a), a.properties.title])).toEqual([['HTML', 'Hyper Text Markup Language']]);
    expect(r.html).not.toContain('*[HTML]');
  });

  it('renders definition lists', async () => {
    const r = await render('Apple\n:   A fruit.\n\nOrange\n:   Another fruit.');
    expect(byTag(r.html, 'dt').map(text)).toEqual(['Apple', 'Orange']);
    expect(byTag(r.html, 'dd').map((d) => text(d).trim())).toEqual(['A fruit.', 'Another fruit.']);
  });

  it('strips attr lists after links instead of printing them', async () => {
    const r = await render('[Get it](https://example.com/x.zip){: .md-button download }');
    expect(text(byTag(r.html, 'p')[0]!)).toBe('Get it');
  });
});

describe('degrading', () => {
  it('keeps syntax it does not know as readable text', async () => {
    const r = await render('/// note | Title\nbody\n///\n\n!!!\n\n=== no quotes\n\n{% include "x" %}');
    expect(r.diagnostics).toEqual([]);
    for (const s of ['/// note | Title', '!!!', '=== no quotes', '{% include "x" %}']) expect(r.html).toContain(s.replace(/"/g, '"'));
  });

  it('does not crash on pathological input', async () => {
    const r = await render('!!! note\n' + '    '.repeat(50) + '!!! x\n' + '['.repeat(5000) + '\n```\nunclosed');
    expect(r.diagnostics.filter((d) => d.code === 'docs.render-failed')).toEqual([]);
    expect(r.html.length).toBeGreaterThan(0);
  });
});
