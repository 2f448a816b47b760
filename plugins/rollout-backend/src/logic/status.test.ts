import { ConflictError } from '@backstage/errors';
import { smallChecklist } from '../__testUtils__/fixtures';
import { assertTransition, completionBlockers } from './status';

function finished() {
  const checklist = smallChecklist();
  checklist.steps[0].status = 'succeeded';
  checklist.preflightChecks[0].checked = true;
  checklist.signOffs[0].decision = 'approved';
  return checklist;
}

describe('completionBlockers', () => {
  it('names open checks, unapproved sign-offs and unfinished runbook steps', () => {
    expect(completionBlockers(smallChecklist())).toEqual([
      '1 pre-flight check(s) open: `make build`',
      '1 sign-off(s) not approved: QA Lead (pending)',
      '1 runbook step(s) neither succeeded nor skipped with a reason: 1 (pending)',
    ]);
  });

  it('is empty for a finished checklist, ignoring the rollback step', () => {
    expect(completionBlockers(finished())).toEqual([]);
  });

  it('accepts a skipped step only with a reason', () => {
    const checklist = finished();
    checklist.steps[0].status = 'skipped';
    expect(completionBlockers(checklist)).toHaveLength(1);
    checklist.steps[0].summary = 'Not needed for a docs-only release';
    expect(completionBlockers(checklist)).toEqual([]);
  });
});

describe('assertTransition', () => {
  it.each([
    ['draft', 'in_progress'],
    ['draft', 'blocked'],
    ['in_progress', 'blocked'],
    ['in_progress', 'rolled_back'],
    ['blocked', 'in_progress'],
    ['blocked', 'rolled_back'],
  ] as const)('allows %s → %s', (from, to) => {
    expect(() => assertTransition(from, to, smallChecklist())).not.toThrow();
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
});
