import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { createHash, randomBytes, timingSafeEqual } from 'crypto';
import { RolloutConflictError } from '../errors';
import { ScaffolderService } from '@backstage/plugin-scaffolder-node';
import { JsonValue } from '@backstage/types';
import {
  Rollout,
  RunStepResponse,
  RunbookRules,
  Step,
  StepLogResponse,
  defaultRunbookRules,
  isRunnableStep,
  isStepDone,
  rolloutReportKeySecret,
  stepCommand,
  stepReopenRefusal,
  stepRunRefusal,
} from '@rollout/backstage-plugin-rollout-common';
import {
  NewRolloutEvent,
  RolloutStore,
  StepRun,
} from '../database/RolloutStore';
import {
  TaskSpecStep,
  commandLog,
  isGenericFailureSummary,
} from '../logic/stepLog';
import {
  findStep,
  markStepRunning,
  reopenStep,
  settleStep,
  skipStep,
} from '../logic/steps';
import { changeItem } from './changeItem';
import { entityRolloutUrl } from './entityRolloutPath';
import { loadChangeableRollout, loadRollout } from './loadRollout';

/** How long a losing run request waits for the winner's task id. */
const CLAIM_WAIT_MS = 15_000;
const RECONCILER = 'plugin:rollout/reconciler';

/** The scaffolder task statuses after which a task does nothing more. */
const finalStatuses: Record<string, 'succeeded' | 'failed'> = {
  completed: 'succeeded',
  failed: 'failed',
  cancelled: 'failed',
};

/** The summary of a manual step marked done without a note. */
const MARKED_DONE = 'Marked done';

/** A change that turned out to have nothing to do once its row was locked. */
class NothingToDo extends Error {}

/**
 * Runs runbook steps as scaffolder tasks: one task per step at a time,
 * results reported by the task's last action, and a reconciler for the
 * reports that never come.
 */
export class StepRunner {
  constructor(
    private readonly options: {
      store: RolloutStore;
      scaffolder: ScaffolderService;
      logger: LoggerService;
      /** The template a step runs unless it names its own. */
      defaultTemplateRef?: string;
      /**
       * The template a rollback step runs unless it names its own; the
       * default template when not set.
       */
      rollbackTemplateRef?: string;
      /** The runbook's order rules; all on by default. */
      rules?: RunbookRules;
      /**
       * The app's base URL (`app.baseUrl`): the default templates get the
       * Rollout tab's URL as `rolloutUrl`, a way back from the task.
       */
      appBaseUrl?: string;
      /**
       * The plugin's own credentials, with which a failed step's task log
       * is read for its outcome; without it the reported summary stands.
       */
      auth?: Pick<AuthService, 'getOwnServiceCredentials'>;
      /**
       * Hears of each settled step, after it is stored: the gates judge
       * criteria from step results. Its failures are logged, never thrown.
       */
      onSettled?: (rollout: Rollout, step: Step) => Promise<void>;
    },
  ) {}

  /**
   * Starts the step's task on behalf of the caller, or returns the task
   * already running it. The runbook's order holds unless the caller gives
   * an `outOfOrderReason`, which the history keeps.
   */
  async run(
    rolloutId: string,
    stepId: string,
    caller: { credentials: BackstageCredentials; actor: string },
    input: { outOfOrderReason?: string } = {},
  ): Promise<RunStepResponse> {
    const { store, scaffolder } = this.options;
    const rollout = await loadChangeableRollout(store, rolloutId);
    const step = findStep(rollout.checklist, stepId);
    if (!isRunnableStep(step)) {
      throw new RolloutConflictError(
        'stepNotRunnable',
        `Step ${step.number} has no command or template to run: it is a manual step, mark it done with /confirm`,
      );
    }
    if (step.status !== 'running') {
      this.assertMayRun(rollout, step, input.outOfOrderReason);
    }
    const { templateRef, values } = this.templateOf(rollout, step);
    const claim = await store.claimStepRun({
      rolloutId,
      stepId,
      startedBy: caller.actor,
    });
    if (!claim.claimed) {
      return this.joinRun(claim.run);
    }

    // Only the task gets the key, as a secret the scaffolder never shows:
    // its report of the result is the only one accepted.
    const reportKey = randomBytes(32).toString('base64url');
    let taskId: string;
    try {
      ({ taskId } = await scaffolder.scaffold(
        {
          templateRef,
          values,
          secrets: { [rolloutReportKeySecret]: reportKey },
        },
        { credentials: caller.credentials },
      ));
    } catch (error) {
      await store.releaseStepRun(claim.run.id);
      throw templateError(error, templateRef);
    }
    await store.setStepRunTask(claim.run.id, {
      taskId,
      reportKeyHash: hashOf(reportKey),
    });

    const outOfOrder = this.refusal(rollout, step)?.overridable
      ? input.outOfOrderReason
      : undefined;
    const updated = await this.mutate(rolloutId, current => ({
      checklist: markStepRunning(current.checklist, stepId, {
        taskId,
        by: caller.actor,
        now: new Date().toISOString(),
      }),
      event: {
        actor: caller.actor,
        type: 'step.started',
        message: `Started step ${step.number} (${
          step.title
        }) as scaffolder task ${taskId}${
          outOfOrder ? `, out of order: ${outOfOrder}` : ''
        }`,
        data: {
          stepId,
          taskId,
          templateRef,
          ...(outOfOrder ? { outOfOrderReason: outOfOrder } : {}),
        },
      },
    }));
    return { taskId, step: findStep(updated.checklist, stepId) };
  }

  /**
   * Records what the step's task reports about it: only the task of the
   * step's active run reports, with the key it was given as a secret.
   */
  async report(
    rolloutId: string,
    stepId: string,
    result: {
      status: 'succeeded' | 'failed';
      summary?: string;
      taskId: string;
      reportKey: string;
    },
    actor: string,
  ): Promise<Rollout> {
    const step = findStep((await this.rollout(rolloutId)).checklist, stepId);
    const run = await this.options.store.getActiveStepRun(rolloutId, stepId);
    if (!run?.taskId) {
      throw new RolloutConflictError(
        'reportRefused',
        `Step ${step.number} has no running task, so there is no result to report: run it first`,
      );
    }
    if (
      run.taskId !== result.taskId ||
      !run.reportKeyHash ||
      !sameHash(run.reportKeyHash, hashOf(result.reportKey))
    ) {
      throw new NotAllowedError(
        `Only the task running step ${step.number} may report its result`,
      );
    }
    const rollout = await this.settle(rolloutId, stepId, {
      status: result.status,
      summary:
        result.status === 'failed'
          ? await this.failureSummary(result.taskId, result.summary)
          : result.summary,
      actor,
      how: `task ${result.taskId} reported`,
    });
    await this.options.store.finishStepRun({
      rolloutId,
      stepId,
      outcome: result.status,
    });
    return rollout;
  }

  /**
   * Records a result that no task reported, for history replayed from
   * elsewhere (the demo data); no API call reaches it.
   */
  async recordResult(
    rolloutId: string,
    stepId: string,
    result: { status: 'succeeded' | 'failed'; summary?: string },
    actor: string,
  ): Promise<Rollout> {
    return this.settle(rolloutId, stepId, {
      ...result,
      actor,
      how: 'recorded',
    });
  }

  /**
   * Marks a manual step done by the person who did it, with their note as
   * its summary (`Marked done` without one), on the latest revision unless
   * the step changed after `expectedRevision`.
   */
  async confirm(
    rolloutId: string,
    stepId: string,
    input: {
      expectedRevision: number;
      note?: string;
      outOfOrderReason?: string;
    },
    actor: string,
    options: { replay?: boolean } = {},
  ): Promise<Rollout> {
    const rollout = await this.changeStep(
      rolloutId,
      stepId,
      input.expectedRevision,
      (step, current, stored) => {
        if (isRunnableStep(step)) {
          throw new RolloutConflictError(
            'stepNotRunnable',
            `Step ${step.number} runs as a task: run it rather than marking it done`,
          );
        }
        if (!options.replay) {
          this.assertMayRun(stored, step, input.outOfOrderReason);
        }
        const outOfOrder = this.refusal(stored, step)?.overridable
          ? input.outOfOrderReason
          : undefined;
        const { checklist, ticked } = settleStep(current, stepId, {
          status: 'succeeded',
          summary: input.note ?? MARKED_DONE,
          by: actor,
          now: new Date().toISOString(),
          byHand: true,
        });
        return {
          checklist,
          event: settledEvent(step, 'succeeded', 'marked done', actor, {
            summary: input.note,
            note: input.note,
            ticked: ticked.map(c => c.text),
            outOfOrderReason: outOfOrder,
          }),
        };
      },
    );
    return this.afterSettled(rollout, stepId, actor);
  }

  /**
   * Skips a step that is not running and has not succeeded, with the
   * reason recorded as its summary: completion accepts a skipped step.
   * Applies to the latest revision unless the step changed after
   * `expectedRevision`.
   */
  async skip(
    rolloutId: string,
    stepId: string,
    input: { expectedRevision: number; reason: string },
    actor: string,
  ): Promise<Rollout> {
    return this.changeStep(
      rolloutId,
      stepId,
      input.expectedRevision,
      (step, current) => {
        if (step.status === 'running' || step.status === 'succeeded') {
          throw new RolloutConflictError(
            'stepNotRunnable',
            `Step ${step.number} ${
              step.status === 'running'
                ? `is running as task ${step.taskId}; wait for its result`
                : 'has succeeded'
            }, so it cannot be skipped`,
          );
        }
        return {
          checklist: skipStep(current, stepId, {
            reason: input.reason,
            by: actor,
            now: new Date().toISOString(),
          }),
          event: {
            actor,
            type: 'step.skipped',
            message: `Skipped step ${step.number} (${step.title}): ${input.reason}`,
            data: { stepId, reason: input.reason },
          },
        };
      },
    );
  }

  /**
   * Undoes what a person did to a step, a skip or a mark done: the step is
   * pending again. A step a task ran, or runs, is refused (409
   * `stepNotReopenable`). Applies to the latest revision unless the step
   * changed after `expectedRevision`.
   */
  async reopen(
    rolloutId: string,
    stepId: string,
    input: { expectedRevision: number },
    actor: string,
  ): Promise<Rollout> {
    return this.changeStep(
      rolloutId,
      stepId,
      input.expectedRevision,
      (step, current) => {
        const refusal = stepReopenRefusal(step);
        if (refusal) {
          throw new RolloutConflictError(refusal.reason, refusal.message);
        }
        const from = step.status as 'skipped' | 'succeeded';
        return {
          checklist: reopenStep(current, stepId, {
            by: actor,
            now: new Date().toISOString(),
          }),
          event: {
            actor,
            type: 'step.reopened',
            message: `Reopened step ${step.number} (${step.title}), which was ${
              from === 'skipped' ? 'skipped' : 'marked done'
            }`,
            data: { stepId, number: step.number, from },
          },
        };
      },
    );
  }

  /** A change of one step, checked against the revision the caller read. */
  private async changeStep(
    rolloutId: string,
    stepId: string,
    expectedRevision: number,
    change: (
      step: Step,
      checklist: Rollout['checklist'],
      rollout: Rollout,
    ) => { checklist: Rollout['checklist']; event: NewRolloutEvent },
  ): Promise<Rollout> {
    return changeItem(this.options.store, {
      rolloutId,
      expectedRevision,
      item: { section: 'steps', id: stepId, noun: 'step' },
      change: rollout => {
        const { checklist, event } = change(
          findStep(rollout.checklist, stepId),
          rollout.checklist,
          rollout,
        );
        return { changes: { checklist }, event };
      },
    });
  }

  /**
   * Settles steps whose task has finished without reporting (a crash, a
   * restart, a template without the report action), from the task's own
   * status. Returns how many it settled.
   */
  async reconcile(credentials: BackstageCredentials): Promise<number> {
    const { store, scaffolder, logger } = this.options;
    let settled = 0;
    for (const run of await store.listActiveStepRuns()) {
      try {
        const task = await scaffolder.getTask(
          { taskId: run.taskId! },
          { credentials },
        );
        const status = finalStatuses[task.status];
        if (!status) {
          continue;
        }
        const rollout = await store.getRollout(run.rolloutId);
        const step = rollout?.checklist.steps.find(s => s.id === run.stepId);
        if (step?.status === 'running' && step.taskId === run.taskId) {
          const summary = `Task ${run.taskId} ${task.status} without reporting a result`;
          await this.settle(run.rolloutId, run.stepId, {
            status,
            summary:
              status === 'failed'
                ? await this.failureSummary(run.taskId!, summary, task.spec)
                : summary,
            actor: RECONCILER,
            how: `task ${run.taskId} ${task.status}`,
          });
          settled += 1;
        }
        await store.finishStepRun({
          rolloutId: run.rolloutId,
          stepId: run.stepId,
          outcome: task.status,
        });
      } catch (error) {
        logger.warn(
          `Could not reconcile step ${run.stepId} of rollout ${run.rolloutId}: ${error}`,
        );
      }
    }
    return settled;
  }

  /**
   * The output of the commands of the step's task, read on behalf of the
   * caller: the last lines, how the failing command ended and its exit
   * code (see {@link commandLog}).
   */
  async log(
    rolloutId: string,
    stepId: string,
    credentials: BackstageCredentials,
  ): Promise<StepLogResponse> {
    const step = findStep((await this.rollout(rolloutId)).checklist, stepId);
    if (!step.taskId) {
      return { lines: [], truncated: false };
    }
    return {
      taskId: step.taskId,
      ...(await this.taskLog(step.taskId, credentials)),
    };
  }

  /** The command log of a task; the task's spec when the caller has it. */
  private async taskLog(
    taskId: string,
    credentials: BackstageCredentials,
    spec?: { steps?: unknown },
  ): Promise<Omit<StepLogResponse, 'taskId'>> {
    const { scaffolder } = this.options;
    const [steps, events] = await Promise.all([
      spec
        ? spec.steps
        : scaffolder
            .getTask({ taskId }, { credentials })
            .then(task => task.spec.steps),
      scaffolder.getLogs({ taskId }, { credentials }),
    ]);
    return commandLog(steps as TaskSpecStep[] | undefined, events);
  }

  /**
   * The summary to keep for a failed step: the reported one, unless it
   * says no more than that the step failed and the task's log says how its
   * command ended (`Command "make review-test" exited with code 2`). The
   * log is read with the plugin's own credentials; when it cannot be, the
   * reported summary stands: a result is never lost for want of a log.
   */
  private async failureSummary(
    taskId: string,
    reported: string | undefined,
    spec?: { steps?: unknown },
  ): Promise<string | undefined> {
    const { auth, logger } = this.options;
    if (!auth || !isGenericFailureSummary(reported)) {
      return reported;
    }
    try {
      const credentials = await auth.getOwnServiceCredentials();
      const { outcome } = await this.taskLog(taskId, credentials, spec);
      return outcome ?? reported;
    } catch (error) {
      logger.warn(`Could not read the log of task ${taskId}: ${error}`);
      return reported;
    }
  }

  private async settle(
    rolloutId: string,
    stepId: string,
    result: {
      status: 'succeeded' | 'failed';
      summary?: string;
      actor: string;
      how: string;
    },
  ): Promise<Rollout> {
    const settled = await this.mutate(rolloutId, current => {
      const step = findStep(current.checklist, stepId);
      const { checklist, ticked } = settleStep(current.checklist, stepId, {
        status: result.status,
        summary: result.summary,
        by: result.actor,
        now: new Date().toISOString(),
      });
      return {
        checklist,
        event: settledEvent(step, result.status, result.how, result.actor, {
          summary: result.summary,
          ticked: ticked.map(c => c.text),
        }),
      };
    });
    return this.afterSettled(settled, stepId, result.actor);
  }

  /**
   * What follows a settled step: when it was the last rollback step to
   * succeed, the rollout is rolled back to its previous version; then the
   * `onSettled` hook hears of it (the gates may block the rollout).
   * Answers the rollout as it stands after all that.
   */
  private async afterSettled(
    rollout: Rollout,
    stepId: string,
    actor: string,
  ): Promise<Rollout> {
    const step = findStep(rollout.checklist, stepId);
    const rolledBack =
      step.kind === 'rollback' && step.status === 'succeeded'
        ? await this.completeRollback(rollout.id, actor)
        : undefined;
    const latest = rolledBack ?? rollout;
    if (!this.options.onSettled) {
      return latest;
    }
    try {
      await this.options.onSettled(latest, findStep(latest.checklist, stepId));
    } catch (error) {
      this.options.logger.warn(
        `Could not act on the result of step ${stepId} of rollout ${rollout.id}: ${error}`,
      );
    }
    return this.rollout(rollout.id);
  }

  /**
   * Rolls a started rollout back once every rollback step is done, and says
   * which version it went back to. Nothing happens otherwise.
   */
  private async completeRollback(
    rolloutId: string,
    actor: string,
  ): Promise<Rollout | undefined> {
    const ready = (rollout: Rollout) =>
      (rollout.status === 'in_progress' || rollout.status === 'blocked') &&
      rollout.checklist.steps
        .filter(s => s.kind === 'rollback')
        .every(isStepDone);
    if (!ready(await this.rollout(rolloutId))) {
      return undefined;
    }
    try {
      return await this.options.store.changeRollout({
        id: rolloutId,
        change: async current => {
          if (!ready(current)) {
            // Someone acted meanwhile: their change stands.
            throw new NothingToDo();
          }
          const rollback = current.checklist.steps.filter(
            s => s.kind === 'rollback',
          );
          const to = current.previousVersion;
          return {
            changes: { status: 'rolled_back' as const },
            event: {
              actor,
              type: 'rollout.rolledBack',
              message: `Rolled back from ${current.version} to ${
                to ?? 'the previous version'
              }: rollback step${rollback.length > 1 ? 's' : ''} ${rollback
                .map(s => s.number)
                .join(', ')} succeeded`,
              data: {
                from: current.status,
                to: 'rolled_back',
                version: current.version,
                ...(to ? { previousVersion: to } : {}),
                stepIds: rollback.map(s => s.id),
              },
            },
          };
        },
      });
    } catch (error) {
      if (error instanceof NothingToDo) {
        return undefined;
      }
      throw error;
    }
  }

  /** Why the step may not run now under the rules, if it may not. */
  private refusal(rollout: Rollout, step: Step) {
    return stepRunRefusal(
      rollout,
      step,
      this.options.rules ?? defaultRunbookRules,
    );
  }

  /**
   * Throws the refusal of the rules, unless it gives way to the reason the
   * caller gave to run the step out of order.
   */
  private assertMayRun(
    rollout: Rollout,
    step: Step,
    outOfOrderReason: string | undefined,
  ) {
    const refusal = this.refusal(rollout, step);
    if (refusal && !(refusal.overridable && outOfOrderReason)) {
      throw new RolloutConflictError(refusal.reason, refusal.message);
    }
  }

  /**
   * The template a step runs and its values. A rollback step also gets the
   * version it rolls back from and the one it goes back to, and its command
   * with `<prev-tag>` and the like filled in. The configured templates also
   * get `rolloutUrl`, their way back to the tab; a step's own template gets
   * only the values it names, which its parameters may not allow more of.
   */
  private templateOf(
    rollout: Rollout,
    step: Step,
  ): { templateRef: string; values: Record<string, JsonValue> } {
    const rollback: Record<string, JsonValue> =
      step.kind === 'rollback'
        ? {
            version: rollout.version,
            previousVersion: rollout.previousVersion ?? '',
          }
        : {};
    // Every template gets the way back to the tab, its own ones too.
    const rolloutUrl = entityRolloutUrl(this.options.appBaseUrl, rollout);
    const backLink: Record<string, JsonValue> = rolloutUrl
      ? { rolloutUrl }
      : {};
    if (step.action) {
      return {
        templateRef: step.action.templateRef,
        values: {
          // Validated as a JSON object when the checklist was stored.
          ...((step.action.values ?? {}) as Record<string, JsonValue>),
          ...(step.kind === 'rollback'
            ? { entityRef: rollout.entityRef, ...rollback }
            : {}),
          ...backLink,
        },
      };
    }
    const templateRef =
      (step.kind === 'rollback' && this.options.rollbackTemplateRef) ||
      this.options.defaultTemplateRef;
    if (!templateRef) {
      throw new ServiceUnavailableError(
        step.kind === 'rollback'
          ? 'No rollback template is configured: set rollout.steps.rollbackTemplate or rollout.steps.defaultTemplate in app-config'
          : 'No step template is configured: set rollout.steps.defaultTemplate in app-config',
      );
    }
    return {
      templateRef,
      values: {
        rolloutId: rollout.id,
        stepId: step.id,
        command: stepCommand(step, rollout.previousVersion) ?? '',
        entityRef: rollout.entityRef,
        ...rollback,
        ...backLink,
      },
    };
  }

  /** Waits for a concurrent request's task to be recorded, then joins it. */
  private async joinRun(run: StepRun): Promise<RunStepResponse> {
    const { store } = this.options;
    const deadline = Date.now() + CLAIM_WAIT_MS;
    let current: StepRun | undefined = run;
    while (current && !current.taskId && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 100));
      current = await store.getActiveStepRun(run.rolloutId, run.stepId);
    }
    if (!current?.taskId) {
      throw new RolloutConflictError(
        'stepNotRunnable',
        `Step '${run.stepId}' is being started by another request; try again`,
      );
    }
    const rollout = await this.rollout(run.rolloutId);
    return {
      taskId: current.taskId,
      step: findStep(rollout.checklist, run.stepId),
    };
  }

  /**
   * Applies a change computed from the rollout as it stands, in the store's
   * transaction on its row: changes made by tasks and the reconciler never
   * lose to a concurrent edit.
   */
  private async mutate(
    rolloutId: string,
    change: (current: Rollout) => {
      checklist: Rollout['checklist'];
      event: NewRolloutEvent;
    },
  ): Promise<Rollout> {
    return this.options.store.changeRollout({
      id: rolloutId,
      change: async current => {
        const { checklist, event } = change(current);
        return { changes: { checklist }, event };
      },
    });
  }

  private async rollout(id: string): Promise<Rollout> {
    return loadRollout(this.options.store, id);
  }
}

function hashOf(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  return (
    a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))
  );
}

/**
 * The scaffolder's refusal to start a step's task, as the client can act on
 * it: a template the catalog does not hold (yet) is a 409 saying so, not a
 * 500 wrapping the scaffolder's 404.
 */
function templateError(error: unknown, templateRef: string): unknown {
  const status = (error as { response?: { status?: number } }).response?.status;
  if (error instanceof NotFoundError || status === 404) {
    return new RolloutConflictError(
      'templateUnavailable',
      `The step template '${templateRef}' is not in the catalog yet: try again once the catalog has read it`,
    );
  }
  return error;
}

function settledEvent(
  step: Step,
  status: 'succeeded' | 'failed',
  how: string,
  actor: string,
  details: {
    summary?: string;
    note?: string;
    ticked: string[];
    outOfOrderReason?: string;
  },
): NewRolloutEvent {
  const outOfOrder = details.outOfOrderReason
    ? `, out of order: ${details.outOfOrderReason}`
    : '';
  const ticked = details.ticked.length
    ? `; ticked pre-flight check ${details.ticked
        .map(t => `"${t}"`)
        .join(', ')}`
    : '';
  return {
    actor,
    type: `step.${status}`,
    message: `Step ${step.number} ${status} (${how}${outOfOrder})${
      details.summary ? `: ${details.summary}` : ''
    }${ticked}`,
    data: {
      stepId: step.id,
      status,
      how,
      ...(details.summary ? { summary: details.summary } : {}),
      ...(details.note ? { note: details.note } : {}),
      ticked: details.ticked,
      ...(details.outOfOrderReason
        ? { outOfOrderReason: details.outOfOrderReason }
        : {}),
    },
  };
}
