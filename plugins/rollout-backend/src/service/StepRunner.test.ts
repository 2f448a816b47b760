import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import {
  createTestDatabases,
  fakeScaffolder,
  smallChecklist,
} from '../__testUtils__/fixtures';
import { Rollout } from '@rollout/backstage-plugin-rollout-common';
import { DatabaseRolloutStore } from '../database/DatabaseRolloutStore';
import { RolloutStore } from '../database/RolloutStore';
import { StepRunner } from './StepRunner';

const databases = createTestDatabases();
const credentials = mockCredentials.user('user:default/ada');
const caller = { credentials, actor: 'user:default/ada' };

/** The report key the runner gave the last task it started, as a secret. */
function reportKeyOf(scaffolder: ReturnType<typeof fakeScaffolder>): string {
  const [request] = scaffolder.scaffold.mock.calls.at(-1)!;
  return request.secrets!.rolloutReportKey;
}

/** Gives step 1 a template of its own, `template:default/deploy`. */
async function giveStep1ItsOwnTemplate(store: RolloutStore, rollout: Rollout) {
  await store.updateRollout({
    id: rollout.id,
    expectedRevision: rollout.revision,
    changes: {
      checklist: {
        ...rollout.checklist,
        steps: rollout.checklist.steps.map(step =>
          step.id === 'step-1'
            ? {
                ...step,
                action: {
                  templateRef: 'template:default/deploy',
                  values: { env: 'prod' },
                },
              }
            : step,
        ),
      },
    },
    event: { actor: 'a', type: 't', message: 'm' },
  });
}

describe.each(databases.eachSupportedId())('StepRunner on %p', databaseId => {
  async function setUp() {
    const knex = await databases.init(databaseId);
    const store = await DatabaseRolloutStore.create({
      database: mockServices.database({ knex }),
    });
    const checklist = smallChecklist();
    checklist.steps.push({
      id: 'step-3',
      number: 3,
      title: 'Tail the logs',
      notes: '',
      kind: 'runbook',
      status: 'pending',
    });
    const rollout = await store.createRollout(
      {
        entityRef: 'component:default/reviewer',
        version: 'v1',
        title: 't',
        status: 'in_progress',
        checklist,
        createdBy: 'user:default/ada',
      },
      { actor: 'user:default/ada', type: 'created', message: 'created' },
    );
    const scaffolder = fakeScaffolder();
    const runner = new StepRunner({
      store,
      scaffolder,
      logger: mockServices.logger.mock(),
      defaultTemplateRef: 'template:default/rollout-step',
    });
    return { store, runner, scaffolder, rollout };
  }

  it('starts the default step template on behalf of the caller', async () => {
    const { store, runner, scaffolder, rollout } = await setUp();
    const started = await runner.run(rollout.id, 'step-1', caller);
    expect(started.taskId).toBe('task-1');
    expect(started.step).toMatchObject({
      status: 'running',
      taskId: 'task-1',
      updatedBy: 'user:default/ada',
    });
    expect(scaffolder.scaffold).toHaveBeenCalledWith(
      {
        templateRef: 'template:default/rollout-step',
        values: {
          rolloutId: rollout.id,
          stepId: 'step-1',
          command: 'make build',
          entityRef: 'component:default/reviewer',
        },
        secrets: { rolloutReportKey: expect.any(String) },
      },
      { credentials },
    );
    const events = await store.listEvents(rollout.id);
    expect(events[0]).toMatchObject({
      type: 'step.started',
      message: 'Started step 1 (`make build`) as scaffolder task task-1',
    });
  });

  it('starts exactly one task for concurrent requests and returns it to all', async () => {
    const { runner, scaffolder, rollout } = await setUp();
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => runner.run(rollout.id, 'step-1', caller)),
    );
    expect(scaffolder.scaffold).toHaveBeenCalledTimes(1);
    expect(new Set(results.map(r => r.taskId))).toEqual(new Set(['task-1']));
  });

  it('runs a step that names its own template with its values', async () => {
    const { store, runner, scaffolder, rollout } = await setUp();
    await giveStep1ItsOwnTemplate(store, rollout);
    await runner.run(rollout.id, 'step-1', caller);
    expect(scaffolder.scaffold).toHaveBeenCalledWith(
      {
        templateRef: 'template:default/deploy',
        values: { env: 'prod' },
        secrets: { rolloutReportKey: expect.any(String) },
      },
      { credentials },
    );
  });

  it('releases the claim when the task cannot start', async () => {
    const { runner, scaffolder, rollout } = await setUp();
    scaffolder.scaffold.mockRejectedValueOnce(new Error('no such template'));
    await expect(runner.run(rollout.id, 'step-1', caller)).rejects.toThrow(
      'no such template',
    );
    await expect(
      runner.run(rollout.id, 'step-1', caller),
    ).resolves.toMatchObject({ taskId: 'task-1' });
  });

  it('records a report, ticks the check naming the command and ends the run', async () => {
    const { store, runner, scaffolder, rollout } = await setUp();
    await runner.run(rollout.id, 'step-1', caller);
    const reported = await runner.report(
      rollout.id,
      'step-1',
      {
        status: 'succeeded',
        summary: 'built',
        taskId: 'task-1',
        reportKey: reportKeyOf(scaffolder),
      },
      'plugin:scaffolder',
    );
    expect(reported.checklist.steps[0]).toMatchObject({
      status: 'succeeded',
      summary: 'built',
      updatedBy: 'plugin:scaffolder',
    });
    expect(reported.checklist.preflightChecks[0]).toMatchObject({
      checked: true,
      checkedBy: 'plugin:scaffolder',
      stepId: 'step-1',
    });
    const [event] = await store.listEvents(rollout.id);
    expect(event.message).toBe(
      'Step 1 succeeded (task task-1 reported): built; ticked pre-flight check "`make build`"',
    );
    await expect(store.getActiveStepRun(rollout.id, 'step-1')).resolves.toBe(
      undefined,
    );
  });

  it('refuses a report when the step has no running task', async () => {
    const { store, runner, rollout } = await setUp();
    await expect(
      runner.report(
        rollout.id,
        'step-1',
        { status: 'succeeded', taskId: 'task-1', reportKey: 'guess' },
        'user:default/ada',
      ),
    ).rejects.toMatchObject({ name: 'ConflictError', reason: 'reportRefused' });
    const unchanged = await store.getRollout(rollout.id);
    expect(unchanged!.checklist.steps[0].status).toBe('pending');
    expect(unchanged!.revision).toBe(1);
  });

  it("refuses a report from anyone but the run's own task and key", async () => {
    const { store, runner, scaffolder, rollout } = await setUp();
    await runner.run(rollout.id, 'step-1', caller);
    const reportKey = reportKeyOf(scaffolder);
    for (const forged of [
      { taskId: 'task-1', reportKey: 'not-the-key' },
      { taskId: 'task-9', reportKey },
    ]) {
      await expect(
        runner.report(
          rollout.id,
          'step-1',
          { status: 'succeeded', ...forged },
          'user:default/ada',
        ),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
    }
    const running = await store.getRollout(rollout.id);
    expect(running!.checklist.steps[0].status).toBe('running');
    await expect(
      runner.report(
        rollout.id,
        'step-1',
        { status: 'succeeded', taskId: 'task-1', reportKey },
        'user:default/ada',
      ),
    ).resolves.toMatchObject({ revision: 3 });
  });

  it('answers 409 templateUnavailable while the catalog lacks the step template', async () => {
    const { store, runner, scaffolder, rollout } = await setUp();
    scaffolder.scaffold.mockRejectedValueOnce(
      Object.assign(new Error('Request failed with 404 Not Found'), {
        name: 'ResponseError',
        response: { status: 404 },
      }),
    );
    await expect(
      runner.run(rollout.id, 'step-1', caller),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      reason: 'templateUnavailable',
      message:
        "The step template 'template:default/rollout-step' is not in the catalog yet: try again once the catalog has read it",
    });
    await expect(store.getActiveStepRun(rollout.id, 'step-1')).resolves.toBe(
      undefined,
    );
  });

  it('confirms a manual step and refuses to run it', async () => {
    const { runner, rollout } = await setUp();
    await expect(runner.run(rollout.id, 'step-3', caller)).rejects.toThrow(
      /manual step/,
    );
    // Step 3 comes after step 1, which must be done first.
    await runner.recordResult(
      rollout.id,
      'step-1',
      { status: 'succeeded' },
      'user:default/ada',
    );
    const done = await runner.confirm(
      rollout.id,
      'step-3',
      { expectedRevision: 2, note: 'No errors for 10 minutes' },
      'user:default/ada',
    );
    expect(done.checklist.steps[2]).toMatchObject({
      status: 'succeeded',
      summary: 'No errors for 10 minutes',
      updatedBy: 'user:default/ada',
    });
    await expect(
      runner.confirm(rollout.id, 'step-1', { expectedRevision: 3 }, 'a'),
    ).rejects.toThrow(ConflictError);
    await expect(
      runner.confirm(rollout.id, 'step-3', { expectedRevision: 2 }, 'a'),
    ).rejects.toThrow(
      /The step 'step-3' of rollout '.*' changed after revision 2/,
    );
  });

  it('settles a task that finished without reporting, also after a restart', async () => {
    const { store, runner, scaffolder, rollout } = await setUp();
    await runner.run(rollout.id, 'step-1', caller);
    const own = mockCredentials.service('plugin:rollout');

    await expect(runner.reconcile(own)).resolves.toBe(0);
    scaffolder.statuses.set('task-1', 'failed');

    // A new runner over the same database, as after a restart.
    const restarted = new StepRunner({
      store,
      scaffolder,
      logger: mockServices.logger.mock(),
    });
    await expect(restarted.reconcile(own)).resolves.toBe(1);
    const settled = await store.getRollout(rollout.id);
    expect(settled!.checklist.steps[0]).toMatchObject({
      status: 'failed',
      summary: 'Task task-1 failed without reporting a result',
      updatedBy: 'plugin:rollout/reconciler',
    });
    expect(scaffolder.getTask).toHaveBeenCalledWith(
      { taskId: 'task-1' },
      { credentials: own },
    );
    await expect(restarted.reconcile(own)).resolves.toBe(0);
  });

  it('lets a step run again after it finished', async () => {
    const { runner, scaffolder, rollout } = await setUp();
    await runner.run(rollout.id, 'step-1', caller);
    await runner.report(
      rollout.id,
      'step-1',
      {
        status: 'failed',
        taskId: 'task-1',
        reportKey: reportKeyOf(scaffolder),
      },
      'x',
    );
    const again = await runner.run(rollout.id, 'step-1', caller);
    expect(again.taskId).toBe('task-2');
  });

  describe('a failed step', () => {
    const logsOf = (
      ...bodies: Array<{ message: string; stepId?: string; status?: string }>
    ) =>
      bodies.map((body, index) => ({
        id: index + 1,
        taskId: 'task-1',
        type: 'log' as const,
        createdAt: new Date().toISOString(),
        body: body as any,
      }));
    const failedLog = logsOf(
      { message: 'Beginning step Run', stepId: 'run', status: 'processing' },
      {
        message: '\u001b[32minfo\u001b[39m: Running "make build"',
        stepId: 'run',
      },
      {
        message:
          'Error: Command "make build" exited with code 2\n    at ChildProcess.<anonymous> (rolloutCommandRun.ts:190:16)',
        stepId: 'run',
        status: 'failed',
      },
      {
        message: 'Skipping step report because a previous step failed',
        stepId: 'report',
        status: 'skipped',
      },
    );

    async function setUpWithAuth() {
      const harness = await setUp();
      const auth = mockServices.auth();
      const runner = new StepRunner({
        store: harness.store,
        scaffolder: harness.scaffolder,
        logger: mockServices.logger.mock(),
        defaultTemplateRef: 'template:default/rollout-step',
        appBaseUrl: 'https://backstage.example.com/',
        auth,
      });
      return { ...harness, runner, auth };
    }

    const reportFailed = (
      runner: StepRunner,
      rolloutId: string,
      scaffolder: ReturnType<typeof fakeScaffolder>,
      summary?: string,
    ) =>
      runner.report(
        rolloutId,
        'step-1',
        {
          status: 'failed',
          summary,
          // The task of the last run.
          taskId: `task-${scaffolder.scaffold.mock.calls.length}`,
          reportKey: reportKeyOf(scaffolder),
        },
        'user:default/ada',
      );

    it('gives the template the way back to the Rollout tab', async () => {
      const { runner, scaffolder, rollout } = await setUpWithAuth();
      await runner.run(rollout.id, 'step-1', caller);
      expect(scaffolder.scaffold.mock.calls[0][0].values).toMatchObject({
        rolloutUrl:
          'https://backstage.example.com/catalog/default/component/reviewer/rollout?version=v1',
      });
    });

    it('gives a step template of its own the way back too, beside its values', async () => {
      const { runner, scaffolder, rollout, store } = await setUpWithAuth();
      await giveStep1ItsOwnTemplate(store, rollout);
      await runner.run(rollout.id, 'step-1', caller);
      expect(scaffolder.scaffold.mock.calls[0][0]).toMatchObject({
        templateRef: 'template:default/deploy',
        values: {
          env: 'prod',
          rolloutUrl:
            'https://backstage.example.com/catalog/default/component/reviewer/rollout?version=v1',
        },
      });
    });

    it("keeps how the command ended when the report says no more than that it failed, read with the plugin's own credentials", async () => {
      const { runner, scaffolder, rollout } = await setUpWithAuth();
      scaffolder.getLogs.mockResolvedValue(failedLog);
      await runner.run(rollout.id, 'step-1', caller);
      const failed = await reportFailed(
        runner,
        rollout.id,
        scaffolder,
        'make build failed',
      );
      expect(failed.checklist.steps[0]).toMatchObject({
        status: 'failed',
        summary: 'Command "make build" exited with code 2',
      });
      expect(scaffolder.getLogs).toHaveBeenCalledWith(
        { taskId: 'task-1' },
        {
          credentials: expect.objectContaining({
            principal: expect.objectContaining({ type: 'service' }),
          }),
        },
      );
      await expect(
        runner.log(rollout.id, 'step-1', credentials),
      ).resolves.toEqual({
        taskId: 'task-1',
        lines: [
          'Running "make build"',
          'Command "make build" exited with code 2',
        ],
        exitCode: 2,
        outcome: 'Command "make build" exited with code 2',
        truncated: false,
      });

      // A summary that says more stands.
      await runner.run(rollout.id, 'step-1', caller);
      const told = await reportFailed(
        runner,
        rollout.id,
        scaffolder,
        'Two flaky tests; rerun after #412',
      );
      expect(told.checklist.steps[0].summary).toBe(
        'Two flaky tests; rerun after #412',
      );
    });

    it("keeps the template's summary when the log cannot be read", async () => {
      const { runner, scaffolder, rollout } = await setUpWithAuth();
      scaffolder.getLogs.mockRejectedValue(new Error('scaffolder is down'));
      await runner.run(rollout.id, 'step-1', caller);
      const failed = await reportFailed(
        runner,
        rollout.id,
        scaffolder,
        'make build failed',
      );
      expect(failed.checklist.steps[0]).toMatchObject({
        status: 'failed',
        summary: 'make build failed',
      });
    });

    it('settles a task that failed without reporting with how its command ended', async () => {
      const { store, runner, scaffolder, rollout } = await setUpWithAuth();
      scaffolder.getLogs.mockResolvedValue(failedLog);
      await runner.run(rollout.id, 'step-1', caller);
      scaffolder.statuses.set('task-1', 'failed');
      await expect(
        runner.reconcile(mockCredentials.service('plugin:rollout')),
      ).resolves.toBe(1);
      const settled = await store.getRollout(rollout.id);
      expect(settled!.checklist.steps[0]).toMatchObject({
        status: 'failed',
        summary: 'Command "make build" exited with code 2',
        updatedBy: 'plugin:rollout/reconciler',
      });
      // The task's spec came with the task the reconciler read.
      expect(scaffolder.getTask).toHaveBeenCalledTimes(1);
    });
  });

  it('answers 503 when no step template is configured', async () => {
    const { store, scaffolder, rollout } = await setUp();
    const runner = new StepRunner({
      store,
      scaffolder,
      logger: mockServices.logger.mock(),
    });
    await expect(runner.run(rollout.id, 'step-1', caller)).rejects.toThrow(
      /rollout.steps.defaultTemplate/,
    );
    await expect(store.getActiveStepRun(rollout.id, 'step-1')).resolves.toBe(
      undefined,
    );
  });
});
