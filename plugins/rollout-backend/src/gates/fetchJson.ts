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
 * The parsed JSON body, or why there is none.
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

function describeFailure(error: unknown): string {
  if (!isErrorLike(error)) {
    return String(error);
  }
  // Node's fetch says only "fetch failed"; the cause names the real problem.
  if (isErrorLike(error.cause)) {
    return `${error.message}: ${error.cause.code ?? error.cause.message}`;
  }
  return error.message;
}

/**
 * GETs `path` (with its query string) below the base URL and parses the
 * response as JSON. Never throws: network failures, timeouts, non-2xx
 * statuses and unparsable bodies come back as `error`. A non-2xx response
 * keeps its parsed body, as APIs put their error details there.
 *
 * @internal
 */
export async function fetchJson(
  options: HttpEndpointOptions,
  path: string,
): Promise<FetchJsonResult> {
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
      parseError = `invalid JSON in response: ${describeFailure(error)}`;
    }
    if (!response.ok) {
      const status = `HTTP ${response.status} ${response.statusText}`.trim();
      return { ok: false, error: status, body };
    }
    if (parseError) {
      return { ok: false, error: parseError };
    }
    return { ok: true, body };
  } catch (error) {
    if (controller.signal.aborted) {
      return {
        ok: false,
        error: `request timed out after ${options.timeoutMs}ms`,
      };
    }
    return { ok: false, error: `request failed: ${describeFailure(error)}` };
  } finally {
    clearTimeout(timer);
  }
}
