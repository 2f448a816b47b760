import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { RolloutStore } from '../database/RolloutStore';
import { EntityCatalog } from './EntityCatalog';

function user(name: string, groups: string[] = []): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: groups },
    relations: groups.map(targetRef => ({ type: 'memberOf', targetRef })),
  };
}

function group(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  };
}

describe('EntityCatalog.usersOf', () => {
  const entities = new EntityCatalog({
    catalog: catalogServiceMock({
      entities: [
        group('qa-leads'),
        group('reviewer-team'),
        group('empty-team'),
        user('guest', [
          'group:default/qa-leads',
          'group:default/reviewer-team',
        ]),
        user('quinn', ['group:default/qa-leads']),
        user('rey', ['group:default/reviewer-team']),
        user('maria'),
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'multipass-reviewer', namespace: 'default' },
          spec: { owner: 'group:default/reviewer-team' },
        },
      ],
    }),
    store: {} as RolloutStore,
    auth: mockServices.auth(),
  });
  const credentials = mockCredentials.user();

  it('stands a user for itself and a group for its members, each person once, sorted', async () => {
    expect(
      await entities.usersOf(
        [
          'group:default/reviewer-team',
          'user:default/maria',
          'group:default/qa-leads',
          'user:default/guest',
          'group:default/empty-team',
        ],
        credentials,
      ),
    ).toEqual({
      users: [
        'user:default/guest',
        'user:default/maria',
        'user:default/quinn',
        'user:default/rey',
      ],
      unknown: [],
    });
  });

  it('returns apart what the catalog does not have and what is no person or team', async () => {
    expect(
      await entities.usersOf(
        [
          'user:default/nobody',
          'component:default/multipass-reviewer',
          'user:default/maria',
        ],
        credentials,
      ),
    ).toEqual({
      users: ['user:default/maria'],
      unknown: ['user:default/nobody', 'component:default/multipass-reviewer'],
    });
  });

  it('is nobody for no refs', async () => {
    expect(await entities.usersOf([], credentials)).toEqual({
      users: [],
      unknown: [],
    });
  });
});
