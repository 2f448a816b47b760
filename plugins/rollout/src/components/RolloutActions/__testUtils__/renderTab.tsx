import { Entity } from '@backstage/catalog-model';
import {
  AlertApi,
  alertApiRef,
  identityApiRef,
} from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { RolloutApi, rolloutApiRef } from '../../../api';
import { EntityRolloutContent } from '../../EntityRolloutContent/EntityRolloutContent';

/** The entity of the Stage 01_03 seed. */
export const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'multipass-reviewer', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

/**
 * A signal API the test publishes on by hand, as the backend would after a
 * change.
 */
export class ManualSignalApi implements SignalApi {
  private readonly listeners = new Map<string, Set<(m: any) => void>>();

  subscribe(channel: string, onMessage: (message: any) => void) {
    const listeners = this.listeners.get(channel) ?? new Set();
    listeners.add(onMessage);
    this.listeners.set(channel, listeners);
    return { unsubscribe: () => listeners.delete(onMessage) };
  }

  /** Hands `message` to everyone listening on `channel`. */
  publish(channel: string, message: Record<string, unknown>) {
    this.listeners.get(channel)?.forEach(listener => listener(message));
  }
}

/**
 * Renders the entity's Rollout tab over `api`, as the guest; everything is
 * allowed unless `permissionApi` says otherwise, and there are no signals
 * unless `signalApi` is given.
 */
export async function renderTab(options: {
  api: RolloutApi;
  permissionApi?: PermissionApi;
  signalApi?: SignalApi;
}) {
  const alertApi: jest.Mocked<Pick<AlertApi, 'post'>> = { post: jest.fn() };
  const identityApi = mockApis.identity({
    userEntityRef: 'user:default/guest',
    ownershipEntityRefs: ['user:default/guest'],
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [rolloutApiRef, options.api],
        [identityApiRef, identityApi],
        [permissionApiRef, options.permissionApi ?? mockApis.permission()],
        [alertApiRef, alertApi],
        ...(options.signalApi
          ? [[signalApiRef, options.signalApi] as const]
          : []),
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityRolloutContent />
      </EntityProvider>
    </TestApiProvider>,
    // Actors and signers link to their catalog pages.
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return { alertApi };
}

/** The tab's toolbar, once the rollout has loaded. */
export async function toolbar() {
  return screen.findByRole('toolbar', { name: 'Rollout actions' });
}

/** The version picker's button, which reads the version shown. */
export function picker() {
  return within(
    screen.getByRole('toolbar', { name: 'Rollout actions' }),
  ).getByRole('button', { name: 'Version' });
}
