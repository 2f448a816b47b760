import { historyMessages } from '../messages/history';
import { Translated } from '../types';

export const historyRu: Translated<typeof historyMessages> = {
  placeholder: 'History',
};
