/**
 * The light/dark switch, as one small classic script that every page loads from <head>: it runs
 * before the page paints, so a reader who chose a theme never sees a flash of the other one (the
 * CSP allows no inline script, and a module script would run only after parsing).
 *
 * Two states, light and dark, starting from the system's. Choosing the scheme the system already
 * uses forgets the choice, so the page follows the system again; choosing the other one is stored
 * (localStorage) and set as `<html data-theme>`, which every stylesheet honours. A third "system"
 * state would make one click in three change nothing a reader can see.
 *
 * The button (`[data-theme-toggle]` in the header, Base.astro) is wired by delegation, so this runs
 * before the body exists. Other code hears `playbill:theme` on document (mermaid redraws).
 */
import type { APIRoute } from 'astro';

const script = `(function () {
  var KEY = 'playbill-theme';
  var root = document.documentElement;
  var media = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  function systemTheme() { return media && media.matches ? 'dark' : 'light'; }
  function stored() {
    try { var v = localStorage.getItem(KEY); return v === 'light' || v === 'dark' ? v : null; } catch (e) { return null; }
  }
  function current() { return root.getAttribute('data-theme') || systemTheme(); }
  function show() {
    var dark = current() === 'dark';
    var buttons = document.querySelectorAll('[data-theme-toggle]');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute('aria-pressed', String(dark));
      buttons[i].title = dark ? 'Switch to the light theme' : 'Switch to the dark theme';
    }
  }
  function announce() {
    show();
    document.dispatchEvent(new CustomEvent('playbill:theme', { detail: { theme: current() } }));
  }
  function choose(theme) {
    try {
      if (theme === systemTheme()) localStorage.removeItem(KEY); else localStorage.setItem(KEY, theme);
    } catch (e) { /* storage off: the choice lasts for this page */ }
    if (theme === systemTheme()) root.removeAttribute('data-theme'); else root.setAttribute('data-theme', theme);
    announce();
  }
  var chosen = stored();
  if (chosen) root.setAttribute('data-theme', chosen);
  document.addEventListener('click', function (e) {
    var t = e.target;
    var button = t && t.closest ? t.closest('[data-theme-toggle]') : null;
    if (button) choose(current() === 'dark' ? 'light' : 'dark');
  });
  // The system switching over (evening mode): a page following it changes with it; a chosen theme stays.
  if (media && media.addEventListener) media.addEventListener('change', announce);
  // Another tab chose: follow it.
  window.addEventListener('storage', function (e) {
    if (e.key !== KEY) return;
    var v = stored();
    if (v) root.setAttribute('data-theme', v); else root.removeAttribute('data-theme');
    announce();
  });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show); else show();
})();
`;

export const GET: APIRoute = () => new Response(script, { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
