/**
 * A stand-in PlantUML server on 127.0.0.1 for tests (the only network the tests use): answers
 * `GET /plantuml/svg/<encoded>` by decoding the diagram and drawing each participant of `A -> B`
 * lines as a `<text>`. Markers in the diagram choose other answers: BAD → 400 with PlantUML's error
 * headers, HANG → no answer, EVIL → a hostile SVG, FIVEHUNDRED → 500.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';

export function decodePlantuml(encoded: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i += 4) {
    const [c1, c2, c3, c4] = [0, 1, 2, 3].map((k) => ALPHABET.indexOf(encoded[i + k] ?? '0'));
    bytes.push((c1! << 2) | (c2! >> 4), ((c2! & 0xf) << 4) | (c3! >> 2), ((c3! & 0x3) << 6) | c4!);
  }
  return inflateRawSync(Buffer.from(bytes), { finishFlush: 2 }).toString('utf8');
}

export const EVIL_SVG = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)" width="50px" height="20px">'
  + '<script>alert(1)</script><foreignObject><iframe src="https://evil.net"></iframe></foreignObject>'
  + '<a href="javascript:alert(1)"><text onclick="alert(1)" x="1" y="10">Evil</text></a><image href="https://evil.net/t.png"/></svg>';

export interface FakePlantuml { url: string; requests: string[]; diagrams: string[]; close: () => Promise<void> }

export async function startPlantumlServer(): Promise<FakePlantuml> {
  const requests: string[] = [];
  const diagrams: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const m = /^\/plantuml\/svg\/([\w-]+)$/.exec(req.url ?? '');
    if (!m) { res.writeHead(404).end(); return; }
    const text = decodePlantuml(m[1]!);
    diagrams.push(text);
    if (text.includes('HANG')) return; // never answers
    if (text.includes('BAD')) {
      res.writeHead(400, { 'content-type': 'image/svg+xml', 'x-plantuml-diagram-error': 'Syntax Error?', 'x-plantuml-diagram-error-line': '2' });
      res.end('<svg><text>Syntax Error?</text></svg>');
      return;
    }
    if (text.includes('FIVEHUNDRED')) { res.writeHead(500).end('oops'); return; }
    res.writeHead(200, { 'content-type': 'image/svg+xml' });
    if (text.includes('EVIL')) { res.end(EVIL_SVG); return; }
    const names = [...new Set([...text.matchAll(/^\s*(\w+)\s*-+>\s*(\w+)/gm)].flatMap((x) => [x[1]!, x[2]!]))];
    res.end(`<?xml version="1.0" encoding="us-ascii" standalone="no"?><svg xmlns="http://www.w3.org/2000/svg" width="200px" height="40px" `
      + `style="width:200px;height:40px;background:#FFFFFF;" viewBox="0 0 200 40"><defs/><g>${names.map((n, i) =>
        `<rect fill="#E2E2F0" height="20" style="stroke:#181818;stroke-width:0.5;" width="40" x="${i * 50}" y="5"/><text x="${i * 50 + 4}" y="20">${n}</text>`).join('')}`
      + '<!--SRC=[x]--></g></svg>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/plantuml`,
    requests,
    diagrams,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
