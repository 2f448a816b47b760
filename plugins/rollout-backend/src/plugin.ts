import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { rolloutPermissions } from '@rollout/backstage-plugin-rollout-common';
import { DatabaseRolloutStore } from './database/DatabaseRolloutStore';
import {
  rolloutPermissionResourceRef,
  rolloutPermissionRules,
} from './permissions/rules';
import { loadDemoRollouts } from './service/demoData';
import { createRouter } from './service/router';
import { RolloutService } from './service/RolloutService';

/**
 * The rollout backend plugin: release rollouts of catalog entities, served
 * at `/api/rollout`.
 * @public
 */
export const rolloutPlugin = createBackendPlugin({
  pluginId: 'rollout',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
        auditor: coreServices.auditor,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        config,
        logger,
        database,
        httpRouter,
        httpAuth,
        userInfo,
        auditor,
        permissions,
        permissionsRegistry,
      }) {
        const store = await DatabaseRolloutStore.create({ database });
        const service = new RolloutService(store);

        permissionsRegistry.addResourceType({
          resourceRef: rolloutPermissionResourceRef,
          permissions: rolloutPermissions,
          rules: rolloutPermissionRules,
          getResources: ids => store.getRollouts(ids),
        });

        const demo = config.getOptionalConfig('rollout.demo');
        if (demo?.getOptionalBoolean('enabled')) {
          const directory = demo.getString('directory');
          const created = await loadDemoRollouts({
            directory,
            service,
            logger,
          });
          logger.info(`Loaded ${created} demo rollout(s) from ${directory}`);
        }

        httpRouter.use(
          await createRouter({
            service,
            httpAuth,
            userInfo,
            auditor,
            permissions,
            permissionRules: permissionsRegistry.getPermissionRuleset(
              rolloutPermissionResourceRef,
            ),
          }),
        );
      },
    });
  },
});
