import { ConflictError } from '@backstage/errors';
import { defaultRunbookRules } from '@rollout/backstage-plugin-rollout-common';
import { smallChecklist } from '../__testUtils__/fixtures';
import { assertTransition } from './status';

function finished() {
  const checklist = smallChecklist();
  checklist.steps[0].status = 'succeeded';
  checklist.preflightChecks[0].checked = true;
  checklist.signOffs[0].decision = 'approved';
  checklist.communication[0].done = true;
  return checklist;
}

describe('assertTransition', () => {
  it.each([
    ['draft', 'in_progress'],
    ['draft', 'blocked'],
    ['in_progress', 'blocked'],
    ['in_progress', 'rolled_back'],
    ['blocked', 'in_progress'],
    ['blocked', 'rolled_back'],
  ] as const)('allows %s → %s', (from, to) => {
    const checklist = smallChecklist();
    checklist.preflightChecks[0].checked = true;
    expect(() => assertTransition(from, to, checklist)).not.toThrow();
  });

  it('refuses to start while a pre-flight check is open, unless the rules say not', () => {
    expect(() =>
      assertTransition('draft', 'in_progress', smallChecklist()),
    ).toThrow(
      expect.objectContaining({
        reason: 'startBlocked',
        message:
          'The rollout cannot start: 1 pre-flight check(s) open: `make build`',
      }),
    );
    expect(() =>
      assertTransition('draft', 'in_progress', smallChecklist(), {
        rules: { ...defaultRunbookRules, startNeedsPreflight: false },
      }),
    ).not.toThrow();
    // Resuming a blocked rollout is not starting it.
    expect(() =>
      assertTransition('blocked', 'in_progress', smallChecklist()),
    ).not.toThrow();
  });

  it.each([
    ['draft', 'completed'],
    ['draft', 'rolled_back'],
    ['completed', 'in_progress'],
    ['rolled_back', 'draft'],
    ['in_progress', 'in_progress'],
  ] as const)('refuses %s → %s', (from, to) => {
    expect(() => assertTransition(from, to, finished())).toThrow(ConflictError);
  });

  it('completes only without blockers', () => {
    expect(() =>
      assertTransition('in_progress', 'completed', smallChecklist()),
    ).toThrow(/cannot be completed: 1 pre-flight check/);
    expect(() =>
      assertTransition('in_progress', 'completed', finished()),
    ).not.toThrow();
  });

  it('waits for communication items unless told not to', () => {
    const unsent = finished();
    unsent.communication[0].done = false;
    expect(() => assertTransition('in_progress', 'completed', unsent)).toThrow(
      /1 communication item\(s\) not done: Tell the team\./,
    );
    expect(() =>
      assertTransition('in_progress', 'completed', unsent, {
        rules: { ...defaultRunbookRules, requireCommunication: false },
      }),
    ).not.toThrow();
  });
});
