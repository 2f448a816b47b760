import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  Rollout,
  RolloutEvent,
} from '@rollout/backstage-plugin-rollout-common';
import express from 'express';
import request from 'supertest';
import { createTestDatabases, seedMarkdown } from '../__testUtils__/fixtures';
import { createRouterHarness } from '../__testUtils__/routerHarness';

const databases = createTestDatabases();

const ada = mockCredentials.user.header('user:default/ada');
const quinn = mockCredentials.user.header('user:default/quinn');

const finished = {
  name: 'ConflictError',
  reason: 'rolloutFinished',
  message:
    'Rollout v0.3.0 is rolled back: it is final and read-only; create a new version to change it',
};

describe.each(databases.eachSupportedId())(
  'a rolled-back rollout on %p',
  databaseId => {
    let app: express.Express;
    let scaffolder: Awaited<
      ReturnType<typeof createRouterHarness>
    >['scaffolder'];

    beforeEach(async () => {
      ({ app, scaffolder } = await createRouterHarness({
        databases,
        databaseId: databaseId as 'POSTGRES_15' | 'SQLITE_3',
        permissions: mockServices.permissions(),
        // Quinn signs the QA row: a refusal is not for want of a signer.
        signersByRole: { 'QA Lead': ['group:default/qa-leads'] },
      }));
    });

    const current = async (id: string): Promise<Rollout> =>
      (await request(app).get(`/rollouts/${id}`).set('Authorization', ada))
        .body;

    const events = async (id: string): Promise<RolloutEvent[]> =>
      (
        await request(app)
          .get(`/rollouts/${id}/events`)
          .set('Authorization', ada)
      ).body.items;

    /**
     * The seed with its pre-flight boxes ticked, started, with step 1
     * skipped and step 2 running as task-1.
     */
    async function started(): Promise<Rollout> {
      const imported = await request(app)
        .post('/rollouts')
        .query({
          entityRef: 'component:default/multipass-reviewer',
          version: 'v0.3.0',
          previousVersion: 'v0.2.0',
        })
        .set('Authorization', ada)
        .set('Content-Type', 'text/markdown')
        .send(seedMarkdown.replace(/- \[ \]/g, '- [x]'));
      expect(imported.status).toBe(201);
      const { id } = imported.body;
      const status = async (to: string) =>
        request(app)
          .post(`/rollouts/${id}/status`)
          .set('Authorization', ada)
          .send({ expectedRevision: (await current(id)).revision, status: to })
          .expect(200);
      await status('in_progress');
      await request(app)
        .post(`/rollouts/${id}/steps/step-1/skip`)
        .set('Authorization', ada)
        .send({
          expectedRevision: (await current(id)).revision,
          reason: 'No poetry here',
        })
        .expect(200);
      await request(app)
        .post(`/rollouts/${id}/steps/step-2/run`)
        .set('Authorization', ada)
        .expect(202);
      return current(id);
    }

    const setStatus = async (id: string, to: string) =>
      request(app)
        .post(`/rollouts/${id}/status`)
        .set('Authorization', ada)
        .send({ expectedRevision: (await current(id)).revision, status: to });

    /** As `started`, then rolled back by hand. */
    async function rolledBack(): Promise<Rollout> {
      const { id } = await started();
      expect((await setStatus(id, 'rolled_back')).status).toBe(200);
      return current(id);
    }

    it('writes no change after the rollout became final, however the requests interleave', async () => {
      const { id, revision } = await started();
      // Each item change was computed from a read before the rollback.
      const items = ['comms-1', 'comms-2', 'comms-3'].map(item =>
        request(app)
          .post(`/rollouts/${id}/communication/${item}`)
          .set('Authorization', ada)
          .send({ expectedRevision: revision, done: true }),
      );
      // A tick that lands first makes the status change stale: retry.
      const retried: string[] = [];
      const rollback = (async () => {
        for (;;) {
          const res = await setStatus(id, 'rolled_back');
          if (res.status === 200) return;
          retried.push(res.body.error.reason);
        }
      })();
      const answers = await Promise.all(items);
      await rollback;
      expect(retried.filter(reason => reason !== 'staleRevision')).toEqual([]);
      // Each tick landed before the rollback, or was refused as final.
      const refusedAsFinal = `409 rolloutFinished: ${finished.message}`;
      const outcomes = answers.map(res =>
        res.status === 200
          ? 'landed'
          : `${res.status} ${res.body.error.reason}: ${res.body.error.message}`,
      );
      expect(
        outcomes.filter(
          outcome => outcome !== 'landed' && outcome !== refusedAsFinal,
        ),
      ).toEqual([]);
      const history = await events(id);
      const final = history.find(
        event =>
          event.type === 'rollout.status' && event.data?.to === 'rolled_back',
      )!;
      expect(final).toBeDefined();
      expect(history.filter(event => event.revision > final.revision)).toEqual(
        [],
      );
      expect((await current(id)).revision).toBe(final.revision);
    });

    it('refuses every change a person asks for with 409 rolloutFinished, and changes nothing', async () => {
      const rollout = await rolledBack();
      const { id, revision } = rollout;
      expect(rollout.status).toBe('rolled_back');
      const post = (path: string, body: object = {}, who = ada) =>
        request(app)
          .post(`/rollouts/${id}${path}`)
          .set('Authorization', who)
          .send(body);
      const changes = {
        run: post('/steps/step-3/run'),
        confirm: post('/steps/step-8/confirm', {
          expectedRevision: revision,
          note: 'Logs are quiet',
        }),
        skip: post('/steps/step-3/skip', {
          expectedRevision: revision,
          reason: 'Not needed',
        }),
        reopen: post('/steps/step-1/reopen', { expectedRevision: revision }),
        decide: post(
          '/signoffs/qa-lead',
          { expectedRevision: revision, decision: 'approved' },
          quinn,
        ),
        untick: post('/preflight/check-1', {
          expectedRevision: revision,
          checked: false,
        }),
        communication: post('/communication/comms-1', {
          expectedRevision: revision,
          done: true,
        }),
        mark: post('/criteria/criterion-2', {
          expectedRevision: revision,
          state: 'ok',
        }),
        status: post('/status', {
          expectedRevision: revision,
          status: 'in_progress',
        }),
        requestSignOffs: post('/signoff-requests'),
        patch: request(app)
          .patch(`/rollouts/${id}`)
          .set('Authorization', ada)
          .send({ expectedRevision: revision, title: 'Renamed' }),
        signers: request(app)
          .patch(`/rollouts/${id}`)
          .set('Authorization', ada)
          .send({
            expectedRevision: revision,
            checklist: {
              signOffs: rollout.checklist.signOffs.map(row => ({
                ...row,
                signers: ['user:default/ada'],
              })),
            },
          }),
        markdown: request(app)
          .patch(`/rollouts/${id}`)
          .query({ expectedRevision: revision })
          .set('Authorization', ada)
          .set('Content-Type', 'text/markdown')
          .send(seedMarkdown.replace('Reviewer smoke', 'Reviewer quick')),
      };
      for (const [name, pending] of Object.entries(changes)) {
        const res = await pending;
        expect({ name, status: res.status, error: res.body.error }).toEqual({
          name,
          status: 409,
          error: expect.objectContaining(finished),
        });
      }
      expect(scaffolder.scaffold).toHaveBeenCalledTimes(1);
      const after = await current(id);
      expect(after.revision).toBe(revision);
      expect(after.title).toBe(rollout.title);
      expect(after.checklist).toEqual(rollout.checklist);
    });

    it('still records the result of a task that was running, without changing the status', async () => {
      const rollout = await rolledBack();
      const reported = await request(app)
        .post(`/rollouts/${rollout.id}/steps/step-2/report`)
        .set('Authorization', mockCredentials.service.header())
        .send({
          status: 'succeeded',
          summary: 'make lint-allowlist exited with code 0',
          taskId: 'task-1',
          reportKey:
            scaffolder.scaffold.mock.calls[0][0].secrets!.rolloutReportKey,
        });
      expect(reported.status).toBe(200);
      expect(reported.body.status).toBe('rolled_back');
      expect(reported.body.checklist.steps[1]).toMatchObject({
        status: 'succeeded',
        taskId: 'task-1',
        summary: 'make lint-allowlist exited with code 0',
      });
      const [settled] = await events(rollout.id);
      expect(settled).toMatchObject({
        type: 'step.succeeded',
        data: { stepId: 'step-2', how: 'task task-1 reported' },
      });
    });
  },
);
