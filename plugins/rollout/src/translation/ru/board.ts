import { boardMessages } from '../messages/board';
import { Translated } from '../types';

export const boardRu: Translated<typeof boardMessages> = {
  placeholder: 'Board',
};
