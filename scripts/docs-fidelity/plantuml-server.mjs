// A PlantUML server on loopback for the Playbill side of the comparison: `GET /svg/<encoded>` (the
// PlantUML server API) drawn by the local `plantuml` command, which is what TechDocs' plantuml-markdown
// uses on the MkDocs side. Only for a checkout whose portal.yaml takes `docs.plantuml.server`.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { inflateRawSync } from 'node:zlib';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
const VALUE = Object.fromEntries([...ALPHABET].map((c, i) => [c, i]));

/** PlantUML's text encoding back to text: its base64 alphabet, then raw inflate. */
export function decodePlantuml(encoded) {
  const bytes = [];
  for (let i = 0; i < encoded.length; i += 4) {
    const [a, b, c, d] = [0, 1, 2, 3].map((k) => VALUE[encoded[i + k]] ?? 0);
    bytes.push((a << 2) | (b >> 4), ((b & 0xf) << 4) | (c >> 2), ((c & 0x3) << 6) | d);
  }
  return inflateRawSync(Buffer.from(bytes), { finishFlush: 2 /* Z_SYNC_FLUSH: trailing padding bytes */ }).toString('utf8');
}

function draw(cmd, source, format) {
  return new Promise((resolve) => {
    const child = spawn('nice', ['-n', '19', cmd, `-t${format}`, '-pipe', '-charset', 'UTF-8'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.on('error', () => resolve({ code: -1, body: Buffer.alloc(0) }));
    child.on('close', (code) => resolve({ code, body: Buffer.concat(out) }));
    child.stdin.end(source);
  });
}

export function startPlantumlServer(cmd = 'plantuml') {
  let running = 0;
  const queue = [];
  const slot = () => new Promise((res) => { if (running < 2) { running++; res(); } else queue.push(res); });
  const free = () => { const next = queue.shift(); if (next) next(); else running--; };
  const server = http.createServer(async (req, res) => {
    const m = /^\/(svg|png)\/([0-9A-Za-z_-]+)$/.exec(req.url ?? '');
    if (!m) { res.writeHead(404).end(); return; }
    let source;
    try { source = decodePlantuml(m[2]); } catch { res.writeHead(400).end(); return; }
    await slot();
    try {
      const r = await draw(cmd, source, m[1]);
      const type = m[1] === 'svg' ? 'image/svg+xml' : 'image/png';
      // plantuml exits non-zero on a diagram error and still draws the error picture
      res.writeHead(r.code === 0 ? 200 : 400, { 'content-type': type }).end(r.body);
    } finally { free(); }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}
