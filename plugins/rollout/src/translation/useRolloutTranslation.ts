import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { RolloutTranslationFunction, rolloutTranslationRef } from './ref';

/** The plugin's translation function: `t('board.page.title')`. */
export function useRolloutTranslation(): { t: RolloutTranslationFunction } {
  return useTranslationRef(rolloutTranslationRef);
}
