import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  Permission,
} from '@backstage/plugin-permission-common';
import {
  Checklist,
  Rollout,
  rolloutCreatePermission,
  rolloutReadPermission,
  rolloutSignOffDecidePermission,
  rolloutUpdatePermission,
} from '@rollout/backstage-plugin-rollout-common';
import express from 'express';
import fs from 'fs';
import path from 'path';
import request from 'supertest';
import {
  fakeScaffolder,
  createTestDatabases,
  seedMarkdown,
  smallChecklist,
} from '../__testUtils__/fixtures';
import { createRouterHarness } from '../__testUtils__/routerHarness';
import { RolloutService } from './RolloutService';
import {
  createRolloutConditionalDecision,
  rolloutConditions,
} from '../permissions/conditionExports';

const databases = createTestDatabases();

const asUser = (ref: string) => mockCredentials.user.header(ref);
const quinn = asUser('user:default/quinn');
const ada = asUser('user:default/ada');

/** The router over a fresh SQLite store, with the given permission policy. */
const setUp = (permissions: PermissionsService) =>
  createRouterHarness({ databases, databaseId: 'SQLITE_3', permissions });

describe('createRouter', () => {
  let app: express.Express;
  let auditor: ReturnType<typeof mockServices.auditor.mock>;
  let notifications: { send: jest.Mock };
  let scaffolder: ReturnType<typeof fakeScaffolder>;

  beforeEach(async () => {
    ({ app, auditor, notifications, scaffolder } = await setUp(
      mockServices.permissions(),
    ));
  });

  async function createSmall(
    checklist: Checklist = smallChecklist(),
  ): Promise<Rollout> {
    const res = await request(app)
      .post('/rollouts')
      .set('Authorization', ada)
      .send({
        entityRef: 'component:default/reviewer',
        version: 'v1.0.0',
        checklist,
      });
    expect(res.status).toBe(201);
    return res.body;
  }

  /** The small checklist with its pre-flight check ticked: it may start. */
  function readyToStart(): Checklist {
    const checklist = smallChecklist();
    checklist.preflightChecks[0].checked = true;
    return checklist;
  }

  async function importSeed(markdown = seedMarkdown): Promise<Rollout> {
    const res = await request(app)
      .post('/rollouts')
      .query({
        entityRef: 'component:default/multipass-reviewer',
        version: 'v0.3.0',
        previousVersion: 'v0.2.0',
      })
      .set('Authorization', ada)
      .set('Content-Type', 'text/markdown')
      .send(markdown);
    expect(res.status).toBe(201);
    // The rollout as GET answers it, without what the import warned of.
    const { warnings: _warnings, ...rollout } = res.body;
    return rollout;
  }

  describe('POST /rollouts', () => {
    it('creates a rollout from JSON and audits it', async () => {
      const rollout = await createSmall();
      expect(rollout).toMatchObject({
        entityRef: 'component:default/reviewer',
        version: 'v1.0.0',
        title: 'Stage 02_01 · Rollout Checklist',
        status: 'draft',
        revision: 1,
        createdBy: 'user:default/ada',
      });
      expect(rollout.checklist).toEqual(smallChecklist());
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'rollout-create',
          meta: {
            entityRef: 'component:default/reviewer',
            version: 'v1.0.0',
            actor: 'user:default/ada',
          },
        }),
      );
    });

    it('imports the seed checklist from markdown with every section', async () => {
      const rollout = await importSeed();
      const { checklist } = rollout;
      expect(rollout.title).toBe('Stage 01_03 · Rollout Checklist');
      expect(rollout.previousVersion).toBe('v0.2.0');
      expect(checklist.steps).toHaveLength(10);
      expect(checklist.steps[9].kind).toBe('rollback');
      expect(checklist.rollbackCriteria).toHaveLength(3);
      expect(checklist.migrationGuide).toHaveLength(5);
      expect(checklist.preflightChecks).toHaveLength(7);
      expect(checklist.signOffs).toHaveLength(4);
      expect(checklist.metrics).toHaveLength(4);
      expect(checklist.alerts).toHaveLength(2);
      expect(checklist.communication).toHaveLength(3);
    });

    it('imports a checklist someone else wrote and prints it back equal', async () => {
      const markdown = fs.readFileSync(
        path.resolve(__dirname, '../__fixtures__/payments-api-2.1.0.md'),
        'utf8',
      );
      const created = await request(app)
        .post('/rollouts')
        .query({
          entityRef: 'component:default/payments-api',
          version: '2.1.0',
        })
        .set('Authorization', ada)
        .set('Content-Type', 'text/markdown')
        .send(markdown);
      expect(created.status).toBe(201);
      const { checklist } = created.body as Rollout;
      expect(checklist.steps.map(s => s.status)).toEqual([
        'succeeded',
        'pending',
        'pending',
        'pending',
        'pending',
      ]);
      expect(checklist.steps[3].title).toBe(
        'Watch the `payments-api` dashboard for 15 minutes',
      );
      expect(checklist.steps[3].notes).toBe('Error rate | latency panels.');
      expect(checklist.steps[4].kind).toBe('rollback');
      expect(checklist.preflightChecks.map(c => c.checked)).toEqual([
        true,
        false,
      ]);
      expect(checklist.signOffs[0]).toMatchObject({
        decision: 'approved',
        note: 'Looks good',
        signers: ['group:default/payments-leads'],
      });
      expect(checklist.signOffs[0].decidedBy).toBeUndefined();
      expect(checklist.alerts).toEqual([
        {
          id: 'paymentserrorbudgetburn',
          name: 'PaymentsErrorBudgetBurn',
          source: 'Alertmanager',
          description: 'must stay clear.',
        },
      ]);
      expect(checklist.extraSections).toEqual([
        {
          heading: 'Appendix',
          body: 'Contact the on-call engineer via PagerDuty.',
        },
      ]);

      const printed = await request(app)
        .get(`/rollouts/${created.body.id}/markdown`)
        .set('Authorization', ada);
      expect(printed.text).toBe(markdown);
    });

    it('answers 409 for the same entity and version twice', async () => {
      await createSmall();
      const res = await request(app)
        .post('/rollouts')
        .set('Authorization', ada)
        .send({
          entityRef: 'Component:default/Reviewer',
          version: 'v1.0.0',
          checklist: smallChecklist(),
        });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({
        name: 'ConflictError',
        reason: 'duplicate',
      });
      expect(res.body.error.message).toContain('already exists');
    });

    it.each([
      [{ version: 'v1', checklist: {} }, 'entityRef'],
      [{ entityRef: 'component:default/x', checklist: {} }, 'version'],
      [{ entityRef: 'component:default/x', version: 'v1' }, 'checklist'],
      [
        { entityRef: 'not a ref', version: 'v1', checklist: smallChecklist() },
        'entityRef',
      ],
      [
        {
          entityRef: 'component:default/x',
          version: 'v 1',
          checklist: smallChecklist(),
        },
        'version',
      ],
      [
        {
          entityRef: 'component:default/x',
          version: 'v1',
          checklist: { ...smallChecklist(), steps: [{ number: 1 }] },
        },
        'checklist.steps.0.title',
      ],
      [
        {
          entityRef: 'component:default/x',
          version: 'v1',
          checklist: smallChecklist(),
          colour: 'blue',
        },
        'colour',
      ],
    ])('answers 400 naming the field for %j', async (body, field) => {
      const res = await request(app)
        .post('/rollouts')
        .set('Authorization', ada)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain(field);
    });

    it('answers 400 for malformed JSON', async () => {
      const res = await request(app)
        .post('/rollouts')
        .set('Authorization', ada)
        .set('Content-Type', 'application/json')
        .send('{"entityRef": ');
      expect(res.status).toBe(400);
    });

    it('answers 400 with the line for markdown that is not a checklist', async () => {
      const res = await request(app)
        .post('/rollouts')
        .query({ entityRef: 'component:default/x', version: 'v1' })
        .set('Authorization', ada)
        .set('Content-Type', 'text/markdown')
        .send('hello world\n');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/Invalid checklist: Line 1/);
    });

    it('answers 400 for a markdown import without a version', async () => {
      const res = await request(app)
        .post('/rollouts')
        .query({ entityRef: 'component:default/x' })
        .set('Authorization', ada)
        .set('Content-Type', 'text/markdown')
        .send(seedMarkdown);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('version');
    });

    it('answers 401 without credentials', async () => {
      const res = await request(app)
        .post('/rollouts')
        .set('Authorization', mockCredentials.none.header())
        .send({
          entityRef: 'component:default/x',
          version: 'v1',
          checklist: smallChecklist(),
        });
      expect(res.status).toBe(401);
    });
  });

  describe('GET /rollouts', () => {
    it('lists summaries with counts and pending roles, filtered and paged', async () => {
      const seed = await importSeed();
      await createSmall();

      const res = await request(app)
        .get('/rollouts')
        .query({ entityRef: 'component:default/multipass-reviewer' })
        .set('Authorization', quinn);
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(1);
      expect(res.body.items[0]).toMatchObject({
        id: seed.id,
        version: 'v0.3.0',
        counts: {
          steps: { done: 0, total: 9 },
          checks: { done: 0, total: 7 },
          signOffs: { approved: 0, total: 4 },
        },
        pendingRoles: [
          'Architecture Lead',
          'QA Lead',
          'Operations Lead',
          'Product/Programme',
        ],
      });
      expect(res.body.items[0].checklist).toBeUndefined();

      const typed = await request(app)
        .get('/rollouts?entityRef=component:default/multipass-reviewer')
        .set('Authorization', quinn);
      expect(typed.status).toBe(200);
      expect(typed.body.items.map((r: Rollout) => r.id)).toEqual([seed.id]);

      const page1 = await request(app)
        .get('/rollouts')
        .query({ limit: 1 })
        .set('Authorization', quinn);
      expect(page1.body.items.map((r: Rollout) => r.version)).toEqual([
        'v1.0.0',
      ]);
      const page2 = await request(app)
        .get('/rollouts')
        .query({ limit: 1, cursor: page1.body.nextCursor })
        .set('Authorization', quinn);
      expect(page2.body.items.map((r: Rollout) => r.version)).toEqual([
        'v0.3.0',
      ]);
      expect(page2.body.nextCursor).toBeUndefined();

      const drafts = await request(app)
        .get('/rollouts')
        .query({ status: 'completed' })
        .set('Authorization', quinn);
      expect(drafts.body.items).toEqual([]);
    });

    it('filters for the board: statuses, mine to sign, mine to own, text, sort', async () => {
      const seed = await importSeed();
      const small = await createSmall();
      const next = await request(app)
        .post('/rollouts')
        .set('Authorization', ada)
        .send({
          entityRef: 'component:default/reviewer',
          version: 'v2.0.0',
          checklist: smallChecklist(),
        });
      expect(next.status).toBe(201);
      const approved = await request(app)
        .post(`/rollouts/${small.id}/signoffs/qa-lead`)
        .set('Authorization', quinn)
        .send({ expectedRevision: small.revision, decision: 'approved' });
      expect(approved.status).toBe(200);

      const list = (query: object, who = quinn) =>
        request(app).get('/rollouts').query(query).set('Authorization', who);
      const versions = (res: request.Response) =>
        res.body.items.map((r: Rollout) => r.version);

      // Quinn's group signs the QA rows of both small rollouts; one of them
      // is decided. The seed names no signers.
      const mine = await list({ pendingSignoffBy: 'me' });
      expect(mine.status).toBe(200);
      expect(versions(mine)).toEqual(['v2.0.0']);
      expect(mine.body.items[0].awaitingYou).toEqual([
        { id: 'qa-lead', role: 'QA Lead' },
      ]);
      expect(versions(await list({ pendingSignoffBy: 'me' }, ada))).toEqual([]);

      expect(versions(await list({ ownedBy: 'me' }, ada))).toEqual([
        'v1.0.0',
        'v2.0.0',
        'v0.3.0',
      ]);
      expect(versions(await list({ ownedBy: 'me' }))).toEqual([]);
      expect(
        versions(await list({ owner: 'group:default/architecture-leads' })),
      ).toEqual(['v1.0.0', 'v2.0.0', 'v0.3.0']);

      expect(versions(await list({ status: 'draft,blocked' }))).toHaveLength(3);
      expect(
        versions(await list({ status: ['completed', 'rolled_back'] })),
      ).toEqual([]);
      expect(versions(await list({ q: 'MULTIPASS' }))).toEqual(['v0.3.0']);
      const byEntity = await list({ sort: 'entity' });
      expect(versions(byEntity)).toEqual(['v0.3.0', 'v2.0.0', 'v1.0.0']);
      expect(byEntity.body.items[0]).toMatchObject({
        id: seed.id,
        lastActivityAt: expect.any(String),
      });

      const page = await list({ sort: 'entity', limit: 1 });
      const otherSort = await list({
        sort: 'status',
        cursor: page.body.nextCursor,
      });
      expect(otherSort.status).toBe(400);
      expect(otherSort.body.error.message).toMatch(/cursor.*same sort/);
    });

    it('answers 400 to "me" from a service, which owns and signs nothing', async () => {
      const res = await request(app)
        .get('/rollouts')
        .query({ pendingSignoffBy: 'me' })
        .set('Authorization', mockCredentials.service.header());
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('pendingSignoffBy');
    });

    it.each([
      [{ status: 'finished' }, 'status'],
      [{ limit: '0' }, 'limit'],
      [{ limit: 'many' }, 'limit'],
      [{ cursor: 'bogus' }, 'cursor'],
      [{ entityRef: 'nope' }, 'entityRef'],
      [{ owner: 'me' }, 'owner'],
      [{ sort: 'newest' }, 'sort'],
      [{ pendingSignoffBy: 'you' }, 'pendingSignoffBy'],
      [{ status: 'draft,finished' }, 'status'],
      [{ q: 'x'.repeat(201) }, 'q'],
    ])('answers 400 naming the parameter for %j', async (query, field) => {
      const res = await request(app)
        .get('/rollouts')
        .query(query)
        .set('Authorization', quinn);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
    });
  });

  describe('GET /rollouts/:id, /markdown, /events', () => {
    it('returns the whole rollout, its markdown and its history', async () => {
      const seed = await importSeed();
      const got = await request(app)
        .get(`/rollouts/${seed.id}`)
        .set('Authorization', quinn);
      expect(got.status).toBe(200);
      expect(got.body).toEqual(seed);

      const markdown = await request(app)
        .get(`/rollouts/${seed.id}/markdown`)
        .set('Authorization', quinn);
      expect(markdown.status).toBe(200);
      expect(markdown.headers['content-type']).toMatch(/^text\/markdown/);
      expect(markdown.text).toContain('# Stage 01_03 · Rollout Checklist');
      expect(markdown.text).toContain(
        '| 6 | `docker compose -f docker-compose.butler.yml up -d reviewer` |',
      );

      const events = await request(app)
        .get(`/rollouts/${seed.id}/events`)
        .set('Authorization', quinn);
      expect(events.status).toBe(200);
      expect(events.body.items).toEqual([
        expect.objectContaining({
          actor: 'user:default/ada',
          type: 'rollout.created',
          revision: 1,
          message: expect.stringContaining('10 steps'),
        }),
      ]);
    });

    it.each(['', '/markdown', '/events', '/gates'])(
      'answers 404 for an unknown id (%s)',
      async suffix => {
        const res = await request(app)
          .get(`/rollouts/nope${suffix}`)
          .set('Authorization', quinn);
        expect(res.status).toBe(404);
        expect(res.body.error.name).toBe('NotFoundError');
      },
    );
  });

  describe('PATCH /rollouts/:id', () => {
    it('replaces sections, keeps state by id and resets approvals when the runbook changes', async () => {
      const rollout = await createSmall();
      const approved = await request(app)
        .post(`/rollouts/${rollout.id}/signoffs/qa-lead`)
        .set('Authorization', quinn)
        .send({ expectedRevision: 1, decision: 'approved' });
      expect(approved.status).toBe(200);

      const res = await request(app)
        .patch(`/rollouts/${rollout.id}`)
        .set('Authorization', ada)
        .send({
          expectedRevision: 2,
          title: 'Renamed',
          checklist: {
            steps: [
              ...rollout.checklist.steps,
              { number: 3, title: '`make deploy`', command: 'make deploy' },
            ],
          },
        });
      expect(res.status).toBe(200);
      expect(res.body.revision).toBe(3);
      expect(res.body.title).toBe('Renamed');
      expect(res.body.checklist.steps.map((s: { id: string }) => s.id)).toEqual(
        ['step-1', 'step-2', 'step-3'],
      );
      expect(res.body.checklist.steps[2].status).toBe('pending');
      expect(res.body.checklist.signOffs[0]).toMatchObject({
        decision: 'pending',
      });
      expect(res.body.checklist.signOffs[0].decidedBy).toBeUndefined();

      const events = await request(app)
        .get(`/rollouts/${rollout.id}/events`)
        .set('Authorization', quinn);
      expect(events.body.items[0]).toMatchObject({
        type: 'rollout.edited',
        actor: 'user:default/ada',
        message: expect.stringContaining(
          'approvals of QA Lead are pending again',
        ),
      });
    });

    it('keeps approvals when only other sections change', async () => {
      const rollout = await createSmall();
      await request(app)
        .post(`/rollouts/${rollout.id}/signoffs/qa-lead`)
        .set('Authorization', quinn)
        .send({ expectedRevision: 1, decision: 'approved' });
      const res = await request(app)
        .patch(`/rollouts/${rollout.id}`)
        .set('Authorization', ada)
        .send({
          expectedRevision: 2,
          checklist: { communication: [{ text: 'Post in #releases.' }] },
        });
      expect(res.status).toBe(200);
      expect(res.body.checklist.signOffs[0].decision).toBe('approved');
      expect(res.body.checklist.communication).toEqual([
        { id: 'comms-1', text: 'Post in #releases.', done: false },
      ]);
    });

    it('answers 409 for a stale revision, 404 for an unknown id, 400 for bad input', async () => {
      const rollout = await createSmall();
      const stale = await request(app)
        .patch(`/rollouts/${rollout.id}`)
        .set('Authorization', ada)
        .send({ expectedRevision: 7, title: 'x' });
      expect(stale.status).toBe(409);
      expect(stale.body.error).toMatchObject({
        name: 'ConflictError',
        reason: 'staleRevision',
      });
      expect(stale.body.error.message).toContain('revision 1, not 7');

      const missing = await request(app)
        .patch('/rollouts/nope')
        .set('Authorization', ada)
        .send({ expectedRevision: 1, title: 'x' });
      expect(missing.status).toBe(404);

      const noRevision = await request(app)
        .patch(`/rollouts/${rollout.id}`)
        .set('Authorization', ada)
        .send({ title: 'x' });
      expect(noRevision.status).toBe(400);
      expect(noRevision.body.error.message).toContain('expectedRevision');

      const badSection = await request(app)
        .patch(`/rollouts/${rollout.id}`)
        .set('Authorization', ada)
        .send({
          expectedRevision: 1,
          checklist: { preflightChecks: [{ text: '' }] },
        });
      expect(badSection.status).toBe(400);
      expect(badSection.body.error.message).toContain(
        'checklist.preflightChecks.0.text',
      );
    });
  });

  describe('POST /rollouts/:id/preflight/:checkId', () => {
    it('ticks and unticks a check with who and when', async () => {
      const rollout = await createSmall();
      const res = await request(app)
        .post(`/rollouts/${rollout.id}/preflight/check-1`)
        .set('Authorization', quinn)
        .send({ expectedRevision: 1, checked: true });
      expect(res.status).toBe(200);
      expect(res.body.checklist.preflightChecks[0]).toMatchObject({
        checked: true,
        checkedBy: 'user:default/quinn',
        checkedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });

      const undo = await request(app)
        .post(`/rollouts/${rollout.id}/preflight/check-1`)
        .set('Authorization', quinn)
        .send({ expectedRevision: 2, checked: false });
      expect(undo.body.checklist.preflightChecks[0]).toEqual({
        id: 'check-1',
        text: '`make build`',
        checked: false,
      });
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'rollout-preflight',
          meta: expect.objectContaining({
            rolloutId: rollout.id,
            checkId: 'check-1',
          }),
        }),
      );
    });

    it('answers 404, 409 and 400 as due', async () => {
      const rollout = await createSmall();
      const unknown = await request(app)
        .post(`/rollouts/${rollout.id}/preflight/check-9`)
        .set('Authorization', quinn)
        .send({ expectedRevision: 1, checked: true });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toContain('check-9');

      const stale = await request(app)
        .post(`/rollouts/${rollout.id}/preflight/check-1`)
        .set('Authorization', quinn)
        .send({ expectedRevision: 2, checked: true });
      expect(stale.status).toBe(409);
      expect(stale.body.error).toMatchObject({
        name: 'ConflictError',
        reason: 'staleRevision',
      });

      const bad = await request(app)
        .post(`/rollouts/${rollout.id}/preflight/check-1`)
        .set('Authorization', quinn)
        .send({ expectedRevision: 1, checked: 'yes' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('checked');
    });
  });

  describe('POST /rollouts/:id/signoffs/:signOffId', () => {
    it('lets a member of a signer group decide, with note, identity and time', async () => {
      const rollout = await createSmall();
      const res = await request(app)
        .post(`/rollouts/${rollout.id}/signoffs/qa-lead`)
        .set('Authorization', quinn)
        .send({
          expectedRevision: 1,
          decision: 'approved',
          note: 'Evidence ok',
        });
      expect(res.status).toBe(200);
      expect(res.body.checklist.signOffs[0]).toMatchObject({
        decision: 'approved',
        note: 'Evidence ok',
        decidedBy: 'user:default/quinn',
        decidedAt: expect.stringMatching(/^\d{4}-/),
      });
      const events = await request(app)
        .get(`/rollouts/${rollout.id}/events`)
        .set('Authorization', quinn);
      expect(events.body.items[0]).toMatchObject({
        type: 'signoff.decided',
        actor: 'user:default/quinn',
        message: 'QA Lead: approved ("Evidence ok")',
      });
    });

    it('answers 403 for a user who is not a signer', async () => {
      const rollout = await createSmall();
      const res = await request(app)
        .post(`/rollouts/${rollout.id}/signoffs/qa-lead`)
        .set('Authorization', ada)
        .send({ expectedRevision: 1, decision: 'approved' });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(
        'user:default/ada is not a signer',
      );
    });

    it('answers 403 for a service, which has no identity to sign with', async () => {
      const rollout = await createSmall();
      const res = await request(app)
        .post(`/rollouts/${rollout.id}/signoffs/qa-lead`)
        .set('Authorization', mockCredentials.service.header())
        .send({ expectedRevision: 1, decision: 'approved' });
      expect(res.status).toBe(403);
    });

    it('blocks an in-progress rollout on rejection', async () => {
      const rollout = await createSmall(readyToStart());
      await request(app)
        .post(`/rollouts/${rollout.id}/status`)
        .set('Authorization', ada)
        .send({ expectedRevision: 1, status: 'in_progress' })
        .expect(200);
      const res = await request(app)
        .post(`/rollouts/${rollout.id}/signoffs/qa-lead`)
        .set('Authorization', quinn)
        .send({ expectedRevision: 2, decision: 'rejected', note: 'Flaky' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('blocked');
      expect(res.body.checklist.signOffs[0].decision).toBe('rejected');
    });

    it('answers 404, 409 and 400 as due', async () => {
      const rollout = await createSmall();
      const unknown = await request(app)
        .post(`/rollouts/${rollout.id}/signoffs/ceo`)
        .set('Authorization', quinn)
        .send({ expectedRevision: 1, decision: 'approved' });
      expect(unknown.status).toBe(404);
      const stale = await request(app)
        .post(`/rollouts/${rollout.id}/signoffs/qa-lead`)
        .set('Authorization', quinn)
        .send({ expectedRevision: 5, decision: 'approved' });
      expect(stale.status).toBe(409);
      expect(stale.body.error).toMatchObject({
        name: 'ConflictError',
        reason: 'staleRevision',
      });
      const bad = await request(app)
        .post(`/rollouts/${rollout.id}/signoffs/qa-lead`)
        .set('Authorization', quinn)
        .send({ expectedRevision: 1, decision: 'maybe' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('decision');
    });
  });

  describe('POST /rollouts/:id/signoff-requests', () => {
    const tab = '/catalog/default/component/reviewer/rollout';

    /** A rollout whose rows are pending (two with signers, one without). */
    async function createWithSignOffs(): Promise<Rollout> {
      const checklist = smallChecklist();
      return createSmall({
        ...checklist,
        signOffs: [
          ...checklist.signOffs,
          {
            id: 'security',
            role: 'Security',
            responsibility: 'Reviews the threat model',
            signers: ['user:default/sam', 'group:default/security'],
            decision: 'pending',
            note: '',
          },
          {
            id: 'legal',
            role: 'Legal',
            responsibility: '',
            signers: [],
            decision: 'pending',
            note: '',
          },
        ],
      });
    }

    const signOffSends = () =>
      notifications.send.mock.calls
        .map(([options]) => options)
        .filter(options => options.payload.scope?.includes(':signoff:'));

    it('sends each pending row with signers one notification, to exactly its signers, and records the request', async () => {
      const rollout = await createWithSignOffs();
      const res = await request(app)
        .post(`/rollouts/${rollout.id}/signoff-requests`)
        .set('Authorization', ada);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        requested: [
          {
            signOffId: 'qa-lead',
            role: 'QA Lead',
            signers: ['group:default/qa-leads'],
          },
          {
            signOffId: 'security',
            role: 'Security',
            signers: ['user:default/sam', 'group:default/security'],
          },
        ],
      });
      expect(signOffSends()).toEqual([
        {
          recipients: { type: 'entity', entityRef: ['group:default/qa-leads'] },
          payload: expect.objectContaining({
            title:
              'Sign-off requested: QA Lead of component:default/reviewer v1.0.0',
            link: tab,
            topic: 'reviewer v1.0.0',
            scope: `rollout:${rollout.id}:signoff:qa-lead`,
          }),
        },
        {
          recipients: {
            type: 'entity',
            entityRef: ['user:default/sam', 'group:default/security'],
          },
          payload: expect.objectContaining({
            title:
              'Sign-off requested: Security of component:default/reviewer v1.0.0',
            link: tab,
            scope: `rollout:${rollout.id}:signoff:security`,
          }),
        },
      ]);
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'rollout-signoff-request',
          meta: { rolloutId: rollout.id, actor: 'user:default/ada' },
        }),
      );

      const events = await request(app)
        .get(`/rollouts/${rollout.id}/events`)
        .set('Authorization', ada);
      expect(events.body.items[0]).toMatchObject({
        type: 'signoff.requested',
        actor: 'user:default/ada',
        revision: 1,
        message:
          'Asked for sign-off: QA Lead (group:default/qa-leads); Security (user:default/sam, group:default/security)',
      });
      const again = await request(app)
        .get(`/rollouts/${rollout.id}`)
        .set('Authorization', ada);
      expect(again.body.revision).toBe(1);
    });

    it('asks again with the same scopes, so the notifications update, and never asks decided rows', async () => {
      const rollout = await createWithSignOffs();
      await request(app)
        .post(`/rollouts/${rollout.id}/signoff-requests`)
        .set('Authorization', ada)
        .send({})
        .expect(200);
      const first = signOffSends().map(options => options.payload.scope);

      await request(app)
        .post(`/rollouts/${rollout.id}/signoff-requests`)
        .set('Authorization', ada)
        .expect(200);
      expect(signOffSends().map(options => options.payload.scope)).toEqual([
        ...first,
        ...first,
      ]);

      await request(app)
        .post(`/rollouts/${rollout.id}/signoffs/qa-lead`)
        .set('Authorization', quinn)
        .send({ expectedRevision: 1, decision: 'approved' })
        .expect(200);
      notifications.send.mockClear();
      const res = await request(app)
        .post(`/rollouts/${rollout.id}/signoff-requests`)
        .set('Authorization', ada)
        .expect(200);
      expect(res.body.requested.map((r: any) => r.signOffId)).toEqual([
        'security',
      ]);
      expect(signOffSends()).toEqual([
        expect.objectContaining({
          recipients: {
            type: 'entity',
            entityRef: ['user:default/sam', 'group:default/security'],
          },
        }),
      ]);
    });

    it('notifies the owners of each decision, a rejection with high severity', async () => {
      const rollout = await createSmall();
      notifications.send.mockClear();
      await request(app)
        .post(`/rollouts/${rollout.id}/signoffs/qa-lead`)
        .set('Authorization', quinn)
        .send({ expectedRevision: 1, decision: 'approved' })
        .expect(200);
      await request(app)
        .post(`/rollouts/${rollout.id}/signoffs/qa-lead`)
        .set('Authorization', quinn)
        .send({ expectedRevision: 2, decision: 'rejected', note: 'Flaky' })
        .expect(200);
      expect(notifications.send.mock.calls.map(([options]) => options)).toEqual(
        [
          {
            recipients: {
              type: 'entity',
              entityRef: 'component:default/reviewer',
            },
            payload: expect.objectContaining({
              title:
                'Sign-off approved: QA Lead of component:default/reviewer v1.0.0',
              link: tab,
              topic: 'reviewer v1.0.0',
              severity: 'normal',
            }),
          },
          {
            recipients: {
              type: 'entity',
              entityRef: 'component:default/reviewer',
            },
            payload: expect.objectContaining({
              title:
                'Sign-off rejected: QA Lead of component:default/reviewer v1.0.0',
              description: expect.stringContaining('"Flaky"'),
              severity: 'high',
            }),
          },
        ],
      );
    });

    it('still answers when a notification cannot be sent', async () => {
      const rollout = await createSmall();
      notifications.send.mockRejectedValue(new Error('no notifications'));
      const res = await request(app)
        .post(`/rollouts/${rollout.id}/signoff-requests`)
        .set('Authorization', ada);
      expect(res.status).toBe(200);
      expect(res.body.requested).toHaveLength(1);
    });

    it('answers 409 for a final rollout, 404 for an unknown one, 400 for a body', async () => {
      const rollout = await createSmall(readyToStart());
      await request(app)
        .post(`/rollouts/${rollout.id}/status`)
        .set('Authorization', ada)
        .send({ expectedRevision: 1, status: 'in_progress' })
        .expect(200);
      await request(app)
        .post(`/rollouts/${rollout.id}/status`)
        .set('Authorization', ada)
        .send({ expectedRevision: 2, status: 'rolled_back' })
        .expect(200);
      notifications.send.mockClear();
      const final = await request(app)
        .post(`/rollouts/${rollout.id}/signoff-requests`)
        .set('Authorization', ada);
      expect(final.status).toBe(409);
      expect(final.body.error).toMatchObject({ reason: 'rolloutFinished' });
      expect(notifications.send).not.toHaveBeenCalled();
      const unknown = await request(app)
        .post('/rollouts/nope/signoff-requests')
        .set('Authorization', ada);
      expect(unknown.status).toBe(404);
      const bad = await request(app)
        .post(`/rollouts/${rollout.id}/signoff-requests`)
        .set('Authorization', ada)
        .send({ roles: ['QA Lead'] });
      expect(bad.status).toBe(400);
    });
  });

  describe('step routes', () => {
    it('runs a step: 202 with the task, the same task while it runs', async () => {
      const rollout = await createSmall();
      const first = await request(app)
        .post(`/rollouts/${rollout.id}/steps/step-1/run`)
        .set('Authorization', ada);
      expect(first.status).toBe(202);
      expect(first.body).toMatchObject({
        taskId: 'task-1',
        step: { id: 'step-1', status: 'running', taskId: 'task-1' },
      });
      const second = await request(app)
        .post(`/rollouts/${rollout.id}/steps/step-1/run`)
        .set('Authorization', quinn);
      expect(second.status).toBe(202);
      expect(second.body.taskId).toBe('task-1');
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'rollout-step-run',
          meta: {
            rolloutId: rollout.id,
            stepId: 'step-1',
            actor: 'user:default/ada',
          },
        }),
      );

      const log = await request(app)
        .get(`/rollouts/${rollout.id}/steps/step-1/log`)
        .set('Authorization', quinn);
      expect(log.body).toEqual({
        taskId: 'task-1',
        lines: ['make: Nothing to be done'],
        truncated: false,
      });

      const reported = await request(app)
        .post(`/rollouts/${rollout.id}/steps/step-1/report`)
        .set('Authorization', mockCredentials.service.header())
        .send({
          status: 'succeeded',
          summary: 'ok',
          taskId: 'task-1',
          reportKey:
            scaffolder.scaffold.mock.calls[0][0].secrets!.rolloutReportKey,
        });
      expect(reported.status).toBe(200);
      expect(reported.body.checklist.steps[0].status).toBe('succeeded');
      expect(reported.body.checklist.preflightChecks[0].checked).toBe(true);
    });

    it('refuses to run a manual step and confirms it instead', async () => {
      const checklist = smallChecklist();
      checklist.steps[0] = { ...checklist.steps[0], command: undefined };
      delete checklist.steps[0].command;
      checklist.preflightChecks[0].checked = true;
      const rollout = await createSmall(checklist);
      // No pre-flight check names the step: it deploys, after the start.
      const early = await request(app)
        .post(`/rollouts/${rollout.id}/steps/step-1/confirm`)
        .set('Authorization', ada)
        .send({ expectedRevision: 1 });
      expect(early.status).toBe(409);
      expect(early.body.error.reason).toBe('rolloutNotStarted');
      await request(app)
        .post(`/rollouts/${rollout.id}/status`)
        .set('Authorization', ada)
        .send({ expectedRevision: 1, status: 'in_progress' })
        .expect(200);
      const run = await request(app)
        .post(`/rollouts/${rollout.id}/steps/step-1/run`)
        .set('Authorization', ada);
      expect(run.status).toBe(409);
      expect(run.body.error).toMatchObject({
        name: 'ConflictError',
        reason: 'stepNotRunnable',
      });
      expect(run.body.error.message).toContain('manual step');
      const confirmed = await request(app)
        .post(`/rollouts/${rollout.id}/steps/step-1/confirm`)
        .set('Authorization', ada)
        .send({ expectedRevision: 2, note: 'done by hand' });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.checklist.steps[0]).toMatchObject({
        status: 'succeeded',
        summary: 'done by hand',
        updatedBy: 'user:default/ada',
      });
    });

    it('skips a step with a reason and reopens it; refuses a running step, no reason, nothing to reopen', async () => {
      const rollout = await createSmall();
      const noReason = await request(app)
        .post(`/rollouts/${rollout.id}/steps/step-1/skip`)
        .set('Authorization', ada)
        .send({ expectedRevision: 1, reason: '  ' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.message).toContain('reason');

      const skipped = await request(app)
        .post(`/rollouts/${rollout.id}/steps/step-1/skip`)
        .set('Authorization', ada)
        .send({ expectedRevision: 1, reason: 'Built by the release pipeline' });
      expect(skipped.status).toBe(200);
      expect(skipped.body.checklist.steps[0]).toMatchObject({
        status: 'skipped',
        summary: 'Built by the release pipeline',
        updatedBy: 'user:default/ada',
      });
      const stale = await request(app)
        .post(`/rollouts/${rollout.id}/steps/step-1/skip`)
        .set('Authorization', ada)
        .send({ expectedRevision: 1, reason: 'again' });
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toContain("The step 'step-1'");

      const undone = await request(app)
        .post(`/rollouts/${rollout.id}/steps/step-1/reopen`)
        .set('Authorization', ada)
        .send({ expectedRevision: 2 });
      expect(undone.status).toBe(200);
      expect(undone.body.checklist.steps[0].status).toBe('pending');
      expect(undone.body.checklist.steps[0].summary).toBeUndefined();
      const nothingToUndo = await request(app)
        .post(`/rollouts/${rollout.id}/steps/step-1/reopen`)
        .set('Authorization', ada)
        .send({ expectedRevision: 3 });
      expect(nothingToUndo.status).toBe(409);
      expect(nothingToUndo.body.error).toMatchObject({
        reason: 'stepNotReopenable',
        message: 'Step 1 is pending: there is nothing to reopen',
      });

      await request(app)
        .post(`/rollouts/${rollout.id}/steps/step-1/run`)
        .set('Authorization', ada)
        .expect(202);
      const running = await request(app)
        .post(`/rollouts/${rollout.id}/steps/step-1/skip`)
        .set('Authorization', ada)
        .send({ expectedRevision: 4, reason: 'too slow' });
      expect(running.status).toBe(409);
      expect(running.body.error.message).toMatch(
        /^Step 1 is running as task task-\d+; wait for its result, so it cannot be skipped$/,
      );

      const events = await request(app)
        .get(`/rollouts/${rollout.id}/events`)
        .set('Authorization', quinn);
      expect(
        events.body.items.map((e: { message: string }) => e.message),
      ).toEqual(
        expect.arrayContaining([
          'Skipped step 1 (`make build`): Built by the release pipeline',
          'Reopened step 1 (`make build`), which was skipped',
        ]),
      );
    });

    it('answers 404 for unknown steps and 400 for bad reports', async () => {
      const rollout = await createSmall();
      const unknown = await request(app)
        .post(`/rollouts/${rollout.id}/steps/step-9/run`)
        .set('Authorization', ada);
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toContain('step-9');
      const bad = await request(app)
        .post(`/rollouts/${rollout.id}/steps/step-1/report`)
        .set('Authorization', ada)
        .send({ status: 'done', taskId: 'task-1', reportKey: 'k' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('status');
      const noRevision = await request(app)
        .post(`/rollouts/${rollout.id}/steps/step-1/confirm`)
        .set('Authorization', ada)
        .send({});
      expect(noRevision.status).toBe(400);
      expect(noRevision.body.error.message).toContain('expectedRevision');
    });
  });

  describe('gates', () => {
    async function startSeed(): Promise<Rollout> {
      // Pre-flight checks ticked in the document: the rollout may start.
      const rollout = await importSeed(
        seedMarkdown.replace(/- \[ \]/g, '- [x]'),
      );
      const res = await request(app)
        .post(`/rollouts/${rollout.id}/status`)
        .set('Authorization', ada)
        .send({ expectedRevision: 1, status: 'in_progress' });
      expect(res.status).toBe(200);
      return res.body;
    }

    it('says per row that Prometheus and Alertmanager are not configured', async () => {
      const rollout = await startSeed();
      expect(rollout.startedAt).toEqual(expect.any(String));
      const res = await request(app)
        .get(`/rollouts/${rollout.id}/gates`)
        .set('Authorization', quinn);
      expect(res.status).toBe(200);
      expect(res.body.sources).toEqual({
        prometheus: {
          configured: false,
          because: {
            type: 'notConfigured',
            source: 'prometheus',
            configKey: 'rollout.prometheus.baseUrl',
          },
          error: 'rollout.prometheus.baseUrl is not set',
        },
        alertmanager: {
          configured: false,
          because: {
            type: 'notConfigured',
            source: 'alertmanager',
            configKey: 'rollout.alertmanager.baseUrl',
          },
          error: 'rollout.alertmanager.baseUrl is not set',
        },
      });
      expect(res.body.baselineWindow.end).toBe(rollout.startedAt);
      expect(
        res.body.metrics.map((m: { name: string; state: string }) => [
          m.name,
          m.state,
        ]),
      ).toEqual([
        ['review_pass_runtime_seconds', 'unknown'],
        ['review_pass_failures_total', 'unknown'],
        ['llm_request_latency_seconds', 'unknown'],
        ['modular_reviewer_sessions_total', 'unknown'],
      ]);
      expect(res.body.metrics[1]).toMatchObject({
        query: 'sum(rate(review_pass_failures_total[5m]))',
        expectation: 'no_increase',
        because: {
          type: 'notConfigured',
          source: 'prometheus',
          configKey: 'rollout.prometheus.baseUrl',
        },
        reason: 'rollout.prometheus.baseUrl is not set',
        series: [],
      });
      expect(res.body.alerts).toEqual([
        expect.objectContaining({
          name: 'MCPReviewerJobFailuresHigh',
          state: 'unknown',
          because: {
            type: 'notConfigured',
            source: 'alertmanager',
            configKey: 'rollout.alertmanager.baseUrl',
          },
          reason: 'rollout.alertmanager.baseUrl is not set',
        }),
        expect.objectContaining({
          name: 'ModularReviewerLatencyHigh',
          state: 'unknown',
        }),
      ]);
      expect(
        res.body.criteria.map((c: { kind: string; state: string }) => [
          c.kind,
          c.state,
        ]),
      ).toEqual([
        ['steps', 'unknown'],
        ['manual', 'unknown'],
        ['query', 'unknown'],
      ]);
    });

    it('lets a person mark a criterion in words; triggered blocks the rollout and notifies the owners', async () => {
      const rollout = await startSeed();
      const ok = await request(app)
        .post(`/rollouts/${rollout.id}/criteria/criterion-2`)
        .set('Authorization', ada)
        .send({ expectedRevision: rollout.revision, state: 'ok' });
      expect(ok.status).toBe(200);
      expect(ok.body.status).toBe('in_progress');
      expect(ok.body.checklist.rollbackCriteria[1]).toMatchObject({
        state: 'ok',
        markedBy: 'user:default/ada',
      });

      const triggered = await request(app)
        .post(`/rollouts/${rollout.id}/criteria/criterion-2`)
        .set('Authorization', ada)
        .send({ expectedRevision: ok.body.revision, state: 'triggered' });
      expect(triggered.status).toBe(200);
      expect(triggered.body.status).toBe('blocked');
      expect(notifications.send).toHaveBeenCalledWith({
        recipients: {
          type: 'entity',
          entityRef: 'component:default/multipass-reviewer',
        },
        payload: expect.objectContaining({
          title: 'Rollout of v0.3.0 blocked by a gate',
          link: '/catalog/default/component/multipass-reviewer/rollout',
          severity: 'high',
        }),
      });

      const gates = await request(app)
        .get(`/rollouts/${rollout.id}/gates`)
        .set('Authorization', quinn);
      expect(gates.body.criteria[1]).toMatchObject({
        kind: 'manual',
        state: 'triggered',
        markedBy: 'user:default/ada',
      });
      expect(gates.body.blockedBy).toMatchObject({
        message:
          'Marked rollback criterion "Reviewer container emits fatal errors for multiple tasks." triggered; the rollout is blocked',
        gates: ['criterion:criterion-2'],
        markedBy: 'user:default/ada',
      });
      // The board words the block from the event's type and data.
      const board = await request(app)
        .get('/rollouts')
        .query({ status: 'blocked' })
        .set('Authorization', quinn);
      expect(
        board.body.items.find((r: { id: string }) => r.id === rollout.id)
          .blockedEvent,
      ).toEqual({
        type: 'criterion.marked',
        data: expect.objectContaining({
          criterionId: 'criterion-2',
          criterion:
            'Reviewer container emits fatal errors for multiple tasks.',
          state: 'triggered',
        }),
      });

      // Unblocked by a person: no longer blocked by a gate.
      await request(app)
        .post(`/rollouts/${rollout.id}/status`)
        .set('Authorization', ada)
        .send({
          expectedRevision: triggered.body.revision,
          status: 'in_progress',
        })
        .expect(200);
      const after = await request(app)
        .get(`/rollouts/${rollout.id}/gates`)
        .set('Authorization', quinn);
      expect(after.body.blockedBy).toBeUndefined();
    });

    it('refuses to mark a criterion read from Prometheus, a bad state, one changed since the revision read, an unknown id', async () => {
      const rollout = await startSeed();
      const url = `/rollouts/${rollout.id}/criteria`;
      const queried = await request(app)
        .post(`${url}/criterion-3`)
        .set('Authorization', ada)
        .send({ expectedRevision: rollout.revision, state: 'ok' });
      expect(queried.status).toBe(400);
      expect(queried.body.error.message).toContain(
        "Rollback criterion 'criterion-3' is evaluated from Prometheus",
      );
      const fromSteps = await request(app)
        .post(`${url}/criterion-1`)
        .set('Authorization', ada)
        .send({ expectedRevision: rollout.revision, state: 'triggered' });
      expect(fromSteps.status).toBe(400);
      expect(fromSteps.body.error.message).toBe(
        "Rollback criterion 'criterion-1' is evaluated from the results of the runbook steps it names; only criteria a person judges can be marked",
      );
      const bad = await request(app)
        .post(`${url}/criterion-2`)
        .set('Authorization', ada)
        .send({ expectedRevision: rollout.revision, state: 'unknown' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('state');
      // Only the status changed since revision 1: the mark applies.
      const fromOlder = await request(app)
        .post(`${url}/criterion-2`)
        .set('Authorization', ada)
        .send({ expectedRevision: 1, state: 'ok' });
      expect(fromOlder.status).toBe(200);
      const stale = await request(app)
        .post(`${url}/criterion-2`)
        .set('Authorization', ada)
        .send({ expectedRevision: rollout.revision, state: 'triggered' });
      expect(stale.status).toBe(409);
      expect(stale.body.error).toMatchObject({
        name: 'ConflictError',
        reason: 'staleRevision',
      });
      const missing = await request(app)
        .post(`${url}/criterion-9`)
        .set('Authorization', ada)
        .send({ expectedRevision: rollout.revision, state: 'ok' });
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toContain('criterion-9');
      const gone = await request(app)
        .get('/rollouts/nope/gates')
        .set('Authorization', ada);
      expect(gone.status).toBe(404);
    });
  });

  describe('POST /rollouts/:id/status', () => {
    it('refuses to complete with a 409 listing what blocks', async () => {
      const rollout = await createSmall(readyToStart());
      await request(app)
        .post(`/rollouts/${rollout.id}/status`)
        .set('Authorization', ada)
        .send({ expectedRevision: 1, status: 'in_progress', reason: 'go' })
        .expect(200);
      const res = await request(app)
        .post(`/rollouts/${rollout.id}/status`)
        .set('Authorization', ada)
        .send({ expectedRevision: 2, status: 'completed' });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({
        name: 'ConflictError',
        reason: 'completionBlocked',
      });
      expect(res.body.error.message).toContain('QA Lead (pending)');
      expect(res.body.error.message).toContain('runbook step(s)');
    });

    it('completes once every check, sign-off, step and communication item is done', async () => {
      const done = smallChecklist();
      done.steps[0].status = 'succeeded';
      done.preflightChecks[0].checked = true;
      const rollout = await createSmall(done);
      await request(app)
        .post(`/rollouts/${rollout.id}/signoffs/qa-lead`)
        .set('Authorization', quinn)
        .send({ expectedRevision: 1, decision: 'approved' })
        .expect(200);
      await request(app)
        .post(`/rollouts/${rollout.id}/status`)
        .set('Authorization', ada)
        .send({ expectedRevision: 2, status: 'in_progress' })
        .expect(200);
      const unsent = await request(app)
        .post(`/rollouts/${rollout.id}/status`)
        .set('Authorization', ada)
        .send({ expectedRevision: 3, status: 'completed' });
      expect(unsent.status).toBe(409);
      expect(unsent.body.error.message).toBe(
        'The rollout cannot be completed: 1 communication item(s) not done: Tell the team.',
      );
      const told = await request(app)
        .post(`/rollouts/${rollout.id}/communication/comms-1`)
        .set('Authorization', ada)
        .send({ expectedRevision: 3, done: true });
      expect(told.status).toBe(200);
      expect(told.body.checklist.communication[0]).toMatchObject({
        done: true,
        doneBy: 'user:default/ada',
        doneAt: expect.any(String),
      });
      const res = await request(app)
        .post(`/rollouts/${rollout.id}/status`)
        .set('Authorization', ada)
        .send({ expectedRevision: 4, status: 'completed', reason: 'shipped' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('completed');
      const events = await request(app)
        .get(`/rollouts/${rollout.id}/events`)
        .set('Authorization', quinn);
      expect(events.body.items[0].message).toBe(
        'Status in_progress → completed: shipped',
      );
    });

    it('marks a communication item done and not done, with its history; 404 and 400 for bad ones', async () => {
      const rollout = await createSmall();
      const done = await request(app)
        .post(`/rollouts/${rollout.id}/communication/comms-1`)
        .set('Authorization', ada)
        .send({ expectedRevision: 1, done: true });
      expect(done.status).toBe(200);
      const undone = await request(app)
        .post(`/rollouts/${rollout.id}/communication/comms-1`)
        .set('Authorization', ada)
        .send({ expectedRevision: 2, done: false });
      expect(undone.status).toBe(200);
      expect(undone.body.checklist.communication[0]).toEqual({
        id: 'comms-1',
        text: 'Tell the team.',
        done: false,
      });
      const events = await request(app)
        .get(`/rollouts/${rollout.id}/events`)
        .set('Authorization', quinn);
      expect(
        events.body.items
          .slice(0, 2)
          .map((e: { message: string }) => e.message),
      ).toEqual([
        'Marked communication item "Tell the team." not done',
        'Marked communication item "Tell the team." done',
      ]);
      const stale = await request(app)
        .post(`/rollouts/${rollout.id}/communication/comms-1`)
        .set('Authorization', ada)
        .send({ expectedRevision: 1, done: true });
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toContain(
        "The communication item 'comms-1'",
      );
      const unknown = await request(app)
        .post(`/rollouts/${rollout.id}/communication/comms-9`)
        .set('Authorization', ada)
        .send({ expectedRevision: 3, done: true });
      expect(unknown.status).toBe(404);
      const bad = await request(app)
        .post(`/rollouts/${rollout.id}/communication/comms-1`)
        .set('Authorization', ada)
        .send({ expectedRevision: 3, done: 'yes' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('done');
    });

    it('answers 409 for a transition that is not allowed', async () => {
      const rollout = await createSmall();
      const res = await request(app)
        .post(`/rollouts/${rollout.id}/status`)
        .set('Authorization', ada)
        .send({ expectedRevision: 1, status: 'rolled_back' });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({
        name: 'ConflictError',
        reason: 'transitionRefused',
      });
      expect(res.body.error.message).toContain("from 'draft' to 'rolled_back'");
    });

    it('answers 400 for an unknown status and 404 for an unknown rollout', async () => {
      const rollout = await createSmall();
      const bad = await request(app)
        .post(`/rollouts/${rollout.id}/status`)
        .set('Authorization', ada)
        .send({ expectedRevision: 1, status: 'done' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('status');
      const missing = await request(app)
        .post('/rollouts/nope/status')
        .set('Authorization', ada)
        .send({ expectedRevision: 1, status: 'in_progress' });
      expect(missing.status).toBe(404);
    });
  });
});

describe('createRouter with a permission policy', () => {
  let app: express.Express;
  let service: RolloutService;
  let auditEvent: { fail: jest.Mock };
  let permissions: ReturnType<typeof mockServices.permissions.mock>;

  beforeEach(async () => {
    permissions = mockServices.permissions.mock();
    ({ app, service, auditEvent } = await setUp(permissions));
  });

  /** A policy that allows exactly the given permissions, on any rollout. */
  function allowOnly(...allowed: Permission[]) {
    permissions.authorize.mockImplementation(async requests =>
      requests.map(({ permission }) => ({
        result: allowed.includes(permission)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      })),
    );
  }

  function seed(entityRef: string, version = 'v1.0.0') {
    return service.create(
      service.prepare(
        { entityRef, version, checklist: smallChecklist() },
        'user:default/ada',
      ),
    );
  }

  it('answers 403 to a create the policy denies, and creates nothing', async () => {
    allowOnly(rolloutReadPermission);
    const res = await request(app)
      .post('/rollouts')
      .set('Authorization', ada)
      .send({
        entityRef: 'component:default/reviewer',
        version: 'v1.0.0',
        checklist: smallChecklist(),
      });
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: rolloutCreatePermission }],
      { credentials: mockCredentials.user('user:default/ada') },
    );
    expect(
      (await service.list({ sort: 'lastActivity', limit: 10 })).items,
    ).toEqual([]);
    expect(auditEvent.fail).toHaveBeenCalledWith({
      error: expect.any(NotAllowedError),
    });
  });

  it('lists nothing to a caller who may not read rollouts', async () => {
    await seed('component:default/reviewer');
    permissions.authorizeConditional.mockResolvedValue([
      { result: AuthorizeResult.DENY },
    ]);
    const res = await request(app).get('/rollouts').set('Authorization', quinn);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [] });
    expect(permissions.authorizeConditional).toHaveBeenCalledWith(
      [{ permission: rolloutReadPermission }],
      { credentials: mockCredentials.user('user:default/quinn') },
    );
  });

  it('lists only the rollouts a conditional decision allows', async () => {
    const payments = await seed('component:default/payments-api');
    await seed('component:default/reviewer');
    await seed('component:default/reviewer', 'v2.0.0');
    permissions.authorizeConditional.mockResolvedValue([
      createRolloutConditionalDecision(
        rolloutReadPermission,
        rolloutConditions.isRolloutOfEntity({
          entityRefs: ['Component:default/Payments-API'],
        }),
      ),
    ]);

    const all = await request(app).get('/rollouts').set('Authorization', quinn);
    expect(all.status).toBe(200);
    expect(all.body.items.map((r: Rollout) => r.id)).toEqual([payments.id]);

    const other = await request(app)
      .get('/rollouts')
      .query({ entityRef: 'component:default/reviewer' })
      .set('Authorization', quinn);
    expect(other.body.items).toEqual([]);
  });

  it.each(['', '/markdown', '/events', '/gates'])(
    'answers 403 to reading a rollout the policy denies, 404 to an unknown one (%s)',
    async suffix => {
      const rollout = await seed('component:default/reviewer');
      allowOnly();
      const denied = await request(app)
        .get(`/rollouts/${rollout.id}${suffix}`)
        .set('Authorization', quinn);
      expect(denied.status).toBe(403);
      expect(denied.body.error.name).toBe('NotAllowedError');
      expect(permissions.authorize).toHaveBeenCalledWith(
        [{ permission: rolloutReadPermission, resourceRef: rollout.id }],
        { credentials: mockCredentials.user('user:default/quinn') },
      );

      const unknown = await request(app)
        .get(`/rollouts/nope${suffix}`)
        .set('Authorization', quinn);
      expect(unknown.status).toBe(404);
    },
  );

  it.each([
    ['an edit', 'PATCH', '', { expectedRevision: 1, title: 'Renamed' }],
    [
      'a pre-flight tick',
      'POST',
      '/preflight/check-1',
      { expectedRevision: 1, checked: true },
    ],
    [
      'a status change',
      'POST',
      '/status',
      { expectedRevision: 1, status: 'in_progress' },
    ],
    [
      'a criterion mark',
      'POST',
      '/criteria/criterion-1',
      { expectedRevision: 1, state: 'triggered' },
    ],
  ])(
    'answers 403 to %s the policy denies, and changes nothing',
    async (_change, method, suffix, body) => {
      const rollout = await seed('component:default/reviewer');
      allowOnly(rolloutReadPermission);
      const url = `/rollouts/${rollout.id}${suffix}`;
      const res = await (method === 'PATCH'
        ? request(app).patch(url)
        : request(app).post(url)
      )
        .set('Authorization', ada)
        .send(body);
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
      expect(permissions.authorize).toHaveBeenCalledWith(
        [{ permission: rolloutUpdatePermission, resourceRef: rollout.id }],
        { credentials: mockCredentials.user('user:default/ada') },
      );
      expect(await service.get(rollout.id)).toEqual(rollout);
      expect(await service.events(rollout.id)).toHaveLength(1);
      expect(auditEvent.fail).toHaveBeenCalledWith({
        error: expect.any(NotAllowedError),
      });
    },
  );

  it('lets a signer decide with the decide permission, and not without it', async () => {
    const rollout = await seed('component:default/reviewer');
    allowOnly(rolloutReadPermission);
    const denied = await request(app)
      .post(`/rollouts/${rollout.id}/signoffs/qa-lead`)
      .set('Authorization', quinn)
      .send({ expectedRevision: 1, decision: 'approved' });
    expect(denied.status).toBe(403);
    expect(await service.get(rollout.id)).toEqual(rollout);

    allowOnly(rolloutSignOffDecidePermission);
    const signed = await request(app)
      .post(`/rollouts/${rollout.id}/signoffs/qa-lead`)
      .set('Authorization', quinn)
      .send({ expectedRevision: 1, decision: 'approved' });
    expect(signed.status).toBe(200);
    expect(signed.body.checklist.signOffs[0].decision).toBe('approved');
  });
});
