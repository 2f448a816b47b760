import { boardMessages } from '../messages/board';
import { Translated } from '../types';

export const boardRu: Translated<typeof boardMessages> = {
  page: {
    subtitle: 'Все выкатки: кто уже согласовал и чьего согласования ждут',
  },
  filters: {
    label: 'Фильтр выкаток',
    show: 'Показать',
    mine: {
      all: 'Все выкатки',
      pending: 'Ждут моего согласования',
      owned: 'Выкатки моих сущностей',
    },
    status: 'Статус',
    system: 'Система',
    systemPlaceholder: 'system:default/multipass',
    owner: 'Владелец',
    ownerPlaceholder: 'group:default/team-a',
    search: 'Поиск по сущности, версии, названию',
    sortBy: 'Сортировка',
    sort: {
      lastActivity: 'Последняя активность',
      entity: 'Сущность',
      status: 'Статус',
    },
    download: 'Скачать CSV',
  },
  table: {
    label: 'Выкатки',
    column: {
      entity: 'Сущность',
      system: 'Система',
      owner: 'Владелец',
      version: 'Версия',
      status: 'Статус',
      progress: 'Прогресс',
      signOffs: 'Согласования',
      blockedBy: 'Что блокирует',
      lastActivity: 'Последняя активность',
    },
    empty: 'Под эти фильтры не подходит ни одна выкатка.',
    steps: 'Шаги {{done}}/{{total}}',
    checks: 'Проверки {{done}}/{{total}}',
    approved: 'Одобрено {{approved}}/{{total}}',
    showMore: 'Показать ещё',
  },
  blocker: {
    blocked: 'Заблокирована',
    open: 'Не закрыто: {{items}}',
    steps_one: '{{count}} шаг',
    steps_few: '{{count}} шага',
    steps_many: '{{count}} шагов',
    steps_other: '{{count}} шага',
    checks_one: '{{count}} проверка',
    checks_few: '{{count}} проверки',
    checks_many: '{{count}} проверок',
    checks_other: '{{count}} проверки',
    signOffs_one: '{{count}} согласование',
    signOffs_few: '{{count}} согласования',
    signOffs_many: '{{count}} согласований',
    signOffs_other: '{{count}} согласования',
  },
  yourSignOffs: {
    decided: '{{role}} для {{entity}} {{version}}: {{decision}}',
    stale:
      'Пока вы решали, кто-то изменил {{entity}} {{version}}; данные обновлены. Проверьте их и примите решение ещё раз.',
    shown: '{{role}}: {{decision}}',
    group: 'Ваше согласование как {{role}}',
    yoursAs: 'Ваше решение как {{role}}:',
    approve: 'Одобрить',
    reject: 'Отклонить',
    rejectTitle: 'Отклонить как {{role}}',
    rejectExplanation:
      '{{entity}} {{version}}: отклонение блокирует выкатку, а её владельцам сообщается причина.',
    rejectLabel: 'Причина (обязательно)',
    rejectAction: 'Отклонить',
  },
  pendingCard: {
    title: 'Ждут моего согласования',
    empty: 'Вашего согласования ничего не ждёт.',
    listLabel: 'Выкатки, которые ждут моего согласования',
  },
  signOffCard: {
    title: 'Согласование выкатки',
    subheader: '{{version}} · {{status}}',
    openVersion: 'Открыть {{version}} на вкладке «Выкатка»',
    openTab: 'Открыть вкладку «Выкатка»',
    empty: 'У этой сущности пока нет выкаток.',
    listLabel: 'Статус согласований',
  },
  signersField: {
    title: 'Кто согласует',
    empty: 'Сначала введите чек-лист: здесь появятся его строки согласования.',
    unreadable: 'Не удаётся прочитать чек-лист: {{error}}',
    nobody_one:
      'Никто не может согласовать {{roles}}: в строке не указаны согласующие, а в app-config её роль не сопоставлена ни с одной группой (rollout.signOffs.signersByRole). Чтобы завершить выкатку, нужно одобрение всех согласований: добавьте в чек-лист столбец «Согласующие» или попросите администраторов Backstage сопоставить роль с группой.',
    nobody_few:
      'Никто не может согласовать {{roles}}: в этих строках не указаны согласующие, а в app-config их роли не сопоставлены ни с одной группой (rollout.signOffs.signersByRole). Чтобы завершить выкатку, нужно одобрение всех согласований: добавьте в чек-лист столбец «Согласующие» или попросите администраторов Backstage сопоставить роли с группами.',
    nobody_many:
      'Никто не может согласовать {{roles}}: в этих строках не указаны согласующие, а в app-config их роли не сопоставлены ни с одной группой (rollout.signOffs.signersByRole). Чтобы завершить выкатку, нужно одобрение всех согласований: добавьте в чек-лист столбец «Согласующие» или попросите администраторов Backstage сопоставить роли с группами.',
    nobody_other:
      'Никто не может согласовать {{roles}}: в этих строках не указаны согласующие, а в app-config их роли не сопоставлены ни с одной группой (rollout.signOffs.signersByRole). Чтобы завершить выкатку, нужно одобрение всех согласований: добавьте в чек-лист столбец «Согласующие» или попросите администраторов Backstage сопоставить роли с группами.',
    sections: 'Чек-лист прочитан так: {{sections}}.',
    listLabel: 'Согласующие по строкам согласования',
    nobodyRow: 'Эту строку никто не может согласовать',
    summaryRow: '{{role}}: {{signers}}',
    summaryNobody: 'никто не может согласовать',
  },
};
