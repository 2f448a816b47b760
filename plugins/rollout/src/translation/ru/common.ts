import { commonMessages } from '../messages/common';
import { Translated } from '../types';

export const commonRu: Translated<typeof commonMessages> = {
  tabTitle: 'Выкатка',
  pageTitle: 'Выкатки',
  rolloutStatus: {
    draft: 'черновик',
    in_progress: 'идёт',
    blocked: 'заблокирована',
    completed: 'завершена',
    rolled_back: 'откачена',
  },
  stepStatus: {
    pending: 'ожидает',
    running: 'выполняется',
    succeeded: 'успешно',
    failed: 'ошибка',
    skipped: 'пропущен',
  },
  decision: {
    pending: 'ожидает',
    approved: 'одобрено',
    rejected: 'отклонено',
  },
  gateState: {
    ok: 'в норме',
    warning: 'внимание',
    breached: 'нарушен',
    unknown: 'неизвестно',
    firing: 'срабатывает',
    silenced: 'заглушён',
    inactive: 'неактивен',
    triggered: 'сработал',
  },
  unknownValue: '—',
  cancel: 'Отмена',
  close: 'Закрыть',
  save: 'Сохранить',
  retry: 'Повторить',
};
