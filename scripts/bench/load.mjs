// Load runs with autocannon, and pairs of them alternated A B A B so that a
// drift of the machine (another process, a GC-heavy stretch, the catalog's
// background work) falls on both sides alike.
import autocannon from 'autocannon';

const median = values => {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The medians of a side's runs, each figure on its own. */
export function medians(runs) {
  return {
    rps: median(runs.map(r => r.rps)),
    p50: median(runs.map(r => r.p50)),
    p99: median(runs.map(r => r.p99)),
  };
}

const percentile = (sorted, p) =>
  sorted.length
    ? sorted[
        Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
      ]
    : 0;

/**
 * The load runner. A target is `{ label, url, headers(), method?, body?,
 * contentType?, vary?() }`: `headers` is called before each run (the guest
 * token is renewed). A target with `vary` creates something with each
 * request and needs a path or body of its own (a new rollout's unique
 * version): `vary` returns `{ url?, body? }` for each.
 */
export function loadRunner({ connections, seconds, log }) {
  /** A read, with autocannon. */
  async function cannon(target, headers, duration) {
    const result = await autocannon({
      url: target.url,
      connections,
      duration,
      method: target.method ?? 'GET',
      headers,
      body: target.body,
    });
    if (result.non2xx) {
      const codes = Object.entries(result.statusCodeStats ?? {})
        .map(([code, { count }]) => `${code}×${count}`)
        .join(', ');
      throw new Error(`${target.label}: answers ${codes} (${target.url})`);
    }
    if (result.errors > result.timeouts) {
      throw new Error(
        `${target.label}: ${result.errors} connection errors: did the backend stop? (bench-results/backend.log)`,
      );
    }
    if (result.timeouts) {
      log(`${target.label}: ${result.timeouts} requests timed out`);
    }
    // autocannon stops without waiting for the requests in flight; the
    // backend still serves them. Waiting about as long as the slowest took
    // keeps them out of the next run, which may be the other side's.
    await new Promise(resolve =>
      setTimeout(resolve, Math.min(Math.max(result.latency.p99, 100), 3000)),
    );
    return {
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      requests: result.requests.total,
      errors: result.errors,
      timeouts: result.timeouts,
    };
  }

  /**
   * A write, with one loop per connection: each sends its next request when
   * the last is answered, until `duration` is over, and the run ends when
   * the last answer arrives. Unlike autocannon's cut-off, every request sent
   * is counted, which matters when a request takes about as long as a run.
   */
  async function loop(target, headers, duration) {
    const latencies = [];
    const started = performance.now();
    const deadline = started + duration * 1000;
    async function worker() {
      while (performance.now() < deadline) {
        const { url = target.url, body = target.body } = target.vary();
        const sent = performance.now();
        const res = await fetch(url, {
          method: target.method ?? 'POST',
          headers,
          body,
        });
        const text = await res.text();
        if (!res.ok) {
          throw new Error(
            `${target.label}: ${res.status} ${text.slice(0, 300)}`,
          );
        }
        latencies.push(performance.now() - sent);
      }
    }
    await Promise.all(Array.from({ length: connections }, worker));
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((x, y) => x - y);
    return {
      rps: latencies.length / elapsed,
      p50: Math.round(percentile(latencies, 50)),
      p99: Math.round(percentile(latencies, 99)),
      requests: latencies.length,
      errors: 0,
      timeouts: 0,
    };
  }

  async function run(target, duration = seconds) {
    const headers = {
      ...(await target.headers()),
      ...(target.contentType ? { 'Content-Type': target.contentType } : {}),
    };
    return target.vary
      ? loop(target, headers, duration)
      : cannon(target, headers, duration);
  }

  /**
   * Runs A then B, `rounds` times, after a short warm-up of each that is
   * not counted (the first requests of a path compile and fill caches).
   */
  async function pair({ name, a, b, rounds, goal }) {
    const warmup = {
      a: (await run(a, 1)).requests,
      b: b ? (await run(b, 1)).requests : 0,
    };
    const runs = { a: [], b: [] };
    for (let round = 0; round < rounds; round++) {
      runs.a.push(await run(a));
      if (b) runs.b.push(await run(b));
    }
    const result = {
      name,
      warmup,
      a: { label: a.label, runs: runs.a, median: medians(runs.a) },
      b: b
        ? { label: b.label, runs: runs.b, median: medians(runs.b) }
        : undefined,
    };
    result.ratio = b ? result.a.median.rps / result.b.median.rps : undefined;
    if (goal) {
      result.goal = { text: goal.text, met: goal.met(result) };
    }
    log(
      `${name}: ${result.a.median.rps.toFixed(0)} req/s, p50 ${
        result.a.median.p50
      } ms${
        b
          ? ` / ${result.b.median.rps.toFixed(0)} req/s, p50 ${
              result.b.median.p50
            } ms (${result.ratio.toFixed(2)}×)`
          : ''
      }`,
    );
    return result;
  }

  return { run, pair };
}

/** Goals of issue 16, as checks of a measured pair. */
export const goals = {
  catalogRead: {
    text: '≥ 1.0× req/s, p99 no worse',
    met: r => r.ratio >= 1 && r.a.median.p99 <= r.b.median.p99,
  },
  gates: { text: '≥ 0.8× req/s', met: r => r.ratio >= 0.8 },
  markdown: { text: '≥ 0.8× req/s', met: r => r.ratio >= 0.8 },
};
