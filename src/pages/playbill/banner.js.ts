/**
 * The banner of `site.banner` (Base.astro), dismissed for good: one small classic script loaded from
 * <head> on pages that have a banner, so that a dismissed one is hidden before the page paints (the
 * CSP allows no inline script). `<html data-banner="<id>">` names the banner; its id is stored in
 * localStorage when the reader dismisses it, and `<html data-banner-dismissed>` hides it (global.css).
 * A new id — a new announcement — shows again. `data-banner-js` tells the stylesheet that the
 * dismiss button works; without script it is not shown.
 */
import type { APIRoute } from 'astro';

const script = `(function () {
  var KEY = 'playbill-dismissed-banners';
  var root = document.documentElement;
  var id = root.getAttribute('data-banner');
  if (!id) return;
  function dismissed() {
    try { var v = JSON.parse(localStorage.getItem(KEY) || '[]'); return Array.isArray(v) ? v : []; } catch (e) { return []; }
  }
  function show() {
    if (dismissed().indexOf(id) >= 0) root.setAttribute('data-banner-dismissed', ''); else root.removeAttribute('data-banner-dismissed');
  }
  show();
  root.setAttribute('data-banner-js', '');
  document.addEventListener('click', function (e) {
    var t = e.target;
    if (!(t && t.closest && t.closest('[data-banner-dismiss]'))) return;
    var ids = dismissed().filter(function (x) { return x !== id; });
    ids.push(id);
    // the last few announcements are enough to remember
    try { localStorage.setItem(KEY, JSON.stringify(ids.slice(-20))); } catch (err) { /* storage off: hidden on this page only */ }
    root.setAttribute('data-banner-dismissed', '');
    var main = document.getElementById('main');
    if (main) main.focus({ preventScroll: true });
  });
  // dismissed in another tab: gone here too
  window.addEventListener('storage', function (e) { if (e.key === KEY) show(); });
})();
`;

export const GET: APIRoute = () => new Response(script, { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
