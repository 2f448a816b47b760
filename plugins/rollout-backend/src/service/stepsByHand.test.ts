import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  Rollout,
  RolloutEvent,
  rolloutLimits,
} from '@rollout/backstage-plugin-rollout-common';
import express from 'express';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/fixtures';
import { createRouterHarness } from '../__testUtils__/routerHarness';

const databases = createTestDatabases();

const ada = mockCredentials.user.header('user:default/ada');

describe.each(databases.eachSupportedId())(
  'steps marked done and reopened by hand on %p',
  databaseId => {
    let app: express.Express;
    let scaffolder: Awaited<
      ReturnType<typeof createRouterHarness>
    >['scaffolder'];
    let rollout: Rollout;

    beforeEach(async () => {
      ({ app, scaffolder } = await createRouterHarness({
        databases,
        databaseId: databaseId as 'POSTGRES_15' | 'SQLITE_3',
        permissions: mockServices.permissions(),
      }));
      rollout = (
        await request(app)
          .post('/rollouts')
          .set('Authorization', ada)
          .send({
            entityRef: 'component:default/reviewer',
            version: 'v1.0.0',
            checklist: {
              title: 'Rollout Checklist',
              steps: [
                { number: 1, title: 'Announce the build', notes: '' },
                { number: 2, title: '`make build`', command: 'make build' },
              ],
              preflightChecks: [{ text: '`make build`' }],
            },
          })
          .expect(201)
      ).body;
    });

    const revision = async () =>
      (
        await request(app)
          .get(`/rollouts/${rollout.id}`)
          .set('Authorization', ada)
      ).body.revision as number;

    const events = async (): Promise<RolloutEvent[]> =>
      (
        await request(app)
          .get(`/rollouts/${rollout.id}/events`)
          .set('Authorization', ada)
      ).body.items;

    const step = async (stepId: string, verb: string, body: object = {}) =>
      request(app)
        .post(`/rollouts/${rollout.id}/steps/${stepId}/${verb}`)
        .set('Authorization', ada)
        // A run names no revision: it joins the step's task if it has one.
        .send(
          verb === 'run'
            ? body
            : { expectedRevision: await revision(), ...body },
        );

    it('marks a step done with a trimmed note, who and when, and no task', async () => {
      const done = await step('step-1', 'confirm', {
        note: '  Announced in #releases \n',
      });
      expect(done.status).toBe(200);
      const marked = done.body.checklist.steps[0];
      expect(marked).toEqual({
        id: 'step-1',
        number: 1,
        title: 'Announce the build',
        notes: '',
        kind: 'runbook',
        status: 'succeeded',
        summary: 'Announced in #releases',
        updatedBy: 'user:default/ada',
        updatedAt: expect.any(String),
      });
      const [event] = await events();
      expect(event).toMatchObject({
        type: 'step.succeeded',
        actor: 'user:default/ada',
        message: 'Step 1 succeeded (marked done): Announced in #releases',
        data: {
          stepId: 'step-1',
          status: 'succeeded',
          how: 'marked done',
          note: 'Announced in #releases',
        },
      });
    });

    it('says "Marked done" without a note, or with a blank one', async () => {
      const done = await step('step-1', 'confirm', { note: '   ' });
      expect(done.status).toBe(200);
      expect(done.body.checklist.steps[0].summary).toBe('Marked done');
      const [event] = await events();
      expect(event.data).not.toHaveProperty('note');
    });

    it('refuses a note with a NUL character or past the limit', async () => {
      const nul = await step('step-1', 'confirm', { note: 'done\u0000' });
      expect(nul.status).toBe(400);
      expect(nul.body.error.message).toBe(
        'Invalid request body: note contains a NUL character',
      );
      const long = await step('step-1', 'confirm', {
        note: 'x'.repeat(rolloutLimits.textLength + 1),
      });
      expect(long.status).toBe(400);
      expect(long.body.error.message).toContain('note');
      expect(await revision()).toBe(1);
    });

    it('reopens a step marked done and a skipped one, saying from what', async () => {
      await step('step-1', 'confirm', { note: 'Announced' });
      const reopened = await step('step-1', 'reopen');
      expect(reopened.status).toBe(200);
      expect(reopened.body.checklist.steps[0]).toEqual({
        id: 'step-1',
        number: 1,
        title: 'Announce the build',
        notes: '',
        kind: 'runbook',
        status: 'pending',
        updatedBy: 'user:default/ada',
        updatedAt: expect.any(String),
      });
      expect((await events())[0]).toMatchObject({
        type: 'step.reopened',
        message: 'Reopened step 1 (Announce the build), which was marked done',
        data: { stepId: 'step-1', number: 1, from: 'succeeded' },
      });

      await step('step-2', 'skip', { reason: 'Built by CI' });
      const unskipped = await step('step-2', 'reopen');
      expect(unskipped.status).toBe(200);
      expect(unskipped.body.checklist.steps[1].status).toBe('pending');
      expect((await events())[0]).toMatchObject({
        type: 'step.reopened',
        data: { stepId: 'step-2', number: 2, from: 'skipped' },
      });
    });

    it('refuses to reopen a step a task runs or ran', async () => {
      await step('step-1', 'confirm');
      expect((await step('step-2', 'run')).status).toBe(202);
      const report = (status: string, call: number) =>
        request(app)
          .post(`/rollouts/${rollout.id}/steps/step-2/report`)
          .set('Authorization', mockCredentials.service.header())
          .send({
            status,
            summary: `make build ${status}`,
            taskId: `task-${call + 1}`,
            reportKey:
              scaffolder.scaffold.mock.calls[call][0].secrets!.rolloutReportKey,
          })
          .expect(200);

      const running = await step('step-2', 'reopen');
      expect(running.status).toBe(409);
      expect(running.body.error).toMatchObject({
        reason: 'stepNotReopenable',
        message:
          'Step 2 is running as task task-1: wait for its result; only a skipped step or one marked done by hand is reopened',
      });

      await report('failed', 0);
      const failed = await step('step-2', 'reopen');
      expect(failed.status).toBe(409);
      expect(failed.body.error.message).toBe(
        'Step 2 failed: run it again; only a skipped step or one marked done by hand is reopened',
      );

      expect((await step('step-2', 'run')).status).toBe(202);
      await report('succeeded', 1);
      const succeeded = await step('step-2', 'reopen');
      expect(succeeded.status).toBe(409);
      expect(succeeded.body.error).toMatchObject({
        reason: 'stepNotReopenable',
        message:
          'Step 2 succeeded in task task-2: a step a task ran is not reopened by hand',
      });
    });

    it('has no unskip any more', async () => {
      const res = await step('step-1', 'unskip');
      expect(res.status).toBe(404);
    });
  },
);
