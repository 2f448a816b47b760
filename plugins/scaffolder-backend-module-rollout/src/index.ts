/**
 * The rollout module of the scaffolder backend: actions that create rollouts,
 * report step results and run allowed commands.
 *
 * @packageDocumentation
 */
export { scaffolderModuleRollout as default } from './module';
export {
  createRolloutChecklistCreateAction,
  createRolloutCommandRunAction,
  createRolloutStepReportAction,
} from './actions';
