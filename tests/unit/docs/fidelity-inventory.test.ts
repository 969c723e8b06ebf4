// scripts/docs-fidelity: the same content, as MkDocs (Material) and as Playbill mark it up, must
// give the same inventory; otherwise the tool reports differences nobody can fix.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { contentOf, inventory } from '../../../scripts/docs-fidelity/inventory.mjs';

const ctx = (side: string) => ({
  side, pageUrl: 'file:///site/guide/', siteUrl: 'file:///site/', mdInHtml: false,
  exists: (p: string) => ['/site/other/index.html', '/site/guide/img/a_b.png', '/site/docs/_assets/0123abcd-a_b.png'].includes(p),
});
const inv = (html: string, side: 'mkdocs' | 'playbill') => {
  const wrapped = side === 'mkdocs'
    ? `<html><body><article class="md-content__inner md-typeset">${html}</article></body></html>`
    : `<html><body><article class="docs-content">${html}</article></body></html>`;
  return inventory(contentOf(wrapped, side), ctx(side)).inv as Record<string, string[]>;
};

const MKDOCS = `
<a class="md-content__button md-icon" href="https://x/edit">edit</a>
<h1 id="title">Title<a class="headerlink" href="#title">&para;</a></h1>
<div class="admonition warn"><p class="admonition-title">Careful</p><p>x</p></div>
<details class="tip" open="open"><summary>More</summary><p>y</p></details>
<div class="language-python highlight"><table class="highlighttable"><tr><td class="linenos"><div class="linenodiv"><pre><span class="normal">1</span></pre></div></td><td class="code"><div><pre><span></span><code>print(1)
</code></pre></div></td></tr></table></div>
<ul class="task-list"><li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled checked/><span class="task-list-indicator"></span></label> done</li></ul>
<p>Go <a href="../other/">there</a>, see <img alt="a b" src="img/a_b.png"/> <img alt="😄" class="emojione" src="https://cdn/1f604.svg" title=":smile:"/> &copy; 1<sup>st</sup> <a href="missing.md">gone</a></p>
<div class="footnote"><hr/><ol><li id="fn:1"><p>Note.&#160;<a class="footnote-backref" href="#fnref:1">&#8617;</a></p></li></ol></div>`;

const PLAYBILL = `
<h1 id="title">Title<a class="headerlink" href="#title">¶</a></h1>
<div class="admonition note"><p class="admonition-title">Careful</p><p>x</p></div>
<details class="admonition tip" open><summary>More</summary><p>y</p></details>
<figure class="code-block"><pre class="shiki" data-language="py"><code><span class="line">print(1)</span></code></pre><button class="code-copy">Copy</button></figure>
<ul class="contains-task-list"><li class="task-list-item"><input type="checkbox" disabled checked> done</li></ul>
<p>Go <a href="../other/">there</a>, see <img alt="a b" src="../docs/_assets/0123abcd-a_b.png"> 😄 © 1st gone</p>
<section data-footnotes class="footnotes"><ol><li id="user-content-fn-1"><p>Note. <a href="#user-content-fnref-1" data-footnote-backref>↩</a></p></li></ol></section>`;

describe('docs fidelity inventory', () => {
  const a = inv(MKDOCS, 'mkdocs');
  const b = inv(PLAYBILL, 'playbill');

  it('reads equivalent markup of both renderers alike', () => {
    for (const c of ['headings', 'heading-ids', 'admonitions', 'details', 'code-blocks', 'task-lists', 'links', 'emoji', 'footnotes']) {
      expect(b[c], c).toEqual(a[c]);
    }
    expect(a.admonitions).toEqual(['note «Careful»']); // `warn` looks like note in Material
    expect(a['code-blocks']).toEqual(['python']);
    expect(a.links).toEqual(['/other']);
    expect(a.emoji).toEqual(['😄']);
  });

  it('sees what differs: line numbers, ordinals, broken links, renamed assets', () => {
    expect(a.linenums).toEqual(['python']);
    expect(b.linenums).toEqual([]);
    expect(a.smartsymbols).toEqual(['©', 'ordinal']);
    expect(b.smartsymbols).toEqual(['©']);
    expect(b.sup).toEqual([]);
    expect(a['broken-links']).toEqual(['missing.md']);
    expect(a.images).toEqual(['a_b.png']);
    expect(b.images).toEqual(['a_b.png']);
  });

  it('exits 0 and says so when there are no repositories', () => {
    const out = execFileSync(process.execPath, [path.join(__dirname, '../../../scripts/docs-fidelity.mjs'), '--repos', path.join(__dirname, 'no-such-folder')], { encoding: 'utf8' });
    expect(out).toMatch(/no repositories/);
  });
});
