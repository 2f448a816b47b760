import { communicationMessages } from '../messages/communication';
import { Translated } from '../types';

export const communicationRu: Translated<typeof communicationMessages> = {
  placeholder: 'Communication',
};
