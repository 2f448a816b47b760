/**
 * The rollout backend plugin: release rollouts of catalog entities, with
 * their runbook, pre-flight checks, sign-offs and history.
 *
 * @packageDocumentation
 */
export { rolloutPlugin as default } from './plugin';
export { DatabaseRolloutStore } from './database/DatabaseRolloutStore';
export type {
  EntityCatalogInfo,
  GateEvaluationRecord,
  GateStateRecord,
  ListRolloutSummariesOptions,
  ListRolloutsOptions,
  NewRollout,
  NewRolloutEvent,
  RolloutChanges,
  RolloutFilter,
  RolloutStore,
  StepRun,
} from './database/RolloutStore';
export { staleRevisionError } from './database/RolloutStore';
export { RolloutConflictError } from './errors';
export {
  createRolloutConditionalDecision,
  rolloutConditions,
} from './permissions/conditionExports';
