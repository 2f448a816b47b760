import {
  Rollout,
  RolloutEvent,
} from '@rollout/backstage-plugin-rollout-common';
import { RolloutFormat, RolloutTranslationFunction } from '../../translation';
import { describeEvent } from './eventText';
import { rowAnchor } from './JumpLink';

/** What blocks a rollout, and where on the tab to see it. */
export type BlockCause = {
  /** The sentence of the event that blocked it, in the user's language. */
  text: string;
  /** The DOM id of the row or section to look at. */
  anchor: string;
  /** The link's words, such as "Go to the QA Lead sign-off". */
  label: string;
};

function dataText(event: RolloutEvent, key: string): string | undefined {
  const value = event.data?.[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Why a blocked rollout is blocked: the newest event of its history that
 * moved it to `blocked`, with a link to the rejected sign-off, the fired
 * criterion or the monitoring section. Undefined unless it is blocked.
 */
export function blockCause(
  rollout: Rollout,
  events: RolloutEvent[],
  t: RolloutTranslationFunction,
  format: RolloutFormat,
): BlockCause | undefined {
  if (rollout.status !== 'blocked') {
    return undefined;
  }
  const event = events.find(e => dataText(e, 'to') === 'blocked');
  if (!event) {
    return undefined;
  }
  const text = describeEvent(event, rollout.checklist, t, format);
  const signOff = rollout.checklist.signOffs.find(
    row => row.id === dataText(event, 'signOffId'),
  );
  if (signOff) {
    return {
      text,
      anchor: rowAnchor('signoff', signOff.id),
      label: t('history.blockCause.goToSignOff', { role: signOff.role }),
    };
  }
  const gates = event.data?.gates;
  const criterionId =
    dataText(event, 'criterionId') ??
    (Array.isArray(gates)
      ? gates
          .find(
            (gate): gate is string =>
              typeof gate === 'string' && gate.startsWith('criterion:'),
          )
          ?.slice('criterion:'.length)
      : undefined);
  const criterion = rollout.checklist.rollbackCriteria.find(
    row => row.id === criterionId,
  );
  if (criterion) {
    return {
      text,
      anchor: rowAnchor('criterion', criterion.id),
      label: t('history.blockCause.goToCriterion'),
    };
  }
  if (event.data?.gate === true) {
    return {
      text,
      anchor: 'rollout-monitoring',
      label: t('history.blockCause.goToMonitoring'),
    };
  }
  return {
    text,
    anchor: 'rollout-history',
    label: t('history.blockCause.goToHistory'),
  };
}
