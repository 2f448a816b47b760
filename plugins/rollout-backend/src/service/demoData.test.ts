import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { parseChecklist } from '@rollout/backstage-plugin-rollout-common';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { createTestDatabases, fakeScaffolder } from '../__testUtils__/fixtures';
import { DatabaseRolloutStore } from '../database/DatabaseRolloutStore';
import { loadDemoRollouts } from './demoData';
import { RolloutService } from './RolloutService';
import { StepRunner } from './StepRunner';

const examples = path.resolve(__dirname, '../../../../examples');
const directory = path.join(examples, 'rollouts');
const databases = createTestDatabases();

type Manifest = {
  checklist: string;
  history?: Array<{ as: string; groups?: string[] }>;
};

function manifests(): Array<{ file: string; manifest: Manifest }> {
  return fs
    .readdirSync(directory)
    .filter(file => file.endsWith('.yaml'))
    .map(file => ({
      file,
      manifest: parseYaml(fs.readFileSync(path.join(directory, file), 'utf8')),
    }));
}

function catalog(
  file: string,
): Array<{ kind: string; metadata: any; spec: any }> {
  return parseAllDocuments(
    fs.readFileSync(path.join(examples, file), 'utf8'),
  ).map(doc => doc.toJS());
}

describe('the demo rollouts', () => {
  it('each has a checklist that parses', () => {
    for (const { file, manifest } of manifests()) {
      const markdown = fs.readFileSync(
        path.join(directory, manifest.checklist),
        'utf8',
      );
      expect({ file, steps: parseChecklist(markdown).steps.length }).toEqual({
        file,
        steps: expect.any(Number),
      });
    }
  });

  it('act as users of examples/org.yaml, in groups they belong to', () => {
    const users = new Map(
      catalog('org.yaml')
        .filter(entity => entity.kind === 'User')
        .map(user => [
          `user:default/${user.metadata.name}`,
          (user.spec.memberOf as string[]).map(g => `group:default/${g}`),
        ]),
    );
    for (const { file, manifest } of manifests()) {
      for (const entry of manifest.history ?? []) {
        expect({ file, as: entry.as, known: users.has(entry.as) }).toEqual({
          file,
          as: entry.as,
          known: true,
        });
        for (const group of entry.groups ?? []) {
          expect(users.get(entry.as)).toContain(group);
        }
      }
    }
  });

  it('name entities of examples/entities.yaml that show the Rollout tab', () => {
    const components = new Set(
      catalog('entities.yaml')
        .filter(
          entity =>
            entity.kind === 'Component' &&
            entity.metadata.annotations?.['rollout/enabled'] === 'true',
        )
        .map(entity => `component:default/${entity.metadata.name}`),
    );
    for (const { file } of manifests()) {
      const { entityRef } = parseYaml(
        fs.readFileSync(path.join(directory, file), 'utf8'),
      );
      expect({ file, entityRef, known: components.has(entityRef) }).toEqual({
        file,
        entityRef,
        known: true,
      });
    }
  });
});

describe.each(databases.eachSupportedId())(
  'loadDemoRollouts on %p',
  databaseId => {
    async function setUp() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseRolloutStore.create({
        database: mockServices.database({ knex }),
      });
      const service = new RolloutService(store);
      const logger = mockServices.logger.mock();
      // Histories report and confirm steps; they never start a task.
      const steps = new StepRunner({
        store,
        scaffolder: fakeScaffolder(),
        logger,
      });
      return { store, service, steps, logger };
    }

    it('loads every status with its history, once', async () => {
      const { store, service, steps, logger } = await setUp();
      const created = await loadDemoRollouts({
        directory,
        service,
        steps,
        logger,
      });
      expect(created).toBeGreaterThanOrEqual(8);

      const { items } = await service.list({ sort: 'entity', limit: 100 });
      expect(items).toHaveLength(created);
      expect(new Set(items.map(item => item.status))).toEqual(
        new Set([
          'draft',
          'in_progress',
          'blocked',
          'completed',
          'rolled_back',
        ]),
      );
      expect(
        new Set(items.map(item => item.entityRef)).size,
      ).toBeGreaterThanOrEqual(5);

      // The end-to-end tests rely on these two, as they were.
      const reviewer = items.filter(
        item => item.entityRef === 'component:default/multipass-reviewer',
      );
      expect(reviewer).toEqual([
        expect.objectContaining({
          version: 'v0.3.0',
          status: 'draft',
          revision: 1,
        }),
      ]);
      const api = items.filter(
        item => item.entityRef === 'component:default/payments-api',
      );
      expect(api).toEqual([
        expect.objectContaining({
          version: 'v2.1.0',
          status: 'draft',
          revision: 1,
        }),
      ]);

      const waitingForQa = await service.list({
        sort: 'entity',
        limit: 100,
        pendingSignOffBy: ['group:default/qa-leads'],
      });
      expect(waitingForQa.items.length).toBeGreaterThanOrEqual(2);
      for (const item of waitingForQa.items) {
        const rollout = await service.get(item.id);
        expect(rollout.checklist.signOffs).toContainEqual(
          expect.objectContaining({
            role: 'QA Lead',
            decision: 'pending',
            signers: ['group:default/qa-leads'],
          }),
        );
      }

      const [completed] = items.filter(item => item.status === 'completed');
      const events = await store.listEvents(completed.id);
      const types = events.map(event => event.type);
      expect(events).toContainEqual(
        expect.objectContaining({
          type: 'rollout.status',
          data: expect.objectContaining({ from: 'draft', to: 'in_progress' }),
        }),
      );
      expect(events).toContainEqual(
        expect.objectContaining({
          type: 'rollout.status',
          data: expect.objectContaining({
            from: 'in_progress',
            to: 'completed',
          }),
        }),
      );
      expect(types).toContain('step.succeeded');
      expect(types).toContain('preflight.checked');
      const done = await service.get(completed.id);
      const approvals = events.filter(
        event =>
          event.type === 'signoff.decided' &&
          (event.data as { decision?: string }).decision === 'approved',
      );
      expect(approvals).toHaveLength(done.checklist.signOffs.length);
      for (const row of done.checklist.signOffs) {
        expect(row).toMatchObject({
          decision: 'approved',
          decidedBy: expect.stringMatching(/^user:default\//),
        });
      }

      const [blocked] = items.filter(item => item.status === 'blocked');
      // The board words it from the event, which names the row's role.
      expect(blocked.blockedEvent).toEqual({
        type: 'signoff.decided',
        data: expect.objectContaining({
          role: expect.any(String),
          decision: 'rejected',
        }),
      });
      expect(await store.listEvents(blocked.id)).toContainEqual(
        expect.objectContaining({
          type: 'signoff.decided',
          data: expect.objectContaining({
            decision: 'rejected',
            to: 'blocked',
          }),
        }),
      );

      expect(
        await loadDemoRollouts({ directory, service, steps, logger }),
      ).toBe(0);
      const again = await service.list({ sort: 'entity', limit: 100 });
      expect(again.items).toEqual(items);
    });

    it('names the manifest and the entry of a history that cannot be replayed', async () => {
      const { service, steps, logger } = await setUp();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollout-demo-'));
      try {
        fs.copyFileSync(
          path.join(directory, 'multipass-gateway-1.4.0-checklist.md'),
          path.join(dir, 'checklist.md'),
        );
        fs.writeFileSync(
          path.join(dir, 'broken.yaml'),
          [
            'entityRef: component:default/multipass-gateway',
            'version: v9.9.9',
            'checklist: checklist.md',
            'history:',
            '  - { as: user:default/rey, status: in_progress }',
            '  - { as: user:default/rey, approve: qa-lead }',
          ].join('\n'),
        );
        await expect(
          loadDemoRollouts({ directory: dir, service, steps, logger }),
        ).rejects.toThrow(
          /broken\.yaml, history\[1\]: NotAllowedError: user:default\/rey is not a signer of 'QA Lead'/,
        );

        fs.writeFileSync(
          path.join(dir, 'broken.yaml'),
          [
            'entityRef: component:default/multipass-gateway',
            'version: v9.9.8',
            'checklist: checklist.md',
            'history:',
            '  - { as: user:default/rey, tick: check-1, step: step-1 }',
            '  - { as: user:default/rey, stpe: step-1 }',
          ].join('\n'),
        );
        const loading = loadDemoRollouts({
          directory: dir,
          service,
          steps,
          logger,
        });
        await expect(loading).rejects.toThrow(InputError);
        await expect(loading).rejects.toThrow(
          /broken\.yaml: history\.0: expected exactly one of status, tick, communicate, step, approve or reject, got tick, step; history\.1: Unrecognized key\(s\) in object: 'stpe'/,
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
