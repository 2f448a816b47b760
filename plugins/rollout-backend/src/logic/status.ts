import {
  Checklist,
  RolloutStatus,
  RunbookRules,
  completionBlockers,
  mayTransition,
  rolloutTransitions,
  startBlockers,
} from '@rollout/backstage-plugin-rollout-common';
import { RolloutConflictError } from '../errors';

/**
 * Throws a RolloutConflictError unless the rollout may move from `from` to `to`:
 * the transition must be allowed, starting needs the pre-flight checks done
 * (unless the rules say not), and completing needs a checklist with nothing
 * open (communication items included unless `options` says not).
 */
export function assertTransition(
  from: RolloutStatus,
  to: RolloutStatus,
  checklist: Checklist,
  options?: { communication?: boolean; rules?: RunbookRules },
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
    const blockers = completionBlockers(checklist, options);
    if (blockers.length) {
      throw new RolloutConflictError(
        'completionBlocked',
        `The rollout cannot be completed: ${blockers.join('. ')}`,
      );
    }
  }
}
