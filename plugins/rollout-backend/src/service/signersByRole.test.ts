import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  Rollout,
  RolloutEvent,
} from '@rollout/backstage-plugin-rollout-common';
import express from 'express';
import request from 'supertest';
import {
  createTestDatabases,
  seedMarkdown,
  smallChecklist,
} from '../__testUtils__/fixtures';
import { createRouterHarness } from '../__testUtils__/routerHarness';

const databases = createTestDatabases();

const ada = mockCredentials.user.header('user:default/ada');
const quinn = mockCredentials.user.header('user:default/quinn');

describe.each(databases.eachSupportedId())(
  'signers by role on %p',
  databaseId => {
    let app: express.Express;

    beforeEach(async () => {
      ({ app } = await createRouterHarness({
        databases,
        databaseId: databaseId as 'POSTGRES_15' | 'SQLITE_3',
        permissions: mockServices.permissions(),
        signersByRole: {
          'qa lead': ['group:default/qa-leads'],
          'Architecture Lead': [
            'group:default/architecture-leads',
            'user:default/ada',
          ],
        },
      }));
    });

    const events = async (id: string): Promise<RolloutEvent[]> =>
      (
        await request(app)
          .get(`/rollouts/${id}/events`)
          .set('Authorization', ada)
      ).body.items;

    it('gives the rows of a markdown checklist without a signer column their mapped signers', async () => {
      const res = await request(app)
        .post('/rollouts')
        .query({
          entityRef: 'component:default/multipass-reviewer',
          version: 'v0.3.0',
        })
        .set('Authorization', ada)
        .set('Content-Type', 'text/markdown')
        .send(seedMarkdown);
      // Rows nobody signs yet do not stop the rollout from being created.
      expect(res.status).toBe(201);
      const rollout: Rollout = res.body;
      expect(
        rollout.checklist.signOffs.map(row => [row.role, row.signers]),
      ).toEqual([
        [
          'Architecture Lead',
          ['group:default/architecture-leads', 'user:default/ada'],
        ],
        ['QA Lead', ['group:default/qa-leads']],
        ['Operations Lead', []],
        ['Product/Programme', []],
      ]);
      const [created] = await events(rollout.id);
      expect(created).toMatchObject({
        type: 'rollout.created',
        message:
          'Created the rollout of v0.3.0 with 10 steps, 7 pre-flight checks and 4 sign-offs; nobody signs Operations Lead, Product/Programme yet',
        data: { rolesWithoutSigners: ['Operations Lead', 'Product/Programme'] },
      });

      // The QA leads sign the QA row the mapping gave them.
      const decided = await request(app)
        .post(`/rollouts/${rollout.id}/signoffs/qa-lead`)
        .set('Authorization', quinn)
        .send({ expectedRevision: rollout.revision, decision: 'approved' });
      expect(decided.status).toBe(200);
    });

    it('keeps the signers a checklist names, and leaves edits alone', async () => {
      const checklist = smallChecklist();
      checklist.signOffs[0].signers = ['user:default/quinn'];
      const res = await request(app)
        .post('/rollouts')
        .set('Authorization', ada)
        .send({
          entityRef: 'component:default/reviewer',
          version: 'v1.0.0',
          checklist,
        });
      expect(res.status).toBe(201);
      const rollout: Rollout = res.body;
      expect(rollout.checklist.signOffs[0].signers).toEqual([
        'user:default/quinn',
      ]);
      const [created] = await events(rollout.id);
      expect(created.data).not.toHaveProperty('rolesWithoutSigners');

      // An edit is not a new rollout: a row it adds keeps the signers it has.
      const edited = await request(app)
        .patch(`/rollouts/${rollout.id}`)
        .set('Authorization', ada)
        .send({
          expectedRevision: rollout.revision,
          checklist: {
            signOffs: [
              ...rollout.checklist.signOffs,
              { role: 'Architecture Lead', responsibility: 'DI impacts' },
            ],
          },
        });
      expect(edited.status).toBe(200);
      expect(edited.body.checklist.signOffs[1]).toMatchObject({
        role: 'Architecture Lead',
        signers: [],
      });
    });
  },
);
