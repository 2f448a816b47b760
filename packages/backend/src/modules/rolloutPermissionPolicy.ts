import {
  UserInfoService,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  createRolloutConditionalDecision,
  rolloutConditions,
} from '@rollout/backstage-plugin-rollout-backend';
import {
  rolloutCreatePermission,
  rolloutPermissions,
  rolloutReadPermission,
  rolloutSignOffDecidePermission,
  rolloutStepRunPermission,
  rolloutUpdatePermission,
} from '@rollout/backstage-plugin-rollout-common';

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const deny: PolicyDecision = { result: AuthorizeResult.DENY };

const lowerCase = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * The example policy of this app for the rollout permissions: every
 * signed-in user reads; the owners of the released entity create, edit and
 * run steps; signers decide their rows (the backend also checks that the row
 * is theirs); members of the groups in `rollout.permissions.admins` may do
 * everything. Other plugins' permissions are allowed, as the allow-all
 * policy it replaces did.
 */
export class RolloutPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly options: {
      userInfo: UserInfoService;
      /** Group refs whose members may do everything with rollouts. */
      admins: string[];
    },
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!rolloutPermissions.some(p => p.name === permission.name)) {
      return allow;
    }
    if (!user) {
      return deny;
    }
    // Decided without the user's claims, which cost a call to the auth
    // backend for tokens that do not carry them: every read, the board's
    // included, asks this.
    if (
      isPermission(permission, rolloutReadPermission) ||
      // Creating also needs rollout.update on the new rollout, which only
      // the entity's owners and admins get below.
      isPermission(permission, rolloutCreatePermission)
    ) {
      return allow;
    }
    const { ownershipEntityRefs: claims } =
      await this.options.userInfo.getUserInfo(user.credentials);
    const admins = new Set(this.options.admins.map(lowerCase));
    if (claims.some(ref => admins.has(lowerCase(ref)))) {
      return allow;
    }
    if (
      isPermission(permission, rolloutUpdatePermission) ||
      isPermission(permission, rolloutStepRunPermission)
    ) {
      return createRolloutConditionalDecision(
        permission,
        rolloutConditions.isEntityOwner({ claims }),
      );
    }
    if (isPermission(permission, rolloutSignOffDecidePermission)) {
      return createRolloutConditionalDecision(
        permission,
        rolloutConditions.isSigner({ claims }),
      );
    }
    return deny;
  }
}

/**
 * Installs {@link RolloutPermissionPolicy} as the permission backend's
 * policy, with the admin groups of `rollout.permissions.admins`.
 */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'rollout-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, userInfo }) {
        policy.setPolicy(
          new RolloutPermissionPolicy({
            userInfo,
            admins:
              config.getOptionalStringArray('rollout.permissions.admins') ?? [],
          }),
        );
      },
    });
  },
});
