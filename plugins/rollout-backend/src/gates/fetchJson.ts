import {
  GateReason,
  GateSource,
  GateSourceFailure,
} from '@rollout/backstage-plugin-rollout-common';

/**
 * Why a source gave nothing to read: it failed, or is not configured.
 *
 * @internal
 */
export type SourceError = Extract<
  GateReason,
  { type: 'sourceFailed' | 'notConfigured' }
>;

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
 * The parsed JSON body, or why there is none. `error` names the source and
 * its URL; its English sentence (`gateReasonSentence`) reads such as
 * `Prometheus at http://prometheus:9090 did not answer: connect
 * ECONNREFUSED 10.0.0.7:9090`.
 *
 * @internal
 */
export type FetchJsonResult =
  | { ok: true; body: unknown }
  | {
      ok: false;
      error: Extract<SourceError, { type: 'sourceFailed' }>;
      body?: unknown;
    };

/** Distributes `Omit` over the members of a union. */
type OmitEach<T, K extends PropertyKey> = T extends unknown
  ? Omit<T, K>
  : never;

/**
 * A failure of the source at `baseUrl`, as a gate's reason.
 *
 * @internal
 */
export function sourceFailed(
  source: GateSource,
  baseUrl: string,
  failure: OmitEach<GateSourceFailure, 'source' | 'url'>,
): Extract<SourceError, { type: 'sourceFailed' }> {
  return {
    type: 'sourceFailed',
    source,
    url: safeUrl(baseUrl),
    ...failure,
  };
}

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
 * The base URL as a reason names it, credentials left out.
 *
 * @internal
 */
export function safeUrl(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return baseUrl;
  }
}

/**
 * GETs `path` (with its query string) below the base URL and parses the
 * response as JSON. Never throws: refused connections, timeouts (the body
 * included), non-2xx statuses and unparsable bodies come back as `error`,
 * naming `source` and the base URL. A non-2xx response keeps its parsed
 * body, as APIs put their error details there.
 *
 * @internal
 */
export async function fetchJson(
  options: HttpEndpointOptions,
  path: string,
  source: GateSource,
): Promise<FetchJsonResult> {
  const failed = (failure: OmitEach<GateSourceFailure, 'source' | 'url'>) =>
    sourceFailed(source, options.baseUrl, failure);
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
      return {
        ok: false,
        error: failed({
          problem: 'httpStatus',
          status: response.status,
          ...(response.statusText ? { statusText: response.statusText } : {}),
        }),
        body,
      };
    }
    if (parseError) {
      return {
        ok: false,
        error: failed({ problem: 'notJson', detail: parseError }),
      };
    }
    return { ok: true, body };
  } catch (error) {
    if (controller.signal.aborted) {
      return {
        ok: false,
        error: failed({ problem: 'timeout', timeoutMs: options.timeoutMs }),
      };
    }
    return {
      ok: false,
      error: failed({ problem: 'unreachable', detail: describeFailure(error) }),
    };
  } finally {
    clearTimeout(timer);
  }
}
