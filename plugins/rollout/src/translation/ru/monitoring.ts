import { monitoringMessages } from '../messages/monitoring';
import { Translated } from '../types';

export const monitoringRu: Translated<typeof monitoringMessages> = {
  placeholder: 'Monitoring',
};
