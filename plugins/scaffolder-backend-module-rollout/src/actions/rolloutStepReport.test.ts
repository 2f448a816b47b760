import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createRolloutStepReportAction } from './rolloutStepReport';
import { examples } from './rolloutStepReport.examples';
import { rolloutServiceMock } from './__testUtils__/rolloutServiceMock';

const credentials = mockCredentials.user('user:default/jane');

function inputOf(example: { example: string }) {
  return yaml.parse(example.example).steps[0].input;
}

describe('rollout:step:report', () => {
  const rollout = rolloutServiceMock();
  const action = createRolloutStepReportAction({ rollout });

  beforeEach(() => {
    jest.resetAllMocks();
    rollout.reportStep.mockResolvedValue({ status: 'in_progress' } as any);
  });

  function contextOf(input: any) {
    return {
      ...createMockActionContext({
        input,
        logger: mockServices.logger.mock(),
        task: { id: 'task-42' },
        secrets: { rolloutReportKey: 'key-of-task-42' },
      }),
      getInitiatorCredentials: jest.fn().mockResolvedValue(credentials),
      checkpoint: jest.fn(async ({ fn }) => fn()),
    };
  }

  it(`should ${examples[0].description}`, async () => {
    const ctx = contextOf(inputOf(examples[0]));

    await action.handler(ctx);

    expect(rollout.reportStep).toHaveBeenCalledWith(
      {
        rolloutId: 'c2f1a9e0-3b7d-4e57-9a51-0d6f3c8e2b14',
        stepId: 'step-3',
        status: 'succeeded',
        summary: undefined,
        taskId: 'task-42',
        reportKey: 'key-of-task-42',
      },
      { credentials },
    );
    expect(ctx.output).toHaveBeenCalledWith('rolloutStatus', 'in_progress');
  });

  it(`should ${examples[1].description}`, async () => {
    const ctx = contextOf(inputOf(examples[1]));

    await action.handler(ctx);

    expect(rollout.reportStep).toHaveBeenCalledWith(
      {
        rolloutId: 'c2f1a9e0-3b7d-4e57-9a51-0d6f3c8e2b14',
        stepId: 'step-3',
        status: 'failed',
        summary: 'make review-test exited with code 2',
        taskId: 'task-42',
        reportKey: 'key-of-task-42',
      },
      { credentials },
    );
  });

  it('refuses to report from a task the rollout backend did not start', async () => {
    const ctx = {
      ...contextOf(inputOf(examples[0])),
      secrets: {},
    };

    await expect(action.handler(ctx)).rejects.toThrow(
      /has no rolloutReportKey secret/,
    );
    expect(rollout.reportStep).not.toHaveBeenCalled();
  });

  it('reports inside a checkpoint, once per step', async () => {
    const ctx = contextOf(inputOf(examples[0]));

    await action.handler(ctx);

    expect(ctx.checkpoint).toHaveBeenCalledWith({
      key: 'rollout-report-c2f1a9e0-3b7d-4e57-9a51-0d6f3c8e2b14-step-3',
      fn: expect.any(Function),
    });
  });

  it('does not report again when a retried task has the checkpoint', async () => {
    const ctx = {
      ...contextOf(inputOf(examples[0])),
      checkpoint: jest.fn().mockResolvedValue('completed'),
    };

    await action.handler(ctx);

    expect(rollout.reportStep).not.toHaveBeenCalled();
    expect(ctx.output).toHaveBeenCalledWith('rolloutStatus', 'completed');
  });

  it('fails with the error of the rollout backend', async () => {
    rollout.reportStep.mockRejectedValue(
      new Error('Step step-3 of rollout r1 is not running'),
    );

    await expect(
      action.handler(contextOf(inputOf(examples[0]))),
    ).rejects.toThrow('Step step-3 of rollout r1 is not running');
  });
});
