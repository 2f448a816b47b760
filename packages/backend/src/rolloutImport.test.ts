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
import catalogPlugin from '@backstage/plugin-catalog-backend';
import rolloutPlugin from '@rollout/backstage-plugin-rollout-backend';
import path from 'path';
import request from 'supertest';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const examples = path.resolve(__dirname, '../../../examples');
const guest = mockCredentials.user.header('user:default/guest');

// Signers by handle, by email, a group by name, and one nobody has.
const markdown = `# Accounts 3.1.0

## Runbook

1. \`make deploy\` — deploys.

## Approvals

| Stakeholder | Status | Signers |
|-------------|--------|---------|
| Security Lead | ☐ | @rey |
| Product | ☐ | quinn@example.com |
| QA Lead | ☐ | qa-leads |
| Operations | ☐ | @nobody |
`;

describe.each(databases.eachSupportedId())(
  'importing a checklist whose signers are named, with the real catalog, on %p',
  databaseId => {
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

    beforeAll(async () => {
      // Each plugin its own database, as in production.
      const knexes: Record<
        string,
        Awaited<ReturnType<typeof databases.init>>
      > = {
        catalog: await databases.init(databaseId),
        rollout: await databases.init(databaseId),
      };
      ({ server } = await startTestBackend({
        features: [
          catalogPlugin,
          rolloutPlugin,
          createServiceFactory({
            service: coreServices.database,
            deps: { plugin: coreServices.pluginMetadata },
            factory: ({ plugin }) => ({
              getClient: async () => knexes[plugin.getId()],
            }),
          }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                rules: [
                  {
                    allow: [
                      'Location',
                      'Component',
                      'System',
                      'API',
                      'Resource',
                      'User',
                      'Group',
                    ],
                  },
                ],
                locations: [
                  {
                    type: 'file',
                    target: path.join(examples, 'entities.yaml'),
                  },
                  { type: 'file', target: path.join(examples, 'org.yaml') },
                ],
              },
            },
          }),
        ],
      }));
      // The catalog reads its locations in the background.
      const get = (url: string) =>
        request(server).get(url).set('Authorization', guest);
      const deadline = Date.now() + 60_000;
      for (;;) {
        const [user, component] = await Promise.all(
          [
            '/api/catalog/entities/by-name/user/default/quinn',
            '/api/catalog/entities/by-name/component/default/multipass-reviewer',
          ].map(get),
        );
        if (user.status === 200 && component.status === 200) {
          break;
        }
        if (Date.now() > deadline) {
          throw new Error('the catalog did not read the examples in 60 s');
        }
        await new Promise(resolve => setTimeout(resolve, 500));
      }
    }, 90_000);

    const importAs = (version: string, strict?: boolean) =>
      request(server)
        .post('/api/rollout/rollouts')
        .query({
          entityRef: 'component:default/multipass-reviewer',
          version,
          ...(strict ? { strict: 'true' } : {}),
        })
        .set('Authorization', guest)
        .set('Content-Type', 'text/markdown')
        .send(markdown);

    it('names each signer by the catalog, and warns of the one it does not know', async () => {
      const res = await importAs('v9.0.0');
      expect(res.status).toBe(201);
      expect(
        res.body.checklist.signOffs.map(
          (row: { role: string; signers: string[] }) => [row.role, row.signers],
        ),
      ).toEqual([
        ['Security Lead', ['user:default/rey']],
        ['Product', ['user:default/quinn']],
        ['QA Lead', ['group:default/qa-leads']],
        ['Operations', []],
      ]);
      expect(res.body.warnings).toEqual([
        {
          line: 14,
          message:
            'the signer "@nobody" of "Operations" is left out: the catalog has no user or group by that name or email',
        },
      ]);
    });

    it('refuses the same document when strict, creating nothing', async () => {
      const res = await importAs('v9.0.1', true);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'strict: the checklist was not created, as reading it needed 1 guess(es): line 14: the signer "@nobody" of "Operations" is left out: the catalog has no user or group by that name or email',
      );
      const list = await request(server)
        .get('/api/rollout/rollouts')
        .query({ entityRef: 'component:default/multipass-reviewer' })
        .set('Authorization', guest);
      expect(
        list.body.items.map((item: { version: string }) => item.version),
      ).not.toContain('v9.0.1');
    });
  },
);
