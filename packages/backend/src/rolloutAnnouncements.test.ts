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
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import notificationsModuleEmail from '@backstage/plugin-notifications-backend-module-email';
import rolloutPlugin from '@rollout/backstage-plugin-rollout-backend';
import fs from 'fs';
import { ParsedMail, simpleParser } from 'mailparser';
import { AddressInfo } from 'net';
import path from 'path';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import notificationsEmailTemplates from './modules/notificationsEmailTemplates';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const seed = fs.readFileSync(
  path.resolve(
    __dirname,
    '../../../examples/rollouts/stage-01_03-rollout-checklist.md',
  ),
  'utf8',
);
const guest = mockCredentials.user.header('user:default/guest');

function user(name: string, groups: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { profile: { email: `${name}@example.com` }, memberOf: groups },
    relations: groups.map(targetRef => ({ type: 'memberOf', targetRef })),
  };
}

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'multipass-reviewer', namespace: 'default' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/reviewer-team',
    },
  },
  ...['reviewer-team', 'qa-leads'].map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  })),
  // The guest is in both groups: one recipient, one notification, one email.
  user('guest', ['group:default/reviewer-team', 'group:default/qa-leads']),
  user('rey', ['group:default/reviewer-team']),
  user('quinn', ['group:default/qa-leads']),
];

/** An SMTP server that keeps what it receives, parsed. */
async function startSink() {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, _session, callback) {
      simpleParser(stream).then(mail => {
        received.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    received,
    port: (server.server.address() as AddressInfo).port,
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

async function eventually<T>(
  what: string,
  read: () => T | undefined,
): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = read();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

describe.each(databases.eachSupportedId())(
  'a communication item sent through the real notifications backend and email module on %p',
  databaseId => {
    let sink: Awaited<ReturnType<typeof startSink>>;

    beforeAll(async () => {
      sink = await startSink();
    });

    afterAll(async () => {
      await sink.stop();
    });

    it('reaches each recipient once on the Notifications page and by email, with the version, the item and both links', async () => {
      const knexes: Record<
        string,
        Awaited<ReturnType<typeof databases.init>>
      > = {
        notifications: await databases.init(databaseId),
        rollout: await databases.init(databaseId),
      };
      const { server } = await startTestBackend({
        features: [
          rolloutPlugin,
          notificationsPlugin,
          notificationsModuleEmail,
          notificationsEmailTemplates,
          catalogServiceMock.factory({ entities }),
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
              notifications: {
                processors: {
                  email: {
                    transportConfig: {
                      transport: 'smtp',
                      hostname: '127.0.0.1',
                      port: sink.port,
                      secure: false,
                    },
                    sender: 'rollout@example.com',
                  },
                },
              },
              rollout: {
                signOffs: {
                  signersByRole: { 'QA Lead': ['group:default/qa-leads'] },
                },
              },
            },
          }),
        ],
      });

      const imported = await request(server)
        .post('/api/rollout/rollouts')
        .query({
          entityRef: 'component:default/multipass-reviewer',
          version: 'v0.3.0',
          previousVersion: 'v0.2.0',
          releaseNotesUrl:
            'https://git.example.com/multipass-reviewer/blob/v0.3.0/CHANGELOG.md',
        })
        .set('Authorization', guest)
        .set('Content-Type', 'text/markdown')
        .send(seed);
      expect(imported.status).toBe(201);
      const { id, revision } = imported.body;
      const item = imported.body.checklist.communication[1];
      expect(item.text).toContain('use_modular_reviewer');

      const draft = await request(server)
        .get(
          `/api/rollout/rollouts/${id}/communication/${item.id}/announcement`,
        )
        .set('Authorization', guest);
      expect(draft.status).toBe(200);
      expect(draft.body.channels).toEqual(['web', 'email']);

      const sent = await request(server)
        .post(`/api/rollout/rollouts/${id}/communication/${item.id}/send`)
        .set('Authorization', guest)
        .send({
          expectedRevision: revision,
          subject: draft.body.subject,
          body: draft.body.body,
          stakeholders: true,
          // The guest again, as a sender might add themself.
          entityRefs: ['user:default/guest'],
        });
      expect(sent.status).toBe(200);
      const recipients = [
        'user:default/guest',
        'user:default/quinn',
        'user:default/rey',
      ];
      expect(sent.body.recipients).toEqual(recipients);

      // The Notifications page of each recipient: the announcement, once.
      for (const recipient of recipients) {
        const page = await request(server)
          .get('/api/notifications/notifications')
          .set('Authorization', mockCredentials.user.header(recipient));
        expect(page.status).toBe(200);
        expect(page.body.totalCount).toBe(1);
        expect(page.body.notifications[0]).toMatchObject({
          user: recipient,
          origin: 'plugin:rollout',
          payload: {
            title: 'Release v0.3.0 of multipass-reviewer',
            description: expect.stringContaining('use_modular_reviewer'),
            link: '/catalog/default/component/multipass-reviewer/rollout?version=v0.3.0',
            topic: 'multipass-reviewer v0.3.0',
          },
        });
      }

      // One email per address, through the email module, to the sink.
      const mails = await eventually('three emails', () =>
        sink.received.length >= 3 ? sink.received : undefined,
      );
      await new Promise(resolve => setTimeout(resolve, 500));
      expect(sink.received).toHaveLength(3);
      expect(
        mails
          .map(mail => [mail.to].flat().map(to => to?.text))
          .flat()
          .sort(),
      ).toEqual(['guest@example.com', 'quinn@example.com', 'rey@example.com']);
      const tab =
        'http://localhost:3000/catalog/default/component/multipass-reviewer/rollout?version=v0.3.0';
      for (const mail of mails) {
        expect(mail.from?.text).toBe('rollout@example.com');
        expect(mail.subject).toBe('Release v0.3.0 of multipass-reviewer');
        expect(mail.text).toContain(
          'multipass-reviewer v0.3.0 is a draft.\nIt replaces v0.2.0.',
        );
        expect(mail.text).toContain(
          'Mention removal of `use_modular_reviewer` flag and mandatory adoption.',
        );
        expect(mail.text).toContain(
          `- Migration guide: ${tab}#rollout-migration-guide`,
        );
        expect(mail.text).toContain(
          '- Release notes: https://git.example.com/multipass-reviewer/blob/v0.3.0/CHANGELOG.md',
        );
        // The HTML part: escaped, and the links are links.
        expect(mail.html).toContain(
          `<a href="${tab}#rollout-migration-guide">`,
        );
        expect(mail.html).toContain(
          '<a href="https://git.example.com/multipass-reviewer/blob/v0.3.0/CHANGELOG.md">',
        );
      }

      const after = await request(server)
        .get(`/api/rollout/rollouts/${id}`)
        .set('Authorization', guest);
      expect(after.body.checklist.communication[1]).toMatchObject({
        done: true,
        doneBy: 'user:default/guest',
        sent: { by: 'user:default/guest', recipients: 3 },
      });
    }, 60_000);
  },
);
