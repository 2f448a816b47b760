import { ConflictError } from '@backstage/errors';
import {
  Checklist,
  RolloutStatus,
  isStepDone,
} from '@rollout/backstage-plugin-rollout-common';

const transitions: Record<RolloutStatus, readonly RolloutStatus[]> = {
  draft: ['in_progress', 'blocked'],
  in_progress: ['completed', 'rolled_back', 'blocked'],
  blocked: ['in_progress', 'rolled_back'],
  completed: [],
  rolled_back: [],
};

/**
 * What keeps a checklist from being completed, one sentence per kind of
 * blocker; empty when it may complete.
 */
export function completionBlockers(checklist: Checklist): string[] {
  const blockers: string[] = [];
  const openChecks = checklist.preflightChecks.filter(check => !check.checked);
  if (openChecks.length) {
    blockers.push(
      `${openChecks.length} pre-flight check(s) open: ${openChecks
        .map(check => check.text)
        .join('; ')}`,
    );
  }
  const unapproved = checklist.signOffs.filter(
    row => row.decision !== 'approved',
  );
  if (unapproved.length) {
    blockers.push(
      `${unapproved.length} sign-off(s) not approved: ${unapproved
        .map(row => `${row.role} (${row.decision})`)
        .join(', ')}`,
    );
  }
  const unfinished = checklist.steps.filter(
    step => step.kind === 'runbook' && !isStepDone(step),
  );
  if (unfinished.length) {
    blockers.push(
      `${
        unfinished.length
      } runbook step(s) neither succeeded nor skipped with a reason: ${unfinished
        .map(step => `${step.number} (${step.status})`)
        .join(', ')}`,
    );
  }
  return blockers;
}

/**
 * Throws a ConflictError unless the rollout may move from `from` to `to`.
 */
export function assertTransition(
  from: RolloutStatus,
  to: RolloutStatus,
  checklist: Checklist,
): void {
  if (!transitions[from].includes(to)) {
    const allowed = transitions[from];
    throw new ConflictError(
      `A rollout cannot go from '${from}' to '${to}'; from '${from}' it may go to ${
        allowed.length ? allowed.map(s => `'${s}'`).join(', ') : 'nothing'
      }`,
    );
  }
  if (to === 'completed') {
    const blockers = completionBlockers(checklist);
    if (blockers.length) {
      throw new ConflictError(
        `The rollout cannot be completed: ${blockers.join('. ')}`,
      );
    }
  }
}
