import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Rollout } from '@rollout/backstage-plugin-rollout-common';
import fc from 'fast-check';
import request from 'supertest';
import { createTestDatabases, seedMarkdown } from '../__testUtils__/fixtures';
import { createRouterHarness } from '../__testUtils__/routerHarness';

/*
 * Generated hostile requests against the real router, operations and store:
 * every endpoint, with wrong types, sizes, depths, unicode, NUL bytes, wrong
 * content types, malformed JSON and markdown. Whatever comes in, the answer
 * is never a 5xx, every 4xx says what was wrong, and a refused request
 * leaves the stored rollouts as they were.
 */

const databases = createTestDatabases();
const runs = 2_000;

const ada = mockCredentials.user.header('user:default/ada');
const quinn = mockCredentials.user.header('user:default/quinn');

/** Text with the characters that break things: NUL, astral, markup, pipes. */
const nasty = fc.string({
  unit: fc.constantFrom(
    'a',
    'Z',
    '0',
    ' ',
    '\u0000',
    '\n',
    '\r',
    '\t',
    'é',
    'я',
    '𝄞',
    '\u202e',
    '<',
    '>',
    '|',
    '`',
    '*',
    '[',
    ']',
    '#',
    '-',
    '/',
    ':',
    '%',
    '"',
    '\\',
  ),
  maxLength: 40,
});

/** Strings, numbers, nulls, arrays, objects, nested to some depth. */
const anyJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  nasty,
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
);

/**
 * A value nested up to 200 levels deep (past the limit of 32; deeper ones
 * come as raw JSON text, which fast-check need not walk to report).
 */
const deepValue = fc.integer({ min: 1, max: 200 }).map(depth => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) {
    value = i % 2 ? [value] : { v: value };
  }
  return value;
});

const longString = fc
  .integer({ min: 0, max: 12_000 })
  .map(length => 'x'.repeat(length));

/** A field value: often right, often wrong in some way. */
const fieldValue = (right: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 3, arbitrary: right },
    { weight: 1, arbitrary: anyJson },
    { weight: 1, arbitrary: longString },
    { weight: 1, arbitrary: deepValue },
  );

type Generated = {
  method: 'get' | 'post' | 'patch';
  path: (ids: { rollout: string }) => string;
  auth: string | undefined;
  query?: Record<string, unknown>;
  contentType?: string;
  /** A body to send as JSON, or raw text to send as is. */
  body?: { json: unknown } | { raw: string };
};

const segment = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: nasty },
  { weight: 1, arbitrary: longString.map(s => s.slice(0, 300)) },
);

/** A path parameter: the real one, a near miss, or garbage. */
const param = (real: string[]) =>
  fc
    .tuple(fc.constantFrom(...real), segment)
    .map(([value, extra]) => encodeURIComponent(value + extra));

const revision = fieldValue(fc.integer({ min: -1, max: 6 }));

const markdownBody = fc.oneof(
  fc.constant(seedMarkdown),
  fc
    .tuple(fc.nat(seedMarkdown.length), nasty)
    .map(
      ([at, text]) => seedMarkdown.slice(0, at) + text + seedMarkdown.slice(at),
    ),
  fc.nat(seedMarkdown.length).map(at => seedMarkdown.slice(0, at)),
  fc
    .tuple(fc.constantFrom('> ', '- ', '1. ', '  ', '* '), fc.nat(3_000))
    .map(([marker, n]) => `# T\n\n${marker.repeat(n)}x\n`),
  nasty,
);

const checklistBody = fc.record(
  {
    title: fieldValue(fc.string({ maxLength: 20 })),
    steps: fieldValue(
      fc.array(
        fc.record(
          {
            number: fieldValue(fc.nat(20)),
            title: fieldValue(fc.string({ minLength: 1, maxLength: 20 })),
            notes: fieldValue(fc.constant('')),
            action: fieldValue(
              fc.record({
                templateRef: fc.constant('template:default/x'),
                values: fieldValue(fc.dictionary(fc.string(), anyJson)),
              }),
            ),
          },
          { requiredKeys: ['number', 'title'] },
        ),
        { maxLength: 3 },
      ),
    ),
    signOffs: fieldValue(
      fc.array(
        fc.record({
          role: fieldValue(fc.constantFrom('QA Lead', 'Tech Lead')),
          signers: fieldValue(fc.array(nasty, { maxLength: 2 })),
        }),
        { maxLength: 2 },
      ),
    ),
    preflightChecks: fieldValue(
      fc.array(fc.record({ text: fieldValue(nasty) }), { maxLength: 3 }),
    ),
  },
  { requiredKeys: [] },
);

const users = fc.constantFrom<string | undefined>(
  ada,
  ada,
  quinn,
  undefined,
  'Bearer nonsense',
);

const jsonOrRaw = (json: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 5, arbitrary: json.map(value => ({ json: value })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('{', '{"a":', '[1,]', 'null', '"x"', '{"a":1}}', '')
        .map(raw => ({ raw })),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 30, max: 20_000 }).map(depth => ({
        raw: `${'{"v":['.repeat(depth)}1${']}'.repeat(depth)}`,
      })),
    },
    { weight: 1, arbitrary: nasty.map(raw => ({ raw })) },
  );

const contentType = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json',
  'text/markdown',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=latin1',
);

const ids = {
  check: ['check-1', 'check-2'],
  signOff: ['qa-lead', 'tech-lead'],
  criterion: ['criterion-1', 'criterion-2'],
  step: ['step-1', 'step-2', 'step-5'],
};

/** One generated request to one of the router's endpoints. */
const generatedRequest: fc.Arbitrary<Generated> = fc.oneof(
  fc.record({
    method: fc.constant('get' as const),
    path: fc.constant(() => '/rollouts'),
    auth: users,
    query: fc.dictionary(
      fc.constantFrom(
        'entityRef',
        'status',
        'owner',
        'system',
        'pendingSignoffBy',
        'ownedBy',
        'q',
        'sort',
        'limit',
        'cursor',
        'other',
      ),
      fc.oneof(nasty, longString, fc.array(nasty, { maxLength: 12 })),
    ),
  }),
  fc.record({
    method: fc.constant('post' as const),
    path: fc.constant(() => '/rollouts'),
    auth: users,
    contentType,
    body: jsonOrRaw(
      fc.record(
        {
          entityRef: fieldValue(
            fc.constantFrom(
              'component:default/reviewer',
              'component:default/x',
              'component:default/nope',
            ),
          ),
          version: fieldValue(fc.constantFrom('v1', 'v2.0.0', '')),
          releaseNotesUrl: fieldValue(
            fc.constantFrom(
              'https://x.test/n',
              ['javascript', 'alert(1)'].join(':'),
            ),
          ),
          checklist: fieldValue(checklistBody),
        },
        { requiredKeys: [] },
      ),
    ),
  }),
  fc.record({
    method: fc.constant('post' as const),
    path: fc.constant(() => '/rollouts'),
    auth: users,
    query: fc.record(
      {
        entityRef: fc.oneof(
          fc.constant('component:default/reviewer'),
          nasty,
          longString,
        ),
        version: fc.oneof(fc.constantFrom('v9', 'v10'), nasty),
        title: fc.oneof(nasty, longString),
      },
      { requiredKeys: [] },
    ),
    contentType: fc.constantFrom(
      'text/markdown',
      'text/markdown; charset=utf-8',
    ),
    body: markdownBody.map(raw => ({ raw })),
  }),
  fc.record({
    method: fc.constantFrom('get' as const, 'patch' as const),
    path: fc
      .tuple(fc.constantFrom('', '/markdown', '/events', '/gates'), segment)
      .map(
        ([suffix, extra]) =>
          ({ rollout }: { rollout: string }) =>
            `/rollouts/${encodeURIComponent(rollout + extra)}${suffix}`,
      ),
    auth: users,
    contentType,
    body: jsonOrRaw(
      fc.record(
        {
          expectedRevision: revision,
          title: fieldValue(fc.string({ minLength: 1, maxLength: 10 })),
          previousVersion: fieldValue(fc.constantFrom('v0.1.0', null)),
          releaseNotesUrl: fieldValue(
            fc.constantFrom(
              'http://x.test',
              ['javascript', 'x'].join(':'),
              null,
            ),
          ),
          checklist: fieldValue(checklistBody),
        },
        { requiredKeys: [] },
      ),
    ),
  }),
  ...(
    [
      ['preflight', ids.check, { checked: fieldValue(fc.boolean()) }],
      [
        'signoffs',
        ids.signOff,
        {
          decision: fieldValue(
            fc.constantFrom('approved', 'rejected', 'pending'),
          ),
          note: fieldValue(nasty),
        },
      ],
      [
        'criteria',
        ids.criterion,
        { state: fieldValue(fc.constantFrom('ok', 'triggered')) },
      ],
    ] as Array<[string, string[], Record<string, fc.Arbitrary<unknown>>]>
  ).map(([route, realIds, fields]) =>
    fc.record({
      method: fc.constant('post' as const),
      path: param([...realIds]).map(
        item =>
          ({ rollout }: { rollout: string }) =>
            `/rollouts/${rollout}/${route}/${item}`,
      ),
      auth: users,
      contentType,
      body: jsonOrRaw(
        fc.record(
          { expectedRevision: revision, ...fields },
          { requiredKeys: [] },
        ),
      ),
    }),
  ),
  fc.record({
    method: fc.constant('post' as const),
    path: fc.constantFrom(
      ({ rollout }: { rollout: string }) => `/rollouts/${rollout}/status`,
      ({ rollout }: { rollout: string }) =>
        `/rollouts/${rollout}/signoff-requests`,
    ),
    auth: users,
    contentType,
    body: jsonOrRaw(
      fc.record(
        {
          expectedRevision: revision,
          status: fieldValue(
            fc.constantFrom(
              'draft',
              'in_progress',
              'blocked',
              'completed',
              'rolled_back',
            ),
          ),
          reason: fieldValue(nasty),
        },
        { requiredKeys: [] },
      ),
    ),
  }),
  fc.record({
    method: fc.constantFrom('post' as const, 'get' as const),
    path: fc
      .tuple(
        param(ids.step),
        fc.constantFrom('run', 'confirm', 'report', 'log'),
      )
      .map(
        ([step, action]) =>
          ({ rollout }: { rollout: string }) =>
            `/rollouts/${rollout}/steps/${step}/${action}`,
      ),
    auth: users,
    contentType,
    body: jsonOrRaw(
      fc.record(
        {
          expectedRevision: revision,
          note: fieldValue(nasty),
          status: fieldValue(fc.constantFrom('succeeded', 'failed')),
          summary: fieldValue(nasty),
          taskId: fieldValue(fc.constantFrom('task-1', 'task-2')),
          reportKey: fieldValue(nasty),
        },
        { requiredKeys: [] },
      ),
    ),
  }),
);

describe.each(databases.eachSupportedId())(
  'fuzzing the API on %p',
  databaseId => {
    it(`answers ${runs} generated hostile requests without a 5xx, each 4xx saying what was wrong, refusals changing nothing`, async () => {
      const harness = await createRouterHarness({
        databases,
        databaseId: databaseId as 'POSTGRES_15' | 'SQLITE_3',
        permissions: mockServices.permissions(),
      });
      const { app, store } = harness;
      const seeded = await request(app)
        .post('/rollouts')
        .query({
          entityRef: 'component:default/multipass-reviewer',
          version: 'v0.3.0',
        })
        .set('Authorization', ada)
        .set('Content-Type', 'text/markdown')
        .send(seedMarkdown);
      expect(seeded.status).toBe(201);
      const rollout: Rollout = seeded.body;

      /** What a refused request must leave as it was. */
      const snapshot = async () =>
        JSON.stringify({
          rollout: await store.getRollout(rollout.id),
          events: (await store.listEvents(rollout.id)).length,
          rollouts: (await store.listRollouts({ limit: 1000 })).items.length,
        });

      const figures = {
        requests: 0,
        byStatus: {} as Record<number, number>,
        serverErrors: [] as string[],
        withoutMessage: [] as string[],
        changedByRefusal: [] as string[],
      };
      let before = await snapshot();

      await fc.assert(
        fc.asyncProperty(generatedRequest, async generated => {
          const path = generated.path({ rollout: rollout.id });
          let call = request(app)[generated.method](path);
          if (generated.auth) {
            call = call.set('Authorization', generated.auth);
          }
          if (generated.query) {
            call = call.query(generated.query as Record<string, string>);
          }
          if (generated.body && generated.method !== 'get') {
            call = call.set(
              'Content-Type',
              generated.contentType ?? 'application/json',
            );
            call = call.send(
              'json' in generated.body
                ? JSON.stringify(generated.body.json)
                : generated.body.raw,
            );
          }
          const res = await call;
          figures.requests += 1;
          figures.byStatus[res.status] =
            (figures.byStatus[res.status] ?? 0) + 1;
          const what = `${generated.method.toUpperCase()} ${path.slice(
            0,
            120,
          )} → ${res.status} ${String(res.body?.error?.message ?? '').slice(
            0,
            200,
          )}`;
          if (res.status >= 500) {
            figures.serverErrors.push(what);
          }
          if (res.status >= 400 && res.status < 500) {
            // Node itself answers a request line or headers past its limit
            // with 431, before any Backstage code runs; the status says why.
            const message =
              res.status === 431
                ? (res as unknown as { res: { statusMessage?: string } }).res
                    .statusMessage
                : res.body?.error?.message;
            if (typeof message !== 'string' || message.trim().length < 10) {
              figures.withoutMessage.push(what);
            }
            const after = await snapshot();
            if (after !== before) {
              figures.changedByRefusal.push(what);
            }
          } else {
            before = await snapshot();
          }
          // Counted rather than failed at once, so that one run reports
          // every problem it met.
          return true;
        }),
        { numRuns: runs },
      );

      // eslint-disable-next-line no-console
      console.info(
        `fuzz on ${databaseId}: ${figures.requests} requests, ${
          figures.serverErrors.length
        } × 5xx, ${figures.withoutMessage.length} × 4xx without a message, ${
          figures.changedByRefusal.length
        } refusals that changed data; by status ${JSON.stringify(
          figures.byStatus,
        )}`,
      );
      expect(figures.requests).toBeGreaterThanOrEqual(runs);
      expect(figures.serverErrors).toEqual([]);
      expect(figures.withoutMessage).toEqual([]);
      expect(figures.changedByRefusal).toEqual([]);
    }, 600_000);
  },
);
