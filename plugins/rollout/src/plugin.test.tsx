import { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { Route, Routes } from 'react-router-dom';
import { RolloutClient, rolloutApiRef } from './api';
import {
  EntityRolloutContent,
  EntityRolloutSignOffCard,
  rolloutPlugin,
} from './plugin';
import { InMemoryRolloutApi } from './__testUtils__/InMemoryRolloutApi';
import { seedMarkdown } from './__testUtils__/seedMarkdown';
import { seedRollout } from './__testUtils__/seedRollout';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'multipass-reviewer',
    annotations: {
      'backstage.io/source-location':
        'url:https://example.com/multipass-reviewer/tree/main/',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

function Apis(props: { children: JSX.Element }) {
  return (
    <TestApiProvider
      apis={[
        [rolloutApiRef, new InMemoryRolloutApi([seedRollout(seedMarkdown)])],
        [
          identityApiRef,
          mockApis.identity({ userEntityRef: 'user:default/guest' }),
        ],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <EntityProvider entity={entity}>{props.children}</EntityProvider>
    </TestApiProvider>
  );
}

describe('the rollout plugin for classic apps', () => {
  it('is the rollout plugin, providing the HTTP client as its API', () => {
    expect(rolloutPlugin.getId()).toBe('rollout');
    const [factory] = [...rolloutPlugin.getApis()];
    expect(factory.api).toBe(rolloutApiRef);
    expect(
      factory.factory({
        discoveryApi: mockApis.discovery(),
        fetchApi: { fetch: jest.fn() },
      }),
    ).toBeInstanceOf(RolloutClient);
  });

  it('renders the Rollout tab of the entity', async () => {
    // A routable extension must be mounted at a path, as in an entity page.
    await renderInTestApp(
      <Apis>
        <Routes>
          <Route path="/rollout" element={<EntityRolloutContent />} />
        </Routes>
      </Apis>,
      {
        routeEntries: ['/rollout'],
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );

    expect(
      await screen.findByRole('heading', {
        name: 'Stage 01_03 · Rollout Checklist',
      }),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Rollout history' })).getByText(
        'Created the rollout of v0.3.0 with 10 steps, 7 pre-flight checks and 4 sign-offs',
      ),
    ).toBeInTheDocument();
  });

  it('renders the sign-off card of the entity', async () => {
    await renderInTestApp(
      <Apis>
        <EntityRolloutSignOffCard />
      </Apis>,
      {
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );

    const list = await screen.findByRole('list', { name: 'Sign-off status' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(4);
    expect(
      screen.getByRole('link', { name: 'Open v0.3.0 on the Rollout tab' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/multipass-reviewer/rollout?version=v0.3.0',
    );
  });
});
