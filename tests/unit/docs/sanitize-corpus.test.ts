/**
 * Known XSS vectors run through the whole renderer. The output is parsed again (as a browser would)
 * and every element and attribute is checked: nothing that can run script may survive, and only the
 * renderer's own inputs (task-list checkboxes, tab radios) and buttons (copy) may appear.
 */
import { describe, it, expect } from 'vitest';
import type { Element } from 'hast';
import { render, parse, elements, classOf, text } from './helpers.js';

const VECTORS: Array<[string, string]> = [
  ['script tag', '<script>alert(1)</script>'],
  ['script src upper', '<SCRIPT SRC=//evil.example/x.js></SCRIPT>'],
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['svg onload', '<svg onload=alert(1)>'],
  ['svg script', '<svg><script>alert(1)</script></svg>'],
  ['body onload', '<body onload=alert(1)>'],
  ['href javascript', '<a href="javascript:alert(1)">x</a>'],
  ['href mixed case', '<a href="JaVaScRiPt:alert(1)">x</a>'],
  ['href decimal entity', '<a href="&#106;avascript:alert(1)">x</a>'],
  ['href hex entities', '<a href="&#x6A;&#x61;vascript:alert(1)">x</a>'],
  ['href partial entity', '<a href="javas&#99;ript:alert(1)">x</a>'],
  ['href tab entity', '<a href="java&#9;script:alert(1)">x</a>'],
  ['href raw tab', '<a href="java\tscript:alert(1)">x</a>'],
  ['href newline', '<a href="java\nscript:alert(1)">x</a>'],
  ['href leading space', '<a href=" javascript:alert(1)">x</a>'],
  ['href control char', '<a href="\u0001javascript:alert(1)">x</a>'],
  ['vbscript', '<a href="vbscript:msgbox(1)">x</a>'],
  ['data text/html', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
  ['img data svg', '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">'],
  ['img srcset', '<img srcset="javascript:alert(1) 1x" src="https://ok.example/a.png">'],
  ['form action', '<form action="javascript:alert(1)"><input type=submit value=go></form>'],
  ['button formaction', '<button formaction="javascript:alert(1)">x</button>'],
  ['svg xlink:href', '<svg><a xlink:href="javascript:alert(1)"><text x="0" y="20">x</text></a></svg>'],
  ['svg animate', '<svg><animate attributeName="href" values="javascript:alert(1)"/><a><text>x</text></a></svg>'],
  ['svg set', '<svg><set attributeName="href" to="javascript:alert(1)"/></svg>'],
  ['mathml maction', '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>'],
  ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ['iframe src', '<iframe src="javascript:alert(1)"></iframe>'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['base href', '<base href="javascript:/">'],
  ['link import', '<link rel=import href="data:text/html,<script>alert(1)</script>">'],
  ['object data', '<object data="javascript:alert(1)"></object>'],
  ['embed src', '<embed src="javascript:alert(1)">'],
  ['style url()', '<div style="background:url(javascript:alert(1))">x</div>'],
  ['style expression', '<div style="width: expression(alert(1))">x</div>'],
  ['style element', '<style>@import "javascript:alert(1)"; body{background:url(javascript:alert(1))}</style>'],
  ['md link', '[x](javascript:alert(1))'],
  ['md link upper', '[x](JAVASCRIPT:alert(1))'],
  ['md link angle', '[x](<javascript:alert(1)>)'],
  ['md autolink', '<javascript:alert(1)>'],
  ['md reference link', '[x][r]\n\n[r]: javascript:alert(1)'],
  ['md image', '![x](javascript:alert(1))'],
  ['md image title breakout', '![x](https://ok.example/a.png "a\\" onerror=\\"alert(1)")'],
  ['md data image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
  ['attr_list heading', '# H {: onclick="alert(1)" }'],
  ['attr_list paragraph', 'Para {: onmouseover=alert(1) }'],
  ['attr_list link', '[x](https://ok.example){: onclick="alert(1)" }'],
  ['fence info injection', '```js" onload="alert(1)\nx\n```'],
  ['fence title injection', '```js title="\\"><script>alert(1)</script>"\nx\n```'],
  ['mermaid script', '```mermaid\n</pre><script>alert(1)</script>\n```'],
  ['admonition title html', '!!! note "<img src=x onerror=alert(1)>"\n    x'],
  ['details title html', '??? tip "<svg onload=alert(1)>"\n    x'],
  ['tab title html', '=== "<script>alert(1)</script>"\n    x'],
  ['details ontoggle', '<details open ontoggle=alert(1)><summary>s</summary>x</details>'],
  ['input onfocus', '<input autofocus onfocus=alert(1)>'],
  ['onclick anchor', '<a href="#" onclick="alert(1)">x</a>'],
  ['clobbering name', '<img src="https://ok.example/a.png" name="getElementById"><form name="x"></form>'],
  ['noscript mxss', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'],
  ['template', '<template><script>alert(1)</script></template>'],
  ['textarea breakout', '<textarea></textarea><script>alert(1)</script></textarea>'],
  ['abbreviation title', 'HTML here\n\n*[HTML]: "><script>alert(1)</script>'],
  ['raw html in list', '- <img src=x onerror=alert(1)>\n- [x] <a href="javascript:alert(1)">t</a>'],
  ['html comment trick', '<!--><script>alert(1)</script>-->'],
  ['cdata', '<![CDATA[<script>alert(1)</script>]]>'],
  // MkDocs inline and block syntax (attr_list, md_in_html, alerts, critic, marks, inlinehilite)
  ['attr_list target and handler', '[x](https://ok.example){: target=evil onclick=alert(1) .x }'],
  ['attr_list link href override', '[x](https://ok.example){: href="javascript:alert(1)" }'],
  ['attr_list image handlers', '![x](https://ok.example/a.png){ onerror=alert(1) src="javascript:alert(1)" width="1 onerror=alert(1)" }'],
  ['attr_list style', '## H {: style="background:url(javascript:alert(1))" }'],
  ['attr_list class breakout', 'P\n{: .x"onclick="alert(1) }'],
  ['md_in_html handler', '<div markdown onclick="alert(1)">\n**x**\n</div>'],
  ['md_in_html style', '<div markdown="1" style="background:url(javascript:alert(1))">\nx\n</div>'],
  ['md_in_html script body', '<div markdown>\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n</div>'],
  ['md_in_html span handler', '<p markdown="span" onmouseover=alert(1)>[y](javascript:alert(1))</p>'],
  ['md_in_html span marker forged', '<p data-pb-md-span>\n\n<img src=x onerror=alert(1)>\n\n</p>'],
  ['md_in_html raw iframe', '<iframe markdown src="javascript:alert(1)">\nx\n</iframe>'],
  ['alert with script', '> [!NOTE]\n> <script>alert(1)</script><svg onload=alert(1)>'],
  ['alert title breakout', '> [!NOTE]\n> </p></div><script>alert(1)</script>'],
  ['critic with html', '{++<img src=x onerror=alert(1)>++} {>><script>alert(1)</script><<} {~~<b onclick=x>a</b>~>b~~}'],
  ['marks with html', '==<svg onload=alert(1)>== ^^<a href="javascript:alert(1)">x</a>^^ x^<img/src/onerror=alert(1)>^'],
  ['inlinehilite script', '`#!html <script>alert(1)</script>`'],
  ['inlinehilite bogus lang', '`#!"onmouseover=alert(1) x` `#!nosuchlang <img src=x onerror=alert(1)>`'],
  ['inlinehilite fake placeholder', '<span class="pbx-0000000000000000-0">x</span><div class="pbx-0000000000000000-0"></div>'],
  ['linenums injection', '```py linenums="1\" onmouseover=\"alert(1)"\nx\n```'],
];

const FORBIDDEN_TAGS = new Set(['script', 'iframe', 'object', 'embed', 'form', 'meta', 'base', 'link', 'style',
  'svg', 'math', 'frame', 'frameset', 'applet', 'template', 'animate', 'set', 'maction', 'textarea', 'select', 'noscript']);
const URL_PROPS = ['href', 'src', 'action', 'formAction', 'xLinkHref', 'srcSet', 'poster', 'data', 'cite', 'background', 'content'];
const BAD_URL = /^(javascript|vbscript|data):/;

function problems(tree: Element[]): string[] {
  const out: string[] = [];
  for (const e of tree) {
    if (FORBIDDEN_TAGS.has(e.tagName)) out.push(`<${e.tagName}>`);
    for (const [key, value] of Object.entries(e.properties)) {
      if (/^on/i.test(key)) out.push(`${e.tagName}[${key}]`);
      if (key === 'name' && !(e.tagName === 'input' && e.properties.type === 'radio')) out.push(`${e.tagName}[name]`);
      if (key === 'style' && !insideShiki(e)) out.push(`${e.tagName}[style]`);
      if (URL_PROPS.includes(key)) {
        const v = String(Array.isArray(value) ? value.join(' ') : value).replace(/[\u0000-\u0020]/g, '').toLowerCase();
        if (BAD_URL.test(v)) out.push(`${e.tagName}[${key}=${v}]`);
      }
    }
    if (e.tagName === 'input') {
      const ok = (e.properties.type === 'checkbox' && e.properties.disabled === true)
        || (e.properties.type === 'radio' && classOf(e).includes('tabbed-input'));
      if (!ok) out.push(`input[type=${String(e.properties.type)}]`);
    }
    if (e.tagName === 'button' && !classOf(e).includes('code-copy')) out.push('<button>');
  }
  return out;
}

// shiki's token colours are the only inline styles, and only the renderer writes them
const shikiSpans = new WeakSet<Element>();
const insideShiki = (e: Element) => shikiSpans.has(e);
function markShiki(all: Element[]): void {
  for (const e of all) {
    // blocks, and inline code highlighted by language (authors cannot set `highlight` on code)
    if ((e.tagName === 'pre' && classOf(e).includes('shiki')) || (e.tagName === 'code' && classOf(e).includes('highlight'))) {
      shikiSpans.add(e);
      for (const d of elements(e)) shikiSpans.add(d);
    }
  }
}

describe('sanitizer corpus', () => {
  it('has at least 40 vectors', () => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(VECTORS)('%s renders inert', async (_name, md) => {
    const r = await render(md);
    const all = elements(parse(r.html));
    markShiki(all);
    expect(problems(all)).toEqual([]);
    expect(r.diagnostics.filter((d) => d.code === 'docs.render-failed')).toEqual([]);
  });

  it('keeps the harmless part of a hostile element', async () => {
    const r = await render('<a href="https://ok.example/" onclick="alert(1)">kept</a> <img src="https://ok.example/a.png" onload="alert(1)" alt="pic">');
    const all = elements(parse(r.html));
    const a = all.find((e) => e.tagName === 'a')!;
    expect([a.properties.href, text(a)]).toEqual(['https://ok.example/', 'kept']);
    expect(all.find((e) => e.tagName === 'img')!.properties).toEqual({ src: 'https://ok.example/a.png', alt: 'pic' });
  });

  it('shows hostile titles as text', async () => {
    const r = await render('!!! note "<img src=x onerror=alert(1)>"\n    x\n\n=== "<b>tab</b>"\n    y');
    const all = elements(parse(r.html));
    expect(text(all.find((e) => classOf(e).includes('admonition-title'))!)).toBe('<img src=x onerror=alert(1)>');
    expect(text(all.find((e) => e.tagName === 'label')!)).toBe('<b>tab</b>');
  });

  it('never lets an author set the renderer\'s own classes', async () => {
    const r = await render([
      '[x](https://ok.example){: .code-copy .headerlink .pbx-0123456789abcdef-0 .mermaid .shiki .tabbed-set .docs-nav .ok }',
      '',
      '<div class="mermaid highlight linenums sr-only ok2" markdown>\nx\n</div>',
      '',
      '<p class="code-block headerlink ok3">y</p>',
    ].join('\n'));
    const all = elements(parse(r.html));
    expect(all.find((e) => e.tagName === 'a' && e.properties.href === 'https://ok.example')!.properties.className).toEqual(['ok']);
    expect(classOf(all.find((e) => e.tagName === 'div')!)).toEqual(['ok2']);
    expect(classOf(all.find((e) => e.tagName === 'p' && text(e) === 'y')!)).toEqual(['ok3']);
  });

  it('the problems check itself catches what it is meant to', () => {
    const all = elements(parse('<a href=" JavaScript:x" onclick="y">a</a><iframe></iframe><div style="x"></div><input type="text">'));
    expect(problems(all)).toEqual(['a[href=javascript:x]', 'a[onClick]', '<iframe>', 'div[style]', 'input[type=text]']);
  });
});
