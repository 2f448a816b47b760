// The board's cost, beside the catalog's: starts the real backend on
// PostgreSQL (databases of its own, dropped at the end), seeds rollouts
// through the API, then measures a board page (100 rows) for each filter
// against the catalog's GET /entities/by-query?limit=100, alternating the
// two, and prints p50 and p99 of each. A benchmark, not a test: it asserts
// nothing and is not part of `npm test`.
//
//   npm run bench:board [-- --rollouts 10000 --seconds 5 --rounds 3]
//     [--entities 10000] [--only <filter name part>] [--profile] [--keep]
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'packages/backend/package.json'));
const { Client } = require('pg');

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .join(' ')
    .split('--')
    .filter(Boolean)
    .map(arg => arg.trim().split(/\s+/)),
);
const ROLLOUTS = Number(args.rollouts ?? 10_000);
// The catalog holds as many entities as there are rollouts (besides the
// demo's few dozen), so that both pages are 100 rows of the same scale.
const ENTITIES = Number(args.entities ?? ROLLOUTS);
const SECONDS = Number(args.seconds ?? 5);
const ROUNDS = Number(args.rounds ?? 3);
const CONNECTIONS = Number(args.connections ?? 16);
// --profile writes a CPU profile of the backend while it is measured to
// e2e-results/profiles, for Chrome's DevTools (scripts/bench-profile.cjs).
const PROFILE = 'profile' in args;
const ONLY = args.only;
// --keep leaves the databases for a look at the queries (EXPLAIN ANALYZE).
const KEEP = 'keep' in args;
const pgUrl =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:5432';
const prefix = `bench_${process.pid}_`;

/**
 * The app's catalog locations and a file of ENTITIES generated components,
 * as the value of APP_CONFIG_catalog_locations.
 */
function catalogLocations() {
  const { parse } = require('yaml');
  const config = parse(
    fs.readFileSync(path.join(root, 'app-config.yaml'), 'utf8'),
  );
  const file = path.join(root, 'e2e-results', 'bench-catalog.yaml');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    Array.from(
      { length: ENTITIES },
      (_, i) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: bench-service-${i}
  description: Generated for npm run bench:board
spec:
  type: service
  lifecycle: production
  owner: group:default/team-${i % 20}
  system: bench-system-${i % 10}
`,
    ).join('---\n'),
  );
  return JSON.stringify([
    ...config.catalog.locations,
    { type: 'file', target: file },
  ]);
}

function log(message) {
  process.stdout.write(`[bench:board] ${message}\n`);
}

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

async function waitFor(url, timeoutMs, backend) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (backend.exitCode !== null) {
      throw new Error(`the backend exited with ${backend.exitCode}`);
    }
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

async function dropDatabases() {
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

/** Waits until the catalog has stitched every generated entity. */
async function catalogHolds(baseUrl, headers) {
  const started = Date.now();
  for (;;) {
    const { totalItems } = await fetch(
      `${baseUrl}/api/catalog/entities/by-query?limit=1&filter=${encodeURIComponent(
        'metadata.description=Generated for npm run bench:board',
      )}`,
      { headers },
    ).then(res => res.json());
    if (totalItems >= ENTITIES) {
      break;
    }
    if (Date.now() - started > 900_000) {
      throw new Error(
        `the catalog holds ${totalItems} of ${ENTITIES} entities`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 5000));
  }
  const { totalItems } = await fetch(
    `${baseUrl}/api/catalog/entities/by-query?limit=1`,
    { headers },
  ).then(res => res.json());
  log(`the catalog holds ${totalItems} entities`);
}

// Autovacuum analyzes a table a minute or so after this many inserts; the
// measurement starts at once, so it analyzes the rollout and catalog
// databases itself, as a running service's would be.
async function analyze() {
  for (const database of ['rollout', 'catalog']) {
    const client = new Client({
      connectionString: `${pgUrl}/${prefix}${database}`,
    });
    await client.connect();
    try {
      await client.query('ANALYZE');
    } finally {
      await client.end();
    }
  }
}

const checklist = {
  title: 'Rollout Checklist',
  steps: [
    { number: 1, title: '`make build`', command: 'make build', notes: '' },
    { number: 2, title: 'Tail the logs', notes: '' },
  ],
  rollbackCriteria: [{ text: 'Build fails.' }],
  migrationGuide: [{ text: 'Bump the dependency.' }],
  preflightChecks: [{ text: 'Tests pass' }, { text: 'Docs reviewed' }],
  signOffs: [
    {
      role: 'QA Lead',
      responsibility: 'Approves tests',
      signers: ['group:default/qa-leads'],
    },
    {
      role: 'Operations Lead',
      responsibility: 'Runs the release',
      signers: ['group:default/operations-leads'],
    },
  ],
  metrics: [{ name: 'build_failures_total', description: 'stays flat' }],
  alerts: [{ name: 'BuildFailing', description: 'clear' }],
  communication: [{ text: 'Tell the team.' }],
};

async function seed(baseUrl, headers) {
  // The guest owns multipass-reviewer, so it may create its rollouts.
  const entityRef = 'component:default/multipass-reviewer';
  let next = 0;
  let failed = 0;
  const started = Date.now();
  async function worker() {
    for (;;) {
      const i = next++;
      if (i >= ROLLOUTS) return;
      const res = await fetch(`${baseUrl}/api/rollout/rollouts`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          entityRef,
          version: `bench-${i}`,
          title: `Bench release ${i}`,
          checklist,
        }),
      });
      if (res.status !== 201) {
        failed += 1;
        if (failed < 5) log(`create ${i}: ${res.status} ${await res.text()}`);
      }
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker));
  const seconds = (Date.now() - started) / 1000;
  log(
    `seeded ${ROLLOUTS - failed} rollouts in ${seconds.toFixed(1)} s (${(
      (ROLLOUTS - failed) /
      seconds
    ).toFixed(0)}/s, ${failed} failed)`,
  );
}

async function measure(url, headers) {
  const result = await autocannon({
    url,
    headers,
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  if (result.non2xx) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers`);
  }
  return result;
}

async function main() {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const logFile = path.join(root, 'e2e-results', 'bench-board-backend.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const url = new URL(pgUrl);
  log(
    `starting the backend on :${port}, PostgreSQL ${url.host}, prefix ${prefix}`,
  );
  const backend = spawn('npx', ['backstage-cli', 'package', 'start'], {
    cwd: path.join(root, 'packages/backend'),
    detached: true,
    stdio: ['ignore', fs.openSync(logFile, 'w'), fs.openSync(logFile, 'a')],
    env: {
      ...process.env,
      APP_CONFIG_backend_listen_port: String(port),
      APP_CONFIG_backend_baseUrl: baseUrl,
      APP_CONFIG_backend_database: JSON.stringify({
        client: 'pg',
        prefix,
        connection: {
          host: url.hostname,
          port: Number(url.port || 5432),
          user: decodeURIComponent(url.username || 'postgres'),
          password: decodeURIComponent(url.password || ''),
        },
      }),
      APP_CONFIG_rollout_demo_enabled: 'false',
      APP_CONFIG_catalog_locations: catalogLocations(),
      APP_CONFIG_rollout_prometheus_baseUrl: '',
      APP_CONFIG_rollout_alertmanager_baseUrl: '',
      LOG_LEVEL: 'warn',
      ...(PROFILE
        ? {
            NODE_OPTIONS: `${
              process.env.NODE_OPTIONS ?? ''
            } --require ${path.join(root, 'scripts', 'bench-profile.cjs')}`,
          }
        : {}),
    },
  });
  const stop = () => {
    try {
      process.kill(-backend.pid, 'SIGTERM');
    } catch {
      // gone
    }
  };
  try {
    await waitFor(
      `${baseUrl}/.backstage/health/v1/readiness`,
      240_000,
      backend,
    );
    const { backstageIdentity } = await fetch(
      `${baseUrl}/api/auth/guest/refresh`,
    ).then(res => res.json());
    const headers = { Authorization: `Bearer ${backstageIdentity.token}` };
    // The catalog reads its locations at start; the rollouts need the entity.
    const deadline = Date.now() + 120_000;
    while (
      (
        await fetch(
          `${baseUrl}/api/catalog/entities/by-name/component/default/multipass-reviewer`,
          { headers },
        )
      ).status !== 200
    ) {
      if (Date.now() > deadline) throw new Error('the catalog has no entity');
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
    await seed(baseUrl, headers);
    await catalogHolds(baseUrl, headers);
    await analyze();

    const board = `${baseUrl}/api/rollout/rollouts?limit=100`;
    const filters = [
      ['board: no filter', board],
      ['board: status=draft', `${board}&status=draft`],
      ['board: pendingSignoffBy=me', `${board}&pendingSignoffBy=me`],
      ['board: ownedBy=me', `${board}&ownedBy=me`],
      ['board: system', `${board}&system=system:default/multipass`],
      ['board: q=bench-99', `${board}&q=bench-99`],
      ['board: sort=entity', `${board}&sort=entity`],
      ['board: sort=status', `${board}&sort=status`],
    ];
    const catalog = `${baseUrl}/api/catalog/entities/by-query?limit=100`;
    const rows = [];
    if (PROFILE) {
      process.kill(-backend.pid, 'SIGUSR2');
    }
    for (const [name, target] of filters.filter(
      ([name]) => !ONLY || name.includes(ONLY),
    )) {
      const runs = { board: [], catalog: [] };
      for (let round = 0; round < ROUNDS; round++) {
        runs.board.push(await measure(target, headers));
        runs.catalog.push(await measure(catalog, headers));
      }
      const median = (list, pick) =>
        list.map(pick).sort((a, b) => a - b)[Math.floor(list.length / 2)];
      const row = {
        name,
        boardP50: median(runs.board, r => r.latency.p50),
        boardP99: median(runs.board, r => r.latency.p99),
        boardRps: median(runs.board, r => r.requests.average),
        catalogP50: median(runs.catalog, r => r.latency.p50),
        catalogP99: median(runs.catalog, r => r.latency.p99),
        catalogRps: median(runs.catalog, r => r.requests.average),
      };
      rows.push(row);
      log(
        `${name}: p50 ${row.boardP50} ms / catalog ${row.catalogP50} ms (${(
          row.boardP50 / Math.max(row.catalogP50, 1)
        ).toFixed(2)}×)`,
      );
    }
    const table = [
      `Rollouts: ${ROLLOUTS}; catalog entities: ${ENTITIES} generated and the app's own; ${CONNECTIONS} connections, ${SECONDS} s a run, board and catalog alternated ${ROUNDS} times (medians of the runs)`,
      '',
      '| query | board p50 ms | board p99 ms | board req/s | catalog by-query p50 ms | catalog p99 ms | catalog req/s | board/catalog p50 |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rows.map(
        r =>
          `| ${r.name} | ${r.boardP50} | ${r.boardP99} | ${r.boardRps.toFixed(
            0,
          )} | ${r.catalogP50} | ${r.catalogP99} | ${r.catalogRps.toFixed(
            0,
          )} | ${(r.boardP50 / Math.max(r.catalogP50, 1)).toFixed(2)}× |`,
      ),
    ].join('\n');
    process.stdout.write(`\n${table}\n`);
    fs.writeFileSync(
      path.join(root, 'e2e-results', 'bench-board.md'),
      `${table}\n`,
    );
  } finally {
    if (PROFILE) {
      process.kill(-backend.pid, 'SIGUSR2');
      await new Promise(resolve => setTimeout(resolve, 3000));
      log(`CPU profile in ${path.join(root, 'e2e-results', 'profiles')}`);
    }
    stop();
    await new Promise(resolve => setTimeout(resolve, 2000));
    if (KEEP) {
      log(`kept the databases ${prefix}*`);
    } else {
      await dropDatabases().catch(error =>
        log(`could not drop the bench databases: ${error}`),
      );
    }
  }
}

main().catch(error => {
  process.stderr.write(`[bench:board] failed: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
