import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// auth, with the guest provider for local use
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// scaffolder
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@rollout/backstage-plugin-scaffolder-backend-module-rollout'),
);

// permissions, with the example policy of src/modules: everyone reads
// rollouts, the entity's owners edit them and run steps, signers sign
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./modules/rolloutPermissionPolicy'));

backend.add(import('@backstage/plugin-user-settings-backend'));
// notifications: the web channel, email through SMTP (app-config's
// notifications.processors.email; `npm start` runs a local sink) with the
// app's own escaped templates, and Slack where a token is configured
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-notifications-backend-module-email'));
backend.add(import('./modules/notificationsEmailTemplates'));
backend.add(import('@backstage/plugin-notifications-backend-module-slack'));
backend.add(import('@backstage/plugin-signals-backend'));
// the events bus, in PostgreSQL when the backend runs on it: a signal
// published on one replica reaches the browsers connected to any other
backend.add(import('@backstage/plugin-events-backend'));

// rollout
backend.add(import('@rollout/backstage-plugin-rollout-backend'));

// MCP: the actions of the plugins in backend.actions.pluginSources, for AI
// assistants, at /api/mcp-actions/v1 (the rollout actions alone at
// /api/mcp-actions/v1/rollout), each called with the user's own token
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
