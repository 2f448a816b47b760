import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { RolloutService } from '@rollout/backstage-plugin-rollout-node';
import { examples } from './rolloutCommsSend.examples';

/**
 * Creates the `rollout:comms:send` action: sends a communication item of a
 * rollout as an announcement, on behalf of the user who started the task,
 * with the rules of the Send dialog on the tab: each recipient once, the
 * item ticked and recorded, never sent twice unless asked.
 * @public
 */
export function createRolloutCommsSendAction(options: {
  rollout: RolloutService;
}) {
  const { rollout } = options;

  return createTemplateAction({
    id: 'rollout:comms:send',
    description:
      "Sends a communication item of a rollout through Backstage's notifications (the Notifications page, and email or Slack where the notifications backend has them) to the rollout's stakeholders and whoever else is named, each once, on behalf of the user who started the task; the item is ticked and the history keeps the recipients, channels and text. The subject and body default to the app's template (rollout.communication). An item sent before fails the step unless resend is true.",
    examples,
    schema: {
      input: {
        rolloutId: z => z.string().min(1).describe('The id of the rollout'),
        item: z =>
          z
            .union([z.string().min(1), z.number().int().min(1)])
            .describe(
              'The communication item: its id, such as comms-2, or its number in the plan, 1 for the first',
            ),
        subject: z =>
          z
            .string()
            .min(1)
            .optional()
            .describe("The subject; the app's template writes it if left out"),
        body: z =>
          z
            .string()
            .min(1)
            .optional()
            .describe(
              "The message, in markdown; the app's template writes it if left out",
            ),
        stakeholders: z =>
          z
            .boolean()
            .default(true)
            .describe(
              "Whether the rollout's stakeholders (the sign-off rows' signers and the entity's owner) get it",
            ),
        audiences: z =>
          z
            .array(z.string())
            .default([])
            .describe('Names of audiences of rollout.communication.audiences'),
        entityRefs: z =>
          z
            .array(z.string())
            .default([])
            .describe(
              'More users and groups, such as group:default/support (a group is its direct members)',
            ),
        resend: z =>
          z
            .boolean()
            .default(false)
            .describe('Send the item even if it was sent before'),
      },
      output: {
        itemId: z => z.string().describe('The id of the item sent'),
        recipients: z =>
          z.number().describe('How many people the announcement went to'),
        channels: z =>
          z
            .array(z.string())
            .describe('The channels it went out on, such as web and email'),
      },
    },
    async handler(ctx) {
      const { rolloutId, item, subject, body, resend, ...audience } = ctx.input;
      const credentials = await ctx.getInitiatorCredentials();

      // A retried task does not send again: the first send is recorded.
      const sent = await ctx.checkpoint({
        key: `rollout-comms-send-${rolloutId}-${item}`,
        fn: async () => {
          const current = await rollout.getRollout(rolloutId, { credentials });
          const { communication } = current.checklist;
          const found =
            typeof item === 'number'
              ? communication[item - 1]
              : communication.find(c => c.id === item);
          if (!found) {
            throw new InputError(
              `item: rollout ${rolloutId} has no communication item ${
                typeof item === 'number' ? `number ${item}` : `'${item}'`
              }; it has ${communication.length}`,
            );
          }
          const draft =
            subject && body
              ? undefined
              : await rollout.getAnnouncement(
                  { rolloutId, itemId: found.id },
                  { credentials },
                );
          const answer = await rollout.sendAnnouncement(
            {
              rolloutId,
              itemId: found.id,
              expectedRevision: current.revision,
              subject: subject ?? draft!.subject,
              body: body ?? draft!.body,
              ...audience,
              resend,
            },
            { credentials },
          );
          return {
            itemId: found.id,
            recipients: answer.recipients.length,
            channels: answer.channels.map(c => c.channel),
          };
        },
      });

      ctx.logger.info(
        `Sent communication item ${sent.itemId} of rollout ${rolloutId} to ${
          sent.recipients
        } people by ${sent.channels.join(', ')}`,
      );
      ctx.output('itemId', sent.itemId);
      ctx.output('recipients', sent.recipients);
      ctx.output('channels', sent.channels);
    },
  });
}
