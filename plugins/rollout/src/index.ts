/**
 * The Rollout frontend plugin: release rollout checklists on the entity page.
 *
 * @packageDocumentation
 */
export {
  rolloutPlugin,
  rootRouteRef,
  rolloutsRouteRef,
  EntityRolloutContent,
  EntityRolloutSignOffCard,
  RolloutsPage,
  RolloutPendingSignOffsCard,
  RolloutSignersFieldExtension,
} from './plugin';
export * from './api';
export {
  ROLLOUT_ANNOTATION,
  hasRolloutAnnotation,
  isRolloutAvailable,
  releaseNotesUrl,
  rolloutEntityRef,
} from './conditions';
