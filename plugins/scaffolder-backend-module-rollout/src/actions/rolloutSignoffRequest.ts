import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { RolloutService } from '@rollout/backstage-plugin-rollout-node';
import { examples } from './rolloutSignoffRequest.examples';

/**
 * Creates the `rollout:signoff:request` action: asks the signers of each
 * pending sign-off row of a rollout for their decision, on behalf of the user
 * who started the task.
 * @public
 */
export function createRolloutSignoffRequestAction(options: {
  rollout: RolloutService;
}) {
  const { rollout } = options;

  return createTemplateAction({
    id: 'rollout:signoff:request',
    description:
      "Asks the signers of each pending sign-off row of a rollout for their decision, one notification per row linking to the entity's Rollout tab, on behalf of the user who started the task. Asking again updates those notifications; rows already decided are not asked.",
    examples,
    schema: {
      input: {
        rolloutId: z => z.string().min(1).describe('The id of the rollout'),
      },
      output: {
        requested: z =>
          z.number().describe('How many sign-off rows were asked'),
        roles: z =>
          z.array(z.string()).describe('The roles of the sign-off rows asked'),
      },
    },
    async handler(ctx) {
      const { rolloutId } = ctx.input;

      // A retried task does not ask again: the request is in the history.
      const roles = await ctx.checkpoint({
        key: `rollout-signoff-request-${rolloutId}`,
        fn: async () => {
          const { requested } = await rollout.requestSignOffs(
            { rolloutId },
            { credentials: await ctx.getInitiatorCredentials() },
          );
          return requested.map(row => row.role);
        },
      });

      ctx.logger.info(
        roles.length
          ? `Asked for sign-off of rollout ${rolloutId}: ${roles.join(', ')}`
          : `Rollout ${rolloutId} has no pending sign-off with signers to ask`,
      );
      ctx.output('requested', roles.length);
      ctx.output('roles', roles);
    },
  });
}
