import { configApiRef, useApi } from '@backstage/core-plugin-api';
import {
  RunbookRules,
  readRunbookRules,
} from '@rollout/backstage-plugin-rollout-common';

/**
 * The runbook's order rules as app-config sets them for the backend, so the
 * tab can say why a step may not run before the backend refuses it.
 */
export function useRunbookRules(): RunbookRules {
  return readRunbookRules(useApi(configApiRef));
}
