import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import rolloutPlugin from '@rollout/backstage-plugin-rollout-backend';
import fs from 'fs';
import { AddressInfo } from 'net';
import path from 'path';
import request from 'supertest';

const seed = fs.readFileSync(
  path.resolve(
    __dirname,
    '../../../examples/rollouts/stage-01_03-rollout-checklist.md',
  ),
  'utf8',
);

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'multipass-reviewer', namespace: 'default' },
    spec: { type: 'service', owner: 'group:default/reviewer-team' },
  },
];

/** An MCP client of the rollout server, signed in as the user. */
async function connect(baseUrl: string, userEntityRef: string) {
  const client = new Client({ name: 'rollout-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(
      new URL(`${baseUrl}/api/mcp-actions/v1/rollout`),
      {
        requestInit: {
          headers: {
            Authorization: mockCredentials.user.header(userEntityRef),
          },
        },
      },
    ),
  );
  return client;
}

/** The JSON a tool answered, from its text content. */
function answerOf(result: Awaited<ReturnType<Client['callTool']>>) {
  const [content] = result.content as Array<{ type: string; text: string }>;
  expect(content.type).toBe('text');
  return JSON.parse(content.text);
}

describe('the rollout actions over MCP, with the real MCP actions backend', () => {
  it('lists the rollout tools, and lets a user find and decide their pending sign-off', async () => {
    const { server } = await startTestBackend({
      features: [
        rolloutPlugin,
        mcpActionsPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            backend: { actions: { pluginSources: ['rollout'] } },
            mcpActions: {
              servers: {
                rollout: {
                  name: 'rollout',
                  description: 'Release rollouts of catalog entities',
                  filter: { include: [{ id: 'rollout:*' }] },
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
    const baseUrl = `http://localhost:${
      (server.address() as AddressInfo).port
    }`;
    const imported = await request(server)
      .post('/api/rollout/rollouts')
      .query({
        entityRef: 'component:default/multipass-reviewer',
        version: 'v0.3.0',
        previousVersion: 'v0.2.0',
      })
      .set('Authorization', mockCredentials.user.header('user:default/rey'))
      .set('Content-Type', 'text/markdown')
      .send(seed);
    expect(imported.status).toBe(201);

    // mockCredentials.user gives the user no groups: a signer of the QA row
    // is a user the row names.
    const qaRow = await request(server)
      .patch(`/api/rollout/rollouts/${imported.body.id}`)
      .set('Authorization', mockCredentials.user.header('user:default/rey'))
      .send({
        expectedRevision: imported.body.revision,
        checklist: {
          signOffs: imported.body.checklist.signOffs.map(
            (row: { role: string; signers: string[] }) =>
              row.role === 'QA Lead'
                ? { ...row, signers: ['user:default/quinn'] }
                : row,
          ),
        },
      });
    expect(qaRow.status).toBe(200);

    const client = await connect(baseUrl, 'user:default/quinn');
    const { tools } = await client.listTools();
    expect(tools.map(tool => tool.name).sort()).toEqual([
      'rollout.decide-signoff',
      'rollout.get-rollout',
      'rollout.get-rollout-gates',
      'rollout.import-checklist',
      'rollout.list-my-pending-signoffs',
      'rollout.list-rollouts',
      'rollout.run-step',
      'rollout.set-rollout-status',
    ]);
    expect(
      tools.find(tool => tool.name === 'rollout.get-rollout')?.annotations,
    ).toMatchObject({ readOnlyHint: true, idempotentHint: true });
    expect(
      tools.find(tool => tool.name === 'rollout.run-step')?.annotations,
    ).toMatchObject({ readOnlyHint: false, destructiveHint: true });

    const pending = answerOf(
      await client.callTool({
        name: 'rollout.list-my-pending-signoffs',
        arguments: {},
      }),
    );
    expect(pending.signOffs).toEqual([
      expect.objectContaining({
        rolloutId: imported.body.id,
        signOffId: 'qa-lead',
        role: 'QA Lead',
      }),
    ]);

    const decided = answerOf(
      await client.callTool({
        name: 'rollout.decide-signoff',
        arguments: {
          rolloutId: imported.body.id,
          signOffId: 'qa-lead',
          decision: 'approved',
          note: 'Approved from my assistant',
        },
      }),
    );
    expect(decided.rollout.signOffs[1]).toMatchObject({
      decision: 'approved',
      decidedBy: 'user:default/quinn',
    });
    await client.close();

    // What the tab reads: the decision, by Quinn, with the note.
    const tab = await request(server)
      .get(`/api/rollout/rollouts/${imported.body.id}`)
      .set('Authorization', mockCredentials.user.header('user:default/rey'));
    expect(tab.body.checklist.signOffs[1]).toMatchObject({
      role: 'QA Lead',
      decision: 'approved',
      decidedBy: 'user:default/quinn',
      note: 'Approved from my assistant',
    });

    // Rey signs nothing: the same call is refused, as over HTTP.
    const rey = await connect(baseUrl, 'user:default/rey');
    const refused = await rey.callTool({
      name: 'rollout.decide-signoff',
      arguments: {
        rolloutId: imported.body.id,
        signOffId: 'qa-lead',
        decision: 'rejected',
      },
    });
    expect(refused.isError).toBe(true);
    await rey.close();
  }, 60_000);
});
