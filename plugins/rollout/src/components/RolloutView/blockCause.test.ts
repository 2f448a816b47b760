import { MockTranslationApi } from '@backstage/test-utils/alpha';
import {
  Rollout,
  RolloutEvent,
} from '@rollout/backstage-plugin-rollout-common';
import { seedMarkdown } from '../../__testUtils__/seedMarkdown';
import { seedRollout } from '../../__testUtils__/seedRollout';
import { rolloutTranslationApi } from '../../__testUtils__/translationApis';
import { rolloutFormat, rolloutTranslationRef } from '../../translation';
import { blockCause } from './blockCause';

const t = MockTranslationApi.create().getTranslation(rolloutTranslationRef).t;
const format = rolloutFormat('en');

const blocked: Rollout = { ...seedRollout(seedMarkdown), status: 'blocked' };

function event(
  id: number,
  type: string,
  data: Record<string, unknown>,
): RolloutEvent {
  return {
    id,
    rolloutId: blocked.id,
    actor: 'user:default/ops',
    type,
    message: 'What the backend wrote',
    revision: id + 1,
    data,
    createdAt: '2025-11-20T09:00:00.000Z',
  };
}

const rejection = event(3, 'signoff.decided', {
  signOffId: 'operations-lead',
  decision: 'rejected',
  note: 'no on-call cover',
  from: 'in_progress',
  to: 'blocked',
});
const triggered = event(2, 'gates.blocked', {
  from: 'in_progress',
  to: 'blocked',
  gate: true,
  gates: ['alert:modularreviewerlatencyhigh', 'criterion:criterion-3'],
});
const fired = event(2, 'gates.blocked', {
  from: 'in_progress',
  to: 'blocked',
  gate: true,
  gates: ['alert:modularreviewerlatencyhigh'],
});

describe('blockCause', () => {
  it('is undefined unless the rollout is blocked', () => {
    expect(
      blockCause({ ...blocked, status: 'in_progress' }, [rejection], t, format),
    ).toBeUndefined();
    expect(blockCause(blocked, [], t, format)).toBeUndefined();
  });

  it('tells the newest block and links the rejected sign-off', () => {
    expect(blockCause(blocked, [rejection, triggered], t, format)).toEqual({
      text: 'Rejected as Operations Lead: "no on-call cover"; the rollout is blocked',
      anchor: 'rollout-signoff-operations-lead',
      label: 'Go to the Operations Lead sign-off',
    });
  });

  it('links the criterion that triggered', () => {
    expect(blockCause(blocked, [triggered], t, format)).toEqual({
      text: 'Blocked the rollout: the alert ModularReviewerLatencyHigh is firing and the rollback criterion "Prometheus `review_pass_failures_total` spikes above baseline." triggered',
      anchor: 'rollout-criterion-criterion-3',
      label: 'Go to the rollback criterion',
    });
  });

  it('links monitoring for an alert, and the history otherwise', () => {
    expect(blockCause(blocked, [fired], t, format)).toMatchObject({
      anchor: 'rollout-monitoring',
      label: 'Go to Monitoring',
    });
    expect(
      blockCause(
        blocked,
        [event(4, 'rollout.status', { from: 'in_progress', to: 'blocked' })],
        t,
        format,
      ),
    ).toEqual({
      text: 'Changed the status from in progress to blocked',
      anchor: 'rollout-history',
      label: 'Go to the history',
    });
  });

  it('speaks the language of its messages', () => {
    // Russian as the app serves it, with Russian plural rules.
    const ru = rolloutTranslationApi('ru').getTranslation(
      rolloutTranslationRef,
    ).t;
    const ruFormat = rolloutFormat('ru');
    expect(blockCause(blocked, [rejection], ru, ruFormat)).toEqual({
      text: 'Отклонено в роли Operations Lead: «no on-call cover»; выкатка заблокирована',
      anchor: 'rollout-signoff-operations-lead',
      label: 'Перейти к согласованию Operations Lead',
    });
    expect(blockCause(blocked, [fired], ru, ruFormat)).toMatchObject({
      text: 'Выкатка заблокирована: срабатывает алерт ModularReviewerLatencyHigh',
      label: 'Перейти к мониторингу',
    });
  });
});
