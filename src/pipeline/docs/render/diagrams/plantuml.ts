/**
 * PlantUML → SVG through the portal's PlantUML server (`docs.plantuml.server`, trusted config):
 * `GET <server>/svg/<encoded>`, PlantUML's server API. The only network request the docs stage
 * makes, and only ever to that server: redirects are not followed.
 *
 * A slow or dead server must not hold the build:
 * - every request is bounded (`timeout_seconds`, 10 s by default: headers and body);
 * - at most CONCURRENCY requests at once per thread (the render pool's threads each make their own);
 * - once a request times out or cannot connect, this thread stops asking that server for a while:
 *   the rest of its diagrams fail at once with the same reason instead of each waiting out the timeout;
 * - answers are read up to MAX_ANSWER_BYTES, then dropped.
 *
 * The answer is untrusted (a compromised or shared server): the caller sanitizes it. Which failures
 * are `transient` decides whether the page is kept in the render cache: a 400 is the server's
 * verdict on the diagram and is kept; a timeout, a refused connection or a 5xx is tried again next build.
 */
import pLimit from 'p-limit';
import { encodePlantuml } from './plantuml-encode.js';
import { quote } from '../../../yaml/quote.js';

export interface PlantumlServer {
  /** `docs.plantuml.server`, e.g. `https://plantuml.example.com/plantuml`. */
  url: string;
  timeoutMs: number;
}

export type Fetched = { ok: true; svg: string } | { ok: false; reason: string; transient: boolean };

/** Longer sources make URLs that servers refuse (and diagrams no one reads). */
export const MAX_PLANTUML_CHARS = 50_000;
const CONCURRENCY = 4;
/** As svg-sanitize.ts's MAX_SVG_CHARS (not imported: this folder is the diagram cache's code version, the sanitizer is not). */
const MAX_ANSWER_BYTES = 5_000_000;
/** How long a thread leaves a server alone after it timed out or refused the connection. */
const BACKOFF_MS = 60_000;

const limit = pLimit(CONCURRENCY);
const down = new Map<string, { until: number; reason: string }>();

/** plantuml-markdown's rule: a source without `@start…` is one UML diagram. */
export const withStartEnd = (source: string): string =>
  /^\s*@start/.test(source) ? source : `@startuml\n${source.replace(/\n$/, '')}\n@enduml\n`;

export function fetchPlantuml(server: PlantumlServer, source: string): Promise<Fetched> {
  if (source.length > MAX_PLANTUML_CHARS) {
    return Promise.resolve({ ok: false, transient: false, reason: `it is longer than ${MAX_PLANTUML_CHARS.toLocaleString('en-US')} characters` });
  }
  const text = withStartEnd(source);
  // the server counts lines of what it was sent: one more than the author's when `@startuml` was added
  return limit(() => request(server, text, text === source ? 0 : 1));
}

async function request(server: PlantumlServer, source: string, addedLines: number): Promise<Fetched> {
  const base = server.url.replace(/\/+$/, '');
  const gone = down.get(base);
  if (gone && gone.until > Date.now()) return { ok: false, transient: true, reason: gone.reason };
  try {
    const res = await fetch(`${base}/svg/${encodePlantuml(source)}`, {
      signal: AbortSignal.timeout(server.timeoutMs),
      redirect: 'error',
      headers: { accept: 'image/svg+xml' },
    });
    if (res.status !== 200) await res.body?.cancel();
    if (res.status === 400) {
      // PlantUML says what is wrong in headers (its body is an SVG picture of the error)
      const error = res.headers.get('x-plantuml-diagram-error');
      const line = Number(res.headers.get('x-plantuml-diagram-error-line') ?? NaN) - addedLines;
      const where = Number.isInteger(line) && line > 0 ? ` at line ${line} of the diagram` : '';
      return { ok: false, transient: false, reason: `the server could not draw it (HTTP 400)${error ? `: ${quote(error, 120)}${where}` : ''}` };
    }
    if (res.status !== 200) return { ok: false, transient: true, reason: `the server answered HTTP ${res.status}` };
    const body = await readCapped(res);
    if (body === undefined) return { ok: false, transient: false, reason: `the server's answer is larger than ${MAX_ANSWER_BYTES.toLocaleString('en-US')} bytes` };
    if (!/<svg[\s>]/i.test(body)) return { ok: false, transient: true, reason: 'the server did not answer with an SVG' };
    return { ok: true, svg: body };
  } catch (e) {
    const reason = failure(e, server);
    down.set(base, { until: Date.now() + BACKOFF_MS, reason });
    return { ok: false, transient: true, reason };
  }
}

/** The body as text, or undefined when it is larger than an SVG may be (the rest is not read). */
async function readCapped(res: Response): Promise<string | undefined> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_ANSWER_BYTES) { await reader.cancel(); return undefined; }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function failure(e: unknown, server: PlantumlServer): string {
  const err = e as Error & { cause?: { code?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `the server did not answer within ${server.timeoutMs / 1000} s`;
  const code = err.cause?.code;
  return `the server could not be reached (${code ?? err.message})`;
}

/** For tests: forget which servers were down. */
export function resetPlantumlBackoff(): void {
  down.clear();
}
