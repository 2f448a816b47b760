import { normalizeChecklist } from './ids';
import { nextVersionChecklist } from './versions';

describe('nextVersionChecklist', () => {
  it('resets run state, ticks, decisions and marks, and keeps the document and signers', () => {
    const played = normalizeChecklist({
      title: 'Rollout Checklist',
      steps: [
        {
          number: 1,
          title: '`make build`',
          command: 'make build',
          notes: 'Must pass.',
          status: 'succeeded',
          taskId: 'task-1',
          summary: 'ok',
          updatedBy: 'user:default/ada',
          updatedAt: '2026-12-01T10:00:00.000Z',
        },
      ],
      rollbackCriteria: [
        {
          text: 'Build fails.',
          state: 'triggered',
          markedBy: 'user:default/ada',
          markedAt: '2026-12-01T10:00:00.000Z',
        },
      ],
      preflightChecks: [
        {
          text: '`make build`',
          checked: true,
          checkedBy: 'user:default/ada',
          checkedAt: '2026-12-01T10:00:00.000Z',
        },
      ],
      signOffs: [
        {
          role: 'QA Lead',
          signers: ['group:default/qa-leads'],
          decision: 'approved',
          note: 'Fine',
          decidedBy: 'user:default/quinn',
          decidedAt: '2026-12-01T10:00:00.000Z',
        },
      ],
      communication: [
        {
          text: 'Tell the team.',
          done: true,
          doneBy: 'user:default/ada',
          doneAt: '2026-12-01T10:00:00.000Z',
        },
      ],
    });
    const next = nextVersionChecklist(played);
    expect(next).toEqual(
      normalizeChecklist({
        title: 'Rollout Checklist',
        steps: [
          {
            number: 1,
            title: '`make build`',
            command: 'make build',
            notes: 'Must pass.',
          },
        ],
        rollbackCriteria: [{ text: 'Build fails.' }],
        preflightChecks: [{ text: '`make build`' }],
        signOffs: [{ role: 'QA Lead', signers: ['group:default/qa-leads'] }],
        communication: [{ text: 'Tell the team.' }],
      }),
    );
  });
});
