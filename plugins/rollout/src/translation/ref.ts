import {
  TranslationFunction,
  createTranslationRef,
} from '@backstage/frontend-plugin-api';
import { actionsMessages } from './messages/actions';
import { boardMessages } from './messages/board';
import { commonMessages } from './messages/common';
import { communicationMessages } from './messages/communication';
import { historyMessages } from './messages/history';
import { monitoringMessages } from './messages/monitoring';
import { viewMessages } from './messages/view';

/**
 * The English messages of the plugin, one group per part of the UI. Other
 * languages translate every key; the checklist's own text stays as written.
 */
export const rolloutMessages = {
  common: commonMessages,
  board: boardMessages,
  actions: actionsMessages,
  view: viewMessages,
  monitoring: monitoringMessages,
  communication: communicationMessages,
  history: historyMessages,
} as const;

/**
 * Every string the Rollout plugin shows, in English, for apps to translate
 * or override.
 * @alpha
 */
export const rolloutTranslationRef = createTranslationRef({
  id: 'plugin.rollout',
  messages: rolloutMessages,
});

/**
 * The translation function of the plugin's messages, for code that builds
 * sentences outside a component, such as the history's.
 * @alpha
 */
export type RolloutTranslationFunction = TranslationFunction<
  typeof rolloutTranslationRef.T
>;
