import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { scaffolderServiceRef } from '@backstage/plugin-scaffolder-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { rolloutPermissions } from '@rollout/backstage-plugin-rollout-common';
import { DatabaseRolloutStore } from './database/DatabaseRolloutStore';
import {
  rolloutPermissionResourceRef,
  rolloutPermissionRules,
} from './permissions/rules';
import { loadDemoRollouts } from './service/demoData';
import { createRouter } from './service/router';
import { RolloutService } from './service/RolloutService';
import { StepRunner } from './service/StepRunner';

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
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        scaffolder: scaffolderServiceRef,
        signals: signalsServiceRef,
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
        scheduler,
        auth,
        scaffolder,
        signals,
      }) {
        const store = await DatabaseRolloutStore.create({
          database,
          // Open Rollout tabs listen on the rollout's channel and reload.
          onChange: rollout =>
            signals
              .publish({
                recipients: { type: 'broadcast' },
                channel: `rollout:${rollout.id}`,
                message: { rolloutId: rollout.id, revision: rollout.revision },
              })
              .catch(error =>
                logger.warn(`Could not signal a rollout change: ${error}`),
              ),
        });
        const service = new RolloutService(store);
        const steps = new StepRunner({
          store,
          scaffolder,
          logger,
          defaultTemplateRef: config.getOptionalString(
            'rollout.steps.defaultTemplate',
          ),
        });

        await scheduler.scheduleTask({
          id: 'rollout-step-reconciler',
          frequency: { seconds: 30 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 10 },
          fn: async () => {
            const settled = await steps.reconcile(
              await auth.getOwnServiceCredentials(),
            );
            if (settled) {
              logger.info(
                `Settled ${settled} step(s) whose task never reported`,
              );
            }
          },
        });

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
            steps,
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
