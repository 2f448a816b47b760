import { createTranslationResource } from '@backstage/frontend-plugin-api';
import { rolloutTranslationRef } from './ref';

/**
 * The plugin's translations: Russian, loaded when a user picks it.
 * @alpha
 */
export const rolloutTranslations = createTranslationResource({
  ref: rolloutTranslationRef,
  translations: {
    ru: () => import('./ru'),
  },
});
