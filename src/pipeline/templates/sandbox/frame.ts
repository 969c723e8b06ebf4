/**
 * The reader's side of the sandbox: this script runs in `playbill/scaffold-frame.html`, which the
 * template page frames with `sandbox="allow-scripts"` (no allow-same-origin: an opaque origin, so
 * no cookies, no storage, no access to the portal's pages) under its own CSP (`default-src 'none'`:
 * no request leaves it; `'unsafe-eval'` because Nunjucks compiles templates to functions). The page
 * sends the template, the values and the skeleton's bytes; this renders them with the same code as
 * `playbill scaffold` and sends the files and the checklist back. It is bundled by esbuild into one
 * classic script (site/scaffold-assets.ts): a module script would be fetched with CORS, which an
 * opaque origin cannot pass on a static host.
 */
import { renderInput, renderSkeleton } from '../render/index.js';
import { scaffold, type ScaffoldTemplate, type SkeletonRef } from '../scaffold.js';

interface Request { id: number; template: ScaffoldTemplate; values: Record<string, unknown>; files: Record<string, Uint8Array> }

window.addEventListener('message', (e: MessageEvent<Request>) => {
  // only the page that frames this one may ask
  if (e.source !== window.parent || !e.data || typeof e.data.id !== 'number') return;
  const { id, template, values, files } = e.data;
  scaffold<SkeletonRef>(template, values, {
    skeleton: async (f, o) => renderSkeleton(f, o),
    input: async (v, c) => renderInput(v, c),
    read: async (f) => {
      const bytes = files[f.hash];
      if (!bytes) throw new Error(`${f.path} was not sent`);
      return bytes;
    },
  }).then(
    // copied, not transferred: files that were not rendered may share one buffer
    (result) => window.parent.postMessage({ id, ok: true, result }, '*'),
    (err: unknown) => window.parent.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) }, '*'),
  );
});
window.parent.postMessage({ ready: true }, '*');
