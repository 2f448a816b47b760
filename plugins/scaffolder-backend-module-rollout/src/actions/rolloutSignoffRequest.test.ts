import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createRolloutSignoffRequestAction } from './rolloutSignoffRequest';
import { examples } from './rolloutSignoffRequest.examples';
import { rolloutServiceMock } from './__testUtils__/rolloutServiceMock';

const credentials = mockCredentials.user('user:default/jane');

function inputOf(example: { example: string }) {
  return yaml.parse(example.example).steps[0].input;
}

describe('rollout:signoff:request', () => {
  const rollout = rolloutServiceMock();
  const action = createRolloutSignoffRequestAction({ rollout });

  beforeEach(() => {
    jest.resetAllMocks();
    rollout.requestSignOffs.mockResolvedValue({
      requested: [
        {
          signOffId: 'qa-lead',
          role: 'QA Lead',
          signers: ['group:default/qa-leads'],
        },
        {
          signOffId: 'security',
          role: 'Security',
          signers: ['user:default/sam'],
        },
      ],
    });
  });

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

  it(`should ${examples[0].description}`, async () => {
    const ctx = contextOf(inputOf(examples[0]));

    await action.handler(ctx);

    expect(rollout.requestSignOffs).toHaveBeenCalledWith(
      { rolloutId: 'c2f1a9e0-3b7d-4e57-9a51-0d6f3c8e2b14' },
      { credentials },
    );
    expect(ctx.output).toHaveBeenCalledWith('requested', 2);
    expect(ctx.output).toHaveBeenCalledWith('roles', ['QA Lead', 'Security']);
  });

  it(`should ${examples[1].description}`, async () => {
    // The template engine renders the expression before the action runs.
    const input = { rolloutId: 'r-from-an-earlier-step' };
    expect(inputOf(examples[1]).rolloutId).toBe(
      '${{ steps.rollout.output.rolloutId }}',
    );
    rollout.requestSignOffs.mockResolvedValue({ requested: [] });
    const ctx = contextOf(input);

    await action.handler(ctx);

    expect(rollout.requestSignOffs).toHaveBeenCalledWith(input, {
      credentials,
    });
    expect(ctx.output).toHaveBeenCalledWith('requested', 0);
    expect(ctx.output).toHaveBeenCalledWith('roles', []);
  });

  it('asks inside a checkpoint, and not again when a retried task has it', async () => {
    const ctx = {
      ...contextOf(inputOf(examples[0])),
      checkpoint: jest.fn().mockResolvedValue(['QA Lead']),
    };

    await action.handler(ctx);

    expect(ctx.checkpoint).toHaveBeenCalledWith({
      key: 'rollout-signoff-request-c2f1a9e0-3b7d-4e57-9a51-0d6f3c8e2b14',
      fn: expect.any(Function),
    });
    expect(rollout.requestSignOffs).not.toHaveBeenCalled();
    expect(ctx.output).toHaveBeenCalledWith('requested', 1);
  });

  it('fails with the error of the rollout backend', async () => {
    rollout.requestSignOffs.mockRejectedValue(
      new Error(
        "Rollout 'r1' is completed: there is no sign-off left to request",
      ),
    );

    await expect(
      action.handler(contextOf(inputOf(examples[0]))),
    ).rejects.toThrow('there is no sign-off left to request');
  });
});
