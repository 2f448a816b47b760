import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { parseEntityYaml } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import rolloutPlugin from '@rollout/backstage-plugin-rollout-backend';
import scaffolderModuleRollout from '@rollout/backstage-plugin-scaffolder-backend-module-rollout';
import childProcess from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const examples = path.resolve(__dirname, '../../../examples');
const templatesDir = path.join(examples, 'templates/rollout-step');
const seed = fs.readFileSync(
  path.join(examples, 'rollouts/stage-01_03-rollout-checklist.md'),
  'utf8',
);
/** The scaffolder task statuses after which a task does nothing more. */
const finalTaskStatuses = ['completed', 'failed', 'cancelled'];

/**
 * A template entity as the catalog holds it after reading its yaml file,
 * parsed as the catalog parses it.
 */
function templateEntity(file: string): Entity {
  const target = path.join(templatesDir, file);
  const [result] = parseEntityYaml(fs.readFileSync(target), {
    type: 'file',
    target,
  });
  if (result?.type !== 'entity') {
    throw new Error(`${target} holds no entity`);
  }
  const { entity } = result;
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      namespace: 'default',
      annotations: {
        ...entity.metadata.annotations,
        // Where fetch:plain resolves the template's `./demo-service`.
        'backstage.io/managed-by-location': `file:${target}`,
        'backstage.io/managed-by-origin-location': `file:${target}`,
      },
    },
  };
}

const entities: Entity[] = [
  templateEntity('template.yaml'),
  templateEntity('rollback.yaml'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'multipass-reviewer', namespace: 'default' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/operations-leads',
    },
  },
];

type Step = { id: string; status: string; summary?: string; taskId?: string };
type Rollout = {
  id: string;
  revision: number;
  status: string;
  checklist: { steps: Step[] };
};
type Criterion = {
  kind: string;
  stepIds?: string[];
  state: string;
  reason?: string;
};

/**
 * Jest hands the test a copy of `process.env`, while child processes get the
 * worker's real environment: a command would not see the switch the test
 * sets. Outside Jest they get the backend's own environment; so do they here.
 */
function spawnWithTestEnv() {
  const spawn = childProcess.spawn;
  return jest
    .spyOn(childProcess, 'spawn')
    .mockImplementation(((
      command: string,
      args?: readonly string[],
      options?: childProcess.SpawnOptions,
    ) =>
      Array.isArray(args)
        ? spawn(command, args, { env: process.env, ...options })
        : spawn(command, args as any)) as typeof childProcess.spawn);
}

describe.each(databases.eachSupportedId())(
  'rollout steps as real scaffolder tasks on %p',
  databaseId => {
    let switches: string;
    let workingDirectory: string;
    let spawnSpy: jest.SpyInstance;
    const switchesBefore = process.env.ROLLOUT_DEMO_SWITCHES;

    beforeAll(() => {
      switches = fs.mkdtempSync(path.join(os.tmpdir(), 'rollout-switches-'));
      workingDirectory = fs.mkdtempSync(
        path.join(os.tmpdir(), 'rollout-scaffolder-'),
      );
      // The commands run with the backend's environment: the demo service's
      // `make review-test` fails while this directory holds its switch.
      process.env.ROLLOUT_DEMO_SWITCHES = switches;
      spawnSpy = spawnWithTestEnv();
    });

    afterAll(async () => {
      // The scaffolder watches each task it claimed for cancellation by
      // reading the task's events once a second, in a loop without an error
      // handler, until it reads the completion. Let it read it before the
      // file's end closes the databases: a read on a closed pool is an
      // unhandled rejection that kills the Jest worker, and fails whichever
      // test file that worker runs next.
      await new Promise(resolve => setTimeout(resolve, 2500));
      spawnSpy.mockRestore();
      if (switchesBefore === undefined) {
        delete process.env.ROLLOUT_DEMO_SWITCHES;
      } else {
        process.env.ROLLOUT_DEMO_SWITCHES = switchesBefore;
      }
      fs.rmSync(switches, { recursive: true, force: true });
      fs.rmSync(workingDirectory, { recursive: true, force: true });
    });

    it('blocks on a failed runbook command and rolls back to the previous tag', async () => {
      // Each plugin its own database, as in a real backend: both keep
      // their migrations in the same table name.
      const knexes: Record<
        string,
        Awaited<ReturnType<typeof databases.init>>
      > = {
        scaffolder: await databases.init(databaseId),
        rollout: await databases.init(databaseId),
      };
      const { server } = await startTestBackend({
        features: [
          scaffolderPlugin,
          scaffolderModuleRollout,
          rolloutPlugin,
          catalogServiceMock.factory({ entities }),
          // Nothing runs on a schedule: a blocked rollout was judged at
          // once from the step's result.
          mockServices.scheduler.mock().factory,
          createServiceFactory({
            service: coreServices.database,
            deps: { plugin: coreServices.pluginMetadata },
            factory: ({ plugin }) => ({
              getClient: async () => knexes[plugin.getId()],
            }),
          }),
          mockServices.rootConfig.factory({
            data: {
              app: { baseUrl: 'http://localhost:3000' },
              backend: { workingDirectory },
              rollout: {
                steps: {
                  defaultTemplate: 'template:default/rollout-step',
                  rollbackTemplate: 'template:default/rollout-rollback',
                },
                commands: {
                  allow: [
                    'make lint-allowlist',
                    'make review-test',
                    'make history',
                    'make version',
                    'git checkout *',
                  ],
                },
              },
            },
          }),
        ],
      });

      const call = (method: 'get' | 'post', url: string) =>
        request(server)
          [method](url)
          .set('Authorization', mockCredentials.user.header());
      const api = (method: 'get' | 'post', url: string) =>
        call(method, `/api/rollout${url}`);

      const imported = await api('post', '/rollouts')
        .query({
          entityRef: 'component:default/multipass-reviewer',
          version: 'v0.3.0',
          previousVersion: 'v0.2.0',
        })
        .set('Content-Type', 'text/markdown')
        .send(seed.replaceAll('- [ ]', '- [x]'));
      expect(imported.status).toBe(201);
      const id: string = imported.body.id;

      const rollout = async (): Promise<Rollout> => {
        const res = await api('get', `/rollouts/${id}`);
        expect(res.status).toBe(200);
        return res.body;
      };
      const stepOf = (r: Rollout, stepId: string) =>
        r.checklist.steps.find(s => s.id === stepId)!;
      const taskStatus = async (taskId: string): Promise<string> =>
        (await call('get', `/api/scaffolder/v2/tasks/${taskId}`)).body.status;
      /**
       * Runs the step and waits for its task to end: its last action
       * reported the result, and the backend acted on it, before it ended.
       */
      const runToEnd = async (stepId: string): Promise<Rollout> => {
        const res = await api('post', `/rollouts/${id}/steps/${stepId}/run`);
        expect(res.status).toBe(202);
        expect(res.body).toMatchObject({
          taskId: expect.any(String),
          step: { id: stepId, status: 'running' },
        });
        const deadline = Date.now() + 60_000;
        for (;;) {
          const current = await rollout();
          if (
            stepOf(current, stepId).status !== 'running' &&
            finalTaskStatuses.includes(await taskStatus(res.body.taskId))
          ) {
            return current;
          }
          if (Date.now() > deadline) {
            throw new Error(
              `Step ${stepId} did not end within a minute: ${JSON.stringify(
                stepOf(current, stepId),
              )}`,
            );
          }
          await new Promise(resolve => setTimeout(resolve, 250));
        }
      };
      const criterion = async (): Promise<Criterion> => {
        const res = await api('get', `/rollouts/${id}/gates`);
        expect(res.status).toBe(200);
        return res.body.criteria[0];
      };
      const stepLog = async (stepId: string) => {
        const res = await api('get', `/rollouts/${id}/steps/${stepId}/log`);
        expect(res.status).toBe(200);
        return res.body;
      };
      const log = async (stepId: string): Promise<string[]> =>
        (await stepLog(stepId)).lines;
      const taskEvents = async (
        taskId: string,
      ): Promise<Array<{ type: string; body: Record<string, any> }>> =>
        (await call('get', `/api/scaffolder/v2/tasks/${taskId}/events`)).body;
      const rolloutTab =
        'http://localhost:3000/catalog/default/component/multipass-reviewer/rollout?version=v0.3.0';

      const started = await api('post', `/rollouts/${id}/status`).send({
        expectedRevision: imported.body.revision,
        status: 'in_progress',
      });
      expect(started.status).toBe(200);
      const skipped = await api(
        'post',
        `/rollouts/${id}/steps/step-1/skip`,
      ).send({
        expectedRevision: started.body.revision,
        reason: 'No poetry in this workspace',
      });
      expect(skipped.status).toBe(200);

      const linted = await runToEnd('step-2');
      expect(stepOf(linted, 'step-2').status).toBe('succeeded');
      // A completed task links back to the rollout.
      const completed = (
        await taskEvents(stepOf(linted, 'step-2').taskId!)
      ).find(event => event.type === 'completion');
      expect(completed?.body.output).toEqual({
        links: [{ title: 'Back to the rollout', url: rolloutTab }],
      });
      expect(await criterion()).toMatchObject({
        kind: 'steps',
        stepIds: ['step-2', 'step-3'],
        state: 'unknown',
        reason: expect.stringContaining('step 3'),
      });

      fs.writeFileSync(path.join(switches, 'fail-review-test'), '');
      const tested = await runToEnd('step-3');
      // The template reports "make review-test failed"; the backend keeps
      // how the command ended, from the task's log.
      expect(stepOf(tested, 'step-3')).toMatchObject({
        status: 'failed',
        summary: expect.stringContaining('exited with code'),
      });
      expect(tested.status).toBe('blocked');
      const failedLog = await stepLog('step-3');
      expect(failedLog).toMatchObject({
        exitCode: expect.any(Number),
        outcome: stepOf(tested, 'step-3').summary,
        truncated: false,
      });
      expect(failedLog.lines).toContainEqual(
        expect.stringContaining('make review-test'),
      );
      for (const line of failedLog.lines) {
        expect(line).not.toContain('Skipping step');
        expect(line).not.toMatch(/^\s+at /);
      }
      // A failed task has no output to link from: its log says the way back.
      const failedTask = await taskEvents(failedLog.taskId);
      expect(
        failedTask.find(event => event.type === 'completion')?.body.output,
      ).toBeUndefined();
      expect(failedTask.map(event => event.body.message)).toContainEqual(
        expect.stringContaining(`Back to the rollout: ${rolloutTab}`),
      );
      expect(await criterion()).toMatchObject({
        state: 'triggered',
        reason: expect.stringContaining('step 3'),
      });
      fs.rmSync(path.join(switches, 'fail-review-test'));

      const rolledBack = await runToEnd('step-10');
      expect(stepOf(rolledBack, 'step-10').status).toBe('succeeded');
      expect(rolledBack.status).toBe('rolled_back');
      expect(await log('step-10')).toContainEqual(
        expect.stringContaining('checked out: v0.2.0 (VERSION 0.2.0)'),
      );

      const events = await api('get', `/rollouts/${id}/events`);
      expect(
        events.body.items.find(
          (e: { type: string }) => e.type === 'rollout.rolledBack',
        ),
      ).toMatchObject({
        message: expect.stringContaining('from v0.3.0 to v0.2.0'),
        data: {
          from: 'blocked',
          to: 'rolled_back',
          version: 'v0.3.0',
          previousVersion: 'v0.2.0',
        },
      });
    }, 180_000);
  },
);
