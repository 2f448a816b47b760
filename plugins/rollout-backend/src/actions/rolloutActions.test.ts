import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import {
  rolloutReadPermission,
  rolloutSignOffDecidePermission,
} from '@rollout/backstage-plugin-rollout-common';
import {
  createTestDatabases,
  permissionsDenying,
  seedMarkdown,
} from '../__testUtils__/fixtures';
import { createRouterHarness } from '../__testUtils__/routerHarness';
import { registerRolloutActions } from './rolloutActions';

const databases = createTestDatabases();

// A signer nobody in the catalog has: the reading warns of it.
const guessed = `# Payments

## Runbook

1. \`make deploy\` — deploys.

## Approvals

| Stakeholder | Status | Signers |
|-------------|--------|---------|
| QA Lead     | ☐      | @nobody |
`;

const ada = mockCredentials.user('user:default/ada');
const quinn = mockCredentials.user('user:default/quinn');

/** Ada may do everything; Quinn only reads and decides sign-offs. */
const policy = () =>
  permissionsDenying(
    (permission, user) =>
      user === 'user:default/quinn' &&
      permission !== rolloutReadPermission.name &&
      permission !== rolloutSignOffDecidePermission.name,
  );

describe.each(databases.eachSupportedId())(
  'the rollout actions on %p',
  databaseId => {
    let registry: ReturnType<typeof actionsRegistryServiceMock>;
    let scaffolder: Awaited<
      ReturnType<typeof createRouterHarness>
    >['scaffolder'];
    let rolloutId: string;

    const invoke = async (
      name: string,
      input: object,
      credentials: BackstageCredentials = ada,
    ) =>
      (
        await registry.invoke({
          id: `test:${name}`,
          input: input as any,
          credentials,
        })
      ).output as any;

    beforeEach(async () => {
      const harness = await createRouterHarness({
        databases,
        databaseId: databaseId as 'POSTGRES_15' | 'SQLITE_3',
        permissions: policy(),
        signersByRole: { 'QA Lead': ['group:default/qa-leads'] },
      });
      scaffolder = harness.scaffolder;
      registry = actionsRegistryServiceMock();
      registerRolloutActions({
        actionsRegistry: registry,
        operations: harness.operations,
        appBaseUrl: 'http://localhost:3000',
      });
      const { rollout } = await invoke('import-checklist', {
        entityRef: 'component:default/multipass-reviewer',
        version: 'v0.3.0',
        previousVersion: 'v0.2.0',
        markdown: seedMarkdown,
      });
      rolloutId = rollout.id;
    });

    it('declares what each action does to the world', async () => {
      const { actions } = await registry.list();
      expect(
        Object.fromEntries(
          actions.map(action => [action.name, action.attributes]),
        ),
      ).toEqual({
        'get-rollout': { readOnly: true, idempotent: true, destructive: false },
        'list-rollouts': {
          readOnly: true,
          idempotent: true,
          destructive: false,
        },
        'list-my-pending-signoffs': {
          readOnly: true,
          idempotent: true,
          destructive: false,
        },
        'get-rollout-gates': {
          readOnly: true,
          idempotent: true,
          destructive: false,
        },
        'decide-signoff': {
          readOnly: false,
          idempotent: true,
          destructive: false,
        },
        'run-step': { readOnly: false, idempotent: false, destructive: true },
        'set-rollout-status': {
          readOnly: false,
          idempotent: false,
          destructive: true,
        },
        'import-checklist': {
          readOnly: false,
          idempotent: false,
          destructive: false,
        },
      });
      for (const action of actions) {
        expect(action.description.length).toBeGreaterThan(80);
      }
    });

    it('imports a checklist, and refuses one with guesses when strict, or from a user who may not create', async () => {
      const { rollout, warnings } = await invoke('import-checklist', {
        entityRef: 'component:default/payments-api',
        version: 'v2.1.0',
        markdown: guessed,
      });
      expect(rollout).toMatchObject({
        entityRef: 'component:default/payments-api',
        version: 'v2.1.0',
        status: 'draft',
        url: 'http://localhost:3000/catalog/default/component/payments-api/rollout?version=v2.1.0',
        steps: [{ id: 'step-1', number: 1, status: 'pending' }],
      });
      expect(warnings).toContainEqual({
        line: 11,
        message: expect.stringContaining('@nobody'),
      });
      await expect(
        invoke('import-checklist', {
          entityRef: 'component:default/payments-api',
          version: 'v2.2.0',
          markdown: guessed,
          strict: true,
        }),
      ).rejects.toThrow(/^strict: the checklist was not created/);
      await expect(
        invoke(
          'import-checklist',
          {
            entityRef: 'component:default/x',
            version: 'v1',
            markdown: seedMarkdown,
          },
          quinn,
        ),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      await expect(
        invoke('import-checklist', { entityRef: 'component:default/x' }),
      ).rejects.toMatchObject({ name: 'InputError' });
    });

    it('gets a rollout by id, by entity and version, or the entity’s latest', async () => {
      const byId = (await invoke('get-rollout', { rolloutId })).rollout;
      expect(byId).toMatchObject({
        id: rolloutId,
        version: 'v0.3.0',
        previousVersion: 'v0.2.0',
        status: 'draft',
      });
      expect(byId.steps).toHaveLength(10);
      expect(byId.signOffs[1]).toEqual({
        id: 'qa-lead',
        role: 'QA Lead',
        decision: 'pending',
        signers: ['group:default/qa-leads'],
      });
      expect(
        (
          await invoke('get-rollout', {
            entityRef: 'component:default/multipass-reviewer',
            version: 'v0.3.0',
          })
        ).rollout,
      ).toEqual(byId);
      expect(
        (
          await invoke(
            'get-rollout',
            { entityRef: 'component:default/multipass-reviewer' },
            quinn,
          )
        ).rollout.id,
      ).toBe(rolloutId);
      await expect(invoke('get-rollout', {})).rejects.toThrow(
        'rolloutId, entityRef: name the rollout by its id, or by its entity (and version)',
      );
      await expect(
        invoke('get-rollout', {
          entityRef: 'component:default/multipass-reviewer',
          version: 'v9',
        }),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      await expect(
        invoke('get-rollout', { rolloutId: 42 }),
      ).rejects.toMatchObject({ name: 'InputError' });
    });

    it("lists rollouts with the board's filters, and the user's pending sign-offs", async () => {
      const { items } = await invoke('list-rollouts', {
        status: ['draft'],
        q: 'multipass',
      });
      expect(items).toEqual([
        expect.objectContaining({
          id: rolloutId,
          status: 'draft',
          pendingRoles: [
            'Architecture Lead',
            'QA Lead',
            'Operations Lead',
            'Product/Programme',
          ],
        }),
      ]);
      expect(
        (await invoke('list-rollouts', { status: ['completed'] })).items,
      ).toEqual([]);
      await expect(
        invoke('list-rollouts', { status: ['nope'] }),
      ).rejects.toMatchObject({ name: 'InputError' });

      expect(await invoke('list-my-pending-signoffs', {}, quinn)).toEqual({
        signOffs: [
          {
            rolloutId,
            signOffId: 'qa-lead',
            role: 'QA Lead',
            entityRef: 'component:default/multipass-reviewer',
            version: 'v0.3.0',
            title: expect.any(String),
            status: 'draft',
          },
        ],
      });
      expect(await invoke('list-my-pending-signoffs', {}, ada)).toEqual({
        signOffs: [],
      });
    });

    it('decides a sign-off as a signer only, and takes it back', async () => {
      const approved = await invoke(
        'decide-signoff',
        {
          rolloutId,
          signOffId: 'qa-lead',
          decision: 'approved',
          note: 'QA run green',
        },
        quinn,
      );
      expect(approved.rollout.signOffs[1]).toMatchObject({
        decision: 'approved',
        decidedBy: 'user:default/quinn',
        note: 'QA run green',
      });
      expect(await invoke('list-my-pending-signoffs', {}, quinn)).toEqual({
        signOffs: [],
      });
      await expect(
        invoke('decide-signoff', {
          rolloutId,
          signOffId: 'qa-lead',
          decision: 'rejected',
        }),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      await expect(
        invoke(
          'decide-signoff',
          { rolloutId, signOffId: 'qa-lead', decision: 'maybe' },
          quinn,
        ),
      ).rejects.toMatchObject({ name: 'InputError' });
    });

    it('runs a step and changes the status for a user who may, and for nobody else', async () => {
      await expect(
        invoke('run-step', { rolloutId, stepId: 'step-1' }, quinn),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      expect(scaffolder.scaffold).not.toHaveBeenCalled();
      expect(await invoke('run-step', { rolloutId, stepId: 'step-1' })).toEqual(
        { taskId: 'task-1', status: 'running' },
      );
      await expect(
        invoke('run-step', { rolloutId, stepId: 'step-3' }),
      ).rejects.toMatchObject({ reason: 'stepOutOfOrder' });

      await expect(
        invoke(
          'set-rollout-status',
          { rolloutId, status: 'blocked', reason: 'Hold' },
          quinn,
        ),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      const blocked = await invoke('set-rollout-status', {
        rolloutId,
        status: 'blocked',
        reason: 'Waiting for the freeze to end',
      });
      expect(blocked.rollout.status).toBe('blocked');
      await expect(
        invoke('set-rollout-status', { rolloutId, status: 'completed' }),
      ).rejects.toMatchObject({ reason: 'transitionRefused' });
      await expect(
        invoke('set-rollout-status', { rolloutId, status: 'draft' }),
      ).rejects.toMatchObject({ name: 'InputError' });
    });

    it('reads the gates, saying which fail', async () => {
      const gates = await invoke('get-rollout-gates', {
        entityRef: 'component:default/multipass-reviewer',
        version: 'v0.3.0',
      });
      expect(gates.failing).toEqual([]);
      expect(gates.metrics).toHaveLength(4);
      expect(gates.metrics[0]).toMatchObject({
        name: 'review_pass_runtime_seconds',
        state: 'unknown',
        reason: expect.any(String),
      });
      expect(gates.alerts.map((a: { state: string }) => a.state)).toEqual([
        'unknown',
        'unknown',
      ]);
      await expect(
        invoke('get-rollout-gates', { rolloutId: 'nope' }),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
    });
  },
);
