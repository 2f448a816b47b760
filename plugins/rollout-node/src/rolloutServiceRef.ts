import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { DefaultRolloutService } from './DefaultRolloutService';
import { RolloutService } from './RolloutService';

/**
 * The rollout plugin's {@link RolloutService}. Its default implementation
 * calls the rollout backend over HTTP, found through discovery, with a plugin
 * request token on behalf of the credentials each call is given.
 * @public
 */
export const rolloutServiceRef = createServiceRef<RolloutService>({
  id: 'rollout.service',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      factory: ({ discovery, auth }) =>
        DefaultRolloutService.create({ discovery, auth }),
    }),
});
