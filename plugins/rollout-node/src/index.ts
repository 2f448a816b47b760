/**
 * Node.js library of the rollout plugin: the service other backend plugins
 * and modules call to create rollouts, read their gates, report step
 * results and request sign-offs.
 *
 * @packageDocumentation
 */
export { rolloutServiceRef } from './rolloutServiceRef';
export type {
  CreateRolloutFromMarkdownRequest,
  ReportRolloutStepRequest,
  RequestRolloutSignOffsRequest,
  RolloutCommunicationItemRef,
  RolloutService,
  RolloutServiceRequestOptions,
  SendRolloutAnnouncementRequest,
} from './RolloutService';
