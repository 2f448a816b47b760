import { RolloutEvent } from '@rollout/backstage-plugin-rollout-common';
import { seedMarkdown } from '../../__testUtils__/seedMarkdown';
import { seedRollout } from '../../__testUtils__/seedRollout';
import { describeEvent } from './eventText';

const { checklist } = seedRollout(seedMarkdown);

function event(type: string, data?: Record<string, unknown>): RolloutEvent {
  return {
    id: 1,
    rolloutId: 'multipass-reviewer-v0.3.0',
    actor: 'user:default/ops',
    type,
    message: 'What the backend wrote',
    revision: 2,
    data,
    createdAt: '2025-11-20T09:00:00.000Z',
  };
}

describe('describeEvent', () => {
  it.each<[string, string, Record<string, unknown>]>([
    [
      'rollout.created',
      'Created the rollout of v0.3.0 with 10 steps, 7 pre-flight checks and 4 sign-offs',
      { version: 'v0.3.0', steps: 10, preflightChecks: 7, signOffs: 4 },
    ],
    [
      'rollout.edited',
      'Saved without changes',
      { changed: [], changedItems: {}, resetRoles: [], signersChanged: [] },
    ],
    [
      'rollout.edited',
      'Edited the migration guide, the title, and the release notes link',
      {
        changed: ['migrationGuide', 'title', 'releaseNotesUrl'],
        changedItems: { migrationGuide: ['migration-2'] },
        resetRoles: [],
        signersChanged: [],
      },
    ],
    [
      'rollout.edited',
      'Edited the runbook; the runbook changed, so the approvals of QA Lead and Operations Lead are pending again',
      {
        changed: ['steps'],
        changedItems: { steps: ['step-3'], signOffs: ['qa-lead'] },
        resetRoles: ['QA Lead', 'Operations Lead'],
        signersChanged: [],
      },
    ],
    [
      'rollout.edited',
      'Edited the sign-offs; changed who signs QA Lead; the approvals of QA Lead are pending again',
      {
        changed: ['signOffs'],
        changedItems: { signOffs: ['qa-lead'] },
        resetRoles: ['QA Lead'],
        signersChanged: [
          {
            signOffId: 'qa-lead',
            role: 'QA Lead',
            from: ['group:default/qa-leads'],
            to: ['user:default/qa-anna'],
          },
        ],
      },
    ],
    [
      'rollout.status',
      'Changed the status from draft to in progress',
      { from: 'draft', to: 'in_progress' },
    ],
    [
      'rollout.status',
      'Changed the status from in progress to rolled back: error budget burnt',
      { from: 'in_progress', to: 'rolled_back', reason: 'error budget burnt' },
    ],
    [
      'rollout.rolledBack',
      'Rolled back from v0.3.0 to v0.2.0',
      {
        from: 'in_progress',
        to: 'rolled_back',
        version: 'v0.3.0',
        previousVersion: 'v0.2.0',
      },
    ],
    [
      'rollout.rolledBack',
      'Rolled back v0.3.0: rollback step 10 succeeded',
      {
        from: 'blocked',
        to: 'rolled_back',
        version: 'v0.3.0',
        stepIds: ['step-10'],
      },
    ],
    [
      'preflight.checked',
      'Checked the pre-flight check "Docker image rebuilt with `0.3.0` label"',
      { checkId: 'check-5' },
    ],
    [
      'preflight.unchecked',
      'Unchecked the pre-flight check "Release notes/changelog approved by tech lead"',
      { checkId: 'check-7' },
    ],
    [
      'communication.done',
      'Marked the communication item "Provide link to migration guide and release notes (`CHANGELOG.md`)." done',
      { itemId: 'comms-3' },
    ],
    [
      'communication.undone',
      'Marked the communication item "Provide link to migration guide and release notes (`CHANGELOG.md`)." not done',
      { itemId: 'comms-3' },
    ],
    [
      'communication.sent',
      'Sent "Provide link to migration guide and release notes (`CHANGELOG.md`)." to 3 people by web, email',
      { itemId: 'comms-3', recipientCount: 3, channels: ['web', 'email'] },
    ],
    [
      'signoff.decided',
      'Approved as QA Lead',
      { signOffId: 'qa-lead', decision: 'approved', note: '' },
    ],
    [
      'signoff.decided',
      'Rejected as Operations Lead: "no on-call cover"; the rollout is blocked',
      {
        signOffId: 'operations-lead',
        decision: 'rejected',
        note: 'no on-call cover',
        from: 'in_progress',
        to: 'blocked',
      },
    ],
    [
      'signoff.decided',
      'Set the sign-off of QA Lead back to pending',
      { signOffId: 'qa-lead', decision: 'pending', note: '' },
    ],
    [
      'signoff.requested',
      'Asked the signers of Architecture Lead and QA Lead for sign-off',
      {
        requested: [
          {
            signOffId: 'architecture-lead',
            role: 'Architecture Lead',
            signers: ['group:default/architecture-leads'],
          },
          {
            signOffId: 'qa-lead',
            role: 'QA Lead',
            signers: ['group:default/qa-leads'],
          },
        ],
      },
    ],
    [
      'step.started',
      'Started step 6 (`docker compose -f docker-compose.butler.yml up -d reviewer`) as scaffolder task task-42',
      {
        stepId: 'step-6',
        taskId: 'task-42',
        templateRef: 'template:default/rollout-step',
      },
    ],
    [
      'step.started',
      'Started step 3 (`make review-test`) as scaffolder task task-43, out of order: hotfix',
      {
        stepId: 'step-3',
        taskId: 'task-43',
        templateRef: 'template:default/rollout-step',
        outOfOrderReason: 'hotfix',
      },
    ],
    [
      'step.succeeded',
      'Step 2 (`make lint-allowlist`) succeeded; ticked the pre-flight check "`make lint-allowlist`"',
      {
        stepId: 'step-2',
        status: 'succeeded',
        ticked: ['`make lint-allowlist`'],
      },
    ],
    [
      'step.succeeded',
      'Step 8 (Tail `docker compose logs reviewer -f`) succeeded',
      { stepId: 'step-8', status: 'succeeded', ticked: [] },
    ],
    [
      'step.succeeded',
      'Step 3 (`make review-test`) succeeded; ticked the pre-flight checks "`make review-test`" and "Docker image rebuilt with `0.3.0` label"',
      {
        stepId: 'step-3',
        status: 'succeeded',
        ticked: [
          '`make review-test`',
          'Docker image rebuilt with `0.3.0` label',
        ],
      },
    ],
    [
      'step.failed',
      'Step 3 (`make review-test`) failed, out of order: hotfix',
      {
        stepId: 'step-3',
        status: 'failed',
        ticked: [],
        outOfOrderReason: 'hotfix',
      },
    ],
    [
      'step.skipped',
      'Skipped step 9 (Post-deploy: trigger sample review (`scripts/dev/run_modular_review.py`)): no sample repository',
      { stepId: 'step-9', reason: 'no sample repository' },
    ],
    [
      'step.unskipped',
      'Undid the skip of step 9 (Post-deploy: trigger sample review (`scripts/dev/run_modular_review.py`))',
      { stepId: 'step-9' },
    ],
    [
      'criterion.marked',
      'Marked the rollback criterion "Reviewer container emits fatal errors for multiple tasks." ok',
      { criterionId: 'criterion-2', state: 'ok' },
    ],
    [
      'criterion.marked',
      'Marked the rollback criterion "Reviewer container emits fatal errors for multiple tasks." triggered; the rollout is blocked',
      {
        criterionId: 'criterion-2',
        state: 'triggered',
        from: 'in_progress',
        to: 'blocked',
        gate: true,
      },
    ],
    [
      'gate.changed',
      'The metric review_pass_failures_total went from ok to warning',
      {
        gate: 'metric:review_pass_failures_total',
        state: 'warning',
        previous: 'ok',
      },
    ],
    [
      'gate.changed',
      'The alert MCPReviewerJobFailuresHigh is firing',
      { gate: 'alert:mcpreviewerjobfailureshigh', state: 'firing' },
    ],
    [
      'gates.blocked',
      'Blocked the rollout: the alert ModularReviewerLatencyHigh is firing and the rollback criterion "Prometheus `review_pass_failures_total` spikes above baseline." triggered',
      {
        from: 'in_progress',
        to: 'blocked',
        gate: true,
        gates: ['alert:modularreviewerlatencyhigh', 'criterion:criterion-3'],
      },
    ],
  ])('describes %s as "%s"', (type, sentence, data) => {
    expect(describeEvent(event(type, data), checklist)).toBe(sentence);
  });

  it.each<[string, string, Record<string, unknown> | undefined]>([
    ['an unknown type', 'rollout.archived', { reason: 'old' }],
    ['an event without data', 'rollout.status', undefined],
    [
      'a step no longer in the checklist',
      'step.skipped',
      { stepId: 'step-99', reason: 'x' },
    ],
    [
      'a check no longer in the checklist',
      'preflight.checked',
      { checkId: 'gone' },
    ],
    [
      'a sign-off no longer in the checklist',
      'signoff.decided',
      { signOffId: 'gone', decision: 'approved' },
    ],
    [
      'an unknown decision',
      'signoff.decided',
      { signOffId: 'qa-lead', decision: 'maybe' },
    ],
    ['data of the wrong shape', 'rollout.edited', { changed: 'steps' }],
    [
      'a gate of an unknown kind',
      'gate.changed',
      { gate: 'probe:x', state: 'ok' },
    ],
    ['a gate without a kind', 'gate.changed', { gate: 'x', state: 'ok' }],
    [
      'a metric that blocked',
      'gates.blocked',
      { gates: ['metric:review_pass_failures_total'] },
    ],
    ['a block naming no gate', 'gates.blocked', { gates: [] }],
    ['a status change without its statuses', 'rollout.status', { reason: 'x' }],
    ['a type named like an object property', 'constructor', {}],
    ['a creation recorded before its counts were', 'rollout.created', {}],
  ])('reads the message for %s', (_, type, data) => {
    expect(describeEvent(event(type, data), checklist)).toBe(
      'What the backend wrote',
    );
  });
});
