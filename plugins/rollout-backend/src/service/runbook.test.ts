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
const service = mockCredentials.service.header();

/** The seed's pre-flight boxes ticked in the document itself. */
const tickedSeed = seedMarkdown.replace(/- \[ \]/g, '- [x]');

describe.each(databases.eachSupportedId())(
  'the runbook from the tab on %p',
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
      }));
    });

    async function importSeed(
      options: { markdown?: string; previousVersion?: string } = {},
    ): Promise<Rollout> {
      const res = await request(app)
        .post('/rollouts')
        .query({
          entityRef: 'component:default/multipass-reviewer',
          version: 'v0.3.0',
          ...(options.previousVersion
            ? { previousVersion: options.previousVersion }
            : {}),
        })
        .set('Authorization', ada)
        .set('Content-Type', 'text/markdown')
        .send(options.markdown ?? seedMarkdown);
      expect(res.status).toBe(201);
      return res.body;
    }

    async function current(id: string): Promise<Rollout> {
      return (
        await request(app).get(`/rollouts/${id}`).set('Authorization', ada)
      ).body;
    }

    async function events(id: string): Promise<RolloutEvent[]> {
      return (
        await request(app)
          .get(`/rollouts/${id}/events`)
          .set('Authorization', ada)
      ).body.items;
    }

    async function start(id: string): Promise<Rollout> {
      const res = await request(app)
        .post(`/rollouts/${id}/status`)
        .set('Authorization', ada)
        .send({
          expectedRevision: (await current(id)).revision,
          status: 'in_progress',
        });
      expect(res.status).toBe(200);
      return res.body;
    }

    const run = (id: string, stepId: string, body: object = {}) =>
      request(app)
        .post(`/rollouts/${id}/steps/${stepId}/run`)
        .set('Authorization', ada)
        .send(body);

    async function skip(id: string, stepId: string) {
      await request(app)
        .post(`/rollouts/${id}/steps/${stepId}/skip`)
        .set('Authorization', ada)
        .send({
          expectedRevision: (await current(id)).revision,
          reason: 'Done on the release branch',
        })
        .expect(200);
    }

    /** Reports a result as the task of the nth scaffold call does. */
    function report(
      id: string,
      stepId: string,
      status: 'succeeded' | 'failed',
      call: number,
    ) {
      return request(app)
        .post(`/rollouts/${id}/steps/${stepId}/report`)
        .set('Authorization', service)
        .send({
          status,
          taskId: `task-${call + 1}`,
          reportKey:
            scaffolder.scaffold.mock.calls[call][0].secrets!.rolloutReportKey,
        });
    }

    it('runs a step only after the steps before it, unless a reason is given, which the history keeps', async () => {
      const rollout = await importSeed();
      const early = await run(rollout.id, 'step-3');
      expect(early.status).toBe(409);
      expect(early.body.error).toMatchObject({
        reason: 'stepOutOfOrder',
        message:
          'Step 3 runs after steps 1, 2, which have neither succeeded nor been skipped; give a reason to run it out of order',
      });
      expect(scaffolder.scaffold).not.toHaveBeenCalled();

      const blank = await run(rollout.id, 'step-3', { outOfOrderReason: ' ' });
      expect(blank.status).toBe(400);
      expect(blank.body.error.message).toContain('outOfOrderReason');

      const anyway = await run(rollout.id, 'step-3', {
        outOfOrderReason: 'Only the smoke tests changed',
      });
      expect(anyway.status).toBe(202);
      const [started] = await events(rollout.id);
      expect(started).toMatchObject({
        type: 'step.started',
        data: {
          stepId: 'step-3',
          outOfOrderReason: 'Only the smoke tests changed',
        },
      });
      expect(started.message).toContain(
        'out of order: Only the smoke tests changed',
      );

      // Once the steps before it are done, a step runs without a reason.
      await skip(rollout.id, 'step-1');
      expect((await run(rollout.id, 'step-2')).status).toBe(202);
    });

    it('starts only with the pre-flight checks done, and runs deploy steps only once started', async () => {
      const rollout = await importSeed();
      for (const stepId of ['step-1', 'step-2', 'step-3', 'step-4', 'step-5']) {
        await skip(rollout.id, stepId);
      }
      // Step 6 deploys: the pre-flight checks name steps 2 to 5 only.
      const inDraft = await run(rollout.id, 'step-6', {
        outOfOrderReason: 'a reason does not help here',
      });
      expect(inDraft.status).toBe(409);
      expect(inDraft.body.error).toMatchObject({
        reason: 'rolloutNotStarted',
        message:
          'Step 6 deploys: it runs only once the rollout is started, and this one is draft',
      });

      const refused = await request(app)
        .post(`/rollouts/${rollout.id}/status`)
        .set('Authorization', ada)
        .send({
          expectedRevision: (await current(rollout.id)).revision,
          status: 'in_progress',
        });
      expect(refused.status).toBe(409);
      expect(refused.body.error.reason).toBe('startBlocked');
      expect(refused.body.error.message).toMatch(
        /^The rollout cannot start: 7 pre-flight check\(s\) open: `make lint-allowlist`; /,
      );

      for (const check of rollout.checklist.preflightChecks) {
        await request(app)
          .post(`/rollouts/${rollout.id}/preflight/${check.id}`)
          .set('Authorization', ada)
          .send({
            expectedRevision: (await current(rollout.id)).revision,
            checked: true,
          })
          .expect(200);
      }
      await start(rollout.id);
      expect((await run(rollout.id, 'step-6')).status).toBe(202);
    });

    it('runs a rollback step from the rollback template with the versions, and rolls the rollout back when it succeeds', async () => {
      const rollout = await importSeed({
        markdown: tickedSeed,
        previousVersion: 'v0.2.0',
      });
      const inDraft = await run(rollout.id, 'step-10');
      expect(inDraft.status).toBe(409);
      expect(inDraft.body.error.reason).toBe('rolloutNotStarted');

      await start(rollout.id);
      const started = await run(rollout.id, 'step-10');
      expect(started.status).toBe(202);
      expect(scaffolder.scaffold).toHaveBeenCalledWith(
        expect.objectContaining({
          templateRef: 'template:default/rollout-rollback',
          values: {
            rolloutId: rollout.id,
            stepId: 'step-10',
            command: 'git checkout v0.2.0',
            entityRef: 'component:default/multipass-reviewer',
            version: 'v0.3.0',
            previousVersion: 'v0.2.0',
            rolloutUrl:
              'http://localhost:3000/catalog/default/component/multipass-reviewer/rollout?version=v0.3.0',
          },
        }),
        expect.anything(),
      );

      const reported = await report(rollout.id, 'step-10', 'succeeded', 0);
      expect(reported.status).toBe(200);
      expect(reported.body.status).toBe('rolled_back');
      const [rolledBack] = await events(rollout.id);
      expect(rolledBack).toMatchObject({
        type: 'rollout.rolledBack',
        message:
          'Rolled back from v0.3.0 to v0.2.0: rollback step 10 succeeded',
        data: {
          from: 'in_progress',
          to: 'rolled_back',
          version: 'v0.3.0',
          previousVersion: 'v0.2.0',
        },
      });
    });

    it('refuses a rollback without a previous version to go back to', async () => {
      const rollout = await importSeed({ markdown: tickedSeed });
      await start(rollout.id);
      const res = await run(rollout.id, 'step-10');
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({
        reason: 'noPreviousVersion',
        message:
          'Step 10 rolls back, but the rollout has no previous version to go back to: set its previous version first',
      });
      expect(scaffolder.scaffold).not.toHaveBeenCalled();
    });

    it('judges criterion 1 from the runs of steps 2 and 3 after the start, and blocks when one fails', async () => {
      const rollout = await importSeed({ markdown: tickedSeed });
      await start(rollout.id);
      await skip(rollout.id, 'step-1');
      const gates = async () =>
        (
          await request(app)
            .get(`/rollouts/${rollout.id}/gates`)
            .set('Authorization', quinn)
        ).body.criteria[0];
      expect(await gates()).toMatchObject({
        kind: 'steps',
        stepIds: ['step-2', 'step-3'],
        state: 'unknown',
      });

      expect((await run(rollout.id, 'step-2')).status).toBe(202);
      expect((await report(rollout.id, 'step-2', 'succeeded', 0)).status).toBe(
        200,
      );
      expect(await gates()).toMatchObject({
        state: 'unknown',
        reason:
          'step 3 (`make review-test`) has not succeeded since the rollout started',
      });

      expect((await run(rollout.id, 'step-3')).status).toBe(202);
      const failed = await report(rollout.id, 'step-3', 'failed', 1);
      expect(failed.status).toBe(200);
      // The task hears the rollout as the result left it: blocked.
      expect(failed.body.status).toBe('blocked');
      expect(await gates()).toMatchObject({
        state: 'triggered',
        reason: 'step 3 (`make review-test`) failed after the rollout started',
      });
      const blocked = await current(rollout.id);
      expect(blocked.status).toBe('blocked');
      const [block] = await events(rollout.id);
      expect(block).toMatchObject({ type: 'gates.blocked' });
      expect(block.message).toContain(
        'rollback criterion "`make lint-allowlist` or `make review-test` fails post-deploy." is triggered',
      );
    });

    describe('PATCH with a markdown body', () => {
      async function approveQa(id: string) {
        // The seed names no signers: the QA leads sign the QA row.
        const { revision, checklist } = await current(id);
        await request(app)
          .patch(`/rollouts/${id}`)
          .set('Authorization', ada)
          .send({
            expectedRevision: revision,
            checklist: {
              signOffs: checklist.signOffs.map(row =>
                row.id === 'qa-lead'
                  ? { ...row, signers: ['group:default/qa-leads'] }
                  : row,
              ),
            },
          })
          .expect(200);
        await request(app)
          .post(`/rollouts/${id}/signoffs/qa-lead`)
          .set('Authorization', quinn)
          .send({
            expectedRevision: (await current(id)).revision,
            decision: 'approved',
          })
          .expect(200);
      }

      const patch = (id: string, markdown: string, expectedRevision?: number) =>
        request(app)
          .patch(`/rollouts/${id}`)
          .query(expectedRevision === undefined ? {} : { expectedRevision })
          .set('Authorization', ada)
          .set('Content-Type', 'text/markdown')
          .send(markdown);

      it('saves the document at the revision read, keeps ticks and decisions of what did not change, and says whose approval it reset', async () => {
        const rollout = await importSeed();
        await request(app)
          .post(`/rollouts/${rollout.id}/preflight/check-1`)
          .set('Authorization', ada)
          .send({ expectedRevision: 1, checked: true })
          .expect(200);
        await approveQa(rollout.id);
        await request(app)
          .post(`/rollouts/${rollout.id}/criteria/criterion-2`)
          .set('Authorization', ada)
          .send({
            expectedRevision: (await current(rollout.id)).revision,
            state: 'ok',
          })
          .expect(200);
        // A step template, which markdown cannot hold, on step 5.
        const withTemplate = await request(app)
          .patch(`/rollouts/${rollout.id}`)
          .set('Authorization', ada)
          .send({
            expectedRevision: (await current(rollout.id)).revision,
            checklist: {
              steps: (
                await current(rollout.id)
              ).checklist.steps.map(step =>
                step.id === 'step-5'
                  ? {
                      ...step,
                      action: {
                        templateRef: 'template:default/sdk-check',
                        values: { suite: 'shared' },
                      },
                    }
                  : step,
              ),
            },
          });
        expect(withTemplate.status).toBe(200);
        await approveQa(rollout.id);
        const read = await current(rollout.id);
        const markdown = (
          await request(app)
            .get(`/rollouts/${rollout.id}/markdown`)
            .set('Authorization', ada)
        ).text;

        const edited = markdown.replace(
          'Reviewer smoke tests must pass.',
          'Reviewer smoke tests must pass twice.',
        );
        expect(edited).not.toBe(markdown);
        const saved = await patch(rollout.id, edited, read.revision);
        expect(saved.status).toBe(200);
        expect(saved.body.edit).toEqual({
          changed: ['steps'],
          resetRoles: ['QA Lead'],
        });
        expect(saved.body.checklist.steps[2].notes).toBe(
          'Reviewer smoke tests must pass twice.',
        );
        expect(saved.body.checklist.preflightChecks[0]).toMatchObject({
          checked: true,
          checkedBy: 'user:default/ada',
        });
        expect(saved.body.checklist.signOffs[1]).toMatchObject({
          role: 'QA Lead',
          decision: 'pending',
        });
        // What the document cannot show survives its save.
        expect(saved.body.checklist.rollbackCriteria[1]).toMatchObject({
          state: 'ok',
          markedBy: 'user:default/ada',
        });
        expect(saved.body.checklist.steps[4].action).toEqual({
          templateRef: 'template:default/sdk-check',
          values: { suite: 'shared' },
        });

        // An edit of text no approval covers resets nothing.
        const comms = await patch(
          rollout.id,
          edited.replace('(`CHANGELOG.md`)', '(`CHANGELOG.md`, section 0.3.0)'),
          saved.body.revision,
        );
        expect(comms.status).toBe(200);
        expect(comms.body.edit).toEqual({
          changed: ['communication'],
          resetRoles: [],
        });

        const stale = await patch(rollout.id, edited, read.revision);
        expect(stale.status).toBe(409);
        expect(stale.body.error.reason).toBe('staleRevision');
      });

      it('answers 400 naming what is wrong with the document or the query', async () => {
        const rollout = await importSeed();
        const broken = await patch(rollout.id, '# Only a title\n', 1);
        expect(broken.status).toBe(400);
        expect(broken.body.error.message).toMatch(/^Invalid checklist: /);

        const noRevision = await patch(rollout.id, seedMarkdown);
        expect(noRevision.status).toBe(400);
        expect(noRevision.body.error.message).toContain('expectedRevision');

        const badRevision = await patch(rollout.id, seedMarkdown, 0);
        expect(badRevision.status).toBe(400);
        expect(badRevision.body.error.message).toContain('expectedRevision');

        const empty = await patch(rollout.id, '   ', 1);
        expect(empty.status).toBe(400);
        expect(empty.body.error.message).toBe(
          'The request body must be a markdown checklist',
        );

        const unknown = await patch('nope', seedMarkdown, 1);
        expect(unknown.status).toBe(404);
        expect((await current(rollout.id)).revision).toBe(1);
      });
    });
  },
);
