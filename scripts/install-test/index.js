// The clean-room backend: the backend.add lines the plugins' READMEs ask for.
const { createBackend } = require('@backstage/backend-defaults');

const backend = createBackend();

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@rollout/backstage-plugin-scaffolder-backend-module-rollout'),
);
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@rollout/backstage-plugin-rollout-backend'));

backend.start();
