import {
  fetchJson,
  HttpEndpointOptions,
  SourceError,
  sourceFailed,
} from './fetchJson';

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

/**
 * One series of an instant vector: its labels and value, without a value
 * when it is NaN.
 *
 * @internal
 */
export type VectorSample = {
  labels: Record<string, string>;
  value?: number;
};

/**
 * An alerting rule Prometheus evaluates: its alert name and expression.
 *
 * @internal
 */
export type AlertRule = { name: string; query: string };

type RuleGroups = {
  groups?: Array<{
    rules?: Array<{ type?: string; name?: unknown; query?: unknown }>;
  }>;
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

/** The details a Prometheus error body gives, if it is one. */
function detailOf(body: unknown): string | undefined {
  const response = (body ?? {}) as PrometheusResponse;
  if (response.status === 'error' || response.error) {
    const kind = response.errorType ? `${response.errorType}: ` : '';
    return `${kind}${response.error ?? 'unknown error'}`;
  }
  return undefined;
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
  ): Promise<{ value?: number; error?: SourceError }> {
    const params = new URLSearchParams({ query: promql });
    if (time) {
      params.set('time', toSeconds(time));
    }
    const result = await this.get(`/api/v1/query?${params.toString()}`);
    if ('error' in result) {
      return result;
    }
    const { body } = result;
    const { resultType, result: data } = body.data ?? {};
    if (resultType === 'scalar') {
      return withValue(sampleValue(data));
    }
    if (resultType === 'vector' && Array.isArray(data)) {
      return withValue(sampleValue(data[0]?.value));
    }
    return { error: this.unexpected(resultType) };
  }

  /**
   * Every series of an instant query's vector result, with its labels.
   */
  async queryVector(
    promql: string,
    time?: Date,
  ): Promise<{ samples: VectorSample[]; error?: SourceError }> {
    const params = new URLSearchParams({ query: promql });
    if (time) {
      params.set('time', toSeconds(time));
    }
    const result = await this.get(`/api/v1/query?${params.toString()}`);
    if ('error' in result) {
      return { samples: [], error: result.error };
    }
    const { resultType, result: data } = result.body.data ?? {};
    if (resultType !== 'vector' || !Array.isArray(data)) {
      return { samples: [], error: this.unexpected(resultType) };
    }
    return {
      samples: data.map(series => ({
        labels: { ...series?.metric },
        ...withValue(sampleValue(series?.value)),
      })),
    };
  }

  /**
   * The alerting rules Prometheus evaluates (`/api/v1/rules?type=alert`),
   * with the expression of each as Prometheus prints it.
   */
  async alertRules(): Promise<{ rules: AlertRule[]; error?: SourceError }> {
    const result = await this.get('/api/v1/rules?type=alert');
    if ('error' in result) {
      return { rules: [], error: result.error };
    }
    const { groups } = (result.body.data ?? {}) as RuleGroups;
    if (!Array.isArray(groups)) {
      return {
        rules: [],
        error: this.failed({
          problem: 'unexpectedAnswer',
          expected: 'ruleGroups',
        }),
      };
    }
    const rules: AlertRule[] = [];
    for (const group of groups) {
      for (const rule of Array.isArray(group?.rules) ? group.rules : []) {
        // Servers that ignore `type` send recording rules too.
        if (
          rule?.type === 'alerting' &&
          typeof rule.name === 'string' &&
          typeof rule.query === 'string'
        ) {
          rules.push({ name: rule.name, query: rule.query });
        }
      }
    }
    return { rules };
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
  ): Promise<{ points: Array<[number, number]>; error?: SourceError }> {
    const params = new URLSearchParams({
      query: promql,
      start: toSeconds(start),
      end: toSeconds(end),
      step: String(stepSeconds),
    });
    const result = await this.get(`/api/v1/query_range?${params.toString()}`);
    if ('error' in result) {
      return { points: [], error: result.error };
    }
    const { resultType, result: data } = result.body.data ?? {};
    if (resultType !== 'matrix' || !Array.isArray(data)) {
      return { points: [], error: this.unexpected(resultType) };
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

  /** A successful response of the API, or why there is none. */
  private async get(
    path: string,
  ): Promise<{ body: PrometheusResponse } | { error: SourceError }> {
    const result = await fetchJson(this.options, path, 'prometheus');
    const detail = detailOf(result.body);
    if (!result.ok) {
      return {
        error:
          detail && result.error.problem === 'httpStatus'
            ? { ...result.error, detail }
            : result.error,
      };
    }
    const body = result.body as PrometheusResponse;
    if (body?.status !== 'success') {
      return {
        error: detail
          ? this.failed({ problem: 'errorAnswer', detail })
          : this.failed({
              problem: 'unexpectedAnswer',
              expected: 'queryResult',
            }),
      };
    }
    return { body };
  }

  private unexpected(resultType: unknown): SourceError {
    return this.failed({
      problem: 'unexpectedResultType',
      resultType: String(resultType),
    });
  }

  private failed(failure: Parameters<typeof sourceFailed>[2]): SourceError {
    return sourceFailed('prometheus', this.options.baseUrl, failure);
  }
}
