import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createRolloutCommsSendAction } from './rolloutCommsSend';
import { examples } from './rolloutCommsSend.examples';
import { rolloutServiceMock } from './__testUtils__/rolloutServiceMock';

const credentials = mockCredentials.user('user:default/jane');

function inputOf(example: { example: string }) {
  return yaml.parse(example.example).steps[0].input;
}

describe('rollout:comms:send', () => {
  const rollout = rolloutServiceMock();
  const action = createRolloutCommsSendAction({ rollout });

  beforeEach(() => {
    jest.resetAllMocks();
    rollout.getRollout.mockResolvedValue({
      id: 'r1',
      revision: 7,
      checklist: {
        communication: [
          { id: 'comms-1', text: 'Notify stakeholders.', done: false },
          { id: 'comms-2', text: 'Mention the flag.', done: false },
        ],
      },
    } as any);
    rollout.getAnnouncement.mockResolvedValue({
      itemId: 'comms-1',
      subject: 'Release v0.3.0 of multipass-reviewer',
      body: 'Notify stakeholders.',
      stakeholders: ['group:default/qa-leads'],
      audiences: [],
      channels: ['web', 'email'],
    });
    rollout.sendAnnouncement.mockResolvedValue({
      rollout: {} as any,
      recipients: ['user:default/jane', 'user:default/quinn'],
      channels: [
        { channel: 'web', status: 'sent' },
        { channel: 'email', status: 'handedOff' },
      ],
    });
  });

  /** The context of a run, with the input as the schema defaults it. */
  function contextOf(input: any) {
    return {
      ...createMockActionContext({
        input: {
          stakeholders: true,
          audiences: [],
          entityRefs: [],
          resend: false,
          ...input,
        },
        logger: mockServices.logger.mock(),
      }),
      getInitiatorCredentials: jest.fn().mockResolvedValue(credentials),
      checkpoint: jest.fn(async ({ fn }) => fn()),
    };
  }

  it(`should ${examples[0].description}`, async () => {
    const ctx = contextOf({ ...inputOf(examples[0]), rolloutId: 'r1' });

    await action.handler(ctx);

    expect(rollout.getAnnouncement).toHaveBeenCalledWith(
      { rolloutId: 'r1', itemId: 'comms-1' },
      { credentials },
    );
    expect(rollout.sendAnnouncement).toHaveBeenCalledWith(
      {
        rolloutId: 'r1',
        itemId: 'comms-1',
        expectedRevision: 7,
        subject: 'Release v0.3.0 of multipass-reviewer',
        body: 'Notify stakeholders.',
        stakeholders: true,
        audiences: [],
        entityRefs: [],
        resend: false,
      },
      { credentials },
    );
    expect(ctx.output).toHaveBeenCalledWith('itemId', 'comms-1');
    expect(ctx.output).toHaveBeenCalledWith('recipients', 2);
    expect(ctx.output).toHaveBeenCalledWith('channels', ['web', 'email']);
  });

  it(`should ${examples[1].description}`, async () => {
    // The template engine renders the expression before the action runs.
    expect(inputOf(examples[1]).rolloutId).toBe(
      '${{ steps.rollout.output.rolloutId }}',
    );
    const ctx = contextOf({ ...inputOf(examples[1]), rolloutId: 'r1' });

    await action.handler(ctx);

    expect(rollout.getAnnouncement).not.toHaveBeenCalled();
    expect(rollout.sendAnnouncement).toHaveBeenCalledWith(
      expect.objectContaining({
        itemId: 'comms-2',
        subject: 'multipass-reviewer v0.3.0 removes use_modular_reviewer',
        body: expect.stringContaining('`use_modular_reviewer` flag is gone'),
        audiences: ['programme-leads'],
        entityRefs: ['group:default/support'],
      }),
      { credentials },
    );
  });

  it(`should ${examples[2].description}`, async () => {
    const ctx = contextOf({ ...inputOf(examples[2]), rolloutId: 'r1' });

    await action.handler(ctx);

    expect(rollout.sendAnnouncement).toHaveBeenCalledWith(
      expect.objectContaining({ itemId: 'comms-1', resend: true }),
      { credentials },
    );
  });

  it('fails the step, naming the input, for an item the plan does not have', async () => {
    await expect(
      action.handler(contextOf({ rolloutId: 'r1', item: 3 })),
    ).rejects.toThrow(
      'item: rollout r1 has no communication item number 3; it has 2',
    );
    await expect(
      action.handler(contextOf({ rolloutId: 'r1', item: 'comms-9' })),
    ).rejects.toThrow("item: rollout r1 has no communication item 'comms-9'");
    expect(rollout.sendAnnouncement).not.toHaveBeenCalled();
  });

  it('fails the step with the backend refusal of an item sent before', async () => {
    const refusal = Object.assign(
      new Error(
        '"Notify stakeholders." was sent on … ; send it again with resend',
      ),
      { name: 'ResponseError' },
    );
    rollout.sendAnnouncement.mockRejectedValue(refusal);
    await expect(
      action.handler(contextOf({ rolloutId: 'r1', item: 1 })),
    ).rejects.toBe(refusal);
  });

  it('does not send again when the task is retried past its checkpoint', async () => {
    const ctx = contextOf({ rolloutId: 'r1', item: 1 });
    ctx.checkpoint.mockResolvedValue({
      itemId: 'comms-1',
      recipients: 2,
      channels: ['web'],
    });

    await action.handler(ctx);

    expect(rollout.sendAnnouncement).not.toHaveBeenCalled();
    expect(ctx.checkpoint).toHaveBeenCalledWith(
      expect.objectContaining({ key: 'rollout-comms-send-r1-1' }),
    );
    expect(ctx.output).toHaveBeenCalledWith('recipients', 2);
  });
});
