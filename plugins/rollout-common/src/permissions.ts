import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of rollout permissions, and of the conditions a policy
 * puts on them.
 * @public
 */
export const ROLLOUT_RESOURCE_TYPE = 'rollout';

/**
 * Allows creating rollouts, from JSON or from a markdown checklist.
 * @public
 */
export const rolloutCreatePermission = createPermission({
  name: 'rollout.create',
  attributes: { action: 'create' },
});

/**
 * Allows reading a rollout: the rollout itself, its markdown, its history and
 * its place in lists.
 * @public
 */
export const rolloutReadPermission = createPermission({
  name: 'rollout.read',
  attributes: { action: 'read' },
  resourceType: ROLLOUT_RESOURCE_TYPE,
});

/**
 * Allows changing a rollout: editing its sections, ticking its pre-flight
 * checks and moving its status. Sign-offs are not covered: the signer groups
 * of each sign-off decide who may approve.
 * @public
 */
export const rolloutUpdatePermission = createPermission({
  name: 'rollout.update',
  attributes: { action: 'update' },
  resourceType: ROLLOUT_RESOURCE_TYPE,
});

/**
 * Every permission of the rollout plugin.
 * @public
 */
export const rolloutPermissions = [
  rolloutCreatePermission,
  rolloutReadPermission,
  rolloutUpdatePermission,
];
