import {
  Checklist,
  CommunicationItem,
  PreflightCheck,
  RolloutCounts,
  SignOff,
  Step,
} from './schema';

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

/**
 * What of a checklist is still open, section by section: the pre-flight
 * checks not ticked, the sign-offs not approved, the runbook steps neither
 * succeeded nor skipped with a reason, and the communication items not done.
 * Completion waits for all of them; the tab lists them with links.
 * @public
 */
export type OpenItems = {
  preflightChecks: PreflightCheck[];
  signOffs: SignOff[];
  steps: Step[];
  communication: CommunicationItem[];
};

/**
 * The open items of a checklist; see {@link OpenItems}.
 * @public
 */
export function openItems(checklist: Checklist): OpenItems {
  return {
    preflightChecks: checklist.preflightChecks.filter(check => !check.checked),
    signOffs: checklist.signOffs.filter(row => row.decision !== 'approved'),
    steps: checklist.steps.filter(
      step => step.kind === 'runbook' && !isStepDone(step),
    ),
    communication: checklist.communication.filter(item => !item.done),
  };
}
