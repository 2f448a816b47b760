import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of rollout permissions, and of the conditions a policy
 * puts on them.
 * @public
 */
export const ROLLOUT_RESOURCE_TYPE = 'rollout';

/**
 * Allows creating rollouts, from JSON or from a markdown checklist. The
 * backend also asks for {@link rolloutUpdatePermission} on the rollout as it
 * would be created, so a policy that lets only an entity's owners edit its
 * rollouts also lets only them create one.
 * @public
 */
export const rolloutCreatePermission = createPermission({
  name: 'rollout.create',
  attributes: { action: 'create' },
});

/**
 * Allows reading a rollout: the rollout itself, its markdown, its history,
 * its gates, its step logs and its place in lists.
 * @public
 */
export const rolloutReadPermission = createPermission({
  name: 'rollout.read',
  attributes: { action: 'read' },
  resourceType: ROLLOUT_RESOURCE_TYPE,
});

/**
 * Allows changing a rollout: editing its sections, ticking its pre-flight
 * checks and communication items, marking its rollback criteria and moving
 * its status.
 * @public
 */
export const rolloutUpdatePermission = createPermission({
  name: 'rollout.update',
  attributes: { action: 'update' },
  resourceType: ROLLOUT_RESOURCE_TYPE,
});

/**
 * Allows running a rollout's runbook steps as scaffolder tasks, marking
 * manual steps done and reporting a step's result.
 * @public
 */
export const rolloutStepRunPermission = createPermission({
  name: 'rollout.step.run',
  attributes: { action: 'update' },
  resourceType: ROLLOUT_RESOURCE_TYPE,
});

/**
 * Allows deciding sign-offs of a rollout. Whatever the policy says, only a
 * row's signers decide it: this permission narrows who may, never widens.
 * @public
 */
export const rolloutSignOffDecidePermission = createPermission({
  name: 'rollout.signoff.decide',
  attributes: { action: 'update' },
  resourceType: ROLLOUT_RESOURCE_TYPE,
});

/**
 * Allows changing who signs a rollout's sign-off rows: their signers, and
 * which rows there are. Without it, someone who may edit a rollout could
 * make themselves the signer of a row and approve it. A row whose signers
 * change is reset to pending, and the change is recorded.
 * @public
 */
export const rolloutSignersUpdatePermission = createPermission({
  name: 'rollout.signers.update',
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
  rolloutStepRunPermission,
  rolloutSignOffDecidePermission,
  rolloutSignersUpdatePermission,
];
