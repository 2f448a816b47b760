import { viewMessages } from '../messages/view';
import { Translated } from '../types';

export const viewRu: Translated<typeof viewMessages> = {
  placeholder: 'View',
};
