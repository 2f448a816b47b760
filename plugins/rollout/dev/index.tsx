import '@backstage/cli/asset-types';
import { Entity } from '@backstage/catalog-model';
import { Content, Header, Page } from '@backstage/core-components';
import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { createDevApp } from '@backstage/dev-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import Grid from '@material-ui/core/Grid';
import { Rollout } from '@rollout/backstage-plugin-rollout-common';
import {
  EntityRolloutContent,
  EntityRolloutSignOffCard,
  rolloutApiRef,
  rolloutPlugin,
} from '../src';
import seedUrl from '../src/__fixtures__/stage-01_03-rollout-checklist.md';
import { InMemoryRolloutApi } from '../src/__testUtils__/InMemoryRolloutApi';
import { seedRollout } from '../src/__testUtils__/seedRollout';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'multipass-reviewer',
    namespace: 'default',
    annotations: {
      'rollout/enabled': 'true',
      'backstage.io/source-location':
        'url:https://example.com/multipass-reviewer/tree/main/',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-reviewers' },
};

/**
 * The dev app signs in as the guest, who belongs to none of the seed's signer
 * groups; make them a QA Lead signer so the sign-off buttons can be tried.
 */
function signableByGuest(rollout: Rollout): Rollout {
  return {
    ...rollout,
    checklist: {
      ...rollout.checklist,
      signOffs: rollout.checklist.signOffs.map(row =>
        row.id === 'qa-lead'
          ? { ...row, signers: [...row.signers, 'user:default/guest'] }
          : row,
      ),
    },
  };
}

/** v0.3.0 in progress, and an earlier v0.2.0 for the version picker. */
async function loadRollouts(): Promise<Rollout[]> {
  const markdown = await (await fetch(seedUrl)).text();
  return [
    signableByGuest(seedRollout(markdown)),
    seedRollout(markdown, {
      id: 'multipass-reviewer-v0.2.0',
      version: 'v0.2.0',
      previousVersion: 'v0.1.0',
      status: 'completed',
      createdAt: '2025-10-01T09:00:00.000Z',
      updatedAt: '2025-10-02T17:00:00.000Z',
    }),
  ];
}

/**
 * The tab links people to their catalog pages; the dev app has no catalog,
 * so a stand-in page says which entity a link names.
 */
const catalogStandIn = createPlugin({
  id: 'catalog-stand-in',
  routes: { entity: entityRouteRef },
});
const EntityStandInPage = catalogStandIn.provide(
  createRoutableExtension({
    name: 'EntityStandInPage',
    mountPoint: entityRouteRef,
    component: async () => () =>
      (
        <Page themeId="tool">
          <Header title="Catalog entity" subtitle="Not in the dev app" />
          <Content>The dev app has no catalog to show this entity.</Content>
        </Page>
      ),
  }),
);

createDevApp()
  .registerPlugin(rolloutPlugin)
  .registerPlugin(catalogStandIn)
  .registerApi(
    createApiFactory({
      api: rolloutApiRef,
      deps: {},
      factory: () => new InMemoryRolloutApi(loadRollouts()),
    }),
  )
  // The app config enables permissions, which would ask a backend that the
  // dev app does not run; allow everything instead.
  .registerApi(
    createApiFactory({
      api: permissionApiRef,
      deps: {},
      factory: () => ({
        authorize: async () => ({ result: AuthorizeResult.ALLOW }),
      }),
    }),
  )
  .addPage({
    path: '/rollout',
    title: 'Rollout',
    element: (
      <Page themeId="tool">
        <Header title="multipass-reviewer" subtitle="Rollout tab" />
        <Content>
          <EntityProvider entity={entity}>
            <EntityRolloutContent />
          </EntityProvider>
        </Content>
      </Page>
    ),
  })
  .addPage({
    path: '/sign-off-card',
    title: 'Sign-off card',
    element: (
      <Page themeId="tool">
        <Header title="multipass-reviewer" subtitle="Overview card" />
        <Content>
          <EntityProvider entity={entity}>
            <Grid container>
              <Grid item xs={12} md={6}>
                <EntityRolloutSignOffCard />
              </Grid>
            </Grid>
          </EntityProvider>
        </Content>
      </Page>
    ),
  })
  .addPage({
    path: '/catalog/:namespace/:kind/:name',
    element: <EntityStandInPage />,
  })
  .render();
