export { createRolloutChecklistCreateAction } from './rolloutChecklistCreate';
export { createRolloutStepReportAction } from './rolloutStepReport';
export { createRolloutCommandRunAction } from './rolloutCommandRun';
export { createRolloutGatesCheckAction } from './rolloutGatesCheck';
export { createRolloutSignoffRequestAction } from './rolloutSignoffRequest';
export { createRolloutCommsSendAction } from './rolloutCommsSend';
