import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { rolloutServiceRef } from '@rollout/backstage-plugin-rollout-node';
import {
  createRolloutChecklistCreateAction,
  createRolloutCommandRunAction,
  createRolloutCommsSendAction,
  createRolloutGatesCheckAction,
  createRolloutSignoffRequestAction,
  createRolloutStepReportAction,
} from './actions';

/**
 * The rollout actions of the scaffolder: `rollout:checklist:create`,
 * `rollout:step:report`, `rollout:gates:check`, `rollout:signoff:request`,
 * `rollout:comms:send` and `rollout:command:run`.
 * @public
 */
export const scaffolderModuleRollout = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'rollout',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        rollout: rolloutServiceRef,
      },
      async init({ scaffolder, config, rollout }) {
        scaffolder.addActions(
          createRolloutChecklistCreateAction({ config, rollout }),
          createRolloutStepReportAction({ rollout }),
          createRolloutGatesCheckAction({ rollout }),
          createRolloutSignoffRequestAction({ rollout }),
          createRolloutCommsSendAction({ rollout }),
          createRolloutCommandRunAction({ config }),
        );
      },
    });
  },
});
