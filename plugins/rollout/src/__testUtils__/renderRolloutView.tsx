import {
  alertApiRef,
  configApiRef,
  identityApiRef,
} from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { Rollout } from '@rollout/backstage-plugin-rollout-common';
import { RolloutApi, rolloutApiRef } from '../api';
import { entity } from '../components/RolloutActions/__testUtils__/renderTab';
import { RolloutView } from '../components/RolloutView/RolloutView';

/**
 * Renders the tab's view of one rollout of the seed's entity (`entity` of renderTab) against the
 * given API, everything allowed unless `permissionApi` says otherwise, and
 * waits for its heading. `routeEntries` is the URL it opens at.
 */
export async function renderRolloutView(options: {
  api: RolloutApi;
  rollout: Rollout;
  permissionApi?: PermissionApi;
  routeEntries?: string[];
}) {
  const { api, rollout, permissionApi, routeEntries } = options;
  const alertApi = { post: jest.fn() };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [rolloutApiRef, api],
        [identityApiRef, mockApis.identity()],
        [permissionApiRef, permissionApi ?? mockApis.permission()],
        [alertApiRef, alertApi],
        [configApiRef, mockApis.config()],
      ]}
    >
      <RolloutView rolloutId={rollout.id} entity={entity} />
    </TestApiProvider>,
    {
      routeEntries,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  await screen.findByRole('heading', { name: rollout.title });
  return { alertApi };
}
