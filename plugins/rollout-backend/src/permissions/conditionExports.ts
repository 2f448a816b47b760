import { createConditionExports } from '@backstage/plugin-permission-node';
import { isRolloutOfEntity, rolloutPermissionResourceRef } from './rules';

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: rolloutPermissionResourceRef,
  rules: { isRolloutOfEntity },
});

/**
 * Conditions for a permission policy to put on rollout permissions, e.g.
 * `rolloutConditions.isRolloutOfEntity({ entityRefs: [...] })`.
 * @public
 */
export const rolloutConditions = conditions;

/**
 * Wraps rollout conditions into the decision a permission policy returns,
 * e.g. for `rolloutReadPermission`.
 * @public
 */
export const createRolloutConditionalDecision = createConditionalDecision;
