import { Checklist } from './schema';

/**
 * The checklist of the next version of a rollout: the same document with
 * its run state, ticks, decisions and marks reset, and its signers kept.
 * @public
 */
export function nextVersionChecklist(checklist: Checklist): Checklist {
  return {
    ...checklist,
    steps: checklist.steps.map(
      ({
        taskId: _taskId,
        summary: _summary,
        updatedBy: _by,
        updatedAt: _at,
        ...step
      }) => ({ ...step, status: 'pending' as const }),
    ),
    rollbackCriteria: checklist.rollbackCriteria.map(
      ({ state: _state, markedBy: _by, markedAt: _at, ...criterion }) =>
        criterion,
    ),
    preflightChecks: checklist.preflightChecks.map(
      ({ checkedBy: _by, checkedAt: _at, ...check }) => ({
        ...check,
        checked: false,
      }),
    ),
    signOffs: checklist.signOffs.map(
      ({ decidedBy: _by, decidedAt: _at, ...row }) => ({
        ...row,
        decision: 'pending' as const,
        note: '',
      }),
    ),
    communication: checklist.communication.map(
      ({ doneBy: _by, doneAt: _at, sent: _sent, ...item }) => ({
        ...item,
        done: false,
      }),
    ),
  };
}
