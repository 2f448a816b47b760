import { NotFoundError } from '@backstage/errors';
import {
  Checklist,
  PreflightCheck,
  Step,
} from '@rollout/backstage-plugin-rollout-common';

/** The step with this id; NotFoundError if there is none. */
export function findStep(checklist: Checklist, stepId: string): Step {
  const step = checklist.steps.find(s => s.id === stepId);
  if (!step) {
    throw new NotFoundError(`No step with id '${stepId}'`);
  }
  return step;
}

function withStep(
  checklist: Checklist,
  stepId: string,
  change: (step: Step) => Step,
): Checklist {
  return {
    ...checklist,
    steps: checklist.steps.map(step =>
      step.id === stepId ? change(step) : step,
    ),
  };
}

/** The checklist with the step running in the given task. */
export function markStepRunning(
  checklist: Checklist,
  stepId: string,
  options: { taskId: string; by: string; now: string },
): Checklist {
  return withStep(checklist, stepId, ({ summary: _summary, ...step }) => ({
    ...step,
    status: 'running',
    taskId: options.taskId,
    updatedBy: options.by,
    updatedAt: options.now,
  }));
}

const singleCodeSpan = /^`([^`]+)`$/;

/** Whether a pre-flight check names the step's command. */
function namesCommand(check: PreflightCheck, step: Step): boolean {
  const text = check.text.trim();
  const command = singleCodeSpan.exec(text)?.[1] ?? text;
  return Boolean(step.command) && command.trim() === step.command!.trim();
}

/**
 * The checklist with the step's result. A succeeded step also ticks the
 * unchecked pre-flight checks that name its command, since the check asks
 * for exactly what the step just did. A result `byHand` (a manual step
 * marked done) keeps no task id: no task ran it.
 */
export function settleStep(
  checklist: Checklist,
  stepId: string,
  options: {
    status: 'succeeded' | 'failed';
    summary?: string;
    by: string;
    now: string;
    byHand?: boolean;
  },
): { checklist: Checklist; ticked: PreflightCheck[] } {
  const step = findStep(checklist, stepId);
  const settled = withStep(
    checklist,
    stepId,
    ({ summary: _s, taskId, ...rest }) => ({
      ...rest,
      ...(taskId && !options.byHand ? { taskId } : {}),
      status: options.status,
      ...(options.summary ? { summary: options.summary } : {}),
      updatedBy: options.by,
      updatedAt: options.now,
    }),
  );
  if (options.status !== 'succeeded') {
    return { checklist: settled, ticked: [] };
  }
  const ticked = settled.preflightChecks.filter(
    check => !check.checked && namesCommand(check, step),
  );
  const ids = new Set(ticked.map(check => check.id));
  return {
    ticked,
    checklist: {
      ...settled,
      preflightChecks: settled.preflightChecks.map(check =>
        ids.has(check.id)
          ? {
              ...check,
              checked: true,
              checkedBy: options.by,
              checkedAt: options.now,
              stepId,
            }
          : check,
      ),
    },
  };
}

/** The checklist with the step skipped for a reason. */
export function skipStep(
  checklist: Checklist,
  stepId: string,
  options: { reason: string; by: string; now: string },
): Checklist {
  return withStep(checklist, stepId, step => ({
    ...step,
    status: 'skipped',
    summary: options.reason,
    updatedBy: options.by,
    updatedAt: options.now,
  }));
}

/**
 * The checklist with a skipped step, or one marked done by hand, pending
 * again, as it was never run.
 */
export function reopenStep(
  checklist: Checklist,
  stepId: string,
  options: { by: string; now: string },
): Checklist {
  return withStep(
    checklist,
    stepId,
    ({ summary: _s, taskId: _t, ...step }) => ({
      ...step,
      status: 'pending',
      updatedBy: options.by,
      updatedAt: options.now,
    }),
  );
}
