// The benchmark of issue 16: the rollout plugin's reads beside the catalog's
// on the same backend, the cost that grows with data, markdown import
// throughput and the frontend's weight. It starts the real backend in dev
// mode on a database of its own (PostgreSQL, or SQLite with --sqlite),
// seeds rollouts through the API, measures with autocannon and writes the
// table to bench-results/. A benchmark, not a test: it asserts nothing and
// is not part of `npm test`; a goal not met is a figure to act on.
//
//   npm run bench [-- --quick] [-- --help for every option]
import os from 'node:os';
import path from 'node:path';
import {
  prometheusQueries,
  root,
  startBackend,
  startMonitoring,
  waitForCatalog,
  waitForEntity,
} from './bench/backend.mjs';
import { frontendWeight } from './bench/frontendWeight.mjs';
import { goals, loadRunner } from './bench/load.mjs';
import { benchOptions, usage, wanted } from './bench/options.mjs';
import { markdownReport, writeResults } from './bench/report.mjs';
import {
  checklistMarkdown,
  entityRef,
  importMeasuredRollout,
  importQuery,
  seedRollouts,
  startRollout,
} from './bench/rollouts.mjs';

function log(message) {
  process.stdout.write(`[bench] ${message}\n`);
}

/** The board's filters, each read as one page of 100 rows. */
const boardFilters = [
  ['no filter', ''],
  ['status=draft', '&status=draft'],
  ['pendingSignoffBy=me', '&pendingSignoffBy=me'],
  ['ownedBy=me', '&ownedBy=me'],
  ['system', '&system=system:default/multipass'],
  ['q=bench-99', '&q=bench-99'],
  ['sort=entity', '&sort=entity'],
  ['sort=status', '&sort=status'],
];

const names = {
  growth: 'growth: rollout read and board page',
  catalogRead: 'rollout read vs catalog by-name',
  gates: 'gates read vs rollout read',
  markdown: 'markdown export vs rollout read',
  board: filter => `board ${filter} vs catalog by-query`,
  import: 'markdown import vs JSON create',
  frontend: 'frontend weight',
};

/**
 * What the gates read answered: whether its sources were up and what the
 * metrics and alerts came to, to show the gates read real figures.
 */
async function gatesSummary(target) {
  const gates = await fetch(target.url, {
    headers: await target.headers(),
  }).then(res => res.json());
  // Each state with how many rows are in it, and the first one's reason.
  const states = rows =>
    [...new Set(rows.map(row => row.state))]
      .map(state => {
        const inState = rows.filter(row => row.state === state);
        const reason = inState[0].reason;
        return `${inState.length} ${state}${reason ? ` ("${reason}")` : ''}`;
      })
      .join(', ') || 'none';
  const sources = Object.entries(gates.sources)
    .map(
      ([name, source]) =>
        `${name} ${
          source.configured
            ? source.error
              ? `failing: ${source.error}`
              : 'answering'
            : 'not configured'
        }`,
    )
    .join(', ');
  return `The gates read: ${sources}; metrics ${states(
    gates.metrics,
  )}; alerts ${states(gates.alerts)}; evaluated ${(
    (Date.now() - Date.parse(gates.evaluatedAt)) /
    1000
  ).toFixed(0)} s before the end of the pair.`;
}

/** The seeded counts at which the growing cost is measured. */
function stages(options) {
  if (!wanted(options, names.growth)) return [options.rollouts];
  return [
    ...new Set([
      ...[100, 1_000, 10_000].filter(n => n < options.rollouts),
      options.rollouts,
    ]),
  ];
}

/** Runs `fn` as a named phase whose duration goes into the report. */
function phaseRecorder(results) {
  return async (name, fn) => {
    const started = Date.now();
    const note = await fn();
    const seconds = (Date.now() - started) / 1000;
    results.phases.push({ name, seconds, note: note || undefined });
    log(`${name}: ${seconds.toFixed(1)} s${note ? ` (${note})` : ''}`);
  };
}

/**
 * Seeds the rollouts stage by stage and, after each stage, measures the
 * rollout read and a board page: the cost that grows with data.
 */
async function seedAndGrow({
  options,
  results,
  phase,
  backend,
  pair,
  targets,
}) {
  let seeded = 0;
  for (const stage of stages(options)) {
    await phase(`seed to ${stage} rollouts`, async () => {
      const { created, seconds } = await seedRollouts(
        backend,
        seeded,
        stage,
        log,
      );
      seeded = stage;
      await backend.analyze();
      return `${(created / seconds).toFixed(0)} rollouts/s`;
    });
    if (wanted(options, names.growth)) {
      await phase(`growth at ${stage}`, async () => {
        results.growth.push({
          rollouts: stage,
          pair: await pair({
            name: `growth at ${stage}`,
            a: targets.rolloutRead,
            b: targets.boardPage('no filter'),
            rounds: options.rounds,
          }),
        });
      });
    }
  }
}

/** The reads, each against what the issue compares it with. */
async function measurePairs({
  options,
  results,
  phase,
  backend,
  monitoring,
  pair,
  targets,
}) {
  const { read, rolloutRead, boardPage, rolloutUrl } = targets;
  const pairs = [
    {
      name: names.catalogRead,
      a: rolloutRead,
      b: read(
        'catalog by-name',
        '/catalog/entities/by-name/component/default/multipass-reviewer',
      ),
      goal: goals.catalogRead,
    },
    {
      name: names.gates,
      a: read('gates read', `${rolloutUrl}/gates`),
      b: rolloutRead,
      goal: goals.gates,
      countQueries: true,
    },
    {
      name: names.markdown,
      a: read('markdown export', `${rolloutUrl}/markdown`),
      b: rolloutRead,
      goal: goals.markdown,
    },
    ...boardFilters.map(([filter]) => ({
      name: names.board(filter),
      a: boardPage(filter),
      // The same page size as the board's; the catalog holds as many
      // generated entities as there are rollouts.
      b: read('catalog by-query', '/catalog/entities/by-query?limit=100'),
    })),
  ].filter(p => wanted(options, p.name));
  if (!pairs.length) return;
  if (options.profile) backend.startProfile();
  await phase('pairs', async () => {
    for (const { countQueries, ...spec } of pairs) {
      const counting = countQueries && monitoring;
      const before = counting
        ? await prometheusQueries(monitoring.prometheusUrl)
        : 0;
      const started = Date.now();
      const result = await pair({ ...spec, rounds: options.rounds });
      results.pairs.push(result);
      if (counting) {
        const queries =
          (await prometheusQueries(monitoring.prometheusUrl)) - before;
        const reads =
          result.warmup.a + result.a.runs.reduce((n, r) => n + r.requests, 0);
        results.notes.push(
          `Prometheus answered ${queries} queries while the gates pair ran (${(
            (Date.now() - started) /
            1000
          ).toFixed(0)} s, ${reads} gates reads): ${(queries / reads).toFixed(
            2,
          )} per gates read, the scheduled evaluation (rollout.gates.frequency) included.`,
          await gatesSummary(spec.a),
        );
      }
    }
  });
  if (options.profile) {
    results.notes.push(
      `CPU profile of the pairs (Chrome DevTools opens it): ${path.relative(
        root,
        await backend.stopProfile(),
      )}`,
    );
  }
}

/**
 * Markdown import throughput: new rollouts from the checklist's markdown,
 * against the same checklist sent as JSON.
 */
async function measureImport({ options, results, phase, pair, targets }) {
  await phase('markdown import', async () => {
    let sequence = 0;
    const version = () => `bench-import-${sequence++}`;
    const json = JSON.stringify(targets.measured.imported.checklist);
    const create = `${targets.api}/rollout/rollouts`;
    results.pairs.push(
      await pair({
        name: names.import,
        a: targets.read('markdown import', '/rollout/rollouts', {
          method: 'POST',
          contentType: 'text/markdown',
          body: checklistMarkdown,
          vary: () => ({ url: `${create}?${importQuery(version())}` }),
        }),
        // The checklist the import read, sent as JSON: the difference is
        // what reading the markdown costs.
        b: targets.read('JSON create', '/rollout/rollouts', {
          method: 'POST',
          contentType: 'application/json',
          vary: () => ({
            body: `{"entityRef":"${entityRef}","version":"${version()}","checklist":${json}}`,
          }),
        }),
        rounds: options.rounds,
      }),
    );
    return `${sequence} rollouts created`;
  });
}

/** Everything measured on the backend, from its start to its stop. */
async function measureBackend(options, results, phase, monitoring) {
  let backend;
  try {
    await phase('backend start', async () => {
      backend = await startBackend({
        database: options.database,
        entities: options.entities,
        monitoring,
        profile: options.profile,
        keep: options.keep,
        logFile: path.join(root, 'bench-results', 'backend.log'),
        log,
      });
    });
    await phase(
      `catalog ingest of ${options.entities} generated entities`,
      async () => {
        await waitForEntity(backend, entityRef);
        results.catalogEntities = await waitForCatalog(
          backend,
          options.entities,
          log,
        );
        return `${results.catalogEntities} entities in all`;
      },
    );
    let measured;
    await phase('measured rollout: import and start', async () => {
      measured = await importMeasuredRollout(backend);
      const waited = (await monitoring?.waitForHistory(log)) ?? 0;
      measured.started = await startRollout(backend, measured.ready);
      return `${measured.started.status}${
        waited
          ? `, after ${waited.toFixed(0)} s waiting for metric history`
          : ''
      }`;
    });

    const api = `${backend.baseUrl}/api`;
    /** A request of the guest to `route` under the backend's /api. */
    const read = (label, route, more = {}) => ({
      label,
      url: `${api}${route}`,
      headers: backend.headers,
      ...more,
    });
    const rolloutUrl = `/rollout/rollouts/${measured.started.id}`;
    const targets = {
      api,
      measured,
      read,
      rolloutUrl,
      rolloutRead: read('rollout read', rolloutUrl),
      boardPage: filter =>
        read(
          `board ${filter}`,
          `/rollout/rollouts?limit=100${
            boardFilters.find(([name]) => name === filter)[1]
          }`,
        ),
    };
    const context = {
      options,
      results,
      phase,
      backend,
      monitoring,
      targets,
      pair: loadRunner({
        connections: options.connections,
        seconds: options.seconds,
        log,
      }).pair,
    };
    await seedAndGrow(context);
    await measurePairs(context);
    if (wanted(options, names.import)) {
      await measureImport(context);
    }
  } finally {
    if (backend) {
      await phase('backend stop', async () => backend.stop());
    }
  }
}

async function main() {
  const options = benchOptions();
  if (options.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const results = {
    startedAt: new Date().toISOString(),
    options,
    machine: {
      cores: os.cpus().length,
      node: process.version,
      platform: `${os.type()} ${os.release()}`,
    },
    prometheus: { real: false, reason: 'not started' },
    phases: [],
    growth: [],
    pairs: [],
    notes: [],
  };
  const phase = phaseRecorder(results);
  const started = Date.now();
  const backendWanted = [
    names.growth,
    names.catalogRead,
    names.gates,
    names.markdown,
    ...boardFilters.map(([filter]) => names.board(filter)),
    names.import,
  ].some(name => wanted(options, name));
  let monitoring;
  try {
    if (backendWanted) {
      // First: the gates compare the rollout with the metrics' history
      // before it started, which the stack gathers while the rest starts.
      await phase('monitoring stack', async () => {
        const stack = await startMonitoring();
        monitoring = stack.started;
        results.prometheus = monitoring
          ? { real: true }
          : { real: false, reason: stack.reason };
        log(
          monitoring
            ? `Prometheus is real: the example monitoring stack at ${monitoring.prometheusUrl}`
            : `Prometheus is not real: ${stack.reason}`,
        );
      });
    }
    if (!options.skipFrontend && wanted(options, names.frontend)) {
      // Before the backend starts: the build takes both cores.
      await phase('frontend build and measure', async () => {
        results.frontend = await frontendWeight({ log });
        return `build ${results.frontend.buildSeconds.toFixed(0)} s`;
      });
    }
    if (backendWanted) {
      await measureBackend(options, results, phase, monitoring);
    }
  } finally {
    await monitoring?.stop();
    results.seconds = (Date.now() - started) / 1000;
    const markdown = markdownReport(results);
    process.stdout.write(`\n${markdown}\n`);
    log(
      `written to ${path.relative(
        root,
        writeResults(root, results, markdown),
      )} and bench-results/latest.md in ${(results.seconds / 60).toFixed(
        1,
      )} min`,
    );
  }
}

main().catch(error => {
  process.stderr.write(`[bench] failed: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
