import { ZodError } from 'zod';
import { normalizeChecklist } from './ids';
import { ChecklistInput } from './requests';
import { checklistSchema } from './schema';

const minimal: ChecklistInput = {
  title: 'Rollout Checklist',
  steps: [{ number: 1, title: '`make deploy`', command: 'make deploy' }],
};

describe('normalizeChecklist', () => {
  it('fills in defaults and returns a valid checklist', () => {
    const checklist = normalizeChecklist({
      ...minimal,
      rollbackCriteria: [{ text: 'Errors spike.' }],
      migrationGuide: [{ text: 'Bump the client.' }],
      preflightChecks: [{ text: '`make test`' }],
      signOffs: [{ role: 'QA Lead' }],
      metrics: [{ name: 'review_pass_runtime_seconds' }],
      alerts: [{ name: 'ReviewerDown', source: 'Alertmanager' }],
      communication: [{ text: 'Tell the team.' }],
    });
    expect(checklist).toEqual({
      title: 'Rollout Checklist',
      steps: [
        {
          id: 'step-1',
          number: 1,
          title: '`make deploy`',
          command: 'make deploy',
          notes: '',
          kind: 'runbook',
          status: 'pending',
        },
      ],
      rollbackCriteria: [{ id: 'criterion-1', text: 'Errors spike.' }],
      migrationGuide: [{ id: 'migration-1', text: 'Bump the client.' }],
      preflightChecks: [{ id: 'check-1', text: '`make test`', checked: false }],
      signOffs: [
        {
          id: 'qa-lead',
          role: 'QA Lead',
          responsibility: '',
          signers: [],
          decision: 'pending',
          note: '',
        },
      ],
      metrics: [
        {
          id: 'review_pass_runtime_seconds',
          name: 'review_pass_runtime_seconds',
          description: '',
        },
      ],
      alerts: [
        {
          id: 'reviewerdown',
          name: 'ReviewerDown',
          source: 'Alertmanager',
          description: '',
        },
      ],
      communication: [{ id: 'comms-1', text: 'Tell the team.', done: false }],
    });
    expect(checklistSchema.parse(checklist)).toEqual(checklist);
  });

  it('defaults the optional sections to empty lists', () => {
    const checklist = normalizeChecklist(minimal);
    expect(checklist.rollbackCriteria).toEqual([]);
    expect(checklist.migrationGuide).toEqual([]);
    expect(checklist.preflightChecks).toEqual([]);
    expect(checklist.signOffs).toEqual([]);
    expect(checklist.metrics).toEqual([]);
    expect(checklist.alerts).toEqual([]);
    expect(checklist.communication).toEqual([]);
    expect(checklist).not.toHaveProperty('prose');
    expect(checklist).not.toHaveProperty('stage');
  });

  it('keeps given run state and optional fields', () => {
    const checklist = normalizeChecklist({
      ...minimal,
      stage: '01_03',
      preamble: 'Read me first.',
      steps: [
        {
          number: 4,
          title: 'Rollback: redeploy',
          notes: 'Only on failure.',
          kind: 'rollback',
          status: 'failed',
          summary: 'exit code 1',
        },
      ],
      preflightChecks: [{ text: 'Backups', checked: true, stepId: 'step-4' }],
      signOffs: [
        {
          role: 'Ops',
          responsibility: 'Runbook',
          signers: ['group:default/ops'],
          decision: 'rejected',
          note: 'Not yet.',
        },
      ],
      communication: [{ text: 'Status page', done: true }],
      prose: { runbook: { before: 'From the bastion.' } },
      extraSections: [{ heading: 'Appendix', body: 'More.' }],
    });
    expect(checklist.steps).toEqual([
      {
        id: 'step-4',
        number: 4,
        title: 'Rollback: redeploy',
        notes: 'Only on failure.',
        kind: 'rollback',
        status: 'failed',
        summary: 'exit code 1',
      },
    ]);
    expect(checklist.preflightChecks).toEqual([
      { id: 'check-1', text: 'Backups', checked: true, stepId: 'step-4' },
    ]);
    expect(checklist.signOffs[0]).toEqual({
      id: 'ops',
      role: 'Ops',
      responsibility: 'Runbook',
      signers: ['group:default/ops'],
      decision: 'rejected',
      note: 'Not yet.',
    });
    expect(checklist.communication[0].done).toBe(true);
    expect(checklist.stage).toBe('01_03');
    expect(checklist.preamble).toBe('Read me first.');
    expect(checklist.prose).toEqual({
      runbook: { before: 'From the bastion.' },
    });
    expect(checklist.extraSections).toEqual([
      { heading: 'Appendix', body: 'More.' },
    ]);
  });

  it('derives ids from roles and names', () => {
    const checklist = normalizeChecklist({
      ...minimal,
      signOffs: [
        { role: 'Architecture Lead' },
        { role: 'Product/Programme' },
        { role: '  Qualité & Sécurité  ' },
        { role: '☐ ✅' },
      ],
      metrics: [
        { name: 'review_pass_runtime_seconds' },
        { name: 'job:http_requests:rate5m' },
        { name: '__internal_total' },
        { name: 'x'.repeat(150) },
      ],
      alerts: [{ name: 'MCPReviewerJobFailuresHigh' }, { name: '🔥' }],
    });
    expect(checklist.signOffs.map(s => s.id)).toEqual([
      'architecture-lead',
      'product-programme',
      'qualite-securite',
      'signoff-4',
    ]);
    expect(checklist.metrics.map(m => m.id)).toEqual([
      'review_pass_runtime_seconds',
      'job-http_requests-rate5m',
      'internal_total',
      'x'.repeat(90),
    ]);
    expect(checklist.alerts.map(a => a.id)).toEqual([
      'mcpreviewerjobfailureshigh',
      'alert-2',
    ]);
    expect(() => checklistSchema.parse(checklist)).not.toThrow();
  });

  it('keeps given ids and never collides with them', () => {
    const checklist = normalizeChecklist({
      ...minimal,
      steps: [
        { number: 1, title: 'one' },
        { number: 1, title: 'one again' },
        { id: 'step-2', number: 7, title: 'seven' },
        { number: 2, title: 'two' },
        { number: 1, title: 'one more' },
      ],
      rollbackCriteria: [{ text: 'a' }, { id: 'criterion-1', text: 'b' }],
      preflightChecks: [{ id: 'check-2', text: 'a' }, { text: 'b' }],
      signOffs: [
        { role: 'QA Lead' },
        { role: 'qa lead' },
        { id: 'qa-lead-3', role: 'Ops' },
        { role: 'QA-Lead' },
      ],
      metrics: [{ name: 'up' }, { name: 'UP' }],
      alerts: [{ id: 'custom', name: 'Down' }, { name: 'custom' }],
      communication: [
        { text: 'a' },
        { id: 'comms-1', text: 'b' },
        { text: 'c' },
      ],
    });
    expect(checklist.steps.map(s => s.id)).toEqual([
      'step-1',
      'step-1-2',
      'step-2',
      'step-2-2',
      'step-1-3',
    ]);
    expect(checklist.rollbackCriteria.map(c => c.id)).toEqual([
      'criterion-1-2',
      'criterion-1',
    ]);
    expect(checklist.preflightChecks.map(c => c.id)).toEqual([
      'check-2',
      'check-2-2',
    ]);
    expect(checklist.signOffs.map(s => s.id)).toEqual([
      'qa-lead',
      'qa-lead-2',
      'qa-lead-3',
      'qa-lead-4',
    ]);
    expect(checklist.metrics.map(m => m.id)).toEqual(['up', 'up-2']);
    expect(checklist.alerts.map(a => a.id)).toEqual(['custom', 'custom-2']);
    expect(checklist.communication.map(c => c.id)).toEqual([
      'comms-1-2',
      'comms-1',
      'comms-3',
    ]);
  });

  it('gives the same ids every time', () => {
    const input: ChecklistInput = {
      ...minimal,
      signOffs: [{ role: 'QA Lead' }, { role: 'QA Lead' }],
    };
    expect(normalizeChecklist(input)).toEqual(normalizeChecklist(input));
    expect(normalizeChecklist(normalizeChecklist(input))).toEqual(
      normalizeChecklist(input),
    );
  });

  it('throws a ZodError for input that is not a checklist', () => {
    expect(() =>
      normalizeChecklist({ ...minimal, steps: [{ number: 1, title: '' }] }),
    ).toThrow(ZodError);
    expect(() =>
      normalizeChecklist({
        ...minimal,
        steps: [{ id: 'Step One', number: 1, title: 'x' }],
      }),
    ).toThrow(ZodError);
    expect(() =>
      normalizeChecklist({
        ...minimal,
        signOffs: [{ role: 'QA', signers: ['qa-leads'] }],
      }),
    ).toThrow(/full entity ref/);
  });
});
