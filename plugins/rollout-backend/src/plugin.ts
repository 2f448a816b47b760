import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { readDurationFromConfig } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { scaffolderServiceRef } from '@backstage/plugin-scaffolder-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  readRunbookRules,
  readSignersByRole,
  rolloutPermissions,
  rolloutSignalChannel,
} from '@rollout/backstage-plugin-rollout-common';
import { EntityCatalog } from './catalog/EntityCatalog';
import { DatabaseRolloutStore } from './database/DatabaseRolloutStore';
import { readGatesConfig } from './gates/config';
import { GateEvaluator } from './gates/GateEvaluator';
import {
  rolloutPermissionResourceRef,
  rolloutPermissionRules,
} from './permissions/rules';
import { RolloutOperations } from './operations/RolloutOperations';
import { loadDemoRollouts } from './service/demoData';
import { registerRolloutActions } from './actions/rolloutActions';
import { Announcements } from './service/Announcements';
import { readAnnouncementConfig } from './logic/announcement';
import { GatesService } from './service/GatesService';
import { createRouter } from './service/router';
import { RolloutService } from './service/RolloutService';
import { SignOffNotifier } from './service/SignOffNotifier';
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
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
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
        catalog,
        signals,
        notifications,
        actionsRegistry,
      }) {
        const gatesConfig = readGatesConfig(config);
        const announcementConfig = readAnnouncementConfig(config);
        // Open Rollout tabs listen on the rollout's channel and reload.
        const publish = (rolloutId: string, revision?: number) =>
          signals
            .publish({
              recipients: { type: 'broadcast' },
              channel: rolloutSignalChannel(rolloutId),
              message: { rolloutId, ...(revision ? { revision } : {}) },
            })
            .catch(error =>
              logger.warn(`Could not signal a rollout change: ${error}`),
            );
        const store = await DatabaseRolloutStore.create({
          database,
          onChange: rollout => publish(rollout.id, rollout.revision),
        });
        const rules = readRunbookRules(config);
        const service = new RolloutService(store, {
          rules,
          signersByRole: readSignersByRole(config),
        });
        const gates = new GatesService({
          store,
          evaluator: new GateEvaluator(gatesConfig),
          frequencyMs: gatesConfig.frequencyMs,
          readRollout: id => service.get(id),
          logger,
          notifications,
          onGatesChanged: rolloutId => publish(rolloutId),
        });
        const steps = new StepRunner({
          store,
          scaffolder,
          logger,
          defaultTemplateRef: config.getOptionalString(
            'rollout.steps.defaultTemplate',
          ),
          rollbackTemplateRef: config.getOptionalString(
            'rollout.steps.rollbackTemplate',
          ),
          rules,
          appBaseUrl: config.getOptionalString('app.baseUrl'),
          auth,
          // A step result may trigger a rollback criterion: judge it now
          // rather than at the next scheduled evaluation.
          onSettled: async rollout => {
            if (rollout.status === 'in_progress') {
              await gates.check(rollout);
            }
          },
        });

        // Scheduled tasks run on one replica at a time, once per interval
        // across all of them (the scheduler's lock is in the database).
        await scheduler.scheduleTask({
          id: 'rollout-step-reconciler',
          frequency: config.has('rollout.steps.reconcileFrequency')
            ? readDurationFromConfig(config, {
                key: 'rollout.steps.reconcileFrequency',
              })
            : { seconds: 30 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 10 },
          fn: async () => {
            const settled = await steps.reconcile(
              await auth.getOwnServiceCredentials(),
            );
            logger.debug(`Step reconciler ran: settled ${settled}`);
            if (settled) {
              logger.info(
                `Settled ${settled} step(s) whose task never reported`,
              );
            }
          },
        });

        await scheduler.scheduleTask({
          id: 'rollout-gates',
          frequency: { milliseconds: gatesConfig.frequencyMs },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 15 },
          fn: async () => {
            const { evaluated, blocked } = await gates.checkAll();
            logger.debug(`Gate evaluation ran: evaluated ${evaluated}`);
            if (blocked) {
              logger.info(
                `Gates blocked ${blocked} of ${evaluated} rollout(s) evaluated`,
              );
            }
          },
        });

        const entities = new EntityCatalog({ catalog, store, auth });
        await scheduler.scheduleTask({
          id: 'rollout-owner-refresh',
          frequency: config.has('rollout.owners.refreshFrequency')
            ? readDurationFromConfig(config, {
                key: 'rollout.owners.refreshFrequency',
              })
            : { minutes: 5 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 5 },
          fn: async () => {
            const changed = await entities.refresh();
            if (changed) {
              logger.info(
                `The catalog changed the owner of ${changed} rollout(s)`,
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
            steps,
            logger,
          });
          logger.info(`Loaded ${created} demo rollout(s) from ${directory}`);
        }

        const operations = new RolloutOperations({
          store,
          service,
          steps,
          gates,
          notifier: new SignOffNotifier({ notifications, logger }),
          announcements: new Announcements({
            store,
            entities,
            notifications,
            logger,
            config: announcementConfig,
            channels: Announcements.channelsOf(config),
            appBaseUrl: config.getOptionalString('app.baseUrl'),
          }),
          entities,
          auditor,
          userInfo,
          permissions,
          permissionRules: permissionsRegistry.getPermissionRuleset(
            rolloutPermissionResourceRef,
          ),
        });
        httpRouter.use(await createRouter({ httpAuth, operations }));
        registerRolloutActions({
          actionsRegistry,
          operations,
          appBaseUrl: config.getOptionalString('app.baseUrl'),
        });
      },
    });
  },
});
