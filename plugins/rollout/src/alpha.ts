import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendModule,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import PlaylistAddCheckIcon from '@material-ui/icons/PlaylistAddCheck';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  FormFieldBlueprint,
  createFormField,
} from '@backstage/plugin-scaffolder-react/alpha';
import { createElement } from 'react';
import { TranslationBlueprint } from '@backstage/plugin-app-react';
import { RolloutClient, rolloutApiRef } from './api';
import { hasRolloutAnnotation } from './conditions';
import { rolloutTranslationRef, rolloutTranslations } from './translation';

export { rolloutTranslationRef, rolloutTranslations } from './translation';
export type { RolloutTranslationFunction } from './translation';

/**
 * The rollout API, for apps on the new frontend system.
 * @alpha
 */
export const rolloutApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: rolloutApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new RolloutClient(deps),
    }),
});

/**
 * The Rollout tab on entities that carry the `rollout/enabled` annotation.
 * @alpha
 */
export const rolloutEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'rollout',
    title: rolloutTranslationRef('common.tabTitle'),
    filter: hasRolloutAnnotation,
    loader: () =>
      import('./components/EntityRolloutContent/EntityRolloutContent').then(m =>
        createElement(m.EntityRolloutContent),
      ),
  },
});

/**
 * The sign-off status card on the Overview tab of the same entities.
 * @alpha
 */
export const rolloutSignOffEntityCard = EntityCardBlueprint.make({
  name: 'sign-off',
  params: {
    filter: hasRolloutAnnotation,
    loader: () =>
      import(
        './components/EntityRolloutSignOffCard/EntityRolloutSignOffCard'
      ).then(m => createElement(m.EntityRolloutSignOffCard)),
  },
});

/**
 * "Waiting for my sign-off" on user entity pages: the user's pending
 * sign-offs across every rollout, with Approve and Reject.
 * @alpha
 */
export const rolloutPendingSignOffsEntityCard = EntityCardBlueprint.make({
  name: 'pending-sign-offs',
  params: {
    filter: { kind: 'user' },
    loader: () =>
      import('./components/RolloutsPage').then(m =>
        createElement(m.PendingSignOffsCard),
      ),
  },
});

/**
 * The route of the Rollouts page in apps on the new frontend system.
 * @alpha
 */
export const rolloutsPageRouteRef = createRouteRef();

/**
 * The Rollouts page at `/rollouts`, with its sidebar item: every rollout the
 * user may read, who has signed and who is pending.
 * @alpha
 */
export const rolloutsPage = PageBlueprint.make({
  params: {
    path: '/rollouts',
    title: rolloutTranslationRef('common.pageTitle'),
    icon: createElement(PlaylistAddCheckIcon),
    routeRef: rolloutsPageRouteRef,
    loader: () =>
      import('./components/RolloutsPage').then(m =>
        createElement(m.RolloutsBoard),
      ),
  },
});

/**
 * The scaffolder field `ui:field: RolloutSigners`: who signs each sign-off
 * row of the checklist entered in the same form, with app-config's role →
 * signers mapping applied, and a warning for a row nobody can sign.
 * @alpha
 */
export const rolloutSignersFormField = FormFieldBlueprint.make({
  name: 'signers',
  params: {
    field: () =>
      import('./components/RolloutSignersField').then(m =>
        createFormField({
          name: 'RolloutSigners',
          component: m.RolloutSignersField,
        }),
      ),
  },
});

/**
 * The rollout plugin for the new frontend system.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'rollout',
  info: { packageJson: () => import('../package.json') },
  routes: { rollouts: rolloutsPageRouteRef },
  extensions: [
    rolloutApi,
    rolloutEntityContent,
    rolloutSignOffEntityCard,
    rolloutsPage,
    rolloutPendingSignOffsEntityCard,
    rolloutSignersFormField,
  ],
});

/**
 * The plugin's Russian translation for the app's language setting. The
 * app's translations take resources only from modules of the app itself,
 * so an app adds this module next to the plugin:
 * `createApp({ features: [rolloutPlugin, rolloutTranslationsModule] })`.
 * @alpha
 */
export const rolloutTranslationsModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    TranslationBlueprint.make({
      name: 'rollout',
      params: { resource: rolloutTranslations },
    }),
  ],
});
