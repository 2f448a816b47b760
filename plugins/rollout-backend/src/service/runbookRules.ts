import { Config } from '@backstage/config';
import {
  RunbookRules,
  defaultRunbookRules,
} from '@rollout/backstage-plugin-rollout-common';

/**
 * The runbook's order rules from app-config (`rollout.steps.enforceOrder`,
 * `rollout.steps.deployNeedsStart`, `rollout.start.requirePreflight`), each
 * on unless set to false.
 */
export function readRunbookRules(config: Config): RunbookRules {
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
