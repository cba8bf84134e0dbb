import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import pRetry from 'p-retry';
import { Agent, interceptors, request, type Dispatcher } from 'undici';
import { HttpError } from '@imcat/errors';
import type { HttpClient, Logger, RawPage, RequestOptions } from '@imcat/source-kit';
import { HostLimiter } from './host-limiter';
import { ALLOW_ALL, DISALLOW_ALL, parseRobots, type RobotsRules } from './robots';
import { HTTP_DEFAULTS, USER_AGENT } from './settings';

/** A previously stored response, used for conditional requests (ETag / Last-Modified). */
export interface ConditionalCache {
  lookup(url: string): RawPage | undefined;
}

export interface HttpClientOptions {
  userAgent?: string;
  /** Per-attempt limit for the whole exchange (headers and body). */
  timeoutMs?: number;
  /** How many times a retryable failure is retried. */
  retries?: number;
  backoffMinMs?: number;
  backoffMaxMs?: number;
  /** The longest Retry-After we wait for; longer values are capped. */
  retryAfterCapMs?: number;
  perHostConcurrency?: number;
  /** Minimum gap between the starts of two requests to one host. */
  politenessDelayMs?: number;
  maxBodyBytes?: number;
  /** Check robots.txt before fetching HTML pages. */
  respectRobots?: boolean;
  /** Send requests elsewhere (tests: a loopback server); RawPage.url keeps the original URL. */
  rewrite?: (url: string) => string;
  cache?: ConditionalCache;
  dispatcher?: Dispatcher;
  log?: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

const DATA_EXTENSIONS = /\.(json|md|markdown|tsv|csv|txt|yaml|yml|xml|js|parquet|zip|gz)$/i;

/** robots.txt governs crawling of HTML pages; API endpoints and raw data files are not checked. */
export function looksLikeHtmlPage(url: URL): boolean {
  if (/\/(api|graphql|crn)\b/i.test(url.pathname)) return false;
  return !DATA_EXTENSIONS.test(url.pathname);
}

/** Turn a Retry-After header (seconds or HTTP date) into milliseconds from now. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

class RetryableHttpError extends HttpError {
  constructor(
    message: string,
    options: ConstructorParameters<typeof HttpError>[1],
    readonly retryAfterMs?: number,
  ) {
    super(message, { ...options, retryable: true });
  }
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(headers).sort()) {
    const v = headerValue(headers, key);
    if (v !== undefined) out[key.toLowerCase()] = v;
  }
  return out;
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_ABORTED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
  'ABORT_ERR',
]);

/**
 * The HTTP layer every source fetches through: retries with exponential
 * backoff and jitter on 429/5xx/network errors (honouring Retry-After up to a
 * cap), a timeout on every attempt, immediate failure on other 4xx,
 * conditional requests, per-host concurrency and politeness delay, an imcat
 * User-Agent, robots.txt for HTML pages, and whole-body checks.
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const o = { ...HTTP_DEFAULTS, ...options };
  const userAgent = options.userAgent ?? USER_AGENT;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => delay(ms).then(() => undefined));
  const baseDispatcher = options.dispatcher ?? new Agent({ connections: o.perHostConcurrency * 4 });
  const dispatcher = baseDispatcher.compose(interceptors.redirect({ maxRedirections: 5 }));
  const limiter = new HostLimiter(o.perHostConcurrency, o.politenessDelayMs, sleep);
  const robotsByOrigin = new Map<string, Promise<RobotsRules>>();
  const log = options.log;

  async function attempt(url: string, method: 'GET' | 'POST', body: string | undefined, headers: Record<string, string>): Promise<RawPage> {
    const target = options.rewrite ? options.rewrite(url) : url;
    const cached = method === 'GET' ? options.cache?.lookup(url) : undefined;
    const conditional: Record<string, string> = {};
    if (cached?.headers.etag) conditional['if-none-match'] = cached.headers.etag;
    if (cached?.headers['last-modified']) conditional['if-modified-since'] = cached.headers['last-modified'];
    const signal = AbortSignal.timeout(o.timeoutMs);
    let response: Dispatcher.ResponseData;
    try {
      response = await request(target, {
        method,
        body,
        dispatcher,
        signal,
        headersTimeout: o.timeoutMs,
        bodyTimeout: o.timeoutMs,
        headers: { 'user-agent': userAgent, 'accept-encoding': 'identity', ...conditional, ...headers },
      });
    } catch (cause) {
      throw networkError(url, cause, 'request failed');
    }
    const status = response.statusCode;
    const responseHeaders = flattenHeaders(response.headers);
    if (status === 304 && cached) {
      await response.body.dump();
      log?.info(`not modified: ${url}`);
      return { ...cached, headers: { ...cached.headers, 'x-imcat-not-modified': 'true' } };
    }
    if (status === 429 || status === 408 || status >= 500) {
      await response.body.dump().catch(() => undefined);
      const retryAfter = parseRetryAfter(responseHeaders['retry-after'], now());
      throw new RetryableHttpError(
        `GET ${url} answered ${status}; expected 2xx`,
        { url, status },
        retryAfter === undefined ? undefined : Math.min(retryAfter, o.retryAfterCapMs),
      );
    }
    if (status < 200 || status >= 300) {
      await response.body.dump().catch(() => undefined);
      throw new HttpError(`${method} ${url} answered ${status}; expected 2xx (not retried)`, { url, status, retryable: false });
    }
    const chunks: Buffer[] = [];
    let received = 0;
    try {
      for await (const chunk of response.body) {
        const buf = chunk as Buffer;
        received += buf.byteLength;
        if (received > o.maxBodyBytes) {
          response.body.destroy();
          throw new HttpError(`${url}: body is larger than the ${o.maxBodyBytes}-byte limit`, { url, status, retryable: false });
        }
        chunks.push(buf);
      }
    } catch (cause) {
      if (cause instanceof HttpError) throw cause;
      throw networkError(url, cause, `body ended after ${received} bytes`);
    }
    const declared = responseHeaders['content-length'];
    if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) !== received) {
      throw new RetryableHttpError(`${url}: truncated body, expected ${declared} bytes (Content-Length), received ${received}`, {
        url,
        status,
      });
    }
    const bytes = new Uint8Array(Buffer.concat(chunks, received));
    return {
      url,
      status,
      headers: responseHeaders,
      fetched_at: now().toISOString(),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      body: bytes,
    };
  }

  function networkError(url: string, cause: unknown, what: string): HttpError {
    const name = (cause as Error | undefined)?.name;
    const rawCode = (cause as { code?: unknown } | undefined)?.code;
    // DOMException timeouts carry a numeric code (23); their name is what tells them apart.
    const code = name === 'TimeoutError' || name === 'AbortError' ? name : typeof rawCode === 'string' ? rawCode : name;
    const retryable = code === undefined || NETWORK_CODES.has(code) || code === 'TimeoutError' || code === 'AbortError';
    const detail = code === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT'
      ? `timed out after ${o.timeoutMs} ms`
      : `${code ?? 'error'}: ${(cause as Error | undefined)?.message ?? String(cause)}`;
    return retryable
      ? new RetryableHttpError(`${url}: ${what} (${detail})`, { url, cause })
      : new HttpError(`${url}: ${what} (${detail})`, { url, cause, retryable: false });
  }

  async function withRetries(url: string, run: () => Promise<RawPage>): Promise<RawPage> {
    return pRetry(run, {
      retries: o.retries,
      factor: 2,
      minTimeout: o.backoffMinMs,
      maxTimeout: o.backoffMaxMs,
      randomize: true,
      shouldRetry: ({ error }) => error instanceof HttpError && error.retryable,
      onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
        if (!(error instanceof HttpError) || !error.retryable || retriesLeft === 0) return;
        const wait = error instanceof RetryableHttpError ? error.retryAfterMs : undefined;
        log?.warn(`attempt ${attemptNumber} failed, retrying${wait ? ` after Retry-After ${wait} ms` : ''}: ${error.message}`, { url });
        if (wait) await sleep(wait);
      },
    });
  }

  async function robotsFor(url: URL): Promise<RobotsRules> {
    let pending = robotsByOrigin.get(url.origin);
    if (!pending) {
      const robotsUrl = `${url.origin}/robots.txt`;
      pending = limiter
        .run(url.host, () => withRetries(robotsUrl, () => attempt(robotsUrl, 'GET', undefined, {})))
        .then((page) => parseRobots(new TextDecoder().decode(page.body), userAgent))
        .catch((error: unknown) => {
          // RFC 9309: a missing robots.txt (4xx) allows everything; an unreachable one disallows.
          if (error instanceof HttpError && error.status !== undefined && error.status >= 400 && error.status < 500) return ALLOW_ALL;
          log?.warn(`robots.txt unreachable, treating ${url.origin} as disallowed: ${(error as Error).message}`);
          return DISALLOW_ALL;
        });
      robotsByOrigin.set(url.origin, pending);
    }
    return pending;
  }

  async function send(url: string, method: 'GET' | 'POST', body: string | undefined, opts: RequestOptions = {}): Promise<RawPage> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch (cause) {
      throw new HttpError(`not a valid URL: "${url}"`, { url, cause });
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new HttpError(`refusing to fetch ${url}: expected an http(s) URL, found ${parsed.protocol}`, { url });
    }
    let crawlDelayMs = 0;
    if (o.respectRobots && method === 'GET' && !opts.skipRobots && looksLikeHtmlPage(parsed)) {
      const rules = await robotsFor(parsed);
      if (!rules.isAllowed(parsed.pathname + parsed.search)) {
        throw new HttpError(`robots.txt of ${parsed.origin} disallows ${parsed.pathname} for ${userAgent}`, { url, retryable: false });
      }
      crawlDelayMs = (rules.crawlDelaySeconds ?? 0) * 1000;
    }
    return limiter.run(parsed.host, () => withRetries(url, () => attempt(url, method, body, opts.headers ?? {})), crawlDelayMs);
  }

  return {
    get: (url, opts) => send(url, 'GET', undefined, opts),
    post: (url, body, opts) => send(url, 'POST', body, opts),
  };
}

/** Rewrite every absolute URL to `${base}/<host>/<path>`: how tests point a source at a loopback server. */
export function rewriteToLoopback(base: string): (url: string) => string {
  return (url) => {
    const u = new URL(url);
    return `${base.replace(/\/$/, '')}/${u.host}${u.pathname}${u.search}`;
  };
}
