import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { rolloutReportKeySecret } from '@rollout/backstage-plugin-rollout-common';
import { RolloutService } from '@rollout/backstage-plugin-rollout-node';
import { examples } from './rolloutStepReport.examples';

/**
 * Creates the `rollout:step:report` action: reports the result of a rollout
 * step, as the last action of the task that ran it, on behalf of the user who
 * started the task.
 * @public
 */
export function createRolloutStepReportAction(options: {
  rollout: RolloutService;
}) {
  const { rollout } = options;

  return createTemplateAction({
    id: 'rollout:step:report',
    description:
      'Reports the result of a rollout step, with this task as the task that ran it, on behalf of the user who started the task.',
    examples,
    schema: {
      input: {
        rolloutId: z => z.string().min(1).describe('The id of the rollout'),
        stepId: z => z.string().min(1).describe('The id of the step'),
        status: z =>
          z
            .enum(['succeeded', 'failed'])
            .describe('Whether the step succeeded or failed'),
        summary: z =>
          z
            .string()
            .max(10_000)
            .optional()
            .describe('What happened, shown with the step'),
      },
      output: {
        rolloutStatus: z =>
          z
            .string()
            .describe("The rollout's status once the result is recorded"),
      },
    },
    async handler(ctx) {
      const { rolloutId, stepId, status, summary } = ctx.input;
      // The rollout backend gave the key to the task it started for the
      // step; a report without it is refused.
      const reportKey = ctx.secrets?.[rolloutReportKeySecret];
      if (!reportKey) {
        throw new InputError(
          `This task was not started by the rollout backend for step ${stepId} (it has no rolloutReportKey secret), so it cannot report the step's result`,
        );
      }

      // A retried task does not report the same result twice.
      const rolloutStatus = await ctx.checkpoint({
        key: `rollout-report-${rolloutId}-${stepId}`,
        fn: async () => {
          const updated = await rollout.reportStep(
            {
              rolloutId,
              stepId,
              status,
              summary,
              taskId: ctx.task.id,
              reportKey,
            },
            { credentials: await ctx.getInitiatorCredentials() },
          );
          return updated.status;
        },
      });

      ctx.logger.info(
        `Reported step ${stepId} of rollout ${rolloutId} as ${status}; the rollout is ${rolloutStatus}`,
      );
      ctx.output('rolloutStatus', rolloutStatus);
    },
  });
}
