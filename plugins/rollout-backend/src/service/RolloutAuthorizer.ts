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
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import {
  ROLLOUT_RESOURCE_TYPE,
  Rollout,
  rolloutReadPermission,
} from '@rollout/backstage-plugin-rollout-common';
import { RolloutFilter } from '../database/RolloutStore';
import { RolloutService } from './RolloutService';

/** Which rollouts a caller may read: none, or all that match the filter. */
export type ReadAccess =
  | { allowed: false }
  | { allowed: true; filter?: RolloutFilter };

/**
 * The permission checks of the routes, in one place. A denial is a
 * NotAllowedError (403); an unknown rollout stays a NotFoundError (404).
 */
export class RolloutAuthorizer {
  private readonly permissions: PermissionsService;
  private readonly service: RolloutService;
  private readonly toFilter: ConditionTransformer<RolloutFilter>;

  constructor(options: {
    permissions: PermissionsService;
    rules: PermissionRuleset<Rollout, RolloutFilter>;
    service: RolloutService;
  }) {
    this.permissions = options.permissions;
    this.service = options.service;
    this.toFilter = createConditionTransformer(options.rules);
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
    permission: ResourcePermission<typeof ROLLOUT_RESOURCE_TYPE>,
    id: string,
  ): Promise<void> {
    const [{ result }] = await this.permissions.authorize(
      [{ permission, resourceRef: id }],
      { credentials },
    );
    if (result === AuthorizeResult.DENY) {
      // A conditional policy denies an unknown id for want of a rollout to
      // test; answer it with the 404 that everyone else gets.
      await this.service.get(id);
      throw new NotAllowedError(
        `Not allowed: ${permission.name} on rollout '${id}'`,
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
