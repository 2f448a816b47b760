import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { rolloutTranslationRef } from '../ref';
import { flattenMessages } from '../types';
import { actionsRu } from './actions';
import { boardRu } from './board';
import { commonRu } from './common';
import { communicationRu } from './communication';
import { historyRu } from './history';
import { monitoringRu } from './monitoring';
import { viewRu } from './view';

/** The plugin in Russian: every message of `rolloutTranslationRef`. */
const rolloutRu = createTranslationMessages({
  ref: rolloutTranslationRef,
  full: true,
  // Each group is typed against its English messages (`Translated`), so a
  // missing or extra key does not compile.
  messages: flattenMessages({
    common: commonRu,
    board: boardRu,
    actions: actionsRu,
    view: viewRu,
    monitoring: monitoringRu,
    communication: communicationRu,
    history: historyRu,
  }) as { [key in keyof typeof rolloutTranslationRef.T]: string },
});

export default rolloutRu;
