export { rolloutTranslationRef, rolloutMessages } from './ref';
export type { RolloutTranslationFunction } from './ref';
export { rolloutTranslations } from './resource';
export { useRolloutTranslation } from './useRolloutTranslation';
export {
  rolloutFormat,
  useRolloutFormat,
  useRolloutLanguage,
} from './useRolloutFormat';
export type { RolloutFormat } from './useRolloutFormat';
export { statusLabel, gateStateLabel, isKeyOf } from './labels';
export type { GateState } from './labels';
