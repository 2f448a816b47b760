import { notConfigured } from './config';
import { PrometheusClient } from './PrometheusClient';

/**
 * A value read from Prometheus, or why there is none.
 *
 * @internal
 */
export type Reading = { value?: number; error?: string };

/**
 * Points `[unix seconds, value]`, or why there are none.
 *
 * @internal
 */
export type SeriesReading = { points: Array<[number, number]>; error?: string };

/** The number of points a sparkline gets over the series window. */
const SERIES_POINTS = 60;

const unset = notConfigured('rollout.prometheus');

/**
 * Reads the queries of one evaluation at the three points in time the gates
 * need: now, the baseline window and the sparkline window. Each query is
 * read once however many rows share it. Without Prometheus every reading is
 * an error saying so.
 *
 * @internal
 */
export class QueryReader {
  readonly baselineStart: Date;
  private readonly cache = new Map<string, Promise<Reading | SeriesReading>>();
  private reads = 0;
  private readonly errors: string[] = [];

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
   * series that only began in it, do not move it.
   */
  baseline(query: string): Promise<Reading> {
    const seconds = Math.max(1, Math.round(this.window.baselineMs / 1000));
    return this.read(
      `baseline:${query}`,
      prometheus =>
        prometheus.query(
          `quantile_over_time(0.5, (${query})[${seconds}s:])`,
          this.window.baselineEnd,
        ),
      { error: unset },
    );
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
  failure(): string | undefined {
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
