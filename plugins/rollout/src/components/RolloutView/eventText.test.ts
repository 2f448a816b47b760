import { MockTranslationApi } from '@backstage/test-utils/alpha';
import { RolloutEvent } from '@rollout/backstage-plugin-rollout-common';
import { seedMarkdown } from '../../__testUtils__/seedMarkdown';
import { seedRollout } from '../../__testUtils__/seedRollout';
import { rolloutTranslationApi } from '../../__testUtils__/translationApis';
import { rolloutFormat, rolloutTranslationRef } from '../../translation';
import { describeEvent } from './eventText';

const { checklist } = seedRollout(seedMarkdown);

/** The English messages, as the app serves them by default. */
const t = MockTranslationApi.create().getTranslation(rolloutTranslationRef).t;
const format = rolloutFormat('en');

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
      'rollout.created',
      'Created the rollout of v0.3.0 with 1 step, 1 pre-flight check and 1 sign-off',
      { version: 'v0.3.0', steps: 1, preflightChecks: 1, signOffs: 1 },
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
      'rollout.rolledBack',
      'Rolled back from v0.3.0 to v0.2.0: rollback steps 9 and 10 succeeded',
      {
        from: 'blocked',
        to: 'rolled_back',
        version: 'v0.3.0',
        previousVersion: 'v0.2.0',
        stepIds: ['step-9', 'step-10'],
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
      'communication.sent',
      'Sent "Provide link to migration guide and release notes (`CHANGELOG.md`)." to 1 person by email',
      { itemId: 'comms-3', recipientCount: 1, channels: ['email'] },
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
      'signoff.decided',
      'Set the sign-off of QA Lead back to pending: "asked the wrong person"',
      {
        signOffId: 'qa-lead',
        decision: 'pending',
        note: 'asked the wrong person',
      },
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
      'step.succeeded',
      'Step 6 (`docker compose -f docker-compose.butler.yml up -d reviewer`) succeeded (task task-42 reported): all green',
      {
        stepId: 'step-6',
        status: 'succeeded',
        how: 'task task-42 reported',
        summary: 'all green',
        ticked: [],
      },
    ],
    [
      'step.succeeded',
      'Step 2 (`make lint-allowlist`) succeeded (marked done, out of order: hotfix)',
      {
        stepId: 'step-2',
        status: 'succeeded',
        how: 'marked done',
        ticked: [],
        outOfOrderReason: 'hotfix',
      },
    ],
    [
      'step.failed',
      'Step 6 (`docker compose -f docker-compose.butler.yml up -d reviewer`) failed (task task-42 cancelled): Task task-42 cancelled without reporting a result',
      {
        stepId: 'step-6',
        status: 'failed',
        how: 'task task-42 cancelled',
        summary: 'Task task-42 cancelled without reporting a result',
        ticked: [],
      },
    ],
    [
      'step.failed',
      'Step 3 (`make review-test`) failed (replayed)',
      { stepId: 'step-3', status: 'failed', how: 'replayed', ticked: [] },
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
      'step.reopened',
      'Reopened step 9 (Post-deploy: trigger sample review (`scripts/dev/run_modular_review.py`)), which was skipped',
      { stepId: 'step-9', number: 9, from: 'skipped' },
    ],
    [
      'step.reopened',
      'Reopened step 2 (`make lint-allowlist`), which was marked done',
      { stepId: 'step-2', number: 2, from: 'succeeded' },
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
      'gate.changed',
      'The rollback criterion "Reviewer container emits fatal errors for multiple tasks." went from ok to triggered',
      { gate: 'criterion:criterion-2', state: 'triggered', previous: 'ok' },
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
    expect(describeEvent(event(type, data), checklist, t, format)).toBe(
      sentence,
    );
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
    expect(describeEvent(event(type, data), checklist, t, format)).toBe(
      'What the backend wrote',
    );
  });
});

describe('describeEvent in Russian', () => {
  // Russian as the app serves it, with Russian plural rules.
  const ru = rolloutTranslationApi('ru').getTranslation(
    rolloutTranslationRef,
  ).t;
  const ruFormat = rolloutFormat('ru');

  it.each<[string, string, Record<string, unknown>]>([
    [
      'rollout.created',
      'Создана выкатка v0.3.0: 1 шаг, 3 предварительные проверки и 5 согласований',
      { version: 'v0.3.0', steps: 1, preflightChecks: 3, signOffs: 5 },
    ],
    [
      'rollout.created',
      'Создана выкатка v0.3.0: 3 шага, 21 предварительная проверка и 4 согласования',
      { version: 'v0.3.0', steps: 3, preflightChecks: 21, signOffs: 4 },
    ],
    [
      'rollout.created',
      'Создана выкатка v0.3.0: 5 шагов, 7 предварительных проверок и 1 согласование',
      { version: 'v0.3.0', steps: 5, preflightChecks: 7, signOffs: 1 },
    ],
    [
      'rollout.edited',
      'Сохранено без изменений',
      { changed: [], changedItems: {}, resetRoles: [], signersChanged: [] },
    ],
    [
      'rollout.edited',
      'Изменено: руководство по миграции, заголовок и ссылка на примечания к релизу',
      {
        changed: ['migrationGuide', 'title', 'releaseNotesUrl'],
        changedItems: { migrationGuide: ['migration-2'] },
        resetRoles: [],
        signersChanged: [],
      },
    ],
    [
      'rollout.edited',
      'Изменено: ранбук; ранбук изменился, поэтому согласования QA Lead и Operations Lead снова ожидают решения',
      {
        changed: ['steps'],
        changedItems: { steps: ['step-3'], signOffs: ['qa-lead'] },
        resetRoles: ['QA Lead', 'Operations Lead'],
        signersChanged: [],
      },
    ],
    [
      'rollout.edited',
      'Изменено: согласования; изменены согласующие: QA Lead; согласования QA Lead снова ожидают решения',
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
      'Статус изменён с «черновик» на «идёт»',
      { from: 'draft', to: 'in_progress' },
    ],
    [
      'rollout.status',
      'Статус изменён с «идёт» на «откачена»: error budget burnt',
      { from: 'in_progress', to: 'rolled_back', reason: 'error budget burnt' },
    ],
    [
      'rollout.rolledBack',
      'Выполнен откат с v0.3.0 на v0.2.0',
      {
        from: 'in_progress',
        to: 'rolled_back',
        version: 'v0.3.0',
        previousVersion: 'v0.2.0',
      },
    ],
    [
      'rollout.rolledBack',
      'Версия v0.3.0 откачена: шаг отката 10 выполнен успешно',
      {
        from: 'blocked',
        to: 'rolled_back',
        version: 'v0.3.0',
        stepIds: ['step-10'],
      },
    ],
    [
      'rollout.rolledBack',
      'Выполнен откат с v0.3.0 на v0.2.0: шаги отката 9 и 10 выполнены успешно',
      {
        from: 'blocked',
        to: 'rolled_back',
        version: 'v0.3.0',
        previousVersion: 'v0.2.0',
        stepIds: ['step-9', 'step-10'],
      },
    ],
    [
      'preflight.checked',
      'Отмечена предварительная проверка «Docker image rebuilt with `0.3.0` label»',
      { checkId: 'check-5' },
    ],
    [
      'preflight.unchecked',
      'Снята отметка с предварительной проверки «Release notes/changelog approved by tech lead»',
      { checkId: 'check-7' },
    ],
    [
      'communication.done',
      'Пункт плана коммуникаций «Provide link to migration guide and release notes (`CHANGELOG.md`).» отмечен выполненным',
      { itemId: 'comms-3' },
    ],
    [
      'communication.sent',
      'Объявление «Provide link to migration guide and release notes (`CHANGELOG.md`).» отправлено 1 получателю (веб, email)',
      { itemId: 'comms-3', recipientCount: 1, channels: ['web', 'email'] },
    ],
    [
      'communication.sent',
      'Объявление «Provide link to migration guide and release notes (`CHANGELOG.md`).» отправлено 3 получателям (email)',
      { itemId: 'comms-3', recipientCount: 3, channels: ['email'] },
    ],
    [
      'communication.sent',
      'Объявление «Provide link to migration guide and release notes (`CHANGELOG.md`).» отправлено 25 получателям (Slack)',
      { itemId: 'comms-3', recipientCount: 25, channels: ['slack'] },
    ],
    [
      'signoff.decided',
      'Одобрено в роли QA Lead',
      { signOffId: 'qa-lead', decision: 'approved', note: '' },
    ],
    [
      'signoff.decided',
      'Отклонено в роли Operations Lead: «no on-call cover»; выкатка заблокирована',
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
      'Согласование QA Lead снова ожидает решения',
      { signOffId: 'qa-lead', decision: 'pending', note: '' },
    ],
    [
      'signoff.requested',
      'Запрошено согласование у согласующих Architecture Lead и QA Lead',
      {
        requested: [
          { signOffId: 'architecture-lead', role: 'Architecture Lead' },
          { signOffId: 'qa-lead', role: 'QA Lead' },
        ],
      },
    ],
    [
      'step.started',
      'Запущен шаг 3 (`make review-test`) как задача Scaffolder task-43, вне очереди: hotfix',
      { stepId: 'step-3', taskId: 'task-43', outOfOrderReason: 'hotfix' },
    ],
    [
      'step.succeeded',
      'Шаг 3 (`make review-test`) выполнен успешно (отмечен выполненным); отмечены предварительные проверки «`make review-test`» и «Docker image rebuilt with `0.3.0` label»',
      {
        stepId: 'step-3',
        status: 'succeeded',
        how: 'marked done',
        ticked: [
          '`make review-test`',
          'Docker image rebuilt with `0.3.0` label',
        ],
      },
    ],
    [
      'step.succeeded',
      'Шаг 2 (`make lint-allowlist`) выполнен успешно; отмечена предварительная проверка «`make lint-allowlist`»',
      {
        stepId: 'step-2',
        status: 'succeeded',
        ticked: ['`make lint-allowlist`'],
      },
    ],
    [
      'step.failed',
      'Шаг 3 (`make review-test`) завершился ошибкой (результат сообщила задача task-43): exit code 2',
      {
        stepId: 'step-3',
        status: 'failed',
        how: 'task task-43 reported',
        summary: 'exit code 2',
        ticked: [],
      },
    ],
    [
      'step.skipped',
      'Пропущен шаг 9 (Post-deploy: trigger sample review (`scripts/dev/run_modular_review.py`)): no sample repository',
      { stepId: 'step-9', reason: 'no sample repository' },
    ],
    [
      'step.reopened',
      'Снова открыт шаг 2 (`make lint-allowlist`), который был отмечен выполненным',
      { stepId: 'step-2', number: 2, from: 'succeeded' },
    ],
    [
      'criterion.marked',
      'Критерий отката «Reviewer container emits fatal errors for multiple tasks.» отмечен как «сработал»; выкатка заблокирована',
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
      'Метрика review_pass_failures_total перешла из состояния «в норме» в «внимание»',
      {
        gate: 'metric:review_pass_failures_total',
        state: 'warning',
        previous: 'ok',
      },
    ],
    [
      'gate.changed',
      'Алерт MCPReviewerJobFailuresHigh в состоянии «срабатывает»',
      { gate: 'alert:mcpreviewerjobfailureshigh', state: 'firing' },
    ],
    [
      'gates.blocked',
      'Выкатка заблокирована: срабатывает алерт ModularReviewerLatencyHigh и сработал критерий отката «Prometheus `review_pass_failures_total` spikes above baseline.»',
      {
        from: 'in_progress',
        to: 'blocked',
        gate: true,
        gates: ['alert:modularreviewerlatencyhigh', 'criterion:criterion-3'],
      },
    ],
  ])('describes %s as "%s"', (type, sentence, data) => {
    expect(describeEvent(event(type, data), checklist, ru, ruFormat)).toBe(
      sentence,
    );
  });

  it('reads the message the backend wrote for an event it cannot tell', () => {
    expect(
      describeEvent(
        event('rollout.archived', { reason: 'old' }),
        checklist,
        ru,
        ruFormat,
      ),
    ).toBe('What the backend wrote');
  });
});
