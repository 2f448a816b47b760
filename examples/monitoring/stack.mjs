// Starts a throwaway monitoring stack for the demo rollout: the demo exporter
// in this process, and Debian's Prometheus and Alertmanager as children, all
// on loopback, with configuration and storage in a fresh temp directory.
//
//   node examples/monitoring/stack.mjs [--ports auto] [--json]
//
// --ports auto  picks free ports instead of 9090 (Prometheus), 9093
//               (Alertmanager) and 9470 (exporter).
// --json        prints one JSON line when ready and stops when stdin closes,
//               so that a test that dies takes the stack with it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDemoExporter } from './demo-exporter.mjs';

const HOST = '127.0.0.1';
const HERE = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_PORTS = { prometheus: 9090, alertmanager: 9093, exporter: 9470 };
const INSTALL_HINT =
  'install them with: apt-get install prometheus prometheus-alertmanager';

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The executable a command name or path stands for, if there is one. */
function locate(command) {
  if (command.includes(path.sep)) {
    return isExecutable(command) ? command : undefined;
  }
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return dirs.map(dir => path.join(dir, command)).find(isExecutable);
}

/**
 * The Prometheus and Alertmanager executables: `PROMETHEUS_BIN` and
 * `ALERTMANAGER_BIN` when set, else Debian's names on PATH.
 */
function findBinaries() {
  const wanted = {
    prometheus: process.env.PROMETHEUS_BIN || 'prometheus',
    alertmanager: process.env.ALERTMANAGER_BIN || 'prometheus-alertmanager',
  };
  const found = {};
  const missing = [];
  for (const [key, name] of Object.entries(wanted)) {
    found[key] = locate(name);
    if (!found[key]) {
      missing.push(name);
    }
  }
  if (missing.length) {
    throw new Error(`cannot find ${missing.join(' and ')}; ${INSTALL_HINT}`);
  }
  return found;
}

/** Free loopback ports, held open together so that they are distinct. */
async function freePorts(count) {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise((resolve, reject) => {
          const server = net.createServer();
          server.once('error', reject);
          server.listen(0, HOST, () => resolve(server));
        }),
    ),
  );
  const ports = servers.map(server => server.address().port);
  await Promise.all(
    servers.map(server => new Promise(resolve => server.close(resolve))),
  );
  return ports;
}

async function choosePorts(mode) {
  if (mode === 'default') {
    return DEFAULT_PORTS;
  }
  const [prometheus, alertmanager, exporter] = await freePorts(3);
  return { prometheus, alertmanager, exporter };
}

/**
 * Copies the example configs into `dir`, pointing Prometheus at the ports
 * actually in use.
 */
async function writeConfigs(dir, ports) {
  const prometheusYml = (
    await fsp.readFile(path.join(HERE, 'prometheus.yml'), 'utf8')
  )
    .replaceAll(
      `${HOST}:${DEFAULT_PORTS.exporter}`,
      `${HOST}:${ports.exporter}`,
    )
    .replaceAll(
      `${HOST}:${DEFAULT_PORTS.alertmanager}`,
      `${HOST}:${ports.alertmanager}`,
    );
  await fsp.writeFile(path.join(dir, 'prometheus.yml'), prometheusYml);
  for (const file of ['alert-rules.yml', 'alertmanager.yml']) {
    await fsp.copyFile(path.join(HERE, file), path.join(dir, file));
  }
}

function describeExit(code, signal) {
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}

/**
 * Starts a child whose output goes to `logFile`, not to our terminal.
 * `endedHow` says how it ended, once it has.
 */
function startChild(name, command, args, logFile) {
  const log = fs.openSync(logFile, 'a');
  try {
    const child = spawn(command, args, { stdio: ['ignore', log, log] });
    const record = { name, child, logFile, endedHow: undefined };
    record.ended = new Promise(resolve => {
      child.once('exit', (code, signal) => resolve(describeExit(code, signal)));
      // A spawn failure (such as EACCES) arrives as 'error' without 'exit'.
      child.once('error', error =>
        resolve(`failed to start: ${error.message}`),
      );
    }).then(how => {
      record.endedHow = how;
      return how;
    });
    return record;
  } finally {
    fs.closeSync(log);
  }
}

async function stopChild({ child, ended }) {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await ended;
    clearTimeout(timer);
  }
}

async function logTail(file, lines = 20) {
  const text = await fsp.readFile(file, 'utf8').catch(() => '');
  const tail = text.trimEnd().split('\n').slice(-lines).join('\n');
  return tail || '(empty)';
}

async function answers(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok ? response : undefined;
  } catch {
    return undefined;
  }
}

async function exporterTargetUp(prometheusUrl) {
  const query = new URLSearchParams({ query: 'up{job="multipass-reviewer"}' });
  const response = await answers(`${prometheusUrl}/api/v1/query?${query}`);
  const body = await response?.json();
  return body?.data?.result?.[0]?.value?.[1] === '1';
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function failure(reason, culprits) {
  const tails = await Promise.all(
    culprits.map(
      async ({ logFile }) =>
        `--- last lines of ${logFile} ---\n${await logTail(logFile)}`,
    ),
  );
  return new Error(`monitoring stack: ${reason}\n${tails.join('\n')}`);
}

/**
 * Polls `check` until it holds. Fails early, with the tail of its log, when
 * a child ends, and when `signal` aborts.
 */
async function waitFor(what, check, { children, deadline, signal }) {
  while (!(await check())) {
    signal?.throwIfAborted();
    const ended = children.find(child => child.endedHow);
    if (ended) {
      throw await failure(
        `${ended.name} ${ended.endedHow} while waiting for ${what}`,
        [ended],
      );
    }
    if (Date.now() > deadline) {
      throw await failure(`timed out waiting for ${what}`, children);
    }
    await sleep(250);
  }
}

/**
 * Starts the exporter, Prometheus and Alertmanager, and resolves once
 * Prometheus scrapes the exporter.
 *
 * @param {object} [options]
 * @param {'default' | 'auto'} [options.ports] `auto` picks free ports.
 * @param {number} [options.timeoutMs] How long to wait for readiness.
 * @param {AbortSignal} [options.signal] Aborts the start and cleans up.
 * @param {(name: string, how: string) => void} [options.onChildExit] Called
 *   when Prometheus or Alertmanager ends before `stop()`.
 */
export async function startMonitoringStack({
  ports: portMode = 'default',
  timeoutMs = 60_000,
  signal,
  onChildExit,
} = {}) {
  const deadline = Date.now() + timeoutMs;
  const binaries = findBinaries();
  const ports = await choosePorts(portMode);
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'rollout-monitoring-'));
  const children = [];
  let exporter;
  let stopping = false;

  async function stop() {
    stopping = true;
    await Promise.all(children.map(stopChild));
    await exporter?.close();
    await fsp.rm(dir, { recursive: true, force: true });
  }

  try {
    exporter = await startDemoExporter({ host: HOST, port: ports.exporter });
    await writeConfigs(dir, ports);
    const prometheusUrl = `http://${HOST}:${ports.prometheus}`;
    const alertmanagerUrl = `http://${HOST}:${ports.alertmanager}`;
    const alertmanager = startChild(
      'alertmanager',
      binaries.alertmanager,
      [
        `--config.file=${path.join(dir, 'alertmanager.yml')}`,
        `--storage.path=${path.join(dir, 'alertmanager-data')}`,
        `--web.listen-address=${HOST}:${ports.alertmanager}`,
        // Empty: a single Alertmanager, no gossip port.
        '--cluster.listen-address=',
      ],
      path.join(dir, 'alertmanager.log'),
    );
    children.push(alertmanager);
    const prometheus = startChild(
      'prometheus',
      binaries.prometheus,
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'prometheus-data')}`,
        `--web.listen-address=${HOST}:${ports.prometheus}`,
      ],
      path.join(dir, 'prometheus.log'),
    );
    children.push(prometheus);
    const waiting = { children, deadline, signal };
    await waitFor(
      'Alertmanager to be ready',
      async () => Boolean(await answers(`${alertmanagerUrl}/-/ready`)),
      waiting,
    );
    await waitFor(
      'Prometheus to be ready',
      async () => Boolean(await answers(`${prometheusUrl}/-/ready`)),
      waiting,
    );
    await waitFor(
      'Prometheus to scrape the demo exporter',
      () => exporterTargetUp(prometheusUrl),
      waiting,
    );
    // A start aborted while the last check passed must not leave a stack.
    signal?.throwIfAborted();
    for (const { name, ended } of children) {
      ended.then(how => stopping || onChildExit?.(name, how));
    }
    return {
      prometheusUrl,
      alertmanagerUrl,
      exporterUrl: exporter.url,
      pids: {
        prometheus: prometheus.child.pid,
        alertmanager: alertmanager.child.pid,
      },
      logDir: dir,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function printHumanReadable(stack) {
  console.log(
    `Prometheus:    ${stack.prometheusUrl} (pid ${stack.pids.prometheus})`,
  );
  console.log(
    `Alertmanager:  ${stack.alertmanagerUrl} (pid ${stack.pids.alertmanager})`,
  );
  console.log(`Demo exporter: ${stack.exporterUrl}/metrics`);
  console.log(`Logs:          ${stack.logDir}`);
  console.log('');
  console.log(
    'Steer the demo metrics, for example to breach the failure baseline:',
  );
  console.log(
    `  curl -X POST -H 'content-type: application/json' -d '{"failuresPerSecond": 5}' ${stack.exporterUrl}/steer`,
  );
  console.log('Press Ctrl+C to stop.');
}

async function main() {
  const { values } = parseArgs({
    options: {
      ports: { type: 'string', default: 'default' },
      json: { type: 'boolean' },
    },
  });
  if (!['default', 'auto'].includes(values.ports)) {
    console.error(`--ports must be "auto" or "default", not "${values.ports}"`);
    process.exit(1);
  }
  const aborter = new AbortController();
  let stack;
  let stopping;
  // Idempotent: a signal may arrive while stdin's close is being handled.
  const shutdown = () => {
    if (!stack) {
      aborter.abort();
      return;
    }
    stopping ??= stack.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  if (values.json) {
    process.stdin.once('close', shutdown);
    process.stdin.resume();
  }
  try {
    stack = await startMonitoringStack({
      ports: values.ports,
      signal: aborter.signal,
      onChildExit: (name, how) => console.error(`${name} ${how}`),
    });
  } catch (error) {
    if (aborter.signal.aborted) {
      process.exit(0);
    }
    console.error(error.message);
    process.exit(1);
  }
  if (values.json) {
    // JSON leaves out the stop function.
    console.log(JSON.stringify(stack));
  } else {
    printHumanReadable(stack);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main();
}
