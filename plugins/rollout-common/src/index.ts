/**
 * Types, schemas and the checklist markdown parser and printer shared by the
 * rollout plugins.
 *
 * @packageDocumentation
 */
export * from './schema';
export * from './requests';
export * from './summary';
export { normalizeChecklist } from './ids';
export * from './markdown';
