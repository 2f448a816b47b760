import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  createRolloutRequestSchema,
  parseChecklist,
  readChecklist,
} from '@rollout/backstage-plugin-rollout-common';
import yaml from 'yaml';
import { createRolloutChecklistCreateAction } from './rolloutChecklistCreate';
import { examples } from './rolloutChecklistCreate.examples';
import { rolloutServiceMock } from './__testUtils__/rolloutServiceMock';

const config = new ConfigReader({
  app: { baseUrl: 'https://backstage.example.com/' },
});
const credentials = mockCredentials.user('user:default/jane');

function inputOf(example: { example: string }) {
  return yaml.parse(example.example).steps[0].input;
}

describe('rollout:checklist:create', () => {
  const rollout = rolloutServiceMock();
  const action = createRolloutChecklistCreateAction({ config, rollout });

  beforeEach(() => {
    jest.resetAllMocks();
  });

  /** A context whose initiator is jane and whose checkpoints run. */
  function contextOf(input: any) {
    return {
      ...createMockActionContext({
        input,
        logger: mockServices.logger.mock(),
      }),
      getInitiatorCredentials: jest.fn().mockResolvedValue(credentials),
      checkpoint: jest.fn(async ({ fn }) => fn()),
    };
  }

  function createsRollout(
    id: string,
    entityRef: string,
    warnings: Array<{ line: number; message: string }> = [],
  ) {
    rollout.createRollout.mockResolvedValue({ id, entityRef, warnings } as any);
  }

  it('has a valid checklist in every example', () => {
    expect(() => parseChecklist(inputOf(examples[0]).checklist)).not.toThrow();
    expect(() =>
      createRolloutRequestSchema.parse(inputOf(examples[1])),
    ).not.toThrow();
  });

  it(`should ${examples[0].description}`, async () => {
    createsRollout('r1', 'component:default/payments-api');
    const input = inputOf(examples[0]);
    const ctx = contextOf(input);

    await action.handler(ctx);

    expect(rollout.createRollout).toHaveBeenCalledWith(
      {
        entityRef: 'component:default/payments-api',
        version: 'v2.1.0',
        previousVersion: 'v2.0.3',
        title: undefined,
        releaseNotesUrl: undefined,
        markdown: input.checklist,
        strict: undefined,
      },
      { credentials },
    );
    expect(ctx.output).toHaveBeenCalledWith('rolloutId', 'r1');
    expect(ctx.output).toHaveBeenCalledWith('warnings', []);
    expect(ctx.output).toHaveBeenCalledWith(
      'url',
      'https://backstage.example.com/catalog/default/component/payments-api/rollout',
    );
  });

  it(`should ${examples[1].description}`, async () => {
    createsRollout('r2', 'component:default/multipass-reviewer');
    const input = inputOf(examples[1]);
    const ctx = contextOf(input);

    await action.handler(ctx);

    expect(rollout.createRollout).toHaveBeenCalledWith(
      {
        entityRef: 'component:default/multipass-reviewer',
        version: 'v0.3.0',
        previousVersion: undefined,
        title: 'multipass-reviewer v0.3.0',
        releaseNotesUrl:
          'https://example.com/multipass-reviewer/blob/v0.3.0/CHANGELOG.md',
        checklist: input.checklist,
      },
      { credentials },
    );
    expect(ctx.output).toHaveBeenCalledWith('rolloutId', 'r2');
  });

  it(`should ${examples[2].description}`, async () => {
    const input = inputOf(examples[2]);
    const reading = readChecklist(input.checklist);
    expect(reading.checklist.language).toBe('ru');
    expect(reading.warnings).toEqual([]);
    createsRollout('r4', 'component:default/payments-api');
    const ctx = contextOf(input);

    await action.handler(ctx);

    expect(rollout.createRollout).toHaveBeenCalledWith(
      expect.objectContaining({ markdown: input.checklist, strict: true }),
      { credentials },
    );
    expect(ctx.output).toHaveBeenCalledWith('warnings', []);
  });

  it('passes on what reading the markdown warned of, and logs it', async () => {
    createsRollout('r1', 'component:default/payments-api', [
      {
        line: 18,
        message:
          'the signer "@maria" of "QA Lead" is left out: the catalog has no user or group by that name or email',
      },
    ]);
    const ctx = contextOf(inputOf(examples[0]));

    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('warnings', [
      'line 18: the signer "@maria" of "QA Lead" is left out: the catalog has no user or group by that name or email',
    ]);
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      'The checklist\'s line 18: the signer "@maria" of "QA Lead" is left out: the catalog has no user or group by that name or email',
    );
  });

  it('creates the rollout inside a checkpoint named after the release', async () => {
    createsRollout('r1', 'component:default/payments-api');
    const ctx = contextOf(inputOf(examples[0]));

    await action.handler(ctx);

    expect(ctx.checkpoint).toHaveBeenCalledTimes(1);
    expect(ctx.checkpoint).toHaveBeenCalledWith({
      key: 'rollout-create-component:default/payments-api-v2.1.0',
      fn: expect.any(Function),
    });
  });

  it('does not create again when a retried task has the checkpoint', async () => {
    const ctx = {
      ...contextOf(inputOf(examples[0])),
      checkpoint: jest.fn().mockResolvedValue({
        id: 'r1',
        entityRef: 'component:default/payments-api',
      }),
    };

    await action.handler(ctx);

    expect(rollout.createRollout).not.toHaveBeenCalled();
    expect(ctx.output).toHaveBeenCalledWith('rolloutId', 'r1');
    expect(ctx.output).toHaveBeenCalledWith('warnings', []);
  });

  it('links to the tab of the entity as the backend stored it', async () => {
    createsRollout('r3', 'component:team-a/payments-api');
    const ctx = contextOf({
      entityRef: 'Component:Team-A/payments-api',
      version: 'v1.0.0',
      checklist: '# payments-api v1.0.0\n',
    });

    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith(
      'url',
      'https://backstage.example.com/catalog/team-a/component/payments-api/rollout',
    );
  });

  it('fails with the error of the rollout backend, with no outputs', async () => {
    rollout.createRollout.mockRejectedValue(
      new Error('Invalid checklist: no Operator Runbook section'),
    );
    const ctx = contextOf(inputOf(examples[0]));

    await expect(action.handler(ctx)).rejects.toThrow(
      'Invalid checklist: no Operator Runbook section',
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });
});
