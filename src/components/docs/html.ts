/**
 * The rendered body of a docs page, read from the docs stage's render cache when the page is
 * generated (ARCHITECTURE.md, "Site": HTML never travels through the model). The HTML is already sanitized;
 * the only changes here add Pagefind hints, which are our own attributes on our own markup.
 */
export interface DocBody {
  html: string;
  /** Whether the body starts its own `<h1>` (rendered pages do); otherwise the page prints the title. */
  hasTitle: boolean;
  ok: boolean;
}

/** `html` is absent when the render cache lost the page's file. */
export function docBody(html: string | undefined, opts: { weighTitle: boolean }): DocBody {
  if (html === undefined) return { html: '', hasTitle: false, ok: false };
  return { html: searchHints(html, opts), hasTitle: /<h1[\s>]/.test(html), ok: true };
}

/**
 * Heading permalinks (`¶`) stay out of the index and excerpts; a site's index page weighs its
 * title as an entity page weighs its name, so searching a system's name finds its docs' front page.
 */
export function searchHints(html: string, opts: { weighTitle: boolean }): string {
  let out = html.replace(/<a class="headerlink"/g, '<a class="headerlink" data-pagefind-ignore');
  if (opts.weighTitle) out = out.replace(/<h1(?=[\s>])/, '<h1 data-pagefind-weight="10"');
  return out;
}

/** "12 January 2025": the build's own rendering, no client-side locale surprises. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso.slice(0, 10) : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
