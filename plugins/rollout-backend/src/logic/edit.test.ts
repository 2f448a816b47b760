import { smallChecklist } from '../__testUtils__/fixtures';
import { applyChecklistEdit, withoutAttribution } from './edit';

function withState() {
  const checklist = smallChecklist();
  checklist.steps[0] = {
    ...checklist.steps[0],
    status: 'succeeded',
    taskId: 'task-1',
  };
  checklist.preflightChecks[0] = {
    ...checklist.preflightChecks[0],
    checked: true,
    checkedBy: 'user:default/quinn',
    checkedAt: '2026-11-26T00:00:00.000Z',
  };
  checklist.signOffs[0] = {
    ...checklist.signOffs[0],
    decision: 'approved',
    note: 'fine',
    decidedBy: 'user:default/quinn',
    decidedAt: '2026-11-26T00:00:00.000Z',
  };
  return checklist;
}

describe('applyChecklistEdit', () => {
  it('keeps run state by id and ignores state sent with the edit', () => {
    const current = withState();
    const { checklist, changedSections, resetRoles } = applyChecklistEdit(
      current,
      {
        preflightChecks: [
          { id: 'check-1', text: '`make build` (CI)', checked: false },
          { text: 'Docs reviewed', checked: true },
        ],
      },
    );
    expect(checklist.preflightChecks).toEqual([
      { ...current.preflightChecks[0], text: '`make build` (CI)' },
      { id: 'check-2', text: 'Docs reviewed', checked: false },
    ]);
    expect(changedSections).toEqual(['preflightChecks']);
    expect(resetRoles).toEqual([]);
    expect(checklist.signOffs[0].decision).toBe('approved');
  });

  it('resets approvals when the steps or rollback criteria change', () => {
    const current = withState();
    const { checklist, resetRoles } = applyChecklistEdit(current, {
      rollbackCriteria: [{ text: 'Build fails twice.' }],
    });
    expect(resetRoles).toEqual(['QA Lead']);
    expect(checklist.signOffs[0]).toEqual({
      id: 'qa-lead',
      role: 'QA Lead',
      responsibility: 'Approves tests',
      signers: ['group:default/qa-leads'],
      decision: 'pending',
      note: 'fine',
    });
    expect(checklist.steps[0].status).toBe('succeeded');
  });

  it('reports no change for an identical edit', () => {
    const current = withState();
    const { checklist, changedSections, resetRoles } = applyChecklistEdit(
      current,
      { steps: current.steps },
    );
    expect(changedSections).toEqual([]);
    expect(resetRoles).toEqual([]);
    expect(checklist).toEqual(current);
  });
});

describe('withoutAttribution', () => {
  it('keeps state but drops who, when and task', () => {
    const checklist = withoutAttribution(withState());
    expect(checklist.steps[0]).toEqual({
      ...smallChecklist().steps[0],
      status: 'succeeded',
    });
    expect(checklist.preflightChecks[0]).toEqual({
      id: 'check-1',
      text: '`make build`',
      checked: true,
    });
    expect(checklist.signOffs[0].decision).toBe('approved');
    expect(checklist.signOffs[0].decidedBy).toBeUndefined();
  });
});
