// A stand-in for multipass-reviewer's /metrics: serves the four metrics the
// demo checklist watches, at rates and values that can be steered over HTTP
// so that gates can be seen to pass, fail and recover.
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const LABELS = 'service="multipass-reviewer"';

const DEFAULT_SETTINGS = Object.freeze({
  failuresPerSecond: 0.2,
  sessionsPerSecond: 3,
  reviewsPerSecond: 2,
  runtimeSeconds: 40,
  llmRequestsPerSecond: 5,
  llmLatencySeconds: 1.2,
});

const COUNTERS = [
  {
    name: 'review_pass_failures_total',
    help: 'Review passes that failed.',
    rate: 'failuresPerSecond',
  },
  {
    name: 'modular_reviewer_sessions_total',
    help: 'Modular reviewer sessions started.',
    rate: 'sessionsPerSecond',
  },
];

const HISTOGRAMS = [
  {
    name: 'review_pass_runtime_seconds',
    help: 'How long a review pass took.',
    rate: 'reviewsPerSecond',
    value: 'runtimeSeconds',
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 45, 60, 90, 120],
  },
  {
    name: 'llm_request_latency_seconds',
    help: 'How long an LLM request took, retries included.',
    rate: 'llmRequestsPerSecond',
    value: 'llmLatencySeconds',
    buckets: [0.1, 0.25, 0.5, 1, 1.5, 2, 3, 5, 10],
  },
];

/** Why `partial` is not a valid steer, or undefined when it is. */
function settingsError(partial) {
  if (
    typeof partial !== 'object' ||
    partial === null ||
    Array.isArray(partial)
  ) {
    return 'expected a JSON object of settings';
  }
  for (const [key, value] of Object.entries(partial)) {
    if (!Object.hasOwn(DEFAULT_SETTINGS, key)) {
      const known = Object.keys(DEFAULT_SETTINGS).join(', ');
      return `unknown setting "${key}"; known settings: ${known}`;
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      return `setting "${key}" must be a finite number >= 0`;
    }
  }
  return undefined;
}

function emptyHistogram(buckets) {
  return { bucketCounts: buckets.map(() => 0), sum: 0, count: 0 };
}

/**
 * Counters and histograms that grow with wall-clock time at the steered
 * rates. Time is integrated up to "now" before any setting changes, so a
 * steer changes the rates from that moment on and never rewrites the past.
 */
function createMetrics() {
  let settings = { ...DEFAULT_SETTINGS };
  let last = performance.now();
  const counters = new Map(COUNTERS.map(c => [c.name, 0]));
  const histograms = new Map(
    HISTOGRAMS.map(h => [h.name, emptyHistogram(h.buckets)]),
  );

  function advance() {
    const current = performance.now();
    const seconds = (current - last) / 1000;
    last = current;
    for (const counter of COUNTERS) {
      const total = counters.get(counter.name);
      counters.set(counter.name, total + settings[counter.rate] * seconds);
    }
    for (const histogram of HISTOGRAMS) {
      // Every observation of the interval has the steered value.
      const observations = settings[histogram.rate] * seconds;
      const value = settings[histogram.value];
      const state = histograms.get(histogram.name);
      histogram.buckets.forEach((le, i) => {
        if (value <= le) {
          state.bucketCounts[i] += observations;
        }
      });
      state.sum += observations * value;
      state.count += observations;
    }
  }

  function render() {
    advance();
    const lines = [];
    for (const { name, help } of COUNTERS) {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      lines.push(`${name}{${LABELS}} ${counters.get(name)}`);
    }
    for (const { name, help, buckets } of HISTOGRAMS) {
      const state = histograms.get(name);
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} histogram`);
      buckets.forEach((le, i) => {
        lines.push(
          `${name}_bucket{${LABELS},le="${le}"} ${state.bucketCounts[i]}`,
        );
      });
      lines.push(`${name}_bucket{${LABELS},le="+Inf"} ${state.count}`);
      lines.push(`${name}_sum{${LABELS}} ${state.sum}`);
      lines.push(`${name}_count{${LABELS}} ${state.count}`);
    }
    return `${lines.join('\n')}\n`;
  }

  return {
    settings: () => ({ ...settings }),
    steer(partial) {
      const error = settingsError(partial);
      if (error) {
        throw new RangeError(error);
      }
      advance();
      settings = { ...settings, ...partial };
      return { ...settings };
    },
    render,
  };
}

async function readJson(req) {
  let text = '';
  for await (const chunk of req.setEncoding('utf8')) {
    text += chunk;
  }
  return JSON.parse(text);
}

function send(res, status, contentType, body) {
  res.writeHead(status, { 'content-type': contentType });
  res.end(body);
}

function sendJson(res, status, body) {
  send(res, status, 'application/json', `${JSON.stringify(body)}\n`);
}

async function handleSteer(metrics, req, res) {
  let partial;
  try {
    partial = await readJson(req);
  } catch (error) {
    sendJson(res, 400, { error: `invalid JSON body: ${error.message}` });
    return;
  }
  try {
    sendJson(res, 200, metrics.steer(partial));
  } catch (error) {
    sendJson(res, 400, { error: error.message });
  }
}

function createHandler(metrics) {
  return (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname === '/metrics' && req.method === 'GET') {
      send(
        res,
        200,
        'text/plain; version=0.0.4; charset=utf-8',
        metrics.render(),
      );
    } else if (pathname === '/steer' && req.method === 'GET') {
      sendJson(res, 200, metrics.settings());
    } else if (pathname === '/steer' && req.method === 'POST') {
      handleSteer(metrics, req, res);
    } else if (pathname === '/metrics' || pathname === '/steer') {
      sendJson(res, 405, {
        error: `${req.method} is not allowed on ${pathname}`,
      });
    } else {
      sendJson(res, 404, {
        error: `no such path: ${pathname}; try /metrics or /steer`,
      });
    }
  };
}

/**
 * Starts the demo exporter. Port 0 picks a free port; `url` tells which.
 */
export async function startDemoExporter({
  host = '127.0.0.1',
  port = 9470,
} = {}) {
  const metrics = createMetrics();
  const server = http.createServer(createHandler(metrics));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    url: `http://${host}:${address.port}`,
    settings: metrics.settings,
    steer: metrics.steer,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '9470' } },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number, not "${values.port}"`);
    process.exit(1);
  }
  const exporter = await startDemoExporter({ port });
  console.log(
    `demo exporter: ${exporter.url}/metrics (steer at ${exporter.url}/steer)`,
  );
}
