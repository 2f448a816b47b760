/**
 * Types, schemas, permissions and the checklist markdown parser and printer
 * shared by the rollout plugins.
 *
 * @packageDocumentation
 */
export * from './schema';
export * from './limits';
export * from './requests';
export * from './summary';
export * from './status';
export * from './permissions';
export * from './errors';
export { normalizeChecklist, rolloutSignalChannel } from './ids';
export * from './markdown';
export * from './signOffs';
export * from './gates';
export * from './gateReasons';
export * from './runbook';
export * from './versions';
export * from './announcements';
