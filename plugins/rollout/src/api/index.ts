export { rolloutApiRef } from './RolloutApi';
export type { ImportRolloutRequest, RolloutApi } from './RolloutApi';
export { RolloutClient } from './RolloutClient';
