import { mockCredentials } from '@backstage/backend-test-utils';
import {
  Rollout,
  RolloutEvent,
  rolloutUpdatePermission,
} from '@rollout/backstage-plugin-rollout-common';
import express from 'express';
import request from 'supertest';
import {
  createTestDatabases,
  permissionsDenying,
  seedMarkdown,
} from '../__testUtils__/fixtures';
import { createRouterHarness } from '../__testUtils__/routerHarness';

const databases = createTestDatabases();

const ada = mockCredentials.user.header('user:default/ada');
const quinn = mockCredentials.user.header('user:default/quinn');

/** Every permission allowed, but `rollout.update` denied to Quinn. */
const quinnMayNotUpdate = () =>
  permissionsDenying(
    (permission, user) =>
      permission === rolloutUpdatePermission.name &&
      user === 'user:default/quinn',
  );

describe.each(databases.eachSupportedId())(
  'announcements on %p',
  databaseId => {
    let app: express.Express;
    let notifications: Awaited<
      ReturnType<typeof createRouterHarness>
    >['notifications'];
    let rollout: Rollout;

    beforeEach(async () => {
      ({ app, notifications } = await createRouterHarness({
        databases,
        databaseId: databaseId as 'POSTGRES_15' | 'SQLITE_3',
        permissions: quinnMayNotUpdate(),
        // The QA row is signed by the QA leads (Quinn); the entity is
        // owned by the architecture leads (Ada).
        signersByRole: { 'QA Lead': ['group:default/qa-leads'] },
      }));
      const imported = await request(app)
        .post('/rollouts')
        .query({
          entityRef: 'component:default/multipass-reviewer',
          version: 'v0.3.0',
          previousVersion: 'v0.2.0',
          releaseNotesUrl:
            'https://git.example.com/multipass-reviewer/blob/v0.3.0/CHANGELOG.md',
        })
        .set('Authorization', ada)
        .set('Content-Type', 'text/markdown')
        .send(seedMarkdown)
        .expect(201);
      rollout = imported.body;
    });

    const flagItem = () => rollout.checklist.communication[1];
    const send = (itemId: string, body: object, as = ada) =>
      request(app)
        .post(`/rollouts/${rollout.id}/communication/${itemId}/send`)
        .set('Authorization', as)
        .send(body);
    const draftOf = async (itemId: string) => {
      const res = await request(app)
        .get(`/rollouts/${rollout.id}/communication/${itemId}/announcement`)
        .set('Authorization', ada);
      expect(res.status).toBe(200);
      return res.body;
    };
    const current = async (): Promise<Rollout> =>
      (
        await request(app)
          .get(`/rollouts/${rollout.id}`)
          .set('Authorization', ada)
      ).body;
    const events = async (): Promise<RolloutEvent[]> =>
      (
        await request(app)
          .get(`/rollouts/${rollout.id}/events`)
          .set('Authorization', ada)
      ).body.items;

    it('drafts the announcement from the template, with the stakeholders, audiences and channels', async () => {
      const draft = await draftOf(flagItem().id);
      const tab =
        'http://localhost:3000/catalog/default/component/multipass-reviewer/rollout?version=v0.3.0';
      expect(draft).toEqual({
        itemId: flagItem().id,
        subject: 'Release v0.3.0 of multipass-reviewer',
        body: [
          'multipass-reviewer v0.3.0 is a draft.',
          'It replaces v0.2.0.',
          '',
          'Mention removal of `use_modular_reviewer` flag and mandatory adoption.',
          '',
          `- Migration guide: ${tab}#rollout-migration-guide`,
          '- Release notes: https://git.example.com/multipass-reviewer/blob/v0.3.0/CHANGELOG.md',
          `- The rollout: ${tab}`,
        ].join('\n'),
        stakeholders: [
          'group:default/qa-leads',
          'group:default/architecture-leads',
        ],
        audiences: [
          {
            name: 'release-managers',
            title: 'Release managers',
            entityRefs: ['user:default/maria'],
          },
        ],
        channels: ['web', 'email'],
      });
    });

    it('sends to each recipient once, ticks the item and records who, to whom, how and what', async () => {
      const draft = await draftOf(flagItem().id);
      const res = await send(flagItem().id, {
        expectedRevision: rollout.revision,
        subject: draft.subject,
        body: `${draft.body}\n\nQuestions to #multipass.`,
        stakeholders: true,
        audiences: ['release-managers'],
        // Ada again, by a short ref, and Quinn's group again.
        entityRefs: ['user:ada', 'group:default/qa-leads'],
      });
      expect(res.status).toBe(200);
      const recipients = [
        'user:default/ada',
        'user:default/maria',
        'user:default/quinn',
      ];
      expect(res.body.recipients).toEqual(recipients);
      expect(res.body.channels).toEqual([
        { channel: 'web', status: 'sent' },
        { channel: 'email', status: 'handedOff' },
      ]);
      expect(notifications.send).toHaveBeenCalledTimes(1);
      expect(notifications.send).toHaveBeenCalledWith({
        recipients: { type: 'entity', entityRef: recipients },
        payload: {
          title: 'Release v0.3.0 of multipass-reviewer',
          description: expect.stringContaining('Questions to #multipass.'),
          link: '/catalog/default/component/multipass-reviewer/rollout?version=v0.3.0',
          topic: 'multipass-reviewer v0.3.0',
          scope: `rollout:${rollout.id}:communication:${flagItem().id}`,
        },
      });

      const item = (await current()).checklist.communication[1];
      expect(item).toEqual({
        ...flagItem(),
        done: true,
        doneBy: 'user:default/ada',
        doneAt: expect.any(String),
        sent: { at: item.doneAt, by: 'user:default/ada', recipients: 3 },
      });
      expect(res.body.rollout.checklist.communication[1]).toEqual(item);
      const [event] = await events();
      expect(event).toMatchObject({
        actor: 'user:default/ada',
        type: 'communication.sent',
        message:
          'Sent "Mention removal of `use_modular_reviewer` flag and mandatory adoption." to 3 people by web, email',
        data: {
          itemId: flagItem().id,
          subject: 'Release v0.3.0 of multipass-reviewer',
          body: expect.stringContaining('Questions to #multipass.'),
          recipientCount: 3,
          recipients,
          audience: [
            'group:default/qa-leads',
            'group:default/architecture-leads',
            'user:default/maria',
            'user:default/ada',
          ],
          channels: ['web', 'email'],
        },
      });
    });

    it('asks before sending an item again, and says when it was sent', async () => {
      const body = {
        subject: 'Heads up',
        body: 'The flag goes away.',
        stakeholders: true,
      };
      const first = await send(flagItem().id, {
        ...body,
        expectedRevision: rollout.revision,
      });
      expect(first.status).toBe(200);
      const { sent } = first.body.rollout.checklist.communication[1];
      expect((await draftOf(flagItem().id)).lastSent).toEqual(sent);

      const again = await send(flagItem().id, {
        ...body,
        expectedRevision: first.body.rollout.revision,
      });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({
        reason: 'alreadySent',
        message: `"Mention removal of \`use_modular_reviewer\` flag and mandatory adoption." was sent on ${sent.at} by user:default/ada to 2 people; send it again with resend`,
      });
      expect(notifications.send).toHaveBeenCalledTimes(1);

      const resent = await send(flagItem().id, {
        ...body,
        expectedRevision: first.body.rollout.revision,
        resend: true,
      });
      expect(resent.status).toBe(200);
      expect(notifications.send).toHaveBeenCalledTimes(2);
      expect((await events())[0].data).toMatchObject({ resent: true });
    });

    it('leaves the item open and records nothing when the notifications backend fails', async () => {
      notifications.send.mockRejectedValueOnce(
        new Error('Request failed with status 502'),
      );
      const res = await send(flagItem().id, {
        expectedRevision: rollout.revision,
        subject: 'Heads up',
        body: 'The flag goes away.',
        stakeholders: true,
      });
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({
        name: 'ServiceUnavailableError',
        message:
          'Nothing was sent, and "Mention removal of `use_modular_reviewer` flag and mandatory adoption." stays as it was: web: not sent, email: not sent, as the notifications backend failed: Error: Request failed with status 502',
      });
      const after = await current();
      expect(after.revision).toBe(rollout.revision);
      expect(after.checklist.communication[1]).toEqual(flagItem());
    });

    it.each([
      [
        'a component among the people',
        { entityRefs: ['component:default/multipass-reviewer'] },
        "entityRefs[0]: 'component:default/multipass-reviewer' is not a user or group ref",
      ],
      [
        'a user the catalog does not have',
        { entityRefs: ['user:default/ada', 'user:default/nobody'] },
        "entityRefs[1]: the catalog has no user or group 'user:default/nobody'",
      ],
      [
        'an audience app-config does not have',
        { audiences: ['everyone'] },
        "audiences[0]: rollout.communication.audiences has no 'everyone'; it has 'release-managers'",
      ],
      ['a blank subject', { subject: '  ' }, 'subject'],
      [
        'a body past the limit',
        { body: 'x'.repeat(10_001) },
        'body: String must contain at most',
      ],
      [
        'nobody to send to',
        { stakeholders: false },
        'stakeholders, audiences, entityRefs: the announcement would reach nobody',
      ],
      ['refs not in a list', { entityRefs: 'user:default/ada' }, 'entityRefs'],
    ])('answers 400 naming the field to %s', async (_, change, message) => {
      const res = await send(flagItem().id, {
        expectedRevision: rollout.revision,
        subject: 'Heads up',
        body: 'The flag goes away.',
        stakeholders: true,
        ...change,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
      expect(notifications.send).not.toHaveBeenCalled();
    });

    it('refuses an unknown item, a stale revision, a final rollout and a caller who may not edit', async () => {
      const body = {
        expectedRevision: rollout.revision,
        subject: 'Heads up',
        body: 'The flag goes away.',
        stakeholders: true,
      };
      expect((await send('comms-99', body)).status).toBe(404);
      expect(
        (await send(flagItem().id, { ...body, expectedRevision: 1_000 }))
          .status,
      ).toBe(409);

      const denied = await send(flagItem().id, body, quinn);
      expect(denied.status).toBe(403);
      const deniedDraft = await request(app)
        .get(
          `/rollouts/${rollout.id}/communication/${flagItem().id}/announcement`,
        )
        .set('Authorization', quinn);
      expect(deniedDraft.status).toBe(403);

      const blocked = await request(app)
        .post(`/rollouts/${rollout.id}/status`)
        .set('Authorization', ada)
        .send({
          expectedRevision: rollout.revision,
          status: 'blocked',
          reason: 'Not this week',
        });
      expect(blocked.status).toBe(200);
      const rolledBack = await request(app)
        .post(`/rollouts/${rollout.id}/status`)
        .set('Authorization', ada)
        .send({
          expectedRevision: blocked.body.revision,
          status: 'rolled_back',
          reason: 'Not this week',
        });
      expect(rolledBack.status).toBe(200);
      const final = await send(flagItem().id, {
        ...body,
        expectedRevision: rolledBack.body.revision,
      });
      expect(final.status).toBe(409);
      expect(final.body.error.reason).toBe('rolloutFinished');
      expect(notifications.send).not.toHaveBeenCalled();
    });
  },
);
