import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { rolloutTranslationRef } from './ref';

/** The plugin's translation function: `t('board.title')`. */
export function useRolloutTranslation() {
  return useTranslationRef(rolloutTranslationRef);
}
