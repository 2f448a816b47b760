import { configApiRef, useApi } from '@backstage/core-plugin-api';
import {
  RunbookRules,
  defaultRunbookRules,
} from '@rollout/backstage-plugin-rollout-common';

/**
 * The runbook's order rules as app-config sets them for the backend
 * (`rollout.steps.enforceOrder`, `rollout.steps.deployNeedsStart`,
 * `rollout.start.requirePreflight`), so the tab can say why a step may not
 * run before the backend refuses it.
 */
export function useRunbookRules(): RunbookRules {
  const config = useApi(configApiRef);
  return {
    enforceOrder:
      config.getOptionalBoolean('rollout.steps.enforceOrder') ??
      defaultRunbookRules.enforceOrder,
    deployNeedsStart:
      config.getOptionalBoolean('rollout.steps.deployNeedsStart') ??
      defaultRunbookRules.deployNeedsStart,
    startNeedsPreflight:
      config.getOptionalBoolean('rollout.start.requirePreflight') ??
      defaultRunbookRules.startNeedsPreflight,
  };
}
