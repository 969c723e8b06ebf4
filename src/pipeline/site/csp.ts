/**
 * The Content-Security-Policy every page ships (as a `<meta http-equiv>`, which any static host
 * serves): defence in depth behind the sanitizer. Should an author's markup ever slip through, it
 * still cannot run script: only the portal's own script files load (no inline script, no event
 * handler attributes, no `javascript:` URLs, no eval; WebAssembly for Pagefind's index), nothing
 * is framed but the template sandbox and the iframes a docs page kept (docs/render/iframes.ts: https, from `docs.iframe_hosts`,
 * listed page by page), no plugin object loads, and forms and `<base>` cannot point elsewhere.
 *
 * Styles are looser on purpose: Shiki colours code through `style` attributes (both themes as CSS
 * variables) and mermaid injects a `<style>` into each diagram it draws. The sanitizer strips every
 * author `style`, and CSS cannot run script; so style attributes are allowed everywhere and inline
 * style elements only on pages that draw mermaid diagrams.
 */
export interface CspOptions {
  /** The page draws mermaid diagrams in the browser. */
  mermaid?: boolean;
  /** Origins of the iframes the page shows (`https://host[:port]`); none: nothing may be framed. */
  frames?: readonly string[];
  /** The page frames the portal's own template sandbox (`playbill/scaffold-frame.html`, an opaque origin). */
  sandbox?: boolean;
}

/** Only a plain https origin may become a source: a value with a space or `;` would add directives. */
const ORIGIN = /^https:\/\/[a-z0-9.-]+(:\d{1,5})?$/;

export function contentSecurityPolicy(opts: CspOptions = {}): string {
  const frames = [...new Set((opts.frames ?? []).filter((f) => ORIGIN.test(f)))].sort();
  return [
    "default-src 'self'",
    // every script is a file of the portal's; Pagefind compiles its WebAssembly index reader
    "script-src 'self' 'wasm-unsafe-eval'",
    `style-src-elem 'self'${opts.mermaid ? " 'unsafe-inline'" : ''}`,
    "style-src-attr 'unsafe-inline'",
    // docs may show images and badges from anywhere; an image cannot run script
    "img-src 'self' data: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self' https:",
    "object-src 'none'",
    `frame-src ${[...(opts.sandbox ? ["'self'"] : []), ...frames].join(' ') || "'none'"}`,
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}
