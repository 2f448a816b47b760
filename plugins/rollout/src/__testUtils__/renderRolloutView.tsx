import { Entity } from '@backstage/catalog-model';
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
import { RolloutView } from '../components/RolloutView/RolloutView';

/** The entity the seed rollout releases. */
export const testEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'multipass-reviewer', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

/**
 * Renders the tab's view of one rollout of {@link testEntity} against the
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
      <RolloutView rolloutId={rollout.id} entity={testEntity} />
    </TestApiProvider>,
    {
      routeEntries,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  await screen.findByRole('heading', { name: rollout.title });
  return { alertApi };
}
