import { Entity } from '@backstage/catalog-model';
import {
  alertApiRef,
  configApiRef,
  identityApiRef,
} from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { rolloutApiRef } from '../../api';
import { InMemoryRolloutApi } from '../../__testUtils__/InMemoryRolloutApi';
import { seedMarkdown } from '../../__testUtils__/seedMarkdown';
import { seedRollout } from '../../__testUtils__/seedRollout';
import { RolloutView } from './RolloutView';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'multipass-reviewer', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

describe('a link into the Rollout tab', () => {
  it("lands on the section its fragment names, as an announcement's link to the migration guide does", async () => {
    const scrolled: string[] = [];
    Element.prototype.scrollIntoView = function scrollIntoView(this: Element) {
      scrolled.push(this.id);
    };
    const rollout = seedRollout(seedMarkdown);
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [rolloutApiRef, new InMemoryRolloutApi([rollout])],
          [identityApiRef, mockApis.identity()],
          [permissionApiRef, mockApis.permission()],
          [alertApiRef, { post: jest.fn() }],
          [configApiRef, mockApis.config()],
        ]}
      >
        <RolloutView rolloutId={rollout.id} entity={entity} />
      </TestApiProvider>,
      {
        routeEntries: ['/rollout?version=v0.3.0#rollout-migration-guide'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    await screen.findByRole('heading', { name: rollout.title });
    await waitFor(() => expect(scrolled).toEqual(['rollout-migration-guide']));
    expect(document.activeElement?.id).toBe('rollout-migration-guide');
  });
});
