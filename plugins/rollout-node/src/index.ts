/**
 * Node.js library of the rollout plugin: the service other backend plugins
 * and modules call to create rollouts, read their gates and report step
 * results.
 *
 * @packageDocumentation
 */
export { rolloutServiceRef } from './rolloutServiceRef';
export type {
  CreateRolloutFromMarkdownRequest,
  ReportRolloutStepRequest,
  RolloutService,
  RolloutServiceRequestOptions,
} from './RolloutService';
