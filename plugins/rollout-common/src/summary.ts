import { Checklist, RolloutCounts, Step } from './schema';

/**
 * Whether a step no longer holds the rollout up: it succeeded, or it was
 * skipped with a reason.
 * @public
 */
export function isStepDone(step: Step): boolean {
  return (
    step.status === 'succeeded' ||
    (step.status === 'skipped' && Boolean(step.summary?.trim()))
  );
}

/**
 * Progress counts of a checklist. Rollback steps are not counted: they run
 * only when a release goes wrong, so a finished rollout never needs them.
 * @public
 */
export function checklistCounts(checklist: Checklist): RolloutCounts {
  const runbook = checklist.steps.filter(step => step.kind === 'runbook');
  return {
    steps: {
      done: runbook.filter(isStepDone).length,
      total: runbook.length,
    },
    checks: {
      done: checklist.preflightChecks.filter(check => check.checked).length,
      total: checklist.preflightChecks.length,
    },
    signOffs: {
      approved: checklist.signOffs.filter(row => row.decision === 'approved')
        .length,
      total: checklist.signOffs.length,
    },
  };
}

/**
 * The roles whose sign-off has not been given yet.
 * @public
 */
export function pendingSignOffRoles(checklist: Checklist): string[] {
  return checklist.signOffs
    .filter(row => row.decision === 'pending')
    .map(row => row.role);
}
