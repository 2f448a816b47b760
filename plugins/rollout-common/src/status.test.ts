import { normalizeChecklist } from './ids';
import { Checklist } from './schema';
import {
  completionBlockers,
  mayTransition,
  rolloutTransitions,
} from './status';

function smallChecklist(): Checklist {
  return normalizeChecklist({
    title: 'Rollout Checklist',
    steps: [
      { number: 1, title: '`make build`', command: 'make build', notes: '' },
      { number: 2, title: 'Rollback: redeploy', kind: 'rollback', notes: '' },
    ],
    preflightChecks: [{ text: '`make build`' }],
    signOffs: [{ role: 'QA Lead', signers: ['group:default/qa-leads'] }],
    communication: [{ text: 'Tell the team.' }],
  });
}

function finished() {
  const checklist = smallChecklist();
  checklist.steps[0].status = 'succeeded';
  checklist.preflightChecks[0].checked = true;
  checklist.signOffs[0].decision = 'approved';
  checklist.communication[0].done = true;
  return checklist;
}

describe('completionBlockers', () => {
  it('names open checks, unapproved sign-offs and unfinished runbook steps', () => {
    expect(completionBlockers(smallChecklist())).toEqual([
      '1 pre-flight check(s) open: `make build`',
      '1 sign-off(s) not approved: QA Lead (pending)',
      '1 runbook step(s) neither succeeded nor skipped with a reason: 1 (pending)',
      '1 communication item(s) not done: Tell the team.',
    ]);
  });

  it('waits for communication items unless told not to', () => {
    const checklist = finished();
    checklist.communication[0].done = false;
    expect(completionBlockers(checklist)).toEqual([
      '1 communication item(s) not done: Tell the team.',
    ]);
    expect(completionBlockers(checklist, { communication: false })).toEqual([]);
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

describe('mayTransition', () => {
  it('allows what rolloutTransitions lists and nothing back to draft', () => {
    expect(mayTransition('draft', 'in_progress')).toBe(true);
    expect(mayTransition('blocked', 'in_progress')).toBe(true);
    expect(mayTransition('in_progress', 'draft')).toBe(false);
    expect(mayTransition('completed', 'rolled_back')).toBe(false);
    expect(rolloutTransitions.rolled_back).toEqual([]);
  });
});
