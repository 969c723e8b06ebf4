/**
 * MkDocs syntax that shapes blocks and elements: GitHub alerts, md_in_html, attr_list beyond ids,
 * and `linenums` on fences; checked on the HTML a reader sees, with hostile input for each, and a
 * note at the author's line for what is recognised but not rendered.
 */
import { describe, it, expect } from 'vitest';
import { render, byTag, classOf, text, parse, elements } from './helpers.js';

const admonitions = (html: string) => byTag(html, 'div').filter((d) => classOf(d).includes('admonition'));
const title = (div: Parameters<typeof text>[0]) =>
  elements(div).filter((e) => e.tagName === 'p' && classOf(e).includes('admonition-title')).map(text);

describe('GitHub alerts', () => {
  it('render like !!! admonitions of the same type', async () => {
    const md = ['NOTE', 'TIP', 'IMPORTANT', 'WARNING', 'CAUTION'].map((t) => `> [!${t}]\n> Body of ${t}.`).join('\n\n');
    const r = await render(md);
    const divs = admonitions(r.html);
    expect(divs.map(classOf)).toEqual(['note', 'tip', 'important', 'warning', 'caution'].map((t) => ['admonition', t]));
    expect(divs.map((d) => title(d)[0])).toEqual(['Note', 'Tip', 'Important', 'Warning', 'Caution']);
    expect(byTag(r.html, 'blockquote')).toHaveLength(0);

    const bang = admonitions((await render('!!! note\n    Body of NOTE.')).html)[0]!;
    expect([classOf(divs[0]!), title(divs[0]!), text(divs[0]!).trim()]).toEqual([classOf(bang), title(bang), text(bang).trim()]);
  });

  it('take any case, and Markdown in the body, over several paragraphs', async () => {
    const r = await render('> [!tip]\n> One **bold**.\n>\n> - a list');
    const div = admonitions(r.html)[0]!;
    expect(classOf(div)).toEqual(['admonition', 'tip']);
    expect(elements(div).map((e) => e.tagName)).toEqual(['div', 'p', 'p', 'strong', 'ul', 'li']);
  });

  it('stay quotes when the marker is not alone, escaped, or not an alert; a misspelt one gets a note', async () => {
    const r = await render('> [!NOTE] same line\n\n> \\[!NOTE]\n> x\n\n> text [!NOTE]\n\n> [!DANGER]\n> y');
    expect(admonitions(r.html)).toHaveLength(0);
    expect(byTag(r.html, 'blockquote')).toHaveLength(4);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['docs.unknown-alert', 8]]);
  });

  it('keep hostile content inert', async () => {
    const r = await render('> [!WARNING]\n> <script>alert(1)</script><img src=https://ok.example/a.png onerror=alert(1)> [x](javascript:alert(1))');
    expect(admonitions(r.html)).toHaveLength(1);
    expect(byTag(r.html, 'script')).toHaveLength(0);
    expect(byTag(r.html, 'img').map((i) => Object.keys(i.properties))).toEqual([['src']]);
    expect(byTag(r.html, 'a').filter((a) => a.properties.href !== undefined)).toHaveLength(0);
  });
});

describe('md_in_html', () => {
  it('renders Markdown inside <div markdown>, markdown="1" and markdown="block"', async () => {
    for (const attr of ['markdown', 'markdown="1"', "markdown='block'", 'markdown=1']) {
      const r = await render(`<div class="grid cards" ${attr}>\n**bold** and *em*\n\n- item\n</div>\n\nafter`);
      const div = byTag(r.html, 'div')[0]!;
      expect(classOf(div)).toEqual(['grid', 'cards']);
      expect(elements(div).map((e) => e.tagName)).toEqual(['div', 'p', 'strong', 'em', 'ul', 'li']);
      expect(r.html).not.toMatch(/markdown/i);
      expect(byTag(r.html, 'p').map(text)).toContain('after');
    }
  });

  it('renders inline Markdown into span elements (p, h2, td) without adding a <p>', async () => {
    const r = await render('<p markdown><b>raw</b> **a** and `c`</p>\n\n<h2 markdown="1">*Title*</h2>\n\n<div markdown="span">**s**</div>');
    const ps = byTag(r.html, 'p');
    expect(ps).toHaveLength(1);
    expect(elements(ps[0]!).map((e) => e.tagName)).toEqual(['p', 'b', 'strong', 'code']);
    expect(elements(byTag(r.html, 'h2')[0]!).map((e) => e.tagName)).toEqual(['h2', 'em']);
    expect(elements(byTag(r.html, 'div')[0]!).map((e) => e.tagName)).toEqual(['div', 'strong']);

    const t = await render('<table>\n<tr>\n<td markdown>**cell** `x`</td>\n<td>**raw**</td>\n</tr>\n</table>');
    expect(byTag(t.html, 'td').map((td) => elements(td).map((e) => e.tagName))).toEqual([['td', 'strong', 'code'], ['td']]);
    expect(byTag(t.html, 'p')).toHaveLength(0);
  });

  it('nests, takes MkDocs blocks inside, and is not fooled by </div> in a code fence', async () => {
    const r = await render('<div markdown>\n<div markdown>\n!!! note\n    **in**\n</div>\n\n```html\n</div>\n```\n</div>\n\nout');
    const [outer] = byTag(r.html, 'div');
    expect(elements(outer!).filter((e) => e.tagName === 'div').map(classOf)).toEqual([[], [], ['admonition', 'note']]);
    expect(text(byTag(r.html, 'code')[0]!)).toBe('</div>');
    expect(byTag(r.html, 'strong').map(text)).toEqual(['in']);
    expect(byTag(r.html, 'p').map(text)).toContain('out');

    const span = await render('<div markdown>\nClose with `</div>`, **really**.\n</div>\n\nafter');
    expect(byTag(span.html, 'code').map(text)).toEqual(['</div>']);
    expect(byTag(span.html, 'div')).toHaveLength(1);
    expect(byTag(span.html, 'strong').map(text)).toEqual(['really']);
  });

  it('leaves markdown="0", elements without the attribute, and raw tags as raw HTML', async () => {
    const r = await render('<div markdown="0">\n**raw**\n</div>\n\n<div>\n**raw**\n</div>\n\n<pre markdown>\n**raw**\n</pre>');
    expect(byTag(r.html, 'strong')).toHaveLength(0);
    expect(r.html).not.toMatch(/markdown=/);
  });

  it('notes an element that never closes, at its line', async () => {
    const r = await render('text\n\n<div markdown>\n**x**');
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['docs.md-in-html-unclosed', 3]]);
  });

  it('keeps the line numbers of its body for notes', async () => {
    const r = await render('<div markdown>\n\n\n[x](https://ok.example){: onclick=x }\n</div>');
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['docs.attr-dropped', 4]]);
  });

  it('keeps hostile attributes and content inert', async () => {
    const r = await render('<div markdown onclick="alert(1)" style="color:red">\n<script>alert(1)</script>\n**x**\n</div>\n\n<p markdown="span" onmouseover=alert(1)>[y](javascript:alert(1))</p>');
    const all = elements(parse(r.html));
    expect(all.filter((e) => e.tagName === 'script')).toHaveLength(0);
    expect(all.flatMap((e) => Object.keys(e.properties)).filter((k) => /^on|style|markdown/i.test(k))).toEqual([]);
    expect(all.filter((e) => e.tagName === 'a' && e.properties.href !== undefined)).toHaveLength(0);
  });
});

describe('attr_list', () => {
  it('sets classes on headings, paragraphs, links and images', async () => {
    const r = await render('## Title {: .wide #custom }\n\nA paragraph.\n{: .lead }\n\n[Go](https://ok.example){ .md-button .md-button--primary } and ![pic](https://ok.example/a.png){: .shadow }');
    const h2 = byTag(r.html, 'h2')[0]!;
    expect([h2.properties.id, classOf(h2)]).toEqual(['custom', ['wide']]);
    expect(byTag(r.html, 'p').map((p) => [classOf(p), text(p).trim()])).toEqual([[['lead'], 'A paragraph.'], [[], 'Go and']]);
    expect(classOf(byTag(r.html, 'a').find((a) => a.properties.href === 'https://ok.example')!)).toEqual(['md-button', 'md-button--primary']);
    expect(classOf(byTag(r.html, 'img')[0]!)).toEqual(['shadow']);
    expect(r.diagnostics).toEqual([]);
  });

  it('sets image width, height, align and loading', async () => {
    const r = await render('![a](https://ok.example/a.png){ width="300" height=50% align=right loading=lazy }');
    const img = byTag(r.html, 'img')[0]!;
    expect([img.properties.width, img.properties.height, img.properties.align, img.properties.loading])
      .toEqual([300, '50%', 'right', 'lazy']);
  });

  it('opens target=_blank links in a new tab with rel=noopener', async () => {
    const r = await render('[ext](https://ok.example/){: target=_blank }');
    const a = byTag(r.html, 'a')[0]!;
    expect([a.properties.target, a.properties.rel]).toEqual(['_blank', ['noopener']]);
  });

  it('drops what is unsafe or unknown, with a note at the line', async () => {
    const r = await render([
      '# H {: onclick="alert(1)" style="color:red" }',
      '',
      '[l](https://ok.example/){: target=evil .code-copy .pbx-0123456789abcdef-0 href="javascript:alert(1)" }',
      '',
      '![i](https://ok.example/a.png){: width="1 onerror=alert(1)" align=middle onerror=alert(1) .mermaid }',
      '',
      'P',
      '{: data-x=1 .ok }',
    ].join('\n'));
    const all = elements(parse(r.html));
    const a = all.find((e) => e.tagName === 'a' && !classOf(e).includes('headerlink'))!;
    expect(a.properties).toEqual({ href: 'https://ok.example/' });
    expect(all.find((e) => e.tagName === 'img')!.properties).toEqual({ src: 'https://ok.example/a.png', alt: 'i' });
    expect(all.flatMap((e) => Object.keys(e.properties)).filter((k) => /^on|style/i.test(k))).toEqual([]);
    expect(classOf(all.find((e) => e.tagName === 'h1')!)).toEqual([]);
    const notes = r.diagnostics.map((d) => [d.code, d.line]);
    expect(notes.every(([code]) => code === 'docs.attr-dropped')).toBe(true);
    expect(new Set(notes.map(([, line]) => line))).toEqual(new Set([1, 3, 5, 8]));
    expect(r.diagnostics.filter((d) => d.line === 3)).toHaveLength(4);
  });

  it('sets classes on tight list items, table cells and inline code; a list alone stays text', async () => {
    const r = await render('- one {: .a }\n- two\n\n| h {: .hc } |\n|---|\n| c {: .cc } |\n\nuse `x`{: .k } here\n\n{: .alone }');
    expect(byTag(r.html, 'li').map(classOf)).toEqual([['a'], []]);
    expect(byTag(r.html, 'li').map(text)).toEqual(['one', 'two']);
    expect([...byTag(r.html, 'th'), ...byTag(r.html, 'td')].map((c) => [classOf(c), text(c)])).toEqual([[['hc'], 'h'], [['cc'], 'c']]);
    expect(classOf(byTag(r.html, 'code')[0]!)).toEqual(['k']);
    expect(byTag(r.html, 'p').map(text)).toContain('{: .alone }');
  });

  it('keeps text that only looks like braces', async () => {
    const r = await render('Use {placeholder} here and {name}');
    expect(text(byTag(r.html, 'p')[0]!)).toBe('Use {placeholder} here and {name}');
  });
});

describe('linenums', () => {
  const numbers = (html: string) =>
    byTag(html, 'span').filter((s) => classOf(s).includes('line')).map((s) => s.properties.dataLinenos);

  it('numbers each line from the start given, in a column outside the code text', async () => {
    const r = await render('```py linenums="1"\na = 1\nb = 2\n```\n\n```py linenums="9" hl_lines="2"\nx\ny\nz\n```');
    const [first, second] = byTag(r.html, 'pre');
    expect(classOf(first!)).toContain('linenums');
    expect(numbers(r.html)).toEqual(['1 ', '2 ', ' 9 ', '10 ', '11 ']);
    // copying takes the code element's text: the numbers are not in it
    expect(text(byTag(r.html, 'code')[0]!)).toBe('a = 1\nb = 2');
    expect(text(byTag(r.html, 'code')[1]!)).toBe('x\ny\nz');
    const lines = elements(second!).filter((e) => classOf(e).includes('line'));
    expect(lines.map((l) => classOf(l).includes('highlighted'))).toEqual([false, true, false]);
    expect(byTag(r.html, 'button').map(classOf)).toEqual([['code-copy'], ['code-copy']]);
  });

  it('shows every step-th number, none for linenums="0", and notes what it cannot read', async () => {
    const r = await render('```py linenums="1 2"\na\nb\nc\n```\n\n```py linenums="0"\nq\n```\n\n```py linenums="x"\nw\n```');
    expect(numbers(r.html)).toEqual(['  ', '2 ', '  ', undefined, undefined]);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['docs.fence-option', 11]]);
  });
});
