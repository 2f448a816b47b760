import {
  Checklist,
  RolloutStatus,
  completionBlockers,
  mayTransition,
  rolloutTransitions,
} from '@rollout/backstage-plugin-rollout-common';
import { RolloutConflictError } from '../errors';

/**
 * Throws a RolloutConflictError unless the rollout may move from `from` to `to`:
 * the transition must be allowed, and completing needs a checklist with
 * nothing open (communication items included unless `options` says not).
 */
export function assertTransition(
  from: RolloutStatus,
  to: RolloutStatus,
  checklist: Checklist,
  options?: { communication?: boolean },
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
  if (to === 'completed') {
    const blockers = completionBlockers(checklist, options);
    if (blockers.length) {
      throw new RolloutConflictError(
        'completionBlocked',
        `The rollout cannot be completed: ${blockers.join('. ')}`,
      );
    }
  }
}
