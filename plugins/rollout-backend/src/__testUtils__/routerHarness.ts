import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SignersByRole } from '@rollout/backstage-plugin-rollout-common';
import express from 'express';
import { EntityCatalog } from '../catalog/EntityCatalog';
import { DatabaseRolloutStore } from '../database/DatabaseRolloutStore';
import { readGatesConfig } from '../gates/config';
import { GateEvaluator } from '../gates/GateEvaluator';
import { RolloutOperations } from '../operations/RolloutOperations';
import { readAnnouncementConfig } from '../logic/announcement';
import { Announcements } from '../service/Announcements';
import { GatesService } from '../service/GatesService';
import { createRouter } from '../service/router';
import { RolloutService } from '../service/RolloutService';
import { SignOffNotifier } from '../service/SignOffNotifier';
import { StepRunner } from '../service/StepRunner';
import {
  createTestDatabases,
  fakeScaffolder,
  rolloutPermissionRuleset,
} from './fixtures';

/** The groups of the users the router tests act as. */
export const testUserGroups: Record<string, string[]> = {
  'user:default/quinn': ['group:default/qa-leads'],
  'user:default/ada': ['group:default/architecture-leads'],
};

/**
 * The real router, operations and store over a fresh database of the given
 * kind, with the given permission policy; the scaffolder is a fake and there
 * is no Prometheus or Alertmanager, so the gates say so, row by row.
 */
export async function createRouterHarness(options: {
  databases: ReturnType<typeof createTestDatabases>;
  databaseId: 'POSTGRES_15' | 'SQLITE_3';
  permissions: PermissionsService;
  /** `rollout.signOffs.signersByRole`; none by default. */
  signersByRole?: SignersByRole;
}) {
  const knex = await options.databases.init(options.databaseId);
  const store = await DatabaseRolloutStore.create({
    database: mockServices.database({ knex }),
  });
  const service = new RolloutService(store, {
    signersByRole: options.signersByRole,
  });
  const scaffolder = fakeScaffolder();
  const notifications = { send: jest.fn(async () => {}) };
  // The plugin's defaults: no Prometheus, evaluated every 30 seconds.
  const gatesConfig = readGatesConfig(new ConfigReader({}));
  const gates = new GatesService({
    store,
    evaluator: new GateEvaluator(gatesConfig),
    frequencyMs: gatesConfig.frequencyMs,
    readRollout: id => service.get(id),
    logger: mockServices.logger.mock(),
    notifications,
  });
  // Wired as the plugin wires it: a settled step is judged by the gates.
  const steps = new StepRunner({
    store,
    scaffolder,
    logger: mockServices.logger.mock(),
    defaultTemplateRef: 'template:default/rollout-step',
    rollbackTemplateRef: 'template:default/rollout-rollback',
    appBaseUrl: 'http://localhost:3000',
    auth: mockServices.auth(),
    onSettled: async rollout => {
      if (rollout.status === 'in_progress') {
        await gates.check(rollout);
      }
    },
  });
  const auditor = mockServices.auditor.mock();
  const auditEvent = { success: jest.fn(), fail: jest.fn() };
  auditor.createEvent.mockResolvedValue(auditEvent);
  // Every entity the tests release, owned by the architecture leads.
  // Maria and the QA leads, for checklists that name signers by name.
  const catalog = catalogServiceMock({
    entities: [
      ...['reviewer', 'multipass-reviewer', 'payments-api', 'x'].map(name => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name, namespace: 'default' },
        spec: { owner: 'group:default/architecture-leads' },
      })),
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: 'maria', namespace: 'default' },
        spec: { profile: { email: 'maria@example.com' } },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'qa-leads', namespace: 'default' },
        spec: { type: 'team', children: [] },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'architecture-leads', namespace: 'default' },
        spec: { type: 'team', children: [] },
      },
      // The members of the groups, as the catalog relates them, for
      // announcements.
      ...Object.entries(testUserGroups).map(([userRef, groups]) => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: userRef.split('/')[1], namespace: 'default' },
        spec: { memberOf: groups },
        relations: groups.map(targetRef => ({ type: 'memberOf', targetRef })),
      })),
    ],
  });
  const entities = new EntityCatalog({
    catalog,
    store,
    auth: mockServices.auth(),
  });
  const operations = new RolloutOperations({
    store,
    service,
    steps,
    gates,
    notifier: new SignOffNotifier({
      notifications,
      logger: mockServices.logger.mock(),
    }),
    announcements: new Announcements({
      store,
      entities,
      notifications,
      logger: mockServices.logger.mock(),
      config: readAnnouncementConfig(
        new ConfigReader({
          rollout: {
            communication: {
              audiences: {
                'release-managers': {
                  title: 'Release managers',
                  entityRefs: ['user:default/maria'],
                },
              },
            },
          },
        }),
      ),
      channels: ['web', 'email'],
      appBaseUrl: 'http://localhost:3000',
    }),
    entities,
    userInfo: {
      async getUserInfo(credentials: BackstageCredentials) {
        const { userEntityRef } = (
          credentials as BackstageCredentials<BackstageUserPrincipal>
        ).principal;
        return {
          userEntityRef,
          ownershipEntityRefs: [
            userEntityRef,
            ...(testUserGroups[userEntityRef] ?? []),
          ],
        };
      },
    },
    auditor,
    permissions: options.permissions,
    permissionRules: rolloutPermissionRuleset(),
  });
  const router = await createRouter({
    operations,
    httpAuth: mockServices.httpAuth(),
  });
  const app = express().use(router).use(mockErrorHandler());
  return {
    app,
    operations,
    knex,
    store,
    service,
    auditor,
    auditEvent,
    scaffolder,
    notifications,
  };
}
