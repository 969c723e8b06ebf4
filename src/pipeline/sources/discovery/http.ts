/**
 * Paginated JSON listings from a host's REST API, for discovery sources.
 *
 * Plain `fetch` rather than Octokit and a GitLab client: Playbill asks each host for two or three
 * list endpoints, and both hosts page with the same `Link: <…>; rel="next"` header and signal
 * rate limits with the same few headers. One small client gives both hosts the same retry and
 * back-off rules and the same redaction (the token travels in a header only and no message ever
 * quotes it), where two clients would each bring their own defaults to override.
 *
 * Never hammer: a rate-limited answer (429, or 403 with no quota left) waits for `Retry-After` or
 * the quota's reset; a 5xx or a dropped connection is retried with exponential back-off; a page
 * that leaves no quota waits for the reset before the next is asked. All waits come out of one
 * budget per listing, past which the listing fails with the time the quota comes back.
 */

export type ListingFailure = 'auth' | 'not-found' | 'rate-limit' | 'http' | 'network' | 'invalid';

export class ListingError extends Error {
  constructor(readonly kind: ListingFailure, message: string, readonly status?: number) {
    super(message);
  }
}

export interface HttpOptions {
  /** Request headers carrying the token (never logged). */
  headers: Record<string, string>;
  /** How long all waits of one listing may add up to (default 60 s). */
  maxWaitMs?: number;
  /** What is left of it, shared by every request made with these options (set on first use). */
  budget?: { ms: number };
  /** At most this many pages (default 100: 10,000 repositories at 100 a page). */
  maxPages?: number;
  /** How often a 5xx or a network failure is retried (default 3). */
  retries?: number;
  /** One request's time limit (default 30 s). */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  fetch?: typeof fetch;
  /** Told of every wait, for a diagnostic: "rate limited, waited 12 s". */
  onWait?: (ms: number, why: string) => void;
}

const sleepReal = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The `rel="next"` target of a `Link` header (RFC 8288), or undefined. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (m && /(^|;)\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/i.test(m[2]!)) return m[1];
  }
  return undefined;
}

/**
 * How long a rate-limited host asks us to wait, in ms: `Retry-After` (seconds or a date), else the
 * quota's reset (`x-ratelimit-reset` on GitHub, `ratelimit-reset` on GitLab: epoch seconds).
 */
export function waitFromHeaders(headers: Headers, now: number): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  const reset = Number(headers.get('x-ratelimit-reset') ?? headers.get('ratelimit-reset') ?? NaN);
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now) + 1000;
  return undefined;
}

function remaining(headers: Headers): number | undefined {
  const v = headers.get('x-ratelimit-remaining') ?? headers.get('ratelimit-remaining');
  return v === null ? undefined : Number(v);
}

const isRateLimited = (res: Response) =>
  res.status === 429 || (res.status === 403 && (remaining(res.headers) === 0 || res.headers.has('retry-after')));

/** The listing's URL as a message may show it: no query (page cursors are noise), never credentials. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(an invalid URL)';
  }
}

/**
 * Waits out of the budget of `opts`: the budget is an object of its own so every request made with
 * the same options (a listing's pages, the profiles of its members) draws on one total.
 */
function waiter(opts: HttpOptions, now: () => number): (ms: number, why: string) => Promise<void> {
  const sleep = opts.sleep ?? sleepReal;
  const budget = opts.budget ?? (opts.budget = { ms: opts.maxWaitMs ?? 60_000 });
  return async (ms, why) => {
    if (ms > budget.ms) {
      const at = new Date(now() + ms).toISOString().slice(11, 16);
      throw new ListingError('rate-limit', `${why}: the host asks to wait until ${at} UTC, longer than Playbill waits in one build`);
    }
    budget.ms -= ms;
    opts.onWait?.(ms, why);
    await sleep(ms);
  };
}

/** Every item of a paginated JSON array listing, first page at `url`. */
export async function listAll(url: string, opts: HttpOptions): Promise<unknown[]> {
  const now = opts.now ?? Date.now;
  const doFetch = opts.fetch ?? fetch;
  const maxPages = opts.maxPages ?? 100;
  const wait = waiter(opts, now);

  const items: unknown[] = [];
  let next: string | undefined = url;
  for (let page = 0; next !== undefined; page++) {
    if (page >= maxPages) throw new ListingError('invalid', `more than ${maxPages} pages at ${shown(url)}: the listing was stopped there`);
    const res = await fetchPage(next, opts, doFetch, now, wait);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new ListingError('invalid', `${shown(next)} did not answer with JSON`);
    }
    if (!Array.isArray(body)) throw new ListingError('invalid', `${shown(next)} did not answer with a list`);
    items.push(...body);
    const following = nextLink(res.headers.get('link'));
    if (following !== undefined) {
      // stay on the host that was asked: a next link elsewhere would carry the token there
      if (new URL(following, next).origin !== new URL(url).origin) throw new ListingError('invalid', `${shown(next)} links its next page to another host`);
      if (remaining(res.headers) === 0) await wait(waitFromHeaders(res.headers, now()) ?? 60_000, 'the API quota is used up');
    }
    next = following === undefined ? undefined : new URL(following, next).href;
  }
  return items;
}

/** One JSON document (a user's profile), with the same retries and waits as a listing. */
export async function listOne(url: string, opts: HttpOptions): Promise<unknown> {
  const now = opts.now ?? Date.now;
  const res = await fetchPage(url, opts, opts.fetch ?? fetch, now, waiter(opts, now));
  try {
    return await res.json();
  } catch {
    throw new ListingError('invalid', `${shown(url)} did not answer with JSON`);
  }
}

/** One page, with its retries: throws a ListingError for an answer that is not a 200. */
async function fetchPage(
  url: string,
  opts: HttpOptions,
  doFetch: typeof fetch,
  now: () => number,
  wait: (ms: number, why: string) => Promise<void>,
): Promise<Response> {
  const retries = opts.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await doFetch(url, {
        headers: { accept: 'application/json', 'user-agent': 'playbill', ...opts.headers },
        redirect: 'error',
        signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
      });
    } catch (e) {
      if (attempt < retries) { await wait(1000 * 2 ** attempt, 'the host did not answer'); continue; }
      const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
      throw new ListingError('network', `${shown(url)} could not be reached (${cause})`);
    }
    if (res.ok) return res;
    await res.body?.cancel();
    if (isRateLimited(res)) {
      await wait(waitFromHeaders(res.headers, now()) ?? 1000 * 2 ** (attempt + 2), `rate limited (${res.status})`);
      continue;
    }
    if (res.status >= 500 && attempt < retries) { await wait(1000 * 2 ** attempt, `the host answered ${res.status}`); continue; }
    if (res.status === 401) throw new ListingError('auth', `${shown(url)} answered 401: the token is missing, expired or revoked`, 401);
    if (res.status === 403) throw new ListingError('auth', `${shown(url)} answered 403: the token may not read this`, 403);
    if (res.status === 404) throw new ListingError('not-found', `${shown(url)} answered 404: no such organisation or group, or the token may not see it`, 404);
    throw new ListingError('http', `${shown(url)} answered ${res.status}${res.status >= 500 ? ` after ${retries + 1} tries` : ''}`, res.status);
  }
}
