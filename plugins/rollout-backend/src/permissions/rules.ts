import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  ROLLOUT_RESOURCE_TYPE,
  Rollout,
} from '@rollout/backstage-plugin-rollout-common';
import { z } from 'zod/v4';
import { RolloutFilter } from '../database/RolloutStore';

/**
 * Rollouts as the permission framework knows them: loaded as {@link Rollout}s,
 * queried with {@link RolloutFilter}s.
 */
export const rolloutPermissionResourceRef = createPermissionResourceRef<
  Rollout,
  RolloutFilter
>().with({
  pluginId: 'rollout',
  resourceType: ROLLOUT_RESOURCE_TYPE,
});

/**
 * A zod schema as permission rules take it: a Standard Schema that also
 * converts to JSON Schema, for the policy tooling that lists rule parameters.
 * The zod 3.25 this package depends on does the first but predates the second.
 */
function standardJsonSchema<T extends z.ZodType>(schema: T) {
  const convert = (io: 'input' | 'output') => () =>
    z.toJSONSchema(schema, { target: 'draft-7', io }) as Record<
      string,
      unknown
    >;
  return {
    '~standard': {
      ...schema['~standard'],
      jsonSchema: { input: convert('input'), output: convert('output') },
    },
  };
}

const lowerCase = (ref: string) => ref.toLocaleLowerCase('en-US');

/** Allows the rollouts of some catalog entities. */
export const isRolloutOfEntity = createPermissionRule({
  name: 'IS_ROLLOUT_OF_ENTITY',
  description: 'Allow rollouts of any of the given catalog entities',
  resourceRef: rolloutPermissionResourceRef,
  paramsSchema: standardJsonSchema(
    z.object({
      entityRefs: z
        .array(z.string())
        .describe(
          'Refs of the released entities, like component:default/payments-api; case does not matter',
        ),
    }),
  ),
  apply: (rollout, { entityRefs }) =>
    entityRefs.map(lowerCase).includes(lowerCase(rollout.entityRef)),
  // The store keeps entity refs in lower case.
  toQuery: ({ entityRefs }) => ({ entityRefs: entityRefs.map(lowerCase) }),
});

const claimsSchema = standardJsonSchema(
  z.object({
    claims: z
      .array(z.string())
      .describe(
        "The caller's ownership entity refs (user and groups), like group:default/team-a; case does not matter",
      ),
  }),
);

/**
 * Allows rollouts of entities the caller owns: the claims (the caller's
 * ownership refs) include the owner the catalog gives the released entity.
 */
export const isEntityOwner = createPermissionRule({
  name: 'IS_ENTITY_OWNER',
  description:
    'Allow rollouts of entities owned by any of the given claims (the caller’s ownership refs)',
  resourceRef: rolloutPermissionResourceRef,
  paramsSchema: claimsSchema,
  apply: (rollout, { claims }) =>
    rollout.ownerRef !== undefined &&
    claims.map(lowerCase).includes(lowerCase(rollout.ownerRef)),
  toQuery: ({ claims }) => ({ ownerRefs: claims.map(lowerCase) }),
});

/**
 * Allows rollouts with a sign-off row that one of the claims (the caller's
 * ownership refs) signs. Deciding a row still needs to be one of its own
 * signers.
 */
export const isSigner = createPermissionRule({
  name: 'IS_SIGNER',
  description:
    'Allow rollouts where any of the given claims (the caller’s ownership refs) is a signer of at least one sign-off row',
  resourceRef: rolloutPermissionResourceRef,
  paramsSchema: claimsSchema,
  apply: (rollout, { claims }) => {
    const mine = new Set(claims.map(lowerCase));
    return rollout.checklist.signOffs.some(row =>
      row.signers.some(signer => mine.has(lowerCase(signer))),
    );
  },
  toQuery: ({ claims }) => ({ signerRefs: claims.map(lowerCase) }),
});

/** Every rule a policy may put on rollout permissions. */
export const rolloutPermissionRules = [
  isEntityOwner,
  isSigner,
  isRolloutOfEntity,
];
