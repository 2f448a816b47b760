import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  rolloutStepRunPermission,
  rolloutUpdatePermission,
} from '@rollout/backstage-plugin-rollout-common';
import {
  createTestDatabases,
  fakeScaffolder,
  rolloutPermissionRuleset,
  smallChecklist,
} from '../__testUtils__/fixtures';
import { EntityCatalog } from '../catalog/EntityCatalog';
import { DatabaseRolloutStore } from '../database/DatabaseRolloutStore';
import { readGatesConfig } from '../gates/config';
import { GateEvaluator } from '../gates/GateEvaluator';
import { readAnnouncementConfig } from '../logic/announcement';
import { Announcements } from '../service/Announcements';
import { GatesService } from '../service/GatesService';
import { RolloutService } from '../service/RolloutService';
import { SignOffNotifier } from '../service/SignOffNotifier';
import { StepRunner } from '../service/StepRunner';
import { RolloutOperations } from './RolloutOperations';

const databases = createTestDatabases();

// Called as the actions registry will: credentials, no HTTP request.
describe('RolloutOperations without an HTTP request', () => {
  async function setUp() {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseRolloutStore.create({
      database: mockServices.database({ knex }),
    });
    const logger = mockServices.logger.mock();
    const notifications = { send: jest.fn(async () => {}) };
    const service = new RolloutService(store);
    const permissions = mockServices.permissions.mock();
    const auditor = mockServices.auditor.mock();
    const event = { success: jest.fn(), fail: jest.fn() };
    auditor.createEvent.mockResolvedValue(event);
    const catalog = catalogServiceMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'reviewer', namespace: 'default' },
          spec: { owner: 'team-a' },
        },
      ],
    });
    const entities = new EntityCatalog({
      catalog,
      store,
      auth: mockServices.auth(),
    });
    const gatesConfig = readGatesConfig(new ConfigReader({}));
    const operations = new RolloutOperations({
      store,
      service,
      steps: new StepRunner({
        store,
        scaffolder: fakeScaffolder(),
        logger,
        defaultTemplateRef: 'template:default/rollout-step',
      }),
      gates: new GatesService({
        store,
        evaluator: new GateEvaluator(gatesConfig),
        frequencyMs: gatesConfig.frequencyMs,
        readRollout: id => service.get(id),
        logger,
      }),
      notifier: new SignOffNotifier({ notifications, logger }),
      announcements: new Announcements({
        store,
        entities,
        notifications,
        logger,
        config: readAnnouncementConfig(new ConfigReader({})),
        channels: ['web'],
      }),
      entities,
      auditor,
      userInfo: mockServices.userInfo(),
      permissions,
      permissionRules: rolloutPermissionRuleset(),
    });
    return { operations, service, permissions, auditor, event, notifications };
  }

  const olive = { credentials: mockCredentials.user('user:default/olive') };

  it('refuses what the policy denies, audits the attempt, changes nothing', async () => {
    const { operations, service, permissions, auditor, event } = await setUp();
    const rollout = await service.create(
      service.prepare(
        {
          entityRef: 'component:default/reviewer',
          version: 'v1',
          checklist: smallChecklist(),
        },
        'user:default/ada',
      ),
    );
    permissions.authorize.mockResolvedValue([{ result: AuthorizeResult.DENY }]);

    await expect(
      operations.runStep(olive, rollout.id, 'step-1'),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: rolloutStepRunPermission, resourceRef: rollout.id }],
      olive,
    );
    expect(auditor.createEvent).toHaveBeenCalledWith({
      eventId: 'rollout-step-run',
      severityLevel: 'medium',
      request: undefined,
      meta: {
        rolloutId: rollout.id,
        stepId: 'step-1',
        actor: 'user:default/olive',
      },
    });
    expect(event.fail).toHaveBeenCalledWith({
      error: expect.objectContaining({ name: 'NotAllowedError' }),
    });
    expect(await service.get(rollout.id)).toEqual(rollout);
  });

  it('asks for sign-off as the scaffolder action does, only with rollout.update', async () => {
    const { operations, service, permissions, event, notifications } =
      await setUp();
    const rollout = await service.create(
      service.prepare(
        {
          entityRef: 'component:default/reviewer',
          version: 'v1',
          checklist: smallChecklist(),
        },
        'user:default/ada',
      ),
    );
    permissions.authorize.mockResolvedValue([{ result: AuthorizeResult.DENY }]);
    await expect(
      operations.requestSignOffs(olive, rollout.id),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: rolloutUpdatePermission, resourceRef: rollout.id }],
      olive,
    );
    expect(notifications.send).not.toHaveBeenCalled();
    expect(await service.events(rollout.id)).toHaveLength(1);

    permissions.authorize.mockResolvedValue([
      { result: AuthorizeResult.ALLOW },
    ]);
    await expect(
      operations.requestSignOffs(olive, rollout.id),
    ).resolves.toEqual({
      requested: [
        {
          signOffId: 'qa-lead',
          role: 'QA Lead',
          signers: ['group:default/qa-leads'],
        },
      ],
    });
    expect(notifications.send).toHaveBeenCalledTimes(1);
    expect(event.success).toHaveBeenCalled();
    expect((await service.events(rollout.id))[0]).toMatchObject({
      type: 'signoff.requested',
      actor: 'user:default/olive',
    });
  });

  it('creates only what the creator could then edit, with the catalog’s owner', async () => {
    const { operations, permissions } = await setUp();
    permissions.authorize.mockResolvedValue([
      { result: AuthorizeResult.ALLOW },
    ]);
    const conditional = (claims: string[]) => [
      {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'rollout',
        resourceType: 'rollout',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'rollout',
          params: { claims },
        },
      },
    ];
    const input = {
      entityRef: 'component:default/reviewer',
      version: 'v2',
      checklist: smallChecklist(),
    };

    permissions.authorizeConditional.mockResolvedValue(
      conditional(['group:default/team-b']),
    );
    await expect(operations.create(olive, input)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        "Not allowed: rollout.update on a rollout of 'component:default/reviewer'",
    });
    expect(permissions.authorizeConditional).toHaveBeenCalledWith(
      [{ permission: rolloutUpdatePermission }],
      olive,
    );

    permissions.authorizeConditional.mockResolvedValue(
      conditional(['group:default/team-a']),
    );
    await expect(operations.create(olive, input)).resolves.toMatchObject({
      ownerRef: 'group:default/team-a',
      createdBy: 'user:default/olive',
    });
  });
});
