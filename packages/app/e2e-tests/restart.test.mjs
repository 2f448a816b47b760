// A backend killed while a step's task runs: after a restart on the same
// database, the scaffolder closes the task it lost, and the rollout
// reconciler settles the step from the task's real end state.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backendUrl, guestToken, startBackend, until } from './harness.mjs';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollout-restart-'));
const env = {
  // Both runs use the same SQLite files, as `npm start` does.
  APP_CONFIG_backend_database_connection: JSON.stringify({
    directory: dataDir,
  }),
  APP_CONFIG_rollout_commands_allow: JSON.stringify(['sleep *']),
  APP_CONFIG_rollout_demo_enabled: 'false',
  // The scaffolder gives up a task without a heartbeat after 5 seconds.
  APP_CONFIG_scaffolder_taskTimeout: JSON.stringify({ seconds: 5 }),
  APP_CONFIG_scaffolder_taskTimeoutJanitorFrequency: JSON.stringify({
    seconds: 2,
  }),
};

let backend;
after(async () => {
  await backend?.kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function api(token, method, route, body) {
  const response = await fetch(`${backendUrl}/api${route}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: await response.json() };
}

test('a backend killed while a step runs settles the step after a restart', async t => {
  backend = await startBackend({ env, logName: 'restart.log' });
  let token = await guestToken();

  // The catalog reads the example entities and templates after start.
  const created = await until(
    'create the rollout once the catalog has the entity',
    () =>
      api(token, 'POST', '/rollout/rollouts', {
        entityRef: 'component:default/multipass-reviewer',
        version: 'v9.0.0',
        checklist: {
          title: 'Restart drill',
          steps: [
            {
              number: 1,
              title: '`sleep 120`',
              command: 'sleep 120',
              notes: '',
            },
          ],
          // The check names the step: it validates, so it runs in a draft.
          preflightChecks: [{ text: '`sleep 120`' }],
        },
      }),
    answer => answer.status === 201,
  );
  const rollout = created.body;

  // A 409 templateUnavailable until the catalog holds the step template.
  const run = await until(
    'run the step once the catalog has the template',
    () =>
      api(token, 'POST', `/rollout/rollouts/${rollout.id}/steps/step-1/run`),
    answer => answer.status === 202,
  );
  const { taskId } = run.body;
  await until(
    'the task runs the command',
    () => api(token, 'GET', `/scaffolder/v2/tasks/${taskId}`),
    answer => answer.body.status === 'processing',
  );
  t.diagnostic(`task ${taskId} is processing; killing the backend`);

  await backend.kill();
  backend = await startBackend({ env, logName: 'restart.log' });
  token = await guestToken();

  const task = await until(
    'the scaffolder closes the task it lost',
    () => api(token, 'GET', `/scaffolder/v2/tasks/${taskId}`),
    answer => answer.body.status !== 'processing',
  );
  assert.equal(task.body.status, 'failed');

  const settled = await until(
    'the reconciler settles the step',
    () => api(token, 'GET', `/rollout/rollouts/${rollout.id}`),
    answer => answer.body.checklist?.steps[0].status !== 'running',
  );
  const [step] = settled.body.checklist.steps;
  assert.deepEqual(
    { status: step.status, updatedBy: step.updatedBy },
    { status: 'failed', updatedBy: 'plugin:rollout/reconciler' },
  );
  // The summary is the task's own last word when its log has one: the
  // scaffolder marks a task it lost stale once its heartbeat is overdue,
  // which a slow restart reaches; otherwise the reconciler's sentence.
  assert.ok(
    [
      `Task ${taskId} failed without reporting a result`,
      'This task was marked as stale as it exceeded its timeout',
    ].includes(step.summary),
    `unexpected summary: ${step.summary}`,
  );
  const events = await api(
    token,
    'GET',
    `/rollout/rollouts/${rollout.id}/events`,
  );
  assert.equal(events.body.items[0].type, 'step.failed');
  t.diagnostic(`history: ${events.body.items[0].message}`);
});
