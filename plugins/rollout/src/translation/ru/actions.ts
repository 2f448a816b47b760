import { actionsMessages } from '../messages/actions';
import { Translated } from '../types';

export const actionsRu: Translated<typeof actionsMessages> = {
  placeholder: 'Actions',
};
