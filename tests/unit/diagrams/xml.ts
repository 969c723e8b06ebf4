/**
 * A strict little XML reader for tests: throws on unbalanced tags, bad attributes, a raw `<` or a
 * bare `&` in text — the ways an SVG string built by hand goes wrong.
 */
export interface XmlElement { name: string; attrs: Record<string, string>; children: XmlNode[] }
export type XmlNode = XmlElement | string;

const ENTITY = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

function decode(s: string, where: string): string {
  if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(s)) throw new Error(`bare & in ${where}: ${s}`);
  return s.replace(ENTITY, (_, e: string) =>
    e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" :
    String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)));
}

export function parseXml(text: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt === -1 ? text.length : lt);
    if (chunk) {
      if (chunk.includes('>')) throw new Error(`raw > in text: ${chunk}`);
      stack[stack.length - 1]!.children.push(decode(chunk, 'text'));
    }
    if (lt === -1) break;
    tag.lastIndex = lt;
    const m = tag.exec(text);
    if (!m) throw new Error(`malformed tag at ${lt}: ${text.slice(lt, lt + 60)}`);
    const [, close, name, attrText, selfClose] = m as unknown as [string, string, string, string, string];
    if (close) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
    } else {
      const attrs: Record<string, string> = {};
      for (const a of attrText.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        if (a[1]! in attrs) throw new Error(`duplicate attribute ${a[1]}`);
        attrs[a[1]!] = decode(a[2] ?? a[3] ?? '', `attribute ${a[1]}`);
      }
      const el: XmlElement = { name, attrs, children: [] };
      stack[stack.length - 1]!.children.push(el);
      if (!selfClose) stack.push(el);
    }
    i = tag.lastIndex;
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  const elements = root.children.filter((c): c is XmlElement => typeof c !== 'string');
  if (elements.length !== 1) throw new Error('expected exactly one root element');
  return elements[0]!;
}

export function* walk(el: XmlElement): Generator<XmlElement> {
  yield el;
  for (const c of el.children) if (typeof c !== 'string') yield* walk(c);
}

export function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

export function hasClass(el: XmlElement, cls: string): boolean {
  return (el.attrs.class ?? '').split(/\s+/).includes(cls);
}

/**
 * The points an SVG path passes through (each command's end point, absolute), for the commands the
 * diagrams draw: M L H V Q C A Z, absolute or relative. Control points and arc radii are left out.
 */
export function pathPoints(d: string): Array<[number, number]> {
  const ARGS: Record<string, number> = { m: 2, l: 2, h: 1, v: 1, q: 4, c: 6, a: 7, z: 0 };
  const out: Array<[number, number]> = [];
  let x = 0;
  let y = 0;
  let start: [number, number] = [0, 0];
  for (const [, cmd, args] of d.matchAll(/([MLHVQCAZmlhvqcaz])([^MLHVQCAZmlhvqcaz]*)/g)) {
    const n = (args!.match(/-?\d*\.?\d+(?:e-?\d+)?/g) ?? []).map(Number);
    const k = cmd!.toLowerCase();
    const rel = cmd !== cmd!.toUpperCase();
    if (k === 'z') { [x, y] = start; continue; }
    const size = ARGS[k]!;
    if (n.length === 0 || n.length % size !== 0) throw new Error(`bad path arguments for ${cmd}: ${args}`);
    for (let i = 0; i < n.length; i += size) {
      const a = n.slice(i, i + size);
      if (k === 'h') x = (rel ? x : 0) + a[0]!;
      else if (k === 'v') y = (rel ? y : 0) + a[0]!;
      else {
        const [ex, ey] = a.slice(-2) as [number, number];
        x = (rel ? x : 0) + ex;
        y = (rel ? y : 0) + ey;
      }
      x = Math.round(x * 10) / 10;
      y = Math.round(y * 10) / 10;
      if (k === 'm') start = [x, y];
      out.push([x, y]);
    }
  }
  return out;
}
