import { ChildProcessWithoutNullStreams, spawn } from 'child_process';
import net from 'net';
import path from 'path';

const repoRoot = path.resolve(__dirname, '../../../../..');
const stackScript = path.join(repoRoot, 'examples/monitoring/stack.mjs');
const startTimeoutMs = 90_000;

/** Settings of the demo exporter; see examples/monitoring/demo-exporter.mjs. */
export type ExporterSettings = {
  failuresPerSecond: number;
  sessionsPerSecond: number;
  reviewsPerSecond: number;
  runtimeSeconds: number;
  llmRequestsPerSecond: number;
  llmLatencySeconds: number;
};

/** A real Prometheus and Alertmanager scraping the demo exporter. */
export type MonitoringStack = {
  prometheusUrl: string;
  alertmanagerUrl: string;
  exporterUrl: string;
  /** Changes the demo exporter's rates and values from now on. */
  steer(settings: Partial<ExporterSettings>): Promise<void>;
  /** Fires an alert in Alertmanager for the next hour. */
  postAlert(alertName: string, labels?: Record<string, string>): Promise<void>;
  /** Stops Prometheus alone, as when it goes down during a rollout. */
  stopPrometheus(): Promise<void>;
  /** Stops everything and removes its files. */
  stop(): Promise<void>;
};

type StackInfo = {
  prometheusUrl: string;
  alertmanagerUrl: string;
  exporterUrl: string;
  pids: { prometheus: number; alertmanager: number };
  logDir: string;
};

async function ensureOk(response: Response, what: string): Promise<void> {
  if (!response.ok) {
    throw new Error(
      `${what}: HTTP ${response.status} ${await response.text()}`.trim(),
    );
  }
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

async function waitUntilClosed(url: string, timeoutMs = 30_000) {
  const port = Number(new URL(url).port);
  const deadline = Date.now() + timeoutMs;
  while (!(await refusesConnections(port))) {
    if (Date.now() > deadline) {
      throw new Error(`${url} still accepts connections after ${timeoutMs}ms`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

function waitForExit(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise(resolve => child.once('exit', () => resolve()));
}

/** Resolves with the JSON line stack.mjs prints once everything is up. */
function readStackInfo(child: ChildProcessWithoutNullStreams) {
  return new Promise<StackInfo>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const onExit = (code: number | null, signal: string | null) =>
      fail(`exited (${signal ?? `code ${code}`}) before it was ready`);
    const timer = setTimeout(
      () => fail(`did not start within ${startTimeoutMs}ms`),
      startTimeoutMs,
    );
    function settle() {
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout.removeAllListeners('data');
    }
    function fail(reason: string) {
      settle();
      child.kill('SIGTERM');
      reject(new Error(`monitoring stack ${reason}\n${stderr}`.trim()));
    }
    // Read on after the start too, so that the pipe never fills up.
    child.stderr.setEncoding('utf8').on('data', chunk => {
      stderr += chunk;
    });
    child.stdout.setEncoding('utf8').on('data', chunk => {
      stdout += chunk;
      const newline = stdout.indexOf('\n');
      if (newline < 0) {
        return;
      }
      const line = stdout.slice(0, newline);
      try {
        const info = JSON.parse(line);
        settle();
        resolve(info);
      } catch {
        fail(`printed an unexpected line: ${line}`);
      }
    });
    child.once('exit', onExit);
  });
}

/**
 * Starts examples/monitoring/stack.mjs on free ports. Closing its stdin
 * stops it, so the stack also goes away when the test process dies.
 */
export async function startMonitoringStack(): Promise<MonitoringStack> {
  const child = spawn(
    process.execPath,
    [stackScript, '--ports', 'auto', '--json'],
    { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const info = await readStackInfo(child);

  return {
    prometheusUrl: info.prometheusUrl,
    alertmanagerUrl: info.alertmanagerUrl,
    exporterUrl: info.exporterUrl,

    async steer(settings) {
      const response = await fetch(`${info.exporterUrl}/steer`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(settings),
      });
      await ensureOk(response, 'steering the demo exporter failed');
    },

    async postAlert(alertName, labels = {}) {
      const now = Date.now();
      const response = await fetch(`${info.alertmanagerUrl}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([
          {
            labels: {
              service: 'multipass-reviewer',
              ...labels,
              alertname: alertName,
            },
            startsAt: new Date(now).toISOString(),
            endsAt: new Date(now + 60 * 60_000).toISOString(),
          },
        ]),
      });
      await ensureOk(response, `posting alert ${alertName} failed`);
    },

    async stopPrometheus() {
      process.kill(info.pids.prometheus, 'SIGTERM');
      await waitUntilClosed(info.prometheusUrl);
    },

    async stop() {
      child.stdin.end();
      await waitForExit(child);
    },
  };
}
