// The backend the benchmark measures: the repository's own in dev mode, as
// a new user tries it, on a database of its own, with the example monitoring
// stack when Debian's Prometheus is installed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const require = createRequire(path.join(root, 'packages/backend/package.json'));

/** Where bench-profile.cjs writes the backend's CPU profiles. */
const profileDir = path.join(root, 'bench-results', 'profiles');

/** The description of every generated catalog entity, to count them by. */
const generatedDescription = 'Generated for npm run bench';

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

function onPath(command) {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .some(dir => {
      try {
        fs.accessSync(path.join(dir, command), fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

/** Milliseconds of a duration such as `30s`, `2m` or `1h`. */
function durationMs(text) {
  const match = /^(\d+)(ms|s|m|h)$/.exec(String(text));
  if (!match) throw new Error(`not a duration: ${text}`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2]];
  return Number(match[1]) * unit;
}

/**
 * How much metric history a gate evaluation needs before a rollout's start:
 * its baseline window and, before that, one rate window, as app-config.yaml
 * sets them (the backend's defaults otherwise).
 */
function historyNeededMs() {
  const { parse } = require('yaml');
  const { rollout } = parse(
    fs.readFileSync(path.join(root, 'app-config.yaml'), 'utf8'),
  );
  return (
    durationMs(rollout?.gates?.baselineWindow ?? '30m') +
    durationMs(rollout?.prometheus?.rateWindow ?? '5m')
  );
}

/**
 * The example monitoring stack on free ports, when Debian's Prometheus and
 * Alertmanager are installed (`started`); otherwise a `reason` why not.
 */
export async function startMonitoring() {
  const binaries = [
    process.env.PROMETHEUS_BIN || 'prometheus',
    process.env.ALERTMANAGER_BIN || 'prometheus-alertmanager',
  ];
  const missing = binaries.filter(
    binary =>
      !(binary.includes(path.sep) ? fs.existsSync(binary) : onPath(binary)),
  );
  if (missing.length) {
    return { reason: `${missing.join(' and ')} not installed` };
  }
  const file = path.join(root, 'examples', 'monitoring', 'stack.mjs');
  const { startMonitoringStack } = await import(pathToFileURL(file).href);
  let stack;
  try {
    stack = await startMonitoringStack({ ports: 'auto' });
  } catch (error) {
    return { reason: `the monitoring stack did not start: ${error.message}` };
  }
  const startedAt = Date.now();
  return {
    started: {
      ...stack,
      /**
       * Waits until Prometheus holds the history a rollout started now is
       * compared with; without it every metric gate is unknown ("not
       * enough history"), which would make the gates read cheaper than a
       * real one. Waits 5 minutes at most; resolves with the seconds
       * waited.
       */
      async waitForHistory(log) {
        // A few scrapes more, for the first and last sample of the window.
        const wait = Math.min(
          startedAt + historyNeededMs() + 5000 - Date.now(),
          300_000,
        );
        if (wait <= 0) return 0;
        log(
          `waiting ${Math.ceil(
            wait / 1000,
          )} s for Prometheus to hold the gates' baseline history`,
        );
        await sleep(wait);
        return wait / 1000;
      },
    },
  };
}

/**
 * How many queries Prometheus has answered, instant and range, from its
 * own /metrics (the example stack does not scrape Prometheus itself).
 */
export async function prometheusQueries(prometheusUrl) {
  const text = await fetch(`${prometheusUrl}/metrics`).then(res => res.text());
  return text
    .split('\n')
    .filter(line =>
      /^prometheus_http_requests_total\{.*handler="\/api\/v1\/query(_range)?"/.test(
        line,
      ),
    )
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

/**
 * A catalog file of `count` generated components, for the catalog's page of
 * 100 to be read from a table of the benchmark's scale.
 */
function writeCatalogFile(dir, count) {
  const file = path.join(dir, 'bench-catalog.yaml');
  fs.writeFileSync(
    file,
    Array.from(
      { length: count },
      (_, i) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: bench-service-${i}
  description: ${generatedDescription}
spec:
  type: service
  lifecycle: production
  owner: group:default/team-${i % 20}
  system: bench-system-${i % 10}
`,
    ).join('---\n'),
  );
  return file;
}

/**
 * The node arguments of the process `backstage-cli package start` runs for
 * the backend: src/index.ts through the CLI's TypeScript loader. Run without
 * the CLI around it, whose watcher restarts the backend whenever a source
 * file it loaded changes: a save in the editor would cut a run short and
 * measure a cold backend after it.
 */
function devModeArgs(profile) {
  const cliRequire = createRequire(
    require.resolve('@backstage/cli-module-build/package.json', {
      paths: [require.resolve('@backstage/cli/package.json')],
    }),
  );
  return [
    '--enable-source-maps',
    '--require',
    cliRequire.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
    ...(profile
      ? ['--require', path.join(root, 'scripts', 'bench-profile.cjs')]
      : []),
    'src/index.ts',
  ];
}

function databaseConfig(database, { prefix, sqliteDir, pgUrl }) {
  if (database === 'sqlite') {
    return { client: 'better-sqlite3', connection: { directory: sqliteDir } };
  }
  const url = new URL(pgUrl);
  return {
    client: 'pg',
    prefix,
    connection: {
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username || 'postgres'),
      password: decodeURIComponent(url.password || ''),
    },
  };
}

async function waitForReady(url, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the backend exited with ${child.exitCode}`);
    }
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(1000);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

/**
 * Starts the backend and resolves once it is ready. The caller must call
 * `stop()`, which also removes the backend's data unless `keep`.
 */
export async function startBackend({
  database,
  entities,
  monitoring,
  profile,
  keep,
  logFile,
  log,
}) {
  const pgUrl =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:5432';
  const prefix = `bench_${process.pid}_`;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rollout-bench-'));
  const sqliteDir = path.join(scratch, 'sqlite');
  fs.mkdirSync(sqliteDir);
  const { parse } = require('yaml');
  const appConfig = parse(
    fs.readFileSync(path.join(root, 'app-config.yaml'), 'utf8'),
  );
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  log(
    `starting the backend on :${port}, ${
      database === 'pg'
        ? `PostgreSQL ${new URL(pgUrl).host}, databases ${prefix}*`
        : `SQLite in ${sqliteDir}`
    }`,
  );
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const output = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, devModeArgs(profile), {
    cwd: path.join(root, 'packages/backend'),
    // A process group of its own, so that stop() ends whatever it starts.
    detached: true,
    stdio: ['ignore', output, output],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      ESBK_TSCONFIG_PATH: path.join(root, 'tsconfig.json'),
      APP_CONFIG_backend_listen_port: String(port),
      APP_CONFIG_backend_baseUrl: baseUrl,
      APP_CONFIG_backend_database: JSON.stringify(
        databaseConfig(database, { prefix, sqliteDir, pgUrl }),
      ),
      APP_CONFIG_rollout_demo_enabled: 'false',
      APP_CONFIG_catalog_locations: JSON.stringify([
        ...appConfig.catalog.locations,
        { type: 'file', target: writeCatalogFile(scratch, entities) },
      ]),
      // The catalog processes each entity once as it arrives, then would
      // process them all again every two minutes or so: with thousands of
      // generated entities that is a background load on both sides of every
      // comparison, different from run to run. Once an hour keeps it out of
      // the measurements.
      APP_CONFIG_catalog_processingInterval: JSON.stringify({ minutes: 60 }),
      // The rest of rollout.prometheus and rollout.gates (rate and baseline
      // windows, frequency) comes from app-config.yaml, as the demo runs.
      APP_CONFIG_rollout_prometheus_baseUrl: monitoring?.prometheusUrl ?? '',
      APP_CONFIG_rollout_alertmanager_baseUrl:
        monitoring?.alertmanagerUrl ?? '',
      LOG_LEVEL: 'warn',
    },
  });
  const signal = name => {
    try {
      process.kill(-child.pid, name);
    } catch {
      // already gone
    }
  };
  const exited = new Promise(resolve => child.once('exit', resolve));

  async function removeData() {
    if (keep) {
      log(
        database === 'pg'
          ? `kept the databases ${prefix}*`
          : `kept the SQLite files in ${sqliteDir}`,
      );
      fs.rmSync(path.join(scratch, 'bench-catalog.yaml'), { force: true });
      return;
    }
    fs.rmSync(scratch, { recursive: true, force: true });
    if (database === 'pg') {
      await dropDatabases(pgUrl, prefix).catch(error =>
        log(`could not drop the databases ${prefix}*: ${error}`),
      );
    }
  }

  async function stop() {
    signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
    // Anything the backend started in its group goes with it.
    signal('SIGKILL');
    await removeData();
  }

  try {
    await waitForReady(
      `${baseUrl}/.backstage/health/v1/readiness`,
      300_000,
      child,
    );
  } catch (error) {
    await stop();
    throw error;
  }

  let token;
  let tokenAt = 0;
  /** Headers with a guest token, renewed well before its hour runs out. */
  async function headers() {
    if (Date.now() - tokenAt > 20 * 60_000) {
      const { backstageIdentity } = await fetch(
        `${baseUrl}/api/auth/guest/refresh`,
      ).then(res => res.json());
      token = backstageIdentity.token;
      tokenAt = Date.now();
    }
    return { Authorization: `Bearer ${token}` };
  }

  return {
    baseUrl,
    headers,
    stop,
    /** Starts the CPU profiler of bench-profile.cjs. */
    startProfile: () => signal('SIGUSR2'),
    /** Stops it; resolves with the profile's file once it is written. */
    async stopProfile() {
      const existing = new Set(
        fs.existsSync(profileDir) ? fs.readdirSync(profileDir) : [],
      );
      signal('SIGUSR2');
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const written = fs.existsSync(profileDir)
          ? fs.readdirSync(profileDir).find(file => !existing.has(file))
          : undefined;
        if (written) return path.join(profileDir, written);
        await sleep(500);
      }
      throw new Error(`no CPU profile appeared in ${profileDir}`);
    },
    /**
     * Runs ANALYZE on the rollout and catalog databases. Autovacuum would
     * analyze a table a minute or so after thousands of inserts; the
     * measurements start at once, and should see the plans a running
     * service's would. SQLite plans without statistics, as it does until
     * someone runs ANALYZE on it.
     */
    async analyze() {
      if (database !== 'pg') return;
      const { Client } = require('pg');
      for (const plugin of ['rollout', 'catalog']) {
        const client = new Client({
          connectionString: `${pgUrl}/${prefix}${plugin}`,
        });
        await client.connect();
        try {
          await client.query('ANALYZE');
        } finally {
          await client.end();
        }
      }
    },
  };
}

async function dropDatabases(pgUrl, prefix) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: `${pgUrl}/postgres` });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${prefix}%`],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

/** Waits until the catalog holds `entityRef`; the rollouts need it. */
export async function waitForEntity(backend, entityRef) {
  const [kind, rest] = entityRef.split(':');
  const [namespace, name] = rest.split('/');
  const deadline = Date.now() + 180_000;
  for (;;) {
    const res = await fetch(
      `${backend.baseUrl}/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
      { headers: await backend.headers() },
    );
    if (res.ok) return;
    if (Date.now() > deadline) {
      throw new Error(`the catalog has no ${entityRef} after 3 minutes`);
    }
    await sleep(1000);
  }
}

/**
 * Waits until the catalog has processed and stitched every generated
 * entity; resolves with the number of entities it holds in all.
 */
export async function waitForCatalog(backend, entities, log) {
  const started = Date.now();
  const count = async filter => {
    const query = filter ? `&filter=${encodeURIComponent(filter)}` : '';
    const res = await fetch(
      `${backend.baseUrl}/api/catalog/entities/by-query?limit=1${query}`,
      { headers: await backend.headers() },
    );
    return (await res.json()).totalItems;
  };
  let lastLog = 0;
  for (;;) {
    const generated = await count(
      `metadata.description=${generatedDescription}`,
    );
    if (generated >= entities) break;
    if (Date.now() - started > 1_800_000) {
      throw new Error(
        `the catalog holds ${generated} of ${entities} generated entities after 30 minutes`,
      );
    }
    if (Date.now() - lastLog > 30_000) {
      lastLog = Date.now();
      log(`the catalog holds ${generated} of ${entities} generated entities`);
    }
    await sleep(2000);
  }
  return count();
}
