import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { DatabaseRolloutStore } from './database/DatabaseRolloutStore';
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
      },
      async init({
        config,
        logger,
        database,
        httpRouter,
        httpAuth,
        userInfo,
        auditor,
      }) {
        const store = await DatabaseRolloutStore.create({ database });
        const service = new RolloutService(store);

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
          await createRouter({ service, httpAuth, userInfo, auditor }),
        );
      },
    });
  },
});
