/**
 * Author iframes. The sanitizer removes every frame; this keeps the ones the portal owner allowed
 * (`docs.iframe_hosts`), in two steps around rehype-sanitize:
 *
 * 1. before it (`rehypeIframes`): each `<iframe>` is checked: an https `src` whose host is listed
 *    exactly (or under a `*.` entry) is kept as a text marker carrying the render's nonce, which an
 *    author cannot guess and the sanitizer lets through as text; every other iframe is removed, and
 *    remembered for a warning at its line naming the host and how to allow it;
 * 2. after it (`settleIframes`): each marker becomes a frame built here from the checked values
 *    alone: `src`, numeric `width`/`height`, `title`, and the fixed `sandbox`, `loading`,
 *    `referrerpolicy`. Nothing else of the author's element survives (no srcdoc, allow, style, name).
 *
 * Exact host matching follows Backstage (`techdocs.sanitizer.allowedIframeHosts` compares `URL.host`):
 * `example.com` allows neither `evil.example.com` nor `example.com.evil.net`; a port is part of the host.
 * The page's Content-Security-Policy lists the origins of the frames it kept (`frameOrigins`), so
 * the browser loads those and no other.
 */
import type { Element, Properties, Root, Text } from 'hast';
import { visit, SKIP } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { Diagnostic } from '../../diagnostics.js';
import { quote } from '../../yaml/quote.js';
import type { RenderJob } from './types.js';

/**
 * allow-scripts: embeds (diagrams, dashboards, videos) are applications. allow-same-origin: the frame
 * keeps its own origin, so a logged-in embed (Lucid) finds its session; this is safe only because a
 * kept frame is always on another origin than the portal (https from a listed host, never a relative
 * src), so it cannot reach into the portal and lift its own sandbox. allow-popups: "open in …" links.
 * Not granted: top navigation (the frame cannot send the reader's tab elsewhere), forms, modals,
 * downloads, escaping the sandbox from a popup; and no `allow`, so no camera, microphone, location.
 */
export const IFRAME_SANDBOX = ['allow-scripts', 'allow-same-origin', 'allow-popups'];
/** The embed learns the portal's origin (some players require a referrer), never the page's path, which names internal systems. */
export const IFRAME_REFERRER_POLICY = 'strict-origin-when-cross-origin';

export interface FrameState {
  /** `docs.iframe_hosts`, lower-cased. */
  hosts: readonly string[];
  nonce: string;
  kept: KeptFrame[];
  removed: Array<{ line?: number; message: string }>;
}

interface KeptFrame { src: string; origin: string; width?: string; height?: string; title?: string }

type Check = { ok: true; frame: KeptFrame } | { ok: false; message: string };

const marker = (nonce: string, i: number) => `pbf-${nonce}-${i}`;
const MARKER = /^pbf-([0-9a-f]{16})-(\d+)$/;
const SIZE = /^\d{1,5}$/;

export function frameState(hosts: readonly string[] | undefined, nonce: string): FrameState {
  return { hosts: (hosts ?? []).map((h) => h.toLowerCase()), nonce, kept: [], removed: [] };
}

export function hostAllowed(host: string, hosts: readonly string[]): boolean {
  return hosts.some((h) => (h.startsWith('*.') ? host.endsWith(h.slice(1)) && host.length > h.length - 1 : host === h));
}

const howToAllow = '`docs.iframe_hosts` in portal.yaml';

export function checkIframe(props: Properties, hosts: readonly string[]): Check {
  const raw = typeof props.src === 'string' ? props.src.trim() : '';
  if (!raw) {
    return { ok: false, message: `an iframe without a src was removed${props.srcDoc !== undefined ? ' (srcdoc is never embedded)' : ''}` };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: `iframe ${quote(raw)} was removed: only https iframes from hosts in ${howToAllow} are embedded, never a page of the portal itself` };
  }
  if (url.protocol !== 'https:') {
    return { ok: false, message: `iframe ${quote(raw)} was removed: only https iframes are embedded` };
  }
  if (url.username || url.password) {
    return { ok: false, message: `iframe ${quote(raw)} was removed: its URL holds a user name or password` };
  }
  if (!hostAllowed(url.host, hosts)) {
    return { ok: false, message: `iframe from ${quote(url.host)} was removed: add ${quote(url.host)} to ${howToAllow} to embed it (it is then shown sandboxed)` };
  }
  const frame: KeptFrame = { src: url.href, origin: url.origin };
  for (const key of ['width', 'height'] as const) {
    const v = props[key];
    if ((typeof v === 'number' || typeof v === 'string') && SIZE.test(String(v).trim())) frame[key] = String(v).trim();
  }
  if (typeof props.title === 'string' && props.title.trim()) frame.title = props.title.trim().slice(0, 200);
  return { ok: true, frame };
}

/** Step 1, before rehype-sanitize: allowed iframes become markers, the others go (see the file comment). */
export function rehypeIframes() {
  return (tree: Root, file: VFile): void => {
    const st = (file.data as { pbFrames?: FrameState }).pbFrames;
    if (!st) return;
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'iframe' || !parent || index === undefined) return undefined;
      const r = checkIframe(node.properties, st.hosts);
      if (r.ok) {
        const i = st.kept.push(r.frame) - 1;
        parent.children[index] = { type: 'text', value: marker(st.nonce, i) };
        return SKIP;
      }
      st.removed.push({ ...(node.position ? { line: node.position.start.line } : {}), message: r.message });
      parent.children.splice(index, 1);
      return [SKIP, index];
    });
  };
}

/**
 * Step 2, after rehype-sanitize: markers become sandboxed frames; returns the origins the page
 * frames (for its CSP) and a warning for each removed iframe. A marker inside content the sanitizer
 * removed (an iframe inside `<svg>`) is gone with it, and its origin is not listed.
 */
export function settleIframes(tree: Root, st: FrameState, job: RenderJob, lineOf: (n?: number) => number | undefined): { origins: string[]; diagnostics: Diagnostic[] } {
  const origins = new Set<string>();
  visit(tree, 'text', (node: Text, index, parent) => {
    const m = MARKER.exec(node.value);
    if (!m || m[1] !== st.nonce || !parent || index === undefined) return undefined;
    const frame = st.kept[Number(m[2])];
    if (!frame) return undefined;
    origins.add(frame.origin);
    parent.children[index] = iframe(frame) as never;
    return SKIP;
  });
  const diagnostics = st.removed.map((r): Diagnostic => {
    const line = lineOf(r.line);
    return {
      severity: 'warning', code: 'docs.iframe-removed', message: r.message, file: job.sourcePath,
      source: job.site.sourceName, ...(line ? { line } : {}),
    };
  });
  return { origins: [...origins].sort(), diagnostics };
}

function iframe(f: KeptFrame): Element {
  return {
    type: 'element',
    tagName: 'iframe',
    properties: {
      src: f.src,
      ...(f.title ? { title: f.title } : {}),
      ...(f.width ? { width: f.width } : {}),
      ...(f.height ? { height: f.height } : {}),
      sandbox: IFRAME_SANDBOX,
      loading: 'lazy',
      referrerPolicy: IFRAME_REFERRER_POLICY,
      className: ['docs-iframe'],
    },
    children: [],
  };
}
