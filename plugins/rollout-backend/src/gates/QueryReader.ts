import { notConfigured } from './config';
import { SourceError } from './fetchJson';
import { AlertRule, PrometheusClient, VectorSample } from './PrometheusClient';

/**
 * A value read from Prometheus, or why there is none.
 *
 * @internal
 */
export type Reading = { value?: number; error?: SourceError };

/**
 * Points `[unix seconds, value]`, or why there are none.
 *
 * @internal
 */
export type SeriesReading = {
  points: Array<[number, number]>;
  error?: SourceError;
};

/**
 * A baseline, and how much of its window the query has values in.
 *
 * @internal
 */
export type BaselineReading = Reading & {
  /**
   * Set when the read succeeded. `coverage`: the share (0 to 1) of the
   * window's evaluation points at which the query had a value.
   */
  history?: { coverage: number; windowMs: number };
};

/** The number of points a sparkline gets over the series window. */
const SERIES_POINTS = 60;

/** The number of points the baseline subquery takes over its window. */
const BASELINE_POINTS = 60;

/** The label that tells the two halves of the baseline read apart. */
const PART = 'rollout_baseline';

/** Whether two samples are of one series, the `PART` label aside. */
function sameSeries(a: VectorSample, b: VectorSample): boolean {
  const labels = (sample: VectorSample) =>
    Object.keys(sample.labels).filter(key => key !== PART);
  return (
    labels(a).length === labels(b).length &&
    labels(a).every(key => a.labels[key] === b.labels[key])
  );
}

const unset = notConfigured('prometheus');

/**
 * Reads the queries of one evaluation at the three points in time the gates
 * need: now, the baseline window and the sparkline window; and, when asked,
 * the alerting rules. Each query is read once however many rows share it.
 * Without Prometheus every reading is an error saying so.
 *
 * @internal
 */
export class QueryReader {
  readonly baselineStart: Date;
  private readonly cache = new Map<string, Promise<Reading | SeriesReading>>();
  private rules?: Promise<{ rules: AlertRule[]; error?: SourceError }>;
  private reads = 0;
  private readonly errors: SourceError[] = [];

  constructor(
    private readonly prometheus: PrometheusClient | undefined,
    private readonly window: {
      now: Date;
      baselineEnd: Date;
      baselineMs: number;
      seriesMs: number;
    },
  ) {
    this.baselineStart = new Date(
      window.baselineEnd.getTime() - window.baselineMs,
    );
  }

  get baselineEnd(): Date {
    return this.window.baselineEnd;
  }

  current(query: string): Promise<Reading> {
    return this.read(
      `now:${query}`,
      prometheus => prometheus.query(query, this.window.now),
      { error: unset },
    );
  }

  /**
   * The query's median over the baseline window, a subquery at its end. The
   * median, not the mean: a spike inside the window, or the low rates of a
   * series that only began in it, do not move it. The same read counts the
   * subquery's points with a value, which tells a window the series only
   * partly covers (its start-up ramp) from a baseline: both halves come back
   * in one vector, told apart by a label.
   */
  baseline(query: string): Promise<BaselineReading> {
    const seconds = Math.max(1, Math.round(this.window.baselineMs / 1000));
    const step = Math.max(1, Math.ceil(seconds / BASELINE_POINTS));
    const range = `(${query})[${seconds}s:${step}s]`;
    const part = (expression: string, name: string) =>
      `label_replace(${expression}, "${PART}", "${name}", "", "")`;
    const promql = `${part(
      `quantile_over_time(0.5, ${range})`,
      'median',
    )} or ${part(`count_over_time(${range})`, 'samples')}`;
    return this.read<BaselineReading>(
      `baseline:${query}`,
      async prometheus => {
        const { samples, error } = await prometheus.queryVector(
          promql,
          this.window.baselineEnd,
        );
        if (error) {
          return { error };
        }
        const median = samples.find(sample => sample.labels[PART] === 'median');
        const counts = samples.filter(
          sample => sample.labels[PART] === 'samples',
        );
        const count = median
          ? counts.find(sample => sameSeries(sample, median))
          : counts[0];
        // Prometheus 2 counts both ends of the range, Prometheus 3 one.
        const expected = Math.floor(seconds / step);
        return {
          ...(median?.value === undefined ? {} : { value: median.value }),
          history: {
            coverage: Math.min(1, (count?.value ?? 0) / expected),
            windowMs: seconds * 1000,
          },
        };
      },
      { error: unset },
    );
  }

  /**
   * The alerting rules of Prometheus, read once per evaluation and only
   * when asked. Not counted in {@link QueryReader.failure}: a server that
   * answers queries but not the rules API still answers the gates.
   */
  alertRules(): Promise<{ rules: AlertRule[]; error?: SourceError }> {
    const prometheus = this.prometheus;
    if (!prometheus) {
      return Promise.resolve({ rules: [], error: unset });
    }
    this.rules ??= prometheus.alertRules();
    return this.rules;
  }

  series(query: string): Promise<SeriesReading> {
    const { now, seriesMs } = this.window;
    const step = Math.max(1, Math.ceil(seriesMs / 1000 / SERIES_POINTS));
    return this.read(
      `series:${query}`,
      prometheus =>
        prometheus.queryRange(
          query,
          new Date(now.getTime() - seriesMs),
          now,
          step,
        ),
      { points: [], error: unset },
    );
  }

  /** Why Prometheus failed as a whole: set when every read failed. */
  failure(): SourceError | undefined {
    return this.reads > 0 && this.errors.length === this.reads
      ? this.errors[0]
      : undefined;
  }

  /** Runs a read once per key; `unavailable` is the answer without Prometheus. */
  private read<T extends Reading | SeriesReading>(
    key: string,
    run: (prometheus: PrometheusClient) => Promise<T>,
    unavailable: T,
  ): Promise<T> {
    const prometheus = this.prometheus;
    if (!prometheus) {
      return Promise.resolve(unavailable);
    }
    let reading = this.cache.get(key) as Promise<T> | undefined;
    if (!reading) {
      this.reads += 1;
      reading = run(prometheus).then(result => {
        if (result.error) {
          this.errors.push(result.error);
        }
        return result;
      });
      this.cache.set(key, reading);
    }
    return reading;
  }
}
