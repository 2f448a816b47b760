import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  ConditionTransformer,
  PermissionRuleset,
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import {
  ROLLOUT_RESOURCE_TYPE,
  Rollout,
  rolloutReadPermission,
} from '@rollout/backstage-plugin-rollout-common';
import { RolloutFilter, RolloutStore } from '../database/RolloutStore';
import { loadRollout } from '../service/loadRollout';

/** Which rollouts a caller may read: none, or all that match the filter. */
export type ReadAccess =
  | { allowed: false }
  | { allowed: true; filter?: RolloutFilter };

/** A permission on rollouts. */
export type RolloutPermission = ResourcePermission<
  typeof ROLLOUT_RESOURCE_TYPE
>;

/**
 * The permission checks of the operations. A denial is a NotAllowedError
 * (403); an unknown rollout stays a NotFoundError (404).
 */
export class RolloutAuthorizer {
  private readonly permissions: PermissionsService;
  private readonly store: RolloutStore;
  private readonly toFilter: ConditionTransformer<RolloutFilter>;
  private readonly applyConditions: (
    decision: Parameters<ReturnType<typeof createConditionAuthorizer>>[0],
    rollout: Rollout,
  ) => boolean;

  constructor(options: {
    permissions: PermissionsService;
    rules: PermissionRuleset<Rollout, RolloutFilter>;
    store: RolloutStore;
  }) {
    this.permissions = options.permissions;
    this.store = options.store;
    this.toFilter = createConditionTransformer(options.rules);
    this.applyConditions = createConditionAuthorizer(options.rules);
  }

  /** NotAllowedError unless the policy allows the caller the permission. */
  async authorize(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<void> {
    const [{ result }] = await this.permissions.authorize([{ permission }], {
      credentials,
    });
    if (result === AuthorizeResult.DENY) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
  }

  /**
   * NotAllowedError unless the policy allows the caller the permission on
   * this rollout; NotFoundError for an unknown one.
   */
  async authorizeRollout(
    credentials: BackstageCredentials,
    permission: RolloutPermission,
    id: string,
  ): Promise<void> {
    const [{ result }] = await this.permissions.authorize(
      [{ permission, resourceRef: id }],
      { credentials },
    );
    if (result === AuthorizeResult.DENY) {
      // A conditional policy denies an unknown id for want of a rollout to
      // test; answer it with the 404 that everyone else gets.
      await loadRollout(this.store, id);
      throw new NotAllowedError(
        `Not allowed: ${permission.name} on rollout '${id}'`,
      );
    }
  }

  /**
   * NotAllowedError unless the policy allows the caller the permission on a
   * rollout that is not stored yet, such as one being created: conditions
   * are applied to it here, by the same rules the store's filters follow.
   */
  async authorizeUnsaved(
    credentials: BackstageCredentials,
    permission: RolloutPermission,
    rollout: Rollout,
  ): Promise<void> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (!this.applyConditions(decision, rollout)) {
      throw new NotAllowedError(
        `Not allowed: ${permission.name} on a rollout of '${rollout.entityRef}'`,
      );
    }
  }

  /** The rollouts the caller may list, as the store can filter them. */
  async readAccess(credentials: BackstageCredentials): Promise<ReadAccess> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: rolloutReadPermission }],
      { credentials },
    );
    switch (decision.result) {
      case AuthorizeResult.DENY:
        return { allowed: false };
      case AuthorizeResult.CONDITIONAL:
        return { allowed: true, filter: this.toFilter(decision.conditions) };
      default:
        return { allowed: true };
    }
  }
}
