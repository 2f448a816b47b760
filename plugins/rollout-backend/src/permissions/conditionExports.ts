import { createConditionExports } from '@backstage/plugin-permission-node';
import {
  isEntityOwner,
  isRolloutOfEntity,
  isSigner,
  rolloutPermissionResourceRef,
} from './rules';

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: rolloutPermissionResourceRef,
  rules: { isEntityOwner, isSigner, isRolloutOfEntity },
});

/**
 * Conditions for a permission policy to put on rollout permissions:
 * `isEntityOwner({ claims })` and `isSigner({ claims })` with the caller's
 * ownership refs, `isRolloutOfEntity({ entityRefs })`. Lists are filtered
 * by the same conditions in SQL.
 * @public
 */
export const rolloutConditions = conditions;

/**
 * Wraps rollout conditions into the decision a permission policy returns,
 * e.g. for `rolloutReadPermission`.
 * @public
 */
export const createRolloutConditionalDecision = createConditionalDecision;
