/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectRefused"] }] */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ChecklistInput,
  Rollout,
  rolloutSignersUpdatePermission,
} from '@rollout/backstage-plugin-rollout-common';
import express from 'express';
import request from 'supertest';
import {
  createTestDatabases,
  seedMarkdown,
  smallChecklist,
} from '../__testUtils__/fixtures';
import { createRouterHarness } from '../__testUtils__/routerHarness';

/*
 * Each row of the hostile-client table of issue 12, as its own test, and
 * people working on one rollout at once; on PostgreSQL and SQLite alike.
 */

const databases = createTestDatabases();
// Dozens of requests per test, on a busy CI machine.
jest.setTimeout(60_000);
/** The URL a hostile client sends where a link is shown. */
const scriptUrl = ['javascript', 'alert(1)'].join(':');
const ada = mockCredentials.user.header('user:default/ada');
const quinn = mockCredentials.user.header('user:default/quinn');

/** A JSON value nested `depth` levels deep. */
function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) {
    value = { a: value };
  }
  return value;
}

describe.each(databases.eachSupportedId())('hardening on %p', databaseId => {
  let app: express.Express;
  let harness: Awaited<ReturnType<typeof createRouterHarness>>;

  async function setUp(permissions = mockServices.permissions()) {
    harness = await createRouterHarness({
      databases,
      databaseId: databaseId as 'POSTGRES_15' | 'SQLITE_3',
      permissions,
    });
    app = harness.app;
  }

  beforeEach(() => setUp());

  async function create(
    checklist: ChecklistInput = smallChecklist(),
    extra: object = {},
  ): Promise<Rollout> {
    const res = await request(app)
      .post('/rollouts')
      .set('Authorization', ada)
      .send({
        entityRef: 'component:default/reviewer',
        version: 'v1.0.0',
        checklist,
        ...extra,
      });
    expect(res.status).toBe(201);
    // The rollout as GET answers it, without what the import warned of.
    const { warnings: _warnings, ...rollout } = res.body;
    return rollout;
  }

  function importMarkdown(markdown: string) {
    return request(app)
      .post('/rollouts')
      .query({ entityRef: 'component:default/reviewer', version: 'v2.0.0' })
      .set('Authorization', ada)
      .set('Content-Type', 'text/markdown')
      .send(markdown);
  }

  async function rolloutCount(): Promise<number> {
    const res = await request(app).get('/rollouts').set('Authorization', ada);
    return res.body.items.length;
  }

  /** Expects a 400 whose message contains each of `words`. */
  function expectRefused(
    res: request.Response,
    ...words: Array<string | RegExp>
  ) {
    expect({ status: res.status, name: res.body.error?.name }).toEqual({
      status: 400,
      name: 'InputError',
    });
    for (const word of words) {
      expect(res.body.error.message).toMatch(word);
    }
  }

  it('a markdown import whose title is over 500 characters is a 400 naming the field and the limit', async () => {
    const res = await importMarkdown(
      seedMarkdown.replace(/^# .*$/m, `# ${'T'.repeat(501)}`),
    );
    expectRefused(res, /title/i, /500/);
    expect(await rolloutCount()).toBe(0);
  });

  it('a markdown import with a runbook cell over 10,000 characters is a 400 naming the field and the limit', async () => {
    const long = `\`${'x'.repeat(10_001)}\``;
    const res = await importMarkdown(
      seedMarkdown.replace('`make lint-allowlist`', long),
    );
    expectRefused(res, /10,?000/);
    expect(await rolloutCount()).toBe(0);
  });

  it('step values nested 4,100 levels deep are a 400 on create and on PATCH', async () => {
    const checklist = smallChecklist();
    const deep = {
      ...checklist,
      steps: [
        {
          ...checklist.steps[0],
          action: {
            templateRef: 'template:default/deploy',
            values: { v: nested(4_100) },
          },
        },
      ],
    };
    // Serialized here: supertest's own serializer recurses once per level
    // with large frames and can run out of stack before the request leaves.
    const created = await request(app)
      .post('/rollouts')
      .set('Authorization', ada)
      .set('Content-Type', 'application/json')
      .send(
        JSON.stringify({
          entityRef: 'component:default/reviewer',
          version: 'v1.0.0',
          checklist: deep,
        }),
      );
    expectRefused(created, 'nested more than');

    const rollout = await create();
    const patched = await request(app)
      .patch(`/rollouts/${rollout.id}`)
      .set('Authorization', ada)
      .set('Content-Type', 'application/json')
      .send(
        JSON.stringify({
          expectedRevision: 1,
          checklist: { steps: deep.steps },
        }),
      );
    expectRefused(patched, 'nested more than');

    // Deep enough for the schema's own limit, shallow for the body's.
    const patched20 = await request(app)
      .patch(`/rollouts/${rollout.id}`)
      .set('Authorization', ada)
      .send({
        expectedRevision: 1,
        checklist: {
          steps: [
            {
              ...deep.steps[0],
              action: { ...deep.steps[0].action, values: { v: nested(20) } },
            },
          ],
        },
      });
    expectRefused(patched20, 'checklist.steps.0.action.values.v', 'nested');
    const after = await request(app)
      .get(`/rollouts/${rollout.id}`)
      .set('Authorization', ada);
    expect(after.body.revision).toBe(1);
  });

  it('a markdown body of 50,000 nested blockquotes is a 400, and other requests are answered meanwhile', async () => {
    const rollout = await create();
    const [imported, read] = await Promise.all([
      importMarkdown(`# Title\n\n${'>'.repeat(50_000)} deep\n`),
      request(app).get(`/rollouts/${rollout.id}`).set('Authorization', ada),
    ]);
    // Refused for its size before anything parses it.
    expectRefused(imported, /over 49,152 bytes/);
    expect(read.status).toBe(200);
    expect(await rolloutCount()).toBe(1);
  });

  it('a markdown body of 20,000 nested blockquotes is a 400, not a RangeError', async () => {
    const res = await importMarkdown(
      `# Title\n\n${Array.from({ length: 20_000 }, () => '> ').join('')}x\n`,
    );
    expectRefused(res, /nest/i);
    expect(res.body.error.message).not.toMatch(/RangeError|call stack/);
  });

  it('a NUL byte in a note, a title, an id or an entityRef query is a 400', async () => {
    const rollout = await create();
    const note = await request(app)
      .post(`/rollouts/${rollout.id}/signoffs/qa-lead`)
      .set('Authorization', quinn)
      .send({ expectedRevision: 1, decision: 'approved', note: 'ok\u0000' });
    expectRefused(note, 'note', 'NUL');
    const title = await request(app)
      .patch(`/rollouts/${rollout.id}`)
      .set('Authorization', ada)
      .send({ expectedRevision: 1, title: 'a\u0000b' });
    expectRefused(title, 'title', 'NUL');
    const id = await request(app)
      .get(`/rollouts/${rollout.id}%00`)
      .set('Authorization', ada);
    expectRefused(id, 'path', 'NUL');
    const query = await request(app)
      .get('/rollouts')
      .query({ entityRef: 'component:default/a\u0000b' })
      .set('Authorization', ada);
    expectRefused(query, 'entityRef', 'NUL');
    const markdown = await importMarkdown(
      seedMarkdown.replace('Rollout Checklist', 'Rollout\u0000Checklist'),
    );
    expect(markdown.status).toBe(400);
    expect(markdown.body.error.message).toMatch(/NUL/);

    const after = await request(app)
      .get(`/rollouts/${rollout.id}`)
      .set('Authorization', ada);
    expect(after.body).toEqual(rollout);
  });

  it('a 300-character entityRef is a 400 naming the limit', async () => {
    const entityRef = `component:default/${'a'.repeat(282)}`;
    expect(entityRef).toHaveLength(300);
    const created = await request(app)
      .post('/rollouts')
      .set('Authorization', ada)
      .send({ entityRef, version: 'v1', checklist: smallChecklist() });
    expectRefused(created, 'entityRef', '255');
    const imported = await request(app)
      .post('/rollouts')
      .query({ entityRef, version: 'v1' })
      .set('Authorization', ada)
      .set('Content-Type', 'text/markdown')
      .send(seedMarkdown);
    expectRefused(imported, 'entityRef', '255');
    const listed = await request(app)
      .get('/rollouts')
      .query({ entityRef })
      .set('Authorization', ada);
    expectRefused(listed, 'entityRef', '255');
    const signer = smallChecklist();
    signer.signOffs[0].signers = [`user:default/${'u'.repeat(290)}`];
    const withSigner = await request(app)
      .post('/rollouts')
      .set('Authorization', ada)
      .send({
        entityRef: 'component:default/reviewer',
        version: 'v1',
        checklist: signer,
      });
    expectRefused(withSigner, 'signers', '255');
    expect(await rolloutCount()).toBe(0);
  });

  it('running a step before the catalog holds the step template is a 409 saying so', async () => {
    const rollout = await create();
    harness.scaffolder.scaffold.mockRejectedValueOnce(
      Object.assign(new Error('Template not found'), {
        name: 'ResponseError',
        response: { status: 404 },
        statusCode: 404,
      }),
    );
    const early = await request(app)
      .post(`/rollouts/${rollout.id}/steps/step-1/run`)
      .set('Authorization', ada);
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({
      reason: 'templateUnavailable',
      message: expect.stringContaining('is not in the catalog yet'),
    });
    const later = await request(app)
      .post(`/rollouts/${rollout.id}/steps/step-1/run`)
      .set('Authorization', ada);
    expect(later.status).toBe(202);
  });

  it("changing a sign-off row's signers needs rollout.signers.update, resets the row and is recorded", async () => {
    const permissions = mockServices.permissions.mock();
    permissions.authorize.mockImplementation(async requests =>
      requests.map(r => ({
        result:
          r.permission.name === rolloutSignersUpdatePermission.name
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
    );
    permissions.authorizeConditional.mockImplementation(async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    );
    await setUp(permissions);
    const rollout = await create();
    const approved = await request(app)
      .post(`/rollouts/${rollout.id}/signoffs/qa-lead`)
      .set('Authorization', quinn)
      .send({ expectedRevision: 1, decision: 'approved' });
    expect(approved.status).toBe(200);

    const toMe = {
      expectedRevision: 2,
      checklist: {
        signOffs: [
          { ...rollout.checklist.signOffs[0], signers: ['user:default/ada'] },
        ],
      },
    };
    const refused = await request(app)
      .patch(`/rollouts/${rollout.id}`)
      .set('Authorization', ada)
      .send(toMe);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      "Changing who signs 'QA Lead' needs the rollout.signers.update permission",
    );
    const selfApproval = await request(app)
      .post(`/rollouts/${rollout.id}/signoffs/qa-lead`)
      .set('Authorization', ada)
      .send({ expectedRevision: 2, decision: 'approved' });
    expect(selfApproval.status).toBe(403);
    // Removing the row would drop its approval from completion just the same.
    const removed = await request(app)
      .patch(`/rollouts/${rollout.id}`)
      .set('Authorization', ada)
      .send({ expectedRevision: 2, checklist: { signOffs: [] } });
    expect(removed.status).toBe(403);

    permissions.authorize.mockImplementation(async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    );
    const changed = await request(app)
      .patch(`/rollouts/${rollout.id}`)
      .set('Authorization', ada)
      .send(toMe);
    expect(changed.status).toBe(200);
    expect(changed.body.checklist.signOffs[0]).toMatchObject({
      signers: ['user:default/ada'],
      decision: 'pending',
    });
    expect(changed.body.checklist.signOffs[0].decidedBy).toBeUndefined();
    const events = await request(app)
      .get(`/rollouts/${rollout.id}/events`)
      .set('Authorization', ada);
    expect(events.body.items[0]).toMatchObject({
      actor: 'user:default/ada',
      type: 'rollout.edited',
      message:
        'Edited signOffs; the signers of QA Lead changed from group:default/qa-leads to user:default/ada; the approvals of QA Lead are pending again',
      data: {
        signersChanged: [
          {
            signOffId: 'qa-lead',
            role: 'QA Lead',
            from: ['group:default/qa-leads'],
            to: ['user:default/ada'],
          },
        ],
        resetRoles: ['QA Lead'],
      },
    });
  });

  it('a report of a step with no task is refused and changes nothing', async () => {
    const rollout = await create();
    const forged = await request(app)
      .post(`/rollouts/${rollout.id}/steps/step-1/report`)
      .set('Authorization', ada)
      .send({ status: 'succeeded' });
    expectRefused(forged, 'taskId');
    const noTask = await request(app)
      .post(`/rollouts/${rollout.id}/steps/step-1/report`)
      .set('Authorization', ada)
      .send({ status: 'succeeded', taskId: 'task-1', reportKey: 'guess' });
    expect(noTask.status).toBe(409);
    expect(noTask.body.error.reason).toBe('reportRefused');

    await request(app)
      .post(`/rollouts/${rollout.id}/steps/step-1/run`)
      .set('Authorization', ada)
      .expect(202);
    const wrongKey = await request(app)
      .post(`/rollouts/${rollout.id}/steps/step-1/report`)
      .set('Authorization', ada)
      .send({ status: 'succeeded', taskId: 'task-1', reportKey: 'guess' });
    expect(wrongKey.status).toBe(403);
    const after = await request(app)
      .get(`/rollouts/${rollout.id}`)
      .set('Authorization', ada);
    expect(after.body.checklist.steps[0].status).toBe('running');
  });

  it('a javascript: releaseNotesUrl is a 400: http(s) only, on create and PATCH', async () => {
    for (const url of [
      scriptUrl,
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'not a url',
    ]) {
      const created = await request(app)
        .post('/rollouts')
        .set('Authorization', ada)
        .send({
          entityRef: 'component:default/reviewer',
          version: 'v1',
          releaseNotesUrl: url,
          checklist: smallChecklist(),
        });
      expectRefused(created, 'releaseNotesUrl', 'http');
    }
    const rollout = await create(smallChecklist(), {
      releaseNotesUrl: 'https://example.com/notes',
    });
    const patched = await request(app)
      .patch(`/rollouts/${rollout.id}`)
      .set('Authorization', ada)
      .send({ expectedRevision: 1, releaseNotesUrl: scriptUrl });
    expectRefused(patched, 'releaseNotesUrl', 'http');
  });

  describe('people working at once', () => {
    const writers = 50;

    async function createWithChecks(): Promise<Rollout> {
      const checklist = smallChecklist();
      return create({
        ...checklist,
        preflightChecks: Array.from({ length: writers }, (_, i) => ({
          text: `Check ${i + 1}`,
        })),
      });
    }

    it('50 writers ticking different checks of the revision they read: 0 conflicts, 0 lost updates', async () => {
      const rollout = await createWithChecks();
      const answers = await Promise.all(
        rollout.checklist.preflightChecks.map(check =>
          request(app)
            .post(`/rollouts/${rollout.id}/preflight/${check.id}`)
            .set('Authorization', ada)
            .send({ expectedRevision: 1, checked: true }),
        ),
      );
      expect(answers.map(res => res.status)).toEqual(Array(writers).fill(200));
      const after = await request(app)
        .get(`/rollouts/${rollout.id}`)
        .set('Authorization', ada);
      expect(after.body.revision).toBe(1 + writers);
      expect(
        after.body.checklist.preflightChecks.filter(
          (check: { checked: boolean }) => check.checked,
        ),
      ).toHaveLength(writers);
    });

    it('50 writers on the same check: exactly one wins, the rest 409', async () => {
      const rollout = await createWithChecks();
      const answers = await Promise.all(
        Array.from({ length: writers }, () =>
          request(app)
            .post(`/rollouts/${rollout.id}/preflight/check-1`)
            .set('Authorization', ada)
            .send({ expectedRevision: 1, checked: true }),
        ),
      );
      const statuses = answers.map(res => res.status).sort();
      expect(statuses).toEqual([200, ...Array(writers - 1).fill(409)]);
      const refused = answers.find(res => res.status === 409)!;
      expect(refused.body.error.reason).toBe('staleRevision');
      expect(refused.body.error.message).toContain(
        "The pre-flight check 'check-1'",
      );
      const after = await request(app)
        .get(`/rollouts/${rollout.id}`)
        .set('Authorization', ada);
      expect(after.body.revision).toBe(2);
    });

    it('a criterion marked and a step marked done from an older revision apply when only other items changed', async () => {
      const checklist = smallChecklist();
      const rollout = await create({
        ...checklist,
        steps: [
          { number: 0, title: 'Announce the build', notes: '' },
          ...checklist.steps,
        ],
      });
      const answers = await Promise.all([
        request(app)
          .post(`/rollouts/${rollout.id}/preflight/check-1`)
          .set('Authorization', ada)
          .send({ expectedRevision: 1, checked: true }),
        request(app)
          .post(`/rollouts/${rollout.id}/criteria/criterion-1`)
          .set('Authorization', ada)
          .send({ expectedRevision: 1, state: 'ok' }),
        request(app)
          .post(`/rollouts/${rollout.id}/steps/step-0/confirm`)
          .set('Authorization', ada)
          .send({ expectedRevision: 1 }),
      ]);
      expect(answers.map(res => res.status)).toEqual([200, 200, 200]);
      const again = await request(app)
        .post(`/rollouts/${rollout.id}/criteria/criterion-1`)
        .set('Authorization', ada)
        .send({ expectedRevision: 1, state: 'triggered' });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toContain(
        "The rollback criterion 'criterion-1'",
      );
    });

    it('a sign-off decided from a revision before the runbook changed is a 409; one before a tick is not', async () => {
      const rollout = await create();
      await request(app)
        .post(`/rollouts/${rollout.id}/preflight/check-1`)
        .set('Authorization', ada)
        .send({ expectedRevision: 1, checked: true })
        .expect(200);
      const afterTick = await request(app)
        .post(`/rollouts/${rollout.id}/signoffs/qa-lead`)
        .set('Authorization', quinn)
        .send({ expectedRevision: 1, decision: 'approved' });
      expect(afterTick.status).toBe(200);

      const edited = await request(app)
        .patch(`/rollouts/${rollout.id}`)
        .set('Authorization', ada)
        .send({
          expectedRevision: 3,
          checklist: {
            steps: [
              ...rollout.checklist.steps,
              { number: 3, title: 'Smoke test', notes: '' },
            ],
          },
        });
      expect(edited.status).toBe(200);
      const stale = await request(app)
        .post(`/rollouts/${rollout.id}/signoffs/qa-lead`)
        .set('Authorization', quinn)
        .send({ expectedRevision: 3, decision: 'approved' });
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toContain('Edited steps');
      // A whole-document edit keeps the strict revision check.
      const staleEdit = await request(app)
        .patch(`/rollouts/${rollout.id}`)
        .set('Authorization', ada)
        .send({ expectedRevision: 3, title: 'Renamed' });
      expect(staleEdit.status).toBe(409);
    });
  });
});
