/**
 * The rollout module of the scaffolder backend: actions that create rollouts,
 * report step results, check rollout gates and run allowed commands.
 *
 * @packageDocumentation
 */
export { scaffolderModuleRollout as default } from './module';
export {
  createRolloutChecklistCreateAction,
  createRolloutCommandRunAction,
  createRolloutGatesCheckAction,
  createRolloutStepReportAction,
} from './actions';
