import {
  AlertGateState,
  CriterionGateState,
  MetricGateState,
  RolloutStatus,
  SignOffDecision,
  StepStatus,
  rolloutStatusSchema,
  signOffDecisionSchema,
  stepStatusSchema,
} from '@rollout/backstage-plugin-rollout-common';
import { RolloutTranslationFunction } from './ref';

/** Any state a gate can be in: of a metric, an alert or a criterion. */
export type GateState = MetricGateState | AlertGateState | CriterionGateState;

/**
 * Whether `key` names a message of a group, such as a part of
 * `rolloutMessages.history.editedPart`: a name from the server that the
 * plugin has words for.
 */
export function isKeyOf<T extends object>(
  object: T,
  key: string,
): key is Extract<keyof T, string> {
  return Object.prototype.hasOwnProperty.call(object, key);
}

function isOneOf<T extends string>(
  values: readonly T[],
  value: string,
): value is T {
  return (values as readonly string[]).includes(value);
}

/**
 * A status of a rollout, a step or a sign-off as people read it in the
 * user's language: `in_progress` reads "in progress". A status this does
 * not know reads as written, with spaces for underscores.
 */
export function statusLabel(
  t: RolloutTranslationFunction,
  status: RolloutStatus | StepStatus | SignOffDecision | string,
): string {
  if (isOneOf(rolloutStatusSchema.options, status)) {
    return t(`common.rolloutStatus.${status}`);
  }
  if (isOneOf(stepStatusSchema.options, status)) {
    return t(`common.stepStatus.${status}`);
  }
  if (isOneOf(signOffDecisionSchema.options, status)) {
    return t(`common.decision.${status}`);
  }
  return status.replace(/_/g, ' ');
}

/** A gate's state in the user's language. */
export function gateStateLabel(
  t: RolloutTranslationFunction,
  state: GateState,
): string {
  return t(`common.gateState.${state}`);
}
