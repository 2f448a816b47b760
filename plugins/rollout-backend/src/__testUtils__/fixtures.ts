import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ScaffolderService } from '@backstage/plugin-scaffolder-node';
import { PermissionRuleset } from '@backstage/plugin-permission-node';
import {
  Checklist,
  Rollout,
  normalizeChecklist,
  parseChecklist,
} from '@rollout/backstage-plugin-rollout-common';
import fs from 'fs';
import path from 'path';
import { RolloutFilter } from '../database/RolloutStore';
import { rolloutPermissionRules } from '../permissions/rules';

/**
 * The databases every store and plugin test runs on. PostgreSQL comes from
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (scripts/test.sh sets
 * it for the local server).
 */
export function createTestDatabases() {
  return TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
}

/** The seed checklist (Stage 01_03 of multipass-reviewer 0.3.0) as written. */
export const seedMarkdown = fs.readFileSync(
  path.resolve(
    __dirname,
    '../../../../examples/rollouts/stage-01_03-rollout-checklist.md',
  ),
  'utf8',
);

/** The seed checklist, parsed, with ids and fresh run state. */
export function seedChecklist(): Checklist {
  return normalizeChecklist(parseChecklist(seedMarkdown));
}

/** A small checklist with one item in each section. */
export function smallChecklist(): Checklist {
  return normalizeChecklist({
    title: 'Rollout Checklist',
    stage: '02_01',
    steps: [
      { number: 1, title: '`make build`', command: 'make build', notes: '' },
      { number: 2, title: 'Rollback: redeploy', kind: 'rollback', notes: '' },
    ],
    rollbackCriteria: [{ text: 'Build fails.' }],
    migrationGuide: [{ text: 'Bump the dependency.' }],
    preflightChecks: [{ text: '`make build`' }],
    signOffs: [
      {
        role: 'QA Lead',
        responsibility: 'Approves tests',
        signers: ['group:default/qa-leads'],
      },
    ],
    metrics: [{ name: 'build_failures_total', description: 'stays flat' }],
    alerts: [{ name: 'BuildFailing', description: 'clear' }],
    communication: [{ text: 'Tell the team.' }],
  });
}

/**
 * The rules of rollout conditions by name, as the permissions registry hands
 * them to the plugin; for tests that build the router without a backend.
 */
export function rolloutPermissionRuleset(): PermissionRuleset<
  Rollout,
  RolloutFilter
> {
  const rules = new Map(rolloutPermissionRules.map(rule => [rule.name, rule]));
  return {
    getRuleByName(name) {
      const rule = rules.get(name);
      if (!rule) {
        throw new Error(`Unexpected permission rule: ${name}`);
      }
      return rule;
    },
  };
}

/**
 * A scaffolder that hands out task ids and reports what the test sets, for
 * the step runner's own logic; the real scaffolder runs steps in the
 * end-to-end tests.
 */
export function fakeScaffolder() {
  let next = 0;
  const statuses = new Map<string, string>();
  return {
    statuses,
    scaffold: jest.fn(async () => {
      // Yield so that concurrent requests really overlap.
      await new Promise(resolve => setTimeout(resolve, 20));
      next += 1;
      const taskId = `task-${next}`;
      statuses.set(taskId, 'processing');
      return { taskId };
    }),
    // The example step template's steps: its command runs in `run`.
    getTask: jest.fn(async ({ taskId }: { taskId: string }) => ({
      id: taskId,
      spec: {
        steps: [
          { id: 'fetch', name: 'Fetch', action: 'fetch:plain' },
          { id: 'run', name: 'Run', action: 'rollout:command:run' },
          { id: 'report', name: 'Report', action: 'rollout:step:report' },
        ],
      } as any,
      status: (statuses.get(taskId) ?? 'open') as any,
      createdAt: new Date().toISOString(),
    })),
    getLogs: jest.fn(async ({ taskId }: { taskId: string }) =>
      [
        { stepId: 'run', status: 'processing', message: 'Beginning step Run' },
        {
          stepId: 'run',
          message: '\u001b[32minfo\u001b[39m: make: Nothing to be done',
        },
        { stepId: 'run', status: 'completed', message: 'Finished step Run' },
      ].map((body, index) => ({
        id: index + 1,
        taskId,
        type: 'log' as const,
        createdAt: new Date().toISOString(),
        body: body as { message: string; stepId: string; status?: any },
      })),
    ),
  } as unknown as jest.Mocked<ScaffolderService> & {
    statuses: Map<string, string>;
  };
}

/**
 * A permission policy that allows everything but what `denies` says, per
 * permission name and acting user, as definitive decisions.
 */
export function permissionsDenying(
  denies: (permission: string, userEntityRef: string | undefined) => boolean,
) {
  const permissions = mockServices.permissions.mock();
  const decide = (
    permission: { name: string },
    credentials: BackstageCredentials,
  ) =>
    denies(
      permission.name,
      (credentials.principal as { userEntityRef?: string }).userEntityRef,
    )
      ? AuthorizeResult.DENY
      : AuthorizeResult.ALLOW;
  permissions.authorize.mockImplementation(async (requests, { credentials }) =>
    requests.map(r => ({ result: decide(r.permission, credentials) })),
  );
  permissions.authorizeConditional.mockImplementation(
    async (requests, { credentials }) =>
      requests.map(r => ({ result: decide(r.permission, credentials) })) as any,
  );
  return permissions;
}
