/**
 * Scaffolding in the reader's browser. The skeleton files are fetched from the portal by content
 * hash; the template, the values and the bytes go to `playbill/scaffold-frame.html`, framed with
 * `sandbox="allow-scripts"` only — an opaque origin under a CSP that lets it load and send nothing
 * (templates/sandbox/frame.ts) — because a template's Nunjucks can run code. What comes back is
 * data: files shown as text (never as markup), a zip made here (fflate), and the steps to do by
 * hand as commands. A frame that does not answer in time is removed, with whatever it was doing.
 */
import { zipSync, type Zippable } from 'fflate';
import type { ScaffoldResult } from '../pipeline/templates/scaffold.js';
import type { PageData } from './template-form.js';

const TIMEOUT_MS = 30_000;
let frame: HTMLIFrameElement | undefined;
let ready: Promise<Window> | undefined;
let nextId = 1;
let download: string | undefined;

function sandbox(url: string): Promise<Window> {
  if (ready && frame?.isConnected) return ready;
  frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.hidden = true;
  frame.title = 'Template renderer';
  frame.src = url;
  const f = frame;
  ready = new Promise<Window>((resolve, reject) => {
    const timer = setTimeout(() => { reject(new Error('the template renderer did not start')); f.remove(); }, 10_000);
    window.addEventListener('message', function hello(e) {
      if (e.source !== f.contentWindow || !(e.data as { ready?: boolean })?.ready) return;
      clearTimeout(timer);
      window.removeEventListener('message', hello);
      resolve(f.contentWindow!);
    });
  });
  document.body.append(frame);
  return ready;
}

async function render(data: PageData, values: Record<string, unknown>): Promise<ScaffoldResult> {
  const hashes = [...new Set(data.run.steps.flatMap((s) => s.skeleton?.files.map((f) => f.hash) ?? []))];
  const files: Record<string, Uint8Array> = {};
  await Promise.all(hashes.map(async (h) => {
    const r = await fetch(data.skeletons + h);
    if (!r.ok) throw new Error(`a skeleton file is missing from the portal (${r.status})`);
    files[h] = new Uint8Array(await r.arrayBuffer());
  }));
  const win = await sandbox(data.frame);
  const id = nextId++;
  return new Promise<ScaffoldResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      window.removeEventListener('message', answer);
      // removing the frame stops a template that loops
      frame?.remove();
      ready = undefined;
      reject(new Error(`the template took longer than ${TIMEOUT_MS / 1000} s`));
    }, TIMEOUT_MS);
    function answer(e: MessageEvent) {
      const m = e.data as { id?: number; ok?: boolean; result?: ScaffoldResult; message?: string };
      if (e.source !== win || m?.id !== id) return;
      clearTimeout(timer);
      window.removeEventListener('message', answer);
      if (m.ok && m.result) resolve(m.result); else reject(new Error(m.message ?? 'the template could not be rendered'));
    }
    window.addEventListener('message', answer);
    win.postMessage({ id, template: { parameters: data.run.parameters, steps: data.run.steps }, values, files }, '*');
  });
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return e;
};

/** Files under folders, as nested lists of buttons that show a file. */
function tree(result: ScaffoldResult, show: (i: number, button: HTMLButtonElement) => void): HTMLUListElement {
  const top = el('ul');
  const folders = new Map<string, HTMLUListElement>([['', top]]);
  const folder = (dir: string): HTMLUListElement => {
    let ul = folders.get(dir);
    if (ul) return ul;
    const cut = dir.lastIndexOf('/');
    const li = el('li', `${dir.slice(cut + 1)}/`);
    ul = el('ul');
    li.append(ul);
    folder(cut < 0 ? '' : dir.slice(0, cut)).append(li);
    folders.set(dir, ul);
    return ul;
  };
  result.files.forEach((f, i) => {
    const cut = f.path.lastIndexOf('/');
    const b = el('button', f.path.slice(cut + 1));
    b.type = 'button';
    b.setAttribute('aria-pressed', 'false');
    b.setAttribute('aria-label', f.path);
    b.addEventListener('click', () => show(i, b));
    const li = el('li');
    li.append(b);
    folder(cut < 0 ? '' : f.path.slice(0, cut)).append(li);
  });
  return top;
}

function zip(name: string, result: ScaffoldResult): Blob {
  const entries: Zippable = {};
  // unix mode in the high bits of the external attributes, so an executable stays one
  for (const f of result.files) entries[`${name}/${f.path}`] = [f.content, { os: 3, attrs: ((f.executable ? 0o755 : 0o644) | 0o100000) << 16, mtime: new Date('2000-01-01T00:00:00Z') }];
  return new Blob([zipSync(entries, { level: 6 })], { type: 'application/zip' });
}

export async function runTemplate(root: HTMLElement, data: PageData, values: Record<string, unknown>): Promise<void> {
  const status = root.querySelector<HTMLElement>('[data-tpl-status]')!;
  const button = root.querySelector<HTMLButtonElement>('[data-tpl-create]')!;
  const out = root.querySelector<HTMLElement>('[data-tpl-result]')!;
  button.disabled = true;
  status.textContent = 'Rendering the template…';
  let result: ScaffoldResult;
  try {
    result = await render(data, values);
  } catch (e) {
    status.textContent = `Could not create the project: ${(e as Error).message}.`;
    button.disabled = false;
    return;
  }
  button.disabled = false;
  const name = typeof values.name === 'string' && /^[\w.-]+$/.test(values.name) ? values.name : data.run.name;
  status.textContent = `Created ${result.files.length} file${result.files.length === 1 ? '' : 's'}.`;
  out.querySelector('[data-tpl-result-summary]')!.textContent = result.files.length
    ? `${result.files.length} file${result.files.length === 1 ? '' : 's'} in ${name}/. Look through them here, then download them.`
    : 'This template makes no files here: its steps are all below, to run by hand.';

  const link = out.querySelector<HTMLAnchorElement>('[data-tpl-download]')!;
  if (download) URL.revokeObjectURL(download);
  download = URL.createObjectURL(zip(name, result));
  link.href = download;
  link.download = `${name}.zip`;
  link.hidden = result.files.length === 0;

  const problems = out.querySelector<HTMLElement>('[data-tpl-problems]')!;
  problems.querySelector('ul')!.replaceChildren(...result.problems.map((p) => el('li', `${p.file ? `${p.file}${p.line ? `:${p.line}` : ''}: ` : ''}${p.message}`)));
  problems.hidden = result.problems.length === 0;

  const name$ = out.querySelector<HTMLElement>('[data-tpl-file-name]')!;
  const pre = out.querySelector<HTMLElement>('[data-tpl-file]')!;
  pre.textContent = '';
  name$.textContent = 'Choose a file to see it.';
  let pressed: HTMLButtonElement | undefined;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const nav = out.querySelector<HTMLElement>('[data-tpl-tree]')!;
  nav.replaceChildren(tree(result, (i, b) => {
    const f = result.files[i]!;
    pressed?.setAttribute('aria-pressed', 'false');
    b.setAttribute('aria-pressed', 'true');
    pressed = b;
    name$.textContent = `${f.path}${f.rendered ? '' : ' (copied as it is)'}`;
    try { pre.textContent = decoder.decode(f.content); } catch { pre.textContent = `(binary, ${f.content.length} bytes)`; }
  }));
  nav.querySelector('button')?.click();

  const checklist = out.querySelector<HTMLElement>('[data-tpl-checklist]')!;
  checklist.querySelector('ol')!.replaceChildren(...result.manual.map((m) => {
    const li = el('li');
    const head = el('strong', m.name ?? m.id);
    li.append(head, ' ', el('code', m.action));
    if (m.note) li.append(el('p', m.note));
    if (m.commands.length) {
      const pre$ = el('pre');
      pre$.append(el('code', m.commands.join('\n')));
      li.append(pre$);
    } else if (m.note?.endsWith('its input is below.')) {
      const pre$ = el('pre');
      pre$.append(el('code', JSON.stringify(m.input, null, 2)));
      li.append(pre$);
    }
    return li;
  }));
  checklist.hidden = result.manual.length === 0;
  out.hidden = false;
  out.focus();
}
