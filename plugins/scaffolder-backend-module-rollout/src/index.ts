/**
 * The rollout module of the scaffolder backend: actions that create rollouts,
 * report step results, check rollout gates, request sign-off, send
 * communication items and run allowed commands.
 *
 * @packageDocumentation
 */
export { scaffolderModuleRollout as default } from './module';
export {
  createRolloutChecklistCreateAction,
  createRolloutCommandRunAction,
  createRolloutCommsSendAction,
  createRolloutGatesCheckAction,
  createRolloutSignoffRequestAction,
  createRolloutStepReportAction,
} from './actions';
