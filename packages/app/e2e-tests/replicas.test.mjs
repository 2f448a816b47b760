// Two replicas, one system: two real backends on one PostgreSQL (databases of
// their own, dropped at the end), on ports of their own, the second started
// once the first is ready (started together, Backstage's own migrations race
// for their lock). Through them at once: one step run starts one scaffolder
// task; the scheduled reconciler and gate evaluation run once per interval
// across both; a change made through either reaches a signal subscriber of
// the other; concurrent edits through both never lose a write.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { freePort, guestToken, root, startBackend, until } from './harness.mjs';

const backendRequire = createRequire(
  path.join(root, 'packages', 'backend', 'package.json'),
);
const { Client } = backendRequire('pg');
// The WebSocket client of the `ws` the signals backend serves with: Node 20
// has no WebSocket of its own.
const WebSocket = createRequire(
  backendRequire.resolve('@backstage/plugin-signals-backend'),
)('ws');

const postgres = new URL(
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:5432',
);
const prefix = `replicas_${process.pid}_`;
// The schedule of the step reconciler and the gate evaluation: short, so
// that a window of WINDOW_SECONDS holds many of their runs.
const INTERVAL_SECONDS = 2;
const WINDOW_SECONDS = 30;
// The longest initial delay of the two tasks (plugins/rollout-backend's
// plugin.ts), after which both replicas compete for every run.
const INITIAL_DELAY_SECONDS = 15;

const env = {
  APP_CONFIG_backend_database_client: 'pg',
  APP_CONFIG_backend_database_prefix: prefix,
  APP_CONFIG_backend_database_connection: JSON.stringify({
    host: postgres.hostname,
    port: Number(postgres.port || 5432),
    user: decodeURIComponent(postgres.username || 'postgres'),
    password: decodeURIComponent(postgres.password),
  }),
  APP_CONFIG_rollout_steps_reconcileFrequency: `${INTERVAL_SECONDS}s`,
  APP_CONFIG_rollout_gates_frequency: `${INTERVAL_SECONDS}s`,
  APP_CONFIG_rollout_commands_allow: JSON.stringify(['sleep *']),
  // The gates need no monitoring stack here: what is counted is how often
  // they are evaluated, not what they find.
  APP_CONFIG_rollout_prometheus_baseUrl: '',
  APP_CONFIG_rollout_alertmanager_baseUrl: '',
  // Each run of the scheduled tasks logs a debug line, which is counted.
  LOG_LEVEL: 'debug',
};

const started = Date.now();
const replicas = {};
let bothReadyAt;
let token;

before(
  async () => {
    // One after the other: the first runs every migration on the empty
    // databases, the second finds them done.
    for (const name of ['a', 'b']) {
      replicas[name] = await startBackend({
        env,
        logName: `replica-${name}.log`,
        logFlags: 'w',
        port: await freePort(),
      });
    }
    bothReadyAt = Date.now();
    // Signed by replica A, accepted by B: the signing keys are shared.
    token = await guestToken(replicas.a.baseUrl);
    // The catalog reads the example entities and templates after start.
    await until(
      'the catalog holds the step template',
      () =>
        api(
          replicas.b,
          'GET',
          '/catalog/entities/by-name/template/default/rollout-step',
        ),
      answer => answer.status === 200,
      180_000,
    );
  },
  { timeout: 600_000 },
);

after(
  async t => {
    await Promise.all(Object.values(replicas).map(replica => replica.kill()));
    await dropDatabases().catch(error =>
      t.diagnostic(`could not drop the databases ${prefix}*: ${error}`),
    );
    t.diagnostic(
      `two replicas, start to end: ${Math.round(
        (Date.now() - started) / 1000,
      )}s`,
    );
  },
  { timeout: 60_000 },
);

async function dropDatabases() {
  const client = new Client({
    connectionString: new URL('/postgres', postgres).href,
  });
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

async function api(replica, method, route, body) {
  const response = await fetch(`${replica.baseUrl}/api${route}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed };
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/**
 * A new draft rollout of multipass-reviewer (the guest's team owns it)
 * through replica A: one step that sleeps, and three pre-flight checks, the
 * first naming the step, so that it validates and runs in a draft.
 */
async function createRollout(version) {
  const created = await until(
    'create the rollout once the catalog has the entity',
    () =>
      api(replicas.a, 'POST', '/rollout/rollouts', {
        entityRef: 'component:default/multipass-reviewer',
        version,
        checklist: {
          title: `Replicas drill ${version}`,
          steps: [
            { number: 1, title: '`sleep 5`', command: 'sleep 5', notes: '' },
          ],
          preflightChecks: [
            { text: '`sleep 5`' },
            { text: 'Release notes approved' },
            { text: 'Documentation reviewed' },
          ],
        },
      }),
    answer => answer.status === 201,
  );
  return created.body;
}

async function readRollout(rolloutId) {
  const { status, body } = await api(
    replicas.a,
    'GET',
    `/rollout/rollouts/${rolloutId}`,
  );
  assert.equal(status, 200);
  return body;
}

async function eventTypes(rolloutId) {
  const { body } = await api(
    replicas.b,
    'GET',
    `/rollout/rollouts/${rolloutId}/events`,
  );
  return body.items.map(event => event.type);
}

test(
  'a step run requested on both replicas at once starts one scaffolder task',
  { timeout: 120_000 },
  async t => {
    const rollout = await createRollout('v9.1.0');
    const stepId = rollout.checklist.steps[0].id;
    const route = `/rollout/rollouts/${rollout.id}/steps/${stepId}/run`;

    const answers = await Promise.all([
      api(replicas.a, 'POST', route),
      api(replicas.b, 'POST', route),
    ]);
    t.diagnostic(
      `answers: ${answers
        .map(
          ({ status, body }) =>
            `${status} ${body.taskId ?? body.error?.message ?? ''}`,
        )
        .join(', ')}`,
    );
    // The loser of the claim joins the winner's task (202 with its id) or,
    // when the winner has not started it in time, is refused with a 409.
    const accepted = answers.filter(answer => answer.status === 202);
    assert.ok(accepted.length >= 1, 'no request started the step');
    for (const answer of answers.filter(({ status }) => status !== 202)) {
      assert.equal(answer.status, 409);
    }
    const taskIds = new Set(accepted.map(answer => answer.body.taskId));
    assert.equal(taskIds.size, 1, 'the replicas started different tasks');
    const [taskId] = taskIds;

    const { body: list } = await api(replicas.b, 'GET', '/scaffolder/v2/tasks');
    const tasks = list.tasks.filter(
      task => task.spec?.parameters?.rolloutId === rollout.id,
    );
    assert.deepEqual(
      tasks.map(task => task.id),
      [taskId],
    );
    assert.deepEqual(
      (await eventTypes(rollout.id)).filter(type => type === 'step.started'),
      ['step.started'],
    );
  },
);

test(
  'the reconciler and the gate evaluation run once per interval across both replicas',
  { timeout: 120_000 },
  async t => {
    // Both workers of each task past their initial delay, so that both
    // replicas compete for every run in the window.
    const windowStart = bothReadyAt + (INITIAL_DELAY_SECONDS + 1) * 1000;
    await sleep(Math.max(0, windowStart - Date.now()));
    const logs = Object.fromEntries(
      Object.keys(replicas).map(name => [
        name,
        path.join(root, 'e2e-results', `replica-${name}.log`),
      ]),
    );
    const offsets = Object.fromEntries(
      Object.entries(logs).map(([name, file]) => [
        name,
        fs.statSync(file).size,
      ]),
    );
    await sleep(WINDOW_SECONDS * 1000);
    const windows = Object.fromEntries(
      Object.entries(logs).map(([name, file]) => [
        name,
        fs.readFileSync(file).subarray(offsets[name]).toString('utf8'),
      ]),
    );

    // A run is due one interval after the last was due, and starts when a
    // replica's poll (once per interval) finds it due: a window holds one
    // run per interval, one more at its start, and one more that started
    // late. Replicas that did not share the schedule would run each task
    // about twice as often.
    const most = WINDOW_SECONDS / INTERVAL_SECONDS + 2;
    for (const [task, line] of [
      ['rollout-step-reconciler', 'Step reconciler ran: settled'],
      ['rollout-gates', 'Gate evaluation ran: evaluated'],
    ]) {
      // Both replicas compete for each run: each has a worker for the task.
      for (const [name, file] of Object.entries(logs)) {
        assert.match(
          fs.readFileSync(file, 'utf8'),
          new RegExp(`Registered scheduled task: ${task},`),
          `replica ${name} has no worker for ${task}`,
        );
      }
      const runs = Object.fromEntries(
        Object.entries(windows).map(([name, text]) => [
          name,
          text.split('\n').filter(logLine => logLine.includes(line)).length,
        ]),
      );
      const total = runs.a + runs.b;
      t.diagnostic(
        `${task} in ${WINDOW_SECONDS}s: ${total} runs (a ${runs.a}, b ${runs.b}), at most ${most}`,
      );
      assert.ok(
        total >= 1,
        `${task}: no run in ${WINDOW_SECONDS}s${restartNote(windows)}`,
      );
      assert.ok(
        total <= most,
        `${task}: ${total} runs in ${WINDOW_SECONDS}s, more than one per ${INTERVAL_SECONDS}s interval`,
      );
    }
  },
);

/**
 * Says which replicas restarted in the window: `backstage-cli package start`
 * restarts a backend when one of its source files changes, and a replica
 * that restarts misses its runs meanwhile.
 */
function restartNote(windows) {
  const restarted = Object.entries(windows)
    .filter(([, text]) => text.includes('Change detected, restarting'))
    .map(([name]) => name);
  return restarted.length
    ? ` (replica ${restarted.join(' and ')} restarted: a source file changed)`
    : '';
}

/**
 * Subscribes to the rollout's channel on `to` as the app's signal client
 * does, changes the rollout through `from` and answers how long the signal
 * of that change took to arrive; fails after 10 seconds.
 */
async function signalDelay(rollout, { from, to, checkIndex }) {
  // The token as the protocol, as the app's signal client sends it.
  const socket = new WebSocket(
    `${replicas[to].baseUrl.replace(/^http/, 'ws')}/api/signals`,
    token,
  );
  try {
    await once(socket, 'open');
    const received = [];
    socket.on('message', data => received.push(JSON.parse(data.toString())));
    // The channel of rolloutSignalChannel (plugins/rollout-common).
    const channel = `rollout:${rollout.id}`;
    socket.send(JSON.stringify({ action: 'subscribe', channel }));
    // The pong comes after the server has read the subscription, which it
    // handles as the message arrives.
    socket.ping();
    await once(socket, 'pong');

    const { revision: readRevision } = await readRollout(rollout.id);
    const check = rollout.checklist.preflightChecks[checkIndex];
    const changedAt = Date.now();
    const ticked = await api(
      replicas[from],
      'POST',
      `/rollout/rollouts/${rollout.id}/preflight/${check.id}`,
      { expectedRevision: readRevision, checked: true },
    );
    assert.equal(ticked.status, 200);
    const { revision } = ticked.body;

    const ofTheChange = () =>
      received.find(signal => signal.message?.revision === revision);
    while (!ofTheChange()) {
      assert.ok(
        Date.now() - changedAt < 10_000,
        `no signal of revision ${revision} on replica ${to.toLocaleUpperCase(
          'en-US',
        )} within 10s of the change through ${from.toLocaleUpperCase(
          'en-US',
        )}; received ${JSON.stringify(received)}`,
      );
      await sleep(50);
    }
    const delay = Date.now() - changedAt;
    assert.deepEqual(ofTheChange(), {
      channel,
      message: { rolloutId: rollout.id, revision },
    });
    return delay;
  } finally {
    socket.terminate();
  }
}

test(
  'a change made through one replica reaches a signal subscriber of the other',
  { timeout: 60_000 },
  async t => {
    const rollout = await createRollout('v9.2.0');
    // Both ways: each replica's signals backend subscribes to the bus on
    // its own, as it starts.
    const aToB = await signalDelay(rollout, {
      from: 'a',
      to: 'b',
      checkIndex: 1,
    });
    t.diagnostic(`through A, on B after ${aToB} ms`);
    const bToA = await signalDelay(rollout, {
      from: 'b',
      to: 'a',
      checkIndex: 2,
    });
    t.diagnostic(`through B, on A after ${bToA} ms`);
  },
);

test(
  'a rollout edited through both replicas at once keeps both edits or refuses one',
  { timeout: 60_000 },
  async t => {
    const rollout = await createRollout('v9.3.0');

    // Fields of the rollout: an edit names the revision it read, so of two
    // edits of one revision one may be refused, but none is lost.
    for (let round = 1; round <= 3; round++) {
      const { revision } = await readRollout(rollout.id);
      const edits = {
        a: { title: `Edited through A, round ${round}` },
        b: { releaseNotesUrl: `https://example.com/notes/${round}` },
      };
      const answers = await Promise.all(
        ['a', 'b'].map(name =>
          api(replicas[name], 'PATCH', `/rollout/rollouts/${rollout.id}`, {
            expectedRevision: revision,
            ...edits[name],
          }),
        ),
      );
      const stored = await readRollout(rollout.id);
      t.diagnostic(
        `round ${round} (fields): ${answers.map(a => a.status).join(', ')}`,
      );
      assertNoLostWrite(answers, stored, revision, {
        a: s => s.title === edits.a.title,
        b: s => s.releaseNotesUrl === edits.b.releaseNotesUrl,
      });
    }

    // Items of the checklist: a change of one item is refused only if that
    // item changed since the revision read, so ticks of two checks may both
    // land on one revision.
    const { revision, checklist } = await readRollout(rollout.id);
    const [, first, second] = checklist.preflightChecks;
    const answers = await Promise.all(
      [
        [replicas.a, first],
        [replicas.b, second],
      ].map(([replica, check]) =>
        api(
          replica,
          'POST',
          `/rollout/rollouts/${rollout.id}/preflight/${check.id}`,
          { expectedRevision: revision, checked: true },
        ),
      ),
    );
    const stored = await readRollout(rollout.id);
    t.diagnostic(`checks: ${answers.map(a => a.status).join(', ')}`);
    const ticked = id =>
      stored.checklist.preflightChecks.find(c => c.id === id).checked;
    assertNoLostWrite(answers, stored, revision, {
      a: () => ticked(first.id),
      b: () => ticked(second.id),
    });
  },
);

/**
 * Each edit answered 200 is in the stored rollout, each answered 409 is not,
 * at most one is refused, and the revision counts the edits that landed.
 */
function assertNoLostWrite(answers, stored, readRevision, present) {
  const [a, b] = answers;
  for (const answer of answers) {
    assert.ok(
      [200, 409].includes(answer.status),
      `unexpected answer ${answer.status} ${JSON.stringify(answer.body)}`,
    );
  }
  assert.ok(a.status === 200 || b.status === 200, 'both edits were refused');
  assert.equal(present.a(stored), a.status === 200, 'the edit through A');
  assert.equal(present.b(stored), b.status === 200, 'the edit through B');
  assert.equal(
    stored.revision,
    readRevision + answers.filter(answer => answer.status === 200).length,
  );
}
