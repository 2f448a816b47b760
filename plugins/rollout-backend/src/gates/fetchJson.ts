/**
 * Where and how to reach an HTTP API that gates read from.
 *
 * @internal
 */
export type HttpEndpointOptions = {
  /** The API's base URL, such as `http://prometheus:9090`. */
  baseUrl: string;
  /** Headers sent with every request, such as `Authorization`. */
  headers?: Record<string, string>;
  /** How long one request, body included, may take. */
  timeoutMs: number;
};

/**
 * The parsed JSON body, or why there is none. `error` is a sentence naming
 * the source and its URL, such as `Prometheus at http://prometheus:9090 did
 * not answer: connect ECONNREFUSED 10.0.0.7:9090`.
 *
 * @internal
 */
export type FetchJsonResult =
  | { ok: true; body: unknown }
  | { ok: false; error: string; body?: unknown };

type ErrorLike = { message: string; code?: string; cause?: unknown };

// Duck-typed: fetch's errors may come from another realm, failing instanceof.
function isErrorLike(value: unknown): value is ErrorLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorLike).message === 'string'
  );
}

/** The innermost cause: Node's fetch says only "fetch failed" on top. */
function describeFailure(error: unknown): string {
  if (!isErrorLike(error)) {
    return String(error);
  }
  if (isErrorLike(error.cause)) {
    return describeFailure(error.cause);
  }
  // An AggregateError of several addresses has an empty message.
  return error.message || error.code || 'unknown error';
}

/**
 * The source as a reason names it: `Prometheus at http://host:9090`,
 * credentials in the URL left out.
 *
 * @internal
 */
export function sourceLabel(source: string, baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    url.username = '';
    url.password = '';
    return `${source} at ${url.toString()}`;
  } catch {
    return `${source} at ${baseUrl}`;
  }
}

/**
 * GETs `path` (with its query string) below the base URL and parses the
 * response as JSON. Never throws: refused connections, timeouts (the body
 * included), non-2xx statuses and unparsable bodies come back as `error`,
 * a sentence that starts with `source` and the base URL. A non-2xx
 * response keeps its parsed body, as APIs put their error details there.
 *
 * @internal
 */
export async function fetchJson(
  options: HttpEndpointOptions,
  path: string,
  source: string,
): Promise<FetchJsonResult> {
  const label = sourceLabel(source, options.baseUrl);
  const url = `${options.baseUrl.replace(/\/+$/, '')}${path}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    const response = await fetch(url, {
      headers: { accept: 'application/json', ...options.headers },
      signal: controller.signal,
    });
    const text = await response.text();
    let body: unknown;
    let parseError: string | undefined;
    try {
      body = JSON.parse(text);
    } catch (error) {
      parseError = describeFailure(error);
    }
    if (!response.ok) {
      const status = `HTTP ${response.status} ${response.statusText}`.trim();
      return { ok: false, error: `${label} answered ${status}`, body };
    }
    if (parseError) {
      return {
        ok: false,
        error: `${label} answered with a body that is not JSON: ${parseError}`,
      };
    }
    return { ok: true, body };
  } catch (error) {
    if (controller.signal.aborted) {
      return {
        ok: false,
        error: `${label} did not answer within ${options.timeoutMs}ms`,
      };
    }
    return {
      ok: false,
      error: `${label} did not answer: ${describeFailure(error)}`,
    };
  } finally {
    clearTimeout(timer);
  }
}
