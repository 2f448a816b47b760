import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/fixtures';
import { createRouterHarness } from '../__testUtils__/routerHarness';

const databases = createTestDatabases();
const ada = mockCredentials.user.header('user:default/ada');

// A checklist as another team writes it: short headings, a numbered runbook,
// a section known by its content, signers by handle, email and group name.
const markdown = `# payments-api v2.2.0

## Steps

1. \`make build\` — builds the image.
2. Rollback — \`make deploy TAG=v2.1.0\`.

## Before we ship

- [ ] Dashboards ready

## Approvals

| Role | Approver | Status |
|------|----------|--------|
| Tech Lead | @maria | ✅ |
| QA Lead | qa-leads | ☐ |
| Security Lead | @nobody | ☐ |
`;

describe.each(databases.eachSupportedId())(
  'importing a checklist in another shape on %p',
  databaseId => {
    let app: express.Express;

    beforeEach(async () => {
      ({ app } = await createRouterHarness({
        databases,
        databaseId: databaseId as 'POSTGRES_15' | 'SQLITE_3',
        permissions: mockServices.permissions(),
        // Security Lead is mapped, but the document named someone.
        signersByRole: { 'Security Lead': ['group:default/security'] },
      }));
    });

    const importAs = (version: string, query: object = {}) =>
      request(app)
        .post('/rollouts')
        .query({
          entityRef: 'component:default/payments-api',
          version,
          ...query,
        })
        .set('Authorization', ada)
        .set('Content-Type', 'text/markdown')
        .send(markdown);

    const unknown = {
      line: 18,
      message:
        'the signer "@nobody" of "Security Lead" is left out: the catalog has no user or group by that name or email',
    };
    const guessed = {
      line: 8,
      message:
        'the section "Before we ship" is read as the pre-flight validation from its content; its heading names no section',
    };

    it('creates it with 201 and says, by line, what it guessed and whom it left out', async () => {
      const res = await importAs('v2.2.0');
      expect(res.status).toBe(201);
      expect(res.body.warnings).toEqual([guessed, unknown]);
      const { checklist } = res.body;
      expect(
        checklist.steps.map((s: { kind: string; command?: string }) => [
          s.kind,
          s.command,
        ]),
      ).toEqual([
        ['runbook', 'make build'],
        ['rollback', undefined],
      ]);
      expect(checklist.preflightChecks).toHaveLength(1);
      expect(
        checklist.signOffs.map(
          (row: { role: string; signers: string[]; decision: string }) => [
            row.role,
            row.signers,
            row.decision,
          ],
        ),
      ).toEqual([
        ['Tech Lead', ['user:default/maria'], 'approved'],
        ['QA Lead', ['group:default/qa-leads'], 'pending'],
        // Not the mapped group: the document named someone unknown.
        ['Security Lead', [], 'pending'],
      ]);
    });

    it('refuses it with strict=true, listing every warning, and stores nothing', async () => {
      const res = await importAs('v2.2.0', { strict: 'true' });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        name: 'InputError',
        message: `strict: the checklist was not created, as reading it needed 2 guess(es): line 8: ${guessed.message}; line 18: ${unknown.message}`,
      });
      const list = await request(app)
        .get('/rollouts')
        .set('Authorization', ada)
        .query({ entityRef: 'component:default/payments-api' });
      expect(list.body.items).toEqual([]);
      // strict=false is the default; anything else is a 400 naming it.
      expect((await importAs('v2.2.0', { strict: 'false' })).status).toBe(201);
      const bad = await importAs('v2.2.1', { strict: 'yes' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/strict/);
    });

    it('names signers added by a markdown edit through the catalog too, and says whom it left out', async () => {
      const created = await importAs('v2.2.0');
      const { id, revision } = created.body;
      const edited = markdown
        .replace(
          '| QA Lead | qa-leads | ☐ |',
          '| QA Lead | maria@example.com | ☐ |',
        )
        .replace('@nobody', '@still-nobody');
      const res = await request(app)
        .patch(`/rollouts/${id}`)
        .query({ expectedRevision: revision })
        .set('Authorization', ada)
        .set('Content-Type', 'text/markdown')
        .send(edited);
      expect(res.status).toBe(200);
      expect(
        res.body.checklist.signOffs.map(
          (row: { signers: string[] }) => row.signers,
        ),
      ).toEqual([['user:default/maria'], ['user:default/maria'], []]);
      expect(res.body.warnings).toEqual([
        guessed,
        {
          line: 18,
          message:
            'the signer "@still-nobody" of "Security Lead" is left out: the catalog has no user or group by that name or email',
        },
      ]);
    });
  },
);
