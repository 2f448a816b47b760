import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import { Rollout } from '@rollout/backstage-plugin-rollout-common';
import { rolloutPermissionRuleset } from '../__testUtils__/fixtures';
import { isRolloutOfEntity } from './rules';

const rollout = {
  entityRef: 'component:default/payments-api',
} as Rollout;

describe('isRolloutOfEntity', () => {
  it('matches a rollout of one of the entities, ignoring case', () => {
    expect(
      isRolloutOfEntity.apply(rollout, {
        entityRefs: [
          'component:default/other',
          'Component:default/Payments-API',
        ],
      }),
    ).toBe(true);
    expect(
      isRolloutOfEntity.apply(rollout, {
        entityRefs: ['component:default/payments'],
      }),
    ).toBe(false);
    expect(isRolloutOfEntity.apply(rollout, { entityRefs: [] })).toBe(false);
  });

  it('queries the lower-cased entity refs', () => {
    expect(
      isRolloutOfEntity.toQuery({
        entityRefs: ['Component:default/Payments-API', 'group:default/x'],
      }),
    ).toEqual({
      entityRefs: ['component:default/payments-api', 'group:default/x'],
    });
  });

  it('turns criteria into store filters of the same shape', () => {
    const transform = createConditionTransformer(rolloutPermissionRuleset());
    const condition = (ref: string) => ({
      rule: 'IS_ROLLOUT_OF_ENTITY',
      resourceType: 'rollout',
      params: { entityRefs: [ref] },
    });
    expect(
      transform({
        allOf: [
          condition('Component:default/A'),
          { not: { anyOf: [condition('component:default/b')] } },
        ],
      }),
    ).toEqual({
      allOf: [
        { entityRefs: ['component:default/a'] },
        { not: { anyOf: [{ entityRefs: ['component:default/b'] }] } },
      ],
    });
  });

  it('refuses parameters that do not fit its schema', () => {
    const authorize = createConditionAuthorizer(rolloutPermissionRuleset());
    expect(() =>
      authorize(
        {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'rollout',
          resourceType: 'rollout',
          conditions: {
            rule: 'IS_ROLLOUT_OF_ENTITY',
            resourceType: 'rollout',
            params: { entityRefs: 'component:default/payments-api' },
          },
        },
        rollout,
      ),
    ).toThrow(/Parameters to rule are invalid/);
  });
});
