import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { RolloutClient, rolloutApiRef } from './api';
import { RolloutSignersField } from './components/RolloutSignersField';

/**
 * The route of the Rollout tab: where an entity page mounts it.
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'rollout' });

/**
 * The Rollouts page (the board), mounted at `/rollouts` by convention.
 * @public
 */
export const rolloutsRouteRef = createRouteRef({ id: 'rollouts' });

/**
 * The rollout plugin for classic Backstage apps.
 * @public
 */
export const rolloutPlugin = createPlugin({
  id: 'rollout',
  apis: [
    createApiFactory({
      api: rolloutApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new RolloutClient(deps),
    }),
  ],
  routes: { root: rootRouteRef, rollouts: rolloutsRouteRef },
});

/**
 * The Rollout tab: mount it as an `EntityLayout.Route` with
 * `if={hasRolloutAnnotation}` (routes need a synchronous check), or inside an
 * `EntitySwitch` case with `if={isRolloutAvailable}`, which also asks the
 * backend whether the entity has a rollout.
 * @public
 */
export const EntityRolloutContent: () => JSX.Element = rolloutPlugin.provide(
  createRoutableExtension({
    name: 'EntityRolloutContent',
    component: () =>
      import('./components/EntityRolloutContent/EntityRolloutContent').then(
        m => m.EntityRolloutContent,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * A compact sign-off status card for the entity Overview tab.
 * @public
 */
export const EntityRolloutSignOffCard: () => JSX.Element =
  rolloutPlugin.provide(
    createComponentExtension({
      name: 'EntityRolloutSignOffCard',
      component: {
        lazy: () =>
          import(
            './components/EntityRolloutSignOffCard/EntityRolloutSignOffCard'
          ).then(m => m.EntityRolloutSignOffCard),
      },
    }),
  );

/**
 * The Rollouts page: every rollout the user may read, filtered in the URL,
 * with sign-offs decided in place. Mount it in a classic app with
 * `<Route path="/rollouts" element={<RolloutsPage />} />` and link a sidebar
 * item to `/rollouts`.
 * @public
 */
export const RolloutsPage: () => JSX.Element = rolloutPlugin.provide(
  createRoutableExtension({
    name: 'RolloutsPage',
    component: () =>
      import('./components/RolloutsPage').then(m => m.RolloutsPage),
    mountPoint: rolloutsRouteRef,
  }),
);

/**
 * "Waiting for my sign-off": the signed-in user's pending sign-offs across
 * every rollout, with Approve and Reject; for a home page or the user's
 * entity page.
 * @public
 */
export const RolloutPendingSignOffsCard: () => JSX.Element =
  rolloutPlugin.provide(
    createComponentExtension({
      name: 'RolloutPendingSignOffsCard',
      component: {
        lazy: () =>
          import('./components/RolloutsPage').then(m => m.PendingSignOffsCard),
      },
    }),
  );

/**
 * The scaffolder field `ui:field: RolloutSigners`: who signs each sign-off
 * row of the checklist entered in the same form, with the role → signers
 * mapping of app-config applied, and a warning for a row nobody can sign.
 * Place it inside `<ScaffolderFieldExtensions>` of a classic app.
 * @public
 */
export const RolloutSignersFieldExtension = rolloutPlugin.provide(
  createScaffolderFieldExtension({
    name: 'RolloutSigners',
    component: RolloutSignersField,
  }),
);
