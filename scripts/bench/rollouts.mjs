// The benchmark's data, all through the API as a user's would arrive: the
// rollout being measured (the demo's real checklist, started) and the
// thousands of others around it.
import fs from 'node:fs';
import path from 'node:path';
import { root } from './backend.mjs';

/** The guest owns multipass-reviewer, so it may create its rollouts. */
export const entityRef = 'component:default/multipass-reviewer';

/** The Stage 01_03 checklist the demo data loads for multipass-reviewer. */
export const checklistMarkdown = fs.readFileSync(
  path.join(root, 'examples', 'rollouts', 'stage-01_03-rollout-checklist.md'),
  'utf8',
);

/** The query of a markdown import of the checklist as `version`. */
export const importQuery = (version, extra = {}) =>
  new URLSearchParams({ entityRef, version, ...extra }).toString();

async function call(backend, method, route, { body, type } = {}) {
  const res = await fetch(`${backend.baseUrl}/api/rollout${route}`, {
    method,
    headers: {
      ...(await backend.headers()),
      ...(body === undefined ? {} : { 'Content-Type': type }),
    },
    body,
  });
  if (!res.ok) {
    throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  }
  return res.json();
}

/**
 * Imports the checklist as multipass-reviewer v0.3.0 and ticks its
 * pre-flight checks, ready to start. Resolves with the rollout as imported
 * (its checklist as the reader made it) and as ready.
 */
export async function importMeasuredRollout(backend) {
  const imported = await call(
    backend,
    'POST',
    `/rollouts?${importQuery('v0.3.0', {
      previousVersion: 'v0.2.0',
      releaseNotesUrl:
        'https://example.com/multipass-reviewer/tree/main/CHANGELOG.md',
    })}`,
    { body: checklistMarkdown, type: 'text/markdown' },
  );
  let ready = imported;
  for (const check of imported.checklist.preflightChecks) {
    ready = await call(
      backend,
      'POST',
      `/rollouts/${ready.id}/preflight/${encodeURIComponent(check.id)}`,
      {
        body: JSON.stringify({
          expectedRevision: ready.revision,
          checked: true,
        }),
        type: 'application/json',
      },
    );
  }
  return { imported, ready };
}

/**
 * Starts the rollout, so that it is in progress like a rollout being
 * watched: the scheduled evaluation reads its gates, its tab shows them.
 */
export async function startRollout(backend, rollout) {
  const started = await call(
    backend,
    'POST',
    `/rollouts/${rollout.id}/status`,
    {
      body: JSON.stringify({
        expectedRevision: rollout.revision,
        status: 'in_progress',
        reason: 'Benchmark: a rollout being watched',
      }),
      type: 'application/json',
    },
  );
  if (started.status !== 'in_progress') {
    throw new Error(`the measured rollout is ${started.status}`);
  }
  return started;
}

/** The small checklist of every seeded rollout. */
const seedChecklist = {
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

/**
 * Creates the seeded rollouts number `from` to `to - 1` (versions
 * `bench-<n>`) with eight clients at once; resolves with how many were
 * created, how many failed and the seconds it took.
 */
export async function seedRollouts(backend, from, to, log) {
  let next = from;
  let failed = 0;
  const started = Date.now();
  async function worker() {
    for (;;) {
      const i = next++;
      if (i >= to) return;
      const res = await fetch(`${backend.baseUrl}/api/rollout/rollouts`, {
        method: 'POST',
        headers: {
          ...(await backend.headers()),
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          entityRef,
          version: `bench-${i}`,
          title: `Bench release ${i}`,
          checklist: seedChecklist,
        }),
      });
      if (res.status !== 201) {
        failed += 1;
        if (failed <= 5) log(`create ${i}: ${res.status} ${await res.text()}`);
      }
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker));
  if (failed) {
    throw new Error(`${failed} of ${to - from} seeded rollouts failed`);
  }
  return { created: to - from, seconds: (Date.now() - started) / 1000 };
}
