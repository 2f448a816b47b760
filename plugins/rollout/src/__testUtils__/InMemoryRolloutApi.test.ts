import { ResponseError } from '@backstage/errors';
import {
  Rollout,
  failingGates,
  nextVersionChecklist,
  parseChecklist,
  printChecklist,
  rolloutConflictReasonOf,
} from '@rollout/backstage-plugin-rollout-common';
import { InMemoryRolloutApi } from './InMemoryRolloutApi';
import { seedMarkdown } from './seedMarkdown';
import { seedRollout } from './seedRollout';

const seed = seedRollout(seedMarkdown);
const older = seedRollout(seedMarkdown, {
  id: 'multipass-reviewer-v0.2.0',
  version: 'v0.2.0',
  previousVersion: 'v0.1.0',
  status: 'completed',
  createdAt: '2025-10-01T09:00:00.000Z',
});
const other = seedRollout(seedMarkdown, {
  id: 'payments-api-v2.1.0',
  entityRef: 'component:default/payments-api',
  version: 'v2.1.0',
});

async function rejection(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e as ResponseError,
  );
}

describe('InMemoryRolloutApi', () => {
  it('lists the rollouts of an entity, newest first, as the backend does', async () => {
    const api = new InMemoryRolloutApi(Promise.resolve([older, other, seed]));

    const { items } = await api.listRollouts({
      entityRef: 'Component:default/Multipass-Reviewer',
    });

    expect(items.map(item => item.id)).toEqual([seed.id, older.id]);
    expect(items[0].counts).toEqual({
      steps: { done: 0, total: 9 },
      checks: { done: 0, total: 7 },
      signOffs: { approved: 0, total: 4 },
    });
    expect(items[0]).not.toHaveProperty('checklist');
    expect(
      (await api.listRollouts({ status: 'completed' })).items.map(i => i.id),
    ).toEqual([older.id]);
    expect((await api.listRollouts({ limit: 1 })).items).toHaveLength(1);
  });

  it('starts each history with the creation of the rollout', async () => {
    const api = new InMemoryRolloutApi([seed]);

    await expect(api.getRolloutEvents(seed.id)).resolves.toEqual([
      expect.objectContaining({
        rolloutId: seed.id,
        actor: 'user:default/release-manager',
        type: 'rollout.created',
        revision: 1,
      }),
    ]);
  });

  it('prints the checklist back to markdown', async () => {
    const api = new InMemoryRolloutApi([seed]);

    const markdown = await api.getRolloutMarkdown(seed.id);

    expect(parseChecklist(markdown).steps).toEqual(seed.checklist.steps);
  });

  it('ticks a check, bumping the revision and adding to the history', async () => {
    const api = new InMemoryRolloutApi([seed], { actor: 'user:default/ops' });

    const ticked = await api.setPreflightCheck(seed.id, 'check-2', {
      expectedRevision: 1,
      checked: true,
    });

    expect(ticked.revision).toBe(2);
    expect(ticked.checklist.preflightChecks[1]).toMatchObject({
      checked: true,
      checkedBy: 'user:default/ops',
      checkedAt: expect.any(String),
    });
    await expect(api.getRollout(seed.id)).resolves.toEqual(ticked);
    const [latest] = await api.getRolloutEvents(seed.id);
    expect(latest).toMatchObject({
      type: 'preflight.checked',
      actor: 'user:default/ops',
      revision: 2,
    });

    const unticked = await api.setPreflightCheck(seed.id, 'check-2', {
      expectedRevision: 2,
      checked: false,
    });
    expect(unticked.revision).toBe(3);
    expect(unticked.checklist.preflightChecks[1]).toEqual(
      seed.checklist.preflightChecks[1],
    );
  });

  it('decides a sign-off, bumping the revision and adding to the history', async () => {
    const api = new InMemoryRolloutApi([seed]);

    const decided = await api.decideSignOff(seed.id, 'qa-lead', {
      expectedRevision: 1,
      decision: 'approved',
      note: 'Evidence in CI run 4312',
    });

    expect(decided.revision).toBe(2);
    expect(
      decided.checklist.signOffs.find(row => row.id === 'qa-lead'),
    ).toMatchObject({
      decision: 'approved',
      note: 'Evidence in CI run 4312',
      decidedBy: 'user:default/guest',
      decidedAt: expect.any(String),
    });
    const [latest] = await api.getRolloutEvents(seed.id);
    expect(latest).toMatchObject({
      type: 'signoff.decided',
      message: 'QA Lead: approved ("Evidence in CI run 4312")',
      revision: 2,
    });
  });

  it('makes up gates for every metric, alert and criterion of the checklist', async () => {
    const api = new InMemoryRolloutApi([seed]);

    const gates = await api.getGates(seed.id);

    expect(gates.rolloutId).toBe(seed.id);
    expect(gates.metrics.map(metric => [metric.name, metric.state])).toEqual([
      ['review_pass_runtime_seconds', 'ok'],
      ['review_pass_failures_total', 'warning'],
      ['llm_request_latency_seconds', 'ok'],
      ['modular_reviewer_sessions_total', 'ok'],
    ]);
    for (const metric of gates.metrics) {
      expect(metric.series.length).toBeGreaterThanOrEqual(2);
      expect(metric.series.at(-1)?.[1]).toBe(metric.value);
    }
    expect(gates.alerts.map(alert => alert.alertId)).toEqual(
      seed.checklist.alerts.map(alert => alert.id),
    );
    expect(
      gates.criteria.map(criterion => [criterion.kind, criterion.state]),
    ).toEqual([
      ['manual', 'unknown'],
      ['manual', 'unknown'],
      ['query', 'ok'],
    ]);
    expect(gates.sources.prometheus.configured).toBe(true);
    expect(gates.blockedBy).toBeUndefined();
    expect(failingGates(gates)).toEqual([]);
  });

  it('answers the gates a test sets', async () => {
    const api = new InMemoryRolloutApi([seed]);
    const gates = { ...(await api.getGates(seed.id)), metrics: [] };

    api.setGates(seed.id, gates);

    await expect(api.getGates(seed.id)).resolves.toBe(gates);
  });

  it('marks a manual criterion triggered, which blocks the rollout', async () => {
    const api = new InMemoryRolloutApi([seed], { actor: 'user:default/ops' });

    const marked = await api.markCriterion(seed.id, 'criterion-2', {
      expectedRevision: 1,
      state: 'triggered',
    });

    expect(marked.revision).toBe(2);
    expect(marked.status).toBe('blocked');
    expect(marked.checklist.rollbackCriteria[1]).toMatchObject({
      state: 'triggered',
      markedBy: 'user:default/ops',
      markedAt: expect.any(String),
    });
    const gates = await api.getGates(seed.id);
    expect(gates.criteria[1]).toMatchObject({
      kind: 'manual',
      state: 'triggered',
      markedBy: 'user:default/ops',
    });
    expect(gates.blockedBy).toEqual({
      message:
        'criterion "Reviewer container emits fatal errors for multiple tasks." triggered',
      at: marked.checklist.rollbackCriteria[1].markedAt,
    });
    const [latest] = await api.getRolloutEvents(seed.id);
    expect(latest).toMatchObject({
      type: 'criterion.marked',
      actor: 'user:default/ops',
      revision: 2,
    });
  });

  it('refuses to mark a criterion that its query decides', async () => {
    const api = new InMemoryRolloutApi([seed]);

    const error = await rejection(
      api.markCriterion(seed.id, 'criterion-3', {
        expectedRevision: 1,
        state: 'ok',
      }),
    );

    expect(error.statusCode).toBe(400);
    expect((await api.getRollout(seed.id)).revision).toBe(1);
  });

  it('refuses a change made against a stale revision with a 409', async () => {
    const api = new InMemoryRolloutApi([seed]);
    await api.setPreflightCheck(seed.id, 'check-1', {
      expectedRevision: 1,
      checked: true,
    });

    const error = await rejection(
      api.decideSignOff(seed.id, 'qa-lead', {
        expectedRevision: 1,
        decision: 'approved',
      }),
    );

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
    expect(error.cause.message).toBe(
      `Rollout '${seed.id}' is at revision 2, not 1`,
    );
    expect((await api.getRollout(seed.id)).revision).toBe(2);
  });

  it('refuses every change of a final rollout with the rolloutFinished 409, as the backend does', async () => {
    const api = new InMemoryRolloutApi([older]);
    const refusals = await Promise.all([
      rejection(
        api.setPreflightCheck(older.id, 'check-1', {
          expectedRevision: older.revision,
          checked: true,
        }),
      ),
      rejection(
        api.decideSignOff(older.id, 'qa-lead', {
          // Even a stale read learns the rollout is final, not to retry.
          expectedRevision: older.revision - 1,
          decision: 'rejected',
        }),
      ),
      rejection(api.requestSignOffs(older.id)),
      rejection(
        api.setRolloutStatus(older.id, {
          expectedRevision: older.revision,
          status: 'in_progress',
        }),
      ),
    ]);
    for (const error of refusals) {
      expect(error.statusCode).toBe(409);
      expect(rolloutConflictReasonOf(error.body.error)).toBe('rolloutFinished');
    }
    expect(refusals[0].cause.message).toBe(
      'Rollout v0.2.0 is completed: it is final and read-only; create a new version to change it',
    );
    expect((await api.getRollout(older.id)).revision).toBe(older.revision);
  });

  describe('setRolloutStatus', () => {
    it('starts a draft and records the reason in the history', async () => {
      const draft = { ...seed, status: 'draft' as const };
      const api = new InMemoryRolloutApi([draft], {
        actor: 'user:default/ops',
      });

      const started = await api.setRolloutStatus(seed.id, {
        expectedRevision: 1,
        status: 'in_progress',
        reason: 'window opened',
      });

      expect(started).toMatchObject({ status: 'in_progress', revision: 2 });
      const [latest] = await api.getRolloutEvents(seed.id);
      expect(latest).toMatchObject({
        type: 'rollout.status',
        actor: 'user:default/ops',
        message: 'Status draft → in_progress: window opened',
        revision: 2,
      });
    });

    it.each([
      ['draft', 'completed', "'in_progress', 'blocked'"],
      ['blocked', 'completed', "'in_progress', 'rolled_back'"],
    ] as const)(
      'refuses %s → %s with a 409 naming what is allowed',
      async (from, to, allowed) => {
        const api = new InMemoryRolloutApi([{ ...seed, status: from }]);

        const error = await rejection(
          api.setRolloutStatus(seed.id, { expectedRevision: 1, status: to }),
        );

        expect(error.statusCode).toBe(409);
        expect(error.cause.message).toBe(
          `A rollout cannot go from '${from}' to '${to}'; from '${from}' it may go to ${allowed}`,
        );
        expect(await api.getRollout(seed.id)).toMatchObject({
          status: from,
          revision: 1,
        });
      },
    );

    it('refuses to complete with the 409 listing what holds the rollout up', async () => {
      const api = new InMemoryRolloutApi([seed]);

      const error = await rejection(
        api.setRolloutStatus(seed.id, {
          expectedRevision: 1,
          status: 'completed',
        }),
      );

      expect(error.statusCode).toBe(409);
      expect(error.cause.message).toMatch(
        /^The rollout cannot be completed: 7 pre-flight check\(s\) open: .+\. 4 sign-off\(s\) not approved: .*QA Lead \(pending\).*\. 9 runbook step\(s\) neither succeeded nor skipped with a reason: 1 \(pending\), /,
      );
      expect((await api.getRollout(seed.id)).status).toBe('in_progress');
    });

    it('completes once every check, sign-off, runbook step and communication item is done', async () => {
      const done = {
        ...seed,
        checklist: {
          ...seed.checklist,
          steps: seed.checklist.steps.map(step => ({
            ...step,
            status: 'succeeded' as const,
          })),
          preflightChecks: seed.checklist.preflightChecks.map(check => ({
            ...check,
            checked: true,
          })),
          signOffs: seed.checklist.signOffs.map(row => ({
            ...row,
            decision: 'approved' as const,
          })),
          communication: seed.checklist.communication.map(item => ({
            ...item,
            done: true,
          })),
        },
      };
      const api = new InMemoryRolloutApi([done]);

      await expect(
        api.setRolloutStatus(seed.id, {
          expectedRevision: 1,
          status: 'completed',
        }),
      ).resolves.toMatchObject({ status: 'completed', revision: 2 });
    });

    it("resumes a rollout a gate blocked, and a user's block is not the gate's", async () => {
      const api = new InMemoryRolloutApi([seed]);
      await api.markCriterion(seed.id, 'criterion-2', {
        expectedRevision: 1,
        state: 'triggered',
      });
      expect((await api.getGates(seed.id)).blockedBy).toBeDefined();

      await api.setRolloutStatus(seed.id, {
        expectedRevision: 2,
        status: 'in_progress',
      });
      const blocked = await api.setRolloutStatus(seed.id, {
        expectedRevision: 3,
        status: 'blocked',
        reason: 'waiting for the vendor',
      });

      expect(blocked.status).toBe('blocked');
      expect((await api.getGates(seed.id)).blockedBy).toBeUndefined();
    });
  });

  describe('editing', () => {
    /** The seed part way through: a step run, a box ticked, rows decided. */
    const underway: Rollout = {
      ...seed,
      checklist: {
        ...seed.checklist,
        steps: seed.checklist.steps.map(step =>
          step.id === 'step-1'
            ? {
                ...step,
                status: 'succeeded' as const,
                taskId: 'task-1',
                summary: 'Installed',
              }
            : step,
        ),
        preflightChecks: seed.checklist.preflightChecks.map(check =>
          check.id === 'check-1'
            ? { ...check, checked: true, checkedBy: 'user:default/ops' }
            : check,
        ),
        signOffs: seed.checklist.signOffs.map(row => {
          if (row.id === 'qa-lead') {
            return {
              ...row,
              decision: 'approved' as const,
              note: 'Evidence in CI run 4312',
              decidedBy: 'user:default/qa',
              decidedAt: '2025-11-21T09:00:00.000Z',
            };
          }
          return row.id === 'architecture-lead'
            ? { ...row, decision: 'rejected' as const, note: 'DI unclear' }
            : row;
        }),
        communication: seed.checklist.communication.map(item =>
          item.id === 'comms-1' ? { ...item, done: true } : item,
        ),
      },
    };

    it('saves a markdown edit of the runbook, keeping run state by id and resetting approvals', async () => {
      const api = new InMemoryRolloutApi([underway], {
        actor: 'user:default/release-manager',
      });
      const markdown = (await api.getRolloutMarkdown(seed.id)).replace(
        'Must pass without modifications.',
        'Must pass without modifications or new entries.',
      );

      const edited = await api.updateRolloutMarkdown(seed.id, {
        expectedRevision: 1,
        markdown,
      });

      expect(edited.revision).toBe(2);
      expect(edited.edit).toEqual({
        changed: ['steps'],
        resetRoles: ['QA Lead'],
      });
      const { steps, preflightChecks, signOffs, communication } =
        edited.checklist;
      expect(steps[1].notes).toBe(
        'Must pass without modifications or new entries.',
      );
      expect(steps[0]).toMatchObject({
        status: 'succeeded',
        taskId: 'task-1',
        summary: 'Installed',
      });
      expect(preflightChecks[0]).toMatchObject({
        checked: true,
        checkedBy: 'user:default/ops',
      });
      expect(communication[0].done).toBe(true);
      const qa = signOffs.find(row => row.id === 'qa-lead')!;
      expect(qa).toMatchObject({
        decision: 'pending',
        note: 'Evidence in CI run 4312',
        signers: ['group:default/qa-leads'],
      });
      expect(qa).not.toHaveProperty('decidedBy');
      expect(
        signOffs.find(row => row.id === 'architecture-lead'),
      ).toMatchObject({ decision: 'rejected', note: 'DI unclear' });
      await expect(api.getRollout(seed.id)).resolves.toEqual(
        expect.objectContaining({ revision: 2, checklist: edited.checklist }),
      );
      const [latest] = await api.getRolloutEvents(seed.id);
      expect(latest).toMatchObject({
        type: 'rollout.edited',
        actor: 'user:default/release-manager',
        message: 'Edited steps; the approvals of QA Lead are pending again',
        revision: 2,
      });
    });

    it('keeps approvals when the edit leaves the runbook alone, and new items start fresh', async () => {
      const api = new InMemoryRolloutApi([underway]);
      const markdown = (await api.getRolloutMarkdown(seed.id)).replace(
        '- [ ] Release notes/changelog approved by tech lead',
        '- [ ] Release notes/changelog approved by tech lead\n- [x] Dashboards linked in the runbook',
      );

      const edited = await api.updateRolloutMarkdown(seed.id, {
        expectedRevision: 1,
        markdown,
      });

      expect(edited.edit).toEqual({
        changed: ['preflightChecks'],
        resetRoles: [],
      });
      expect(edited.checklist.preflightChecks.at(-1)).toEqual({
        id: 'check-8',
        text: 'Dashboards linked in the runbook',
        checked: false,
      });
      expect(edited.checklist.signOffs).toEqual(underway.checklist.signOffs);
    });

    it('saves the document it printed without changing anything', async () => {
      const api = new InMemoryRolloutApi([underway]);

      const saved = await api.updateRolloutMarkdown(seed.id, {
        expectedRevision: 1,
        markdown: printChecklist(underway.checklist),
      });

      expect(saved.edit).toEqual({ changed: [], resetRoles: [] });
      expect(saved.checklist).toEqual(underway.checklist);
      expect((await api.getRolloutEvents(seed.id))[0].message).toBe(
        'Saved without changes',
      );
    });

    it('refuses an edit of a stale revision with the staleRevision 409', async () => {
      const api = new InMemoryRolloutApi([seed]);
      await api.setPreflightCheck(seed.id, 'check-1', {
        expectedRevision: 1,
        checked: true,
      });

      const error = await rejection(
        api.updateRolloutMarkdown(seed.id, {
          expectedRevision: 1,
          markdown: seedMarkdown.replace('Confirm package suite.', 'Suite.'),
        }),
      );

      expect(error.statusCode).toBe(409);
      expect(rolloutConflictReasonOf(error.body.error)).toBe('staleRevision');
      expect((await api.getRollout(seed.id)).checklist.steps[3].notes).toBe(
        'Confirm package suite.',
      );
    });

    it('refuses a document that is not a checklist with a 400 naming the line', async () => {
      const api = new InMemoryRolloutApi([seed]);

      const error = await rejection(
        api.updateRolloutMarkdown(seed.id, {
          expectedRevision: 1,
          markdown: 'No heading here\n',
        }),
      );

      expect(error.statusCode).toBe(400);
      expect(error.cause.message).toMatch(/^Invalid checklist: Line 1: /);
      expect((await api.getRollout(seed.id)).revision).toBe(1);
    });

    it('edits sections and fields given as JSON', async () => {
      const api = new InMemoryRolloutApi([underway]);

      const edited = await api.updateRollout(seed.id, {
        expectedRevision: 1,
        title: 'Stage 01_03 · Reviewer rollout',
        releaseNotesUrl: null,
        checklist: {
          migrationGuide: [{ text: 'Update the dependency.' }],
        },
      });

      expect(edited.edit).toEqual({
        changed: ['migrationGuide', 'title'],
        resetRoles: [],
      });
      expect(edited.title).toBe('Stage 01_03 · Reviewer rollout');
      expect(edited.checklist.migrationGuide).toEqual([
        { id: 'migration-1', text: 'Update the dependency.' },
      ]);
      expect(edited.checklist.steps).toEqual(underway.checklist.steps);
    });
  });

  describe('creating', () => {
    it('creates the next version as a draft, from a checklist with its state reset', async () => {
      const api = new InMemoryRolloutApi([seed], {
        actor: 'user:default/release-manager',
      });

      const created = await api.createRollout({
        entityRef: 'Component:default/multipass-reviewer',
        version: 'v0.4.0',
        previousVersion: 'v0.3.0',
        checklist: nextVersionChecklist(seed.checklist),
      });

      expect(created).toMatchObject({
        id: 'multipass-reviewer-v0.4.0',
        entityRef: 'component:default/multipass-reviewer',
        version: 'v0.4.0',
        previousVersion: 'v0.3.0',
        title: 'Stage 01_03 · Rollout Checklist',
        status: 'draft',
        revision: 1,
        createdBy: 'user:default/release-manager',
      });
      expect(created.checklist.signOffs.map(row => row.signers)).toEqual(
        seed.checklist.signOffs.map(row => row.signers),
      );
      const { items } = await api.listRollouts({
        entityRef: seed.entityRef,
      });
      expect(items.map(item => item.id)).toEqual([created.id, seed.id]);
      await expect(api.getRolloutEvents(created.id)).resolves.toEqual([
        expect.objectContaining({
          type: 'rollout.created',
          message:
            'Created the rollout of v0.4.0 with 10 steps, 7 pre-flight checks and 4 sign-offs',
        }),
      ]);
    });

    it('refuses a second rollout of a version with the duplicate 409', async () => {
      const api = new InMemoryRolloutApi([seed]);

      const error = await rejection(
        api.importRollout({
          entityRef: seed.entityRef,
          version: 'v0.3.0',
          markdown: seedMarkdown,
        }),
      );

      expect(error.statusCode).toBe(409);
      expect(rolloutConflictReasonOf(error.body.error)).toBe('duplicate');
      expect(error.cause.message).toBe(
        "A rollout of 'component:default/multipass-reviewer' version 'v0.3.0' already exists",
      );
    });

    it('imports a markdown checklist, or answers 400 for one it cannot read', async () => {
      const api = new InMemoryRolloutApi([]);

      const imported = await api.importRollout({
        entityRef: seed.entityRef,
        version: 'v0.3.0',
        title: 'Reviewer v0.3.0',
        markdown: seedMarkdown,
      });

      expect(imported).toMatchObject({ title: 'Reviewer v0.3.0' });
      expect(imported.checklist.steps).toEqual(
        parseChecklist(seedMarkdown).steps,
      );
      const error = await rejection(
        api.importRollout({
          entityRef: seed.entityRef,
          version: 'v0.4.0',
          markdown: '# Checklist\n',
        }),
      );
      expect(error.statusCode).toBe(400);
      expect(error.cause.message).toMatch(/^Invalid checklist: Line 1/);
    });
  });

  describe('confirmStep', () => {
    it("marks a manual step done in the runbook's order, or out of it with a reason", async () => {
      const api = new InMemoryRolloutApi([seed]);

      const refused = await rejection(
        api.confirmStep(seed.id, 'step-8', { expectedRevision: 1 }),
      );
      expect(refused.statusCode).toBe(409);
      expect(rolloutConflictReasonOf(refused.body.error)).toBe(
        'stepOutOfOrder',
      );

      const done = await api.confirmStep(seed.id, 'step-8', {
        expectedRevision: 1,
        note: 'Logs clean',
        outOfOrderReason: 'Tailed while step 7 ran',
      });
      expect(done.checklist.steps[7]).toMatchObject({
        status: 'succeeded',
        summary: 'Logs clean',
      });
      const [latest] = await api.getRolloutEvents(seed.id);
      expect(latest.message).toBe(
        'Step 8 succeeded (marked done, out of order: Tailed while step 7 ran): Logs clean',
      );
    });

    it('refuses to mark done a step that runs as a task', async () => {
      const api = new InMemoryRolloutApi([seed]);

      const error = await rejection(
        api.confirmStep(seed.id, 'step-1', { expectedRevision: 1 }),
      );

      expect(rolloutConflictReasonOf(error.body.error)).toBe('stepNotRunnable');
    });
  });

  it('answers 404 for what it does not have', async () => {
    const api = new InMemoryRolloutApi([seed]);

    expect((await rejection(api.getRollout('nope'))).statusCode).toBe(404);
    expect(
      (
        await rejection(
          api.decideSignOff(seed.id, 'release-captain', {
            expectedRevision: 1,
            decision: 'approved',
          }),
        )
      ).cause.message,
    ).toBe("No sign-off with id 'release-captain'");
  });
});
