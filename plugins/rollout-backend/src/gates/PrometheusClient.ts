import { fetchJson, HttpEndpointOptions } from './fetchJson';

type PrometheusSample = [number, string];

type PrometheusResponse = {
  status?: 'success' | 'error';
  errorType?: string;
  error?: string;
  data?: {
    resultType?: 'vector' | 'matrix' | 'scalar' | 'string';
    result?: unknown;
  };
};

function withValue(value: number | undefined): { value?: number } {
  return value === undefined ? {} : { value };
}

function sampleValue(sample: unknown): number | undefined {
  if (!Array.isArray(sample) || sample.length < 2) {
    return undefined;
  }
  // Prometheus sends values as strings so that NaN and ±Inf survive JSON.
  const value = Number.parseFloat(String(sample[1]));
  return Number.isNaN(value) ? undefined : value;
}

function errorOf(body: unknown, fallback: string): string {
  const response = (body ?? {}) as PrometheusResponse;
  if (response.status === 'error' || response.error) {
    const kind = response.errorType ? `${response.errorType}: ` : '';
    const detail = `${kind}${response.error ?? 'unknown error'}`;
    return fallback ? `${fallback}: ${detail}` : detail;
  }
  return fallback || 'unexpected response';
}

function toSeconds(time: Date): string {
  return String(time.getTime() / 1000);
}

/**
 * Reads values from the Prometheus HTTP API. Never throws: every failure
 * comes back as an `error` saying why.
 *
 * @internal
 */
export class PrometheusClient {
  private readonly options: HttpEndpointOptions;

  constructor(options: HttpEndpointOptions) {
    this.options = options;
  }

  /**
   * The value of an instant query: the first sample of a vector result, or
   * a scalar result. No value (and no error) when the result is empty or NaN.
   */
  async query(
    promql: string,
    time?: Date,
  ): Promise<{ value?: number; error?: string }> {
    const params = new URLSearchParams({ query: promql });
    if (time) {
      params.set('time', toSeconds(time));
    }
    const result = await fetchJson(
      this.options,
      `/api/v1/query?${params.toString()}`,
    );
    if (!result.ok) {
      return { error: errorOf(result.body, result.error) };
    }
    const body = result.body as PrometheusResponse;
    if (body?.status !== 'success') {
      return { error: errorOf(body, '') };
    }
    const { resultType, result: data } = body.data ?? {};
    if (resultType === 'scalar') {
      return withValue(sampleValue(data));
    }
    if (resultType === 'vector' && Array.isArray(data)) {
      return withValue(sampleValue(data[0]?.value));
    }
    return { error: `unexpected result type ${resultType}` };
  }

  /**
   * The points `[unix seconds, value]` of the first series of a range
   * query, NaN values left out.
   */
  async queryRange(
    promql: string,
    start: Date,
    end: Date,
    stepSeconds: number,
  ): Promise<{ points: Array<[number, number]>; error?: string }> {
    const params = new URLSearchParams({
      query: promql,
      start: toSeconds(start),
      end: toSeconds(end),
      step: String(stepSeconds),
    });
    const result = await fetchJson(
      this.options,
      `/api/v1/query_range?${params.toString()}`,
    );
    if (!result.ok) {
      return { points: [], error: errorOf(result.body, result.error) };
    }
    const body = result.body as PrometheusResponse;
    if (body?.status !== 'success') {
      return { points: [], error: errorOf(body, '') };
    }
    const { resultType, result: data } = body.data ?? {};
    if (resultType !== 'matrix' || !Array.isArray(data)) {
      return { points: [], error: `unexpected result type ${resultType}` };
    }
    const samples: unknown[] = Array.isArray(data[0]?.values)
      ? data[0].values
      : [];
    const points: Array<[number, number]> = [];
    for (const sample of samples) {
      const value = sampleValue(sample);
      if (value !== undefined) {
        points.push([Number((sample as PrometheusSample)[0]), value]);
      }
    }
    return { points };
  }
}
