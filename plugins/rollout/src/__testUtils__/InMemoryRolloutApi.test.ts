import { ResponseError } from '@backstage/errors';
import {
  failingGates,
  parseChecklist,
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
      ['completed', 'in_progress', 'nothing'],
      ['rolled_back', 'in_progress', 'nothing'],
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
