import {
  Checklist,
  Rollout,
  RolloutStatus,
  RunbookRules,
  completionBlockers,
  finalRolloutRefusal,
  mayTransition,
  rolloutTransitions,
  startBlockers,
} from '@rollout/backstage-plugin-rollout-common';
import { RolloutConflictError } from '../errors';

/**
 * Throws a RolloutConflictError unless the rollout may move from `from` to `to`:
 * the transition must be allowed, starting needs the pre-flight checks done
 * (unless the rules say not), and completing needs a checklist with nothing
 * open (communication items included unless the rules say not).
 */
export function assertTransition(
  from: RolloutStatus,
  to: RolloutStatus,
  checklist: Checklist,
  options?: { rules?: RunbookRules },
): void {
  if (!mayTransition(from, to)) {
    const allowed = rolloutTransitions[from];
    throw new RolloutConflictError(
      'transitionRefused',
      `A rollout cannot go from '${from}' to '${to}'; from '${from}' it may go to ${
        allowed.length ? allowed.map(s => `'${s}'`).join(', ') : 'nothing'
      }`,
    );
  }
  if (from === 'draft' && to === 'in_progress') {
    const blockers = startBlockers(checklist, options?.rules);
    if (blockers.length) {
      throw new RolloutConflictError(
        'startBlocked',
        `The rollout cannot start: ${blockers.join('. ')}`,
      );
    }
  }
  if (to === 'completed') {
    const blockers = completionBlockers(checklist, {
      communication: options?.rules?.requireCommunication,
    });
    if (blockers.length) {
      throw new RolloutConflictError(
        'completionBlocked',
        `The rollout cannot be completed: ${blockers.join('. ')}`,
      );
    }
  }
}

/**
 * Throws a 409 `rolloutFinished` for a final rollout (completed, rolled
 * back): it is read-only, and a change needs a new version. Called on the
 * rollout as the change finds it (in the store's transaction, or at the
 * revision the change is written at), so no change slips in after the
 * rollout became final. The result of a task already running then is
 * still recorded: step reports and the reconciler do not call this.
 */
export function assertNotFinal(
  rollout: Pick<Rollout, 'status' | 'version'>,
): void {
  const refusal = finalRolloutRefusal(rollout);
  if (refusal) {
    throw new RolloutConflictError(refusal.reason, refusal.message);
  }
}
