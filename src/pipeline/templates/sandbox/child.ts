/**
 * The renderer's process for `playbill scaffold`: one JSON request on stdin, one JSON answer on
 * stdout, nothing else. It is bundled into one file and run under Node's permission model with
 * read access to that file alone (sandbox/index.ts), because a template's Nunjucks can reach
 * `constructor` and run code: here that code can read no file, write none, start no process.
 */
import { renderInput, renderSkeleton, type FetchTemplateOptions } from '../render/index.js';

interface Request {
  kind: 'skeleton' | 'input';
  files?: Array<{ path: string; content: string; executable?: boolean }>;
  opts?: FetchTemplateOptions;
  value?: unknown;
  context?: Record<string, unknown>;
}

const chunks: Buffer[] = [];
process.stdin.on('data', (c: Buffer) => chunks.push(c));
process.stdin.on('end', () => {
  const req = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Request;
  let answer: unknown;
  if (req.kind === 'input') {
    answer = renderInput(req.value, req.context ?? {});
  } else {
    const files = (req.files ?? []).map((f) => ({ path: f.path, content: new Uint8Array(Buffer.from(f.content, 'base64')), ...(f.executable ? { executable: true } : {}) }));
    const r = renderSkeleton(files, req.opts ?? { values: {} });
    answer = { problems: r.problems, files: r.files.map((f) => ({ ...f, content: Buffer.from(f.content).toString('base64') })) };
  }
  process.stdout.write(JSON.stringify(answer));
});
