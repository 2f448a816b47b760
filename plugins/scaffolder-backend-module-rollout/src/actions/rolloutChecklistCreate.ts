import { parseEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { CreateRolloutRequest } from '@rollout/backstage-plugin-rollout-common';
import { RolloutService } from '@rollout/backstage-plugin-rollout-node';
import { examples } from './rolloutChecklistCreate.examples';

/**
 * Creates the `rollout:checklist:create` action: creates a rollout from a
 * markdown checklist or a checklist object, on behalf of the user who
 * started the task.
 * @public
 */
export function createRolloutChecklistCreateAction(options: {
  config: Config;
  rollout: RolloutService;
}) {
  const { config, rollout } = options;
  const appBaseUrl = config.getString('app.baseUrl').replace(/\/+$/, '');

  return createTemplateAction({
    id: 'rollout:checklist:create',
    description:
      'Creates a rollout of a catalog entity from a checklist, in markdown or as an object, on behalf of the user who started the task.',
    examples,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .min(1)
            .describe(
              'The entity being released, such as component:default/payments-api',
            ),
        version: z =>
          z
            .string()
            .min(1)
            .describe('The version being rolled out, like v0.3.0'),
        previousVersion: z =>
          z
            .string()
            .min(1)
            .optional()
            .describe('The version being replaced, to roll back to'),
        title: z =>
          z
            .string()
            .min(1)
            .optional()
            .describe("The rollout's title; defaults to the checklist's"),
        releaseNotesUrl: z =>
          z
            .string()
            .url()
            .optional()
            .describe('Where the release notes are, such as a CHANGELOG.md'),
        checklist: z =>
          z
            .union([z.string().min(1), z.object({}).passthrough()])
            .describe(
              'The checklist: a markdown document in the rollout checklist shape, or a checklist object as the rollout API takes it',
            ),
        strict: z =>
          z
            .boolean()
            .optional()
            .describe(
              'For a markdown checklist: fail instead of creating the rollout when reading the document needed a guess (a section found by its content, a dropped column, a signer the catalog does not know)',
            ),
      },
      output: {
        rolloutId: z => z.string().describe('The id of the created rollout'),
        url: z => z.string().describe("The Rollout tab of the entity's page"),
        warnings: z =>
          z
            .array(z.string())
            .describe(
              'What reading the markdown guessed or dropped, as "line N: …"; empty when it read as written',
            ),
      },
    },
    async handler(ctx) {
      const {
        entityRef,
        version,
        previousVersion,
        title,
        releaseNotesUrl,
        checklist,
        strict,
      } = ctx.input;

      // A retried task gets the rollout its first attempt created instead of
      // creating it again, which the backend would refuse as a duplicate.
      const created = await ctx.checkpoint({
        key: `rollout-create-${entityRef}-${version}`,
        fn: async () => {
          const credentials = await ctx.getInitiatorCredentials();
          const common = {
            entityRef,
            version,
            previousVersion,
            title,
            releaseNotesUrl,
          };
          const result = await rollout.createRollout(
            typeof checklist === 'string'
              ? { ...common, markdown: checklist, strict }
              : // The backend validates the object against the checklist schema.
                {
                  ...common,
                  checklist: checklist as CreateRolloutRequest['checklist'],
                },
            { credentials },
          );
          return {
            id: result.id,
            entityRef: result.entityRef,
            warnings: (result.warnings ?? []).map(
              warning => `line ${warning.line}: ${warning.message}`,
            ),
          };
        },
      });

      const url = `${appBaseUrl}${entityPathOf(created.entityRef)}/rollout`;
      ctx.logger.info(`Created rollout ${created.id}: ${url}`);
      // A checkpoint kept by an earlier version of this action has none.
      const warnings = created.warnings ?? [];
      for (const warning of warnings) {
        ctx.logger.warn(`The checklist's ${warning}`);
      }
      ctx.output('rolloutId', created.id);
      ctx.output('url', url);
      ctx.output('warnings', warnings);
    },
  });
}

/** The entity page's path, as the catalog routes it. */
function entityPathOf(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${[
    namespace.toLocaleLowerCase('en-US'),
    kind.toLocaleLowerCase('en-US'),
    name,
  ]
    .map(encodeURIComponent)
    .join('/')}`;
}
