import { viewMessages } from '../messages/view';
import { Translated } from '../types';

export const viewRu: Translated<typeof viewMessages> = {
  rollout: {
    staleRevision:
      'Кто-то изменил эту выкатку после того, как вы её открыли; она перезагружена. Проверьте изменения и повторите попытку.',
    final:
      'Выкатка {{version}} в статусе «{{status}}»: она окончательна и доступна только для чтения; чтобы что-то изменить, создайте новую версию',
    signOffsRequested: 'Запрос отправлен {{signers}} по {{signOffs}}',
    signerCount_one: '{{count}} согласующему',
    signerCount_few: '{{count}} согласующим',
    signerCount_many: '{{count}} согласующим',
    signerCount_other: '{{count}} согласующим',
    signOffCount_one: '{{count}} согласованию',
    signOffCount_few: '{{count}} согласованиям',
    signOffCount_many: '{{count}} согласованиям',
    signOffCount_other: '{{count}} согласованиям',
    announcementSent_one: 'Отправлено {{count}} получателю через {{channels}}',
    announcementSent_few: 'Отправлено {{count}} получателям через {{channels}}',
    announcementSent_many:
      'Отправлено {{count}} получателям через {{channels}}',
    announcementSent_other:
      'Отправлено {{count}} получателям через {{channels}}',
  },
  denied: {
    changeStatus: 'Менять статус могут только владельцы {{entityRef}}',
    runSteps: 'Запускать шаги могут только владельцы {{entityRef}}',
    tickChecks:
      'Отмечать предварительные проверки могут только владельцы {{entityRef}}',
    communication:
      'Отмечать и отправлять пункты плана коммуникаций могут только владельцы {{entityRef}}',
  },
  header: {
    blocked: 'Заблокирована',
    runbookProgress_one: 'Ранбук: выполнено {{done}} из {{count}} шага',
    runbookProgress_few: 'Ранбук: выполнено {{done}} из {{count}} шагов',
    runbookProgress_many: 'Ранбук: выполнено {{done}} из {{count}} шагов',
    runbookProgress_other: 'Ранбук: выполнено {{done}} из {{count}} шагов',
    runbookProgressFailed_one:
      'Ранбук: выполнено {{done}} из {{count}} шага, с ошибкой: {{failed}}',
    runbookProgressFailed_few:
      'Ранбук: выполнено {{done}} из {{count}} шагов, с ошибкой: {{failed}}',
    runbookProgressFailed_many:
      'Ранбук: выполнено {{done}} из {{count}} шагов, с ошибкой: {{failed}}',
    runbookProgressFailed_other:
      'Ранбук: выполнено {{done}} из {{count}} шагов, с ошибкой: {{failed}}',
    preflightProgress:
      'Предварительные проверки: отмечено {{done}} из {{total}}',
    signOffProgress: 'Согласования: одобрено {{approved}} из {{total}}',
    releaseNotes: 'Примечания к релизу',
    noReleaseNotes:
      'Нет ссылки на примечания к релизу: укажите releaseNotesUrl выкатки или расположение исходного кода сущности',
    migrationGuide: 'Руководство по миграции',
  },
  statusActions: {
    groupLabel: 'Смена статуса',
    action: {
      start: 'Начать выкатку',
      in_progress: 'Возобновить',
      completed: 'Завершить',
      rolled_back: 'Откатить',
      blocked: 'Заблокировать',
    },
    confirmTitle: {
      start: 'Начать выкатку {{version}}?',
      in_progress: 'Возобновить {{version}}?',
      completed: 'Завершить {{version}}?',
      rolled_back: 'Откатить {{version}}?',
      blocked: 'Заблокировать {{version}}?',
    },
    cannotComplete: '{{version}} пока нельзя завершить',
    consequence: {
      completed:
        'Завершение окончательно: выкатка станет доступна только для чтения, а для изменений понадобится новая версия.',
      rolled_back:
        'Изменится только статус: шаги отката не запустятся. Это окончательно: выкатка станет доступна только для чтения.',
    },
    completingWaits:
      'Чтобы завершить выкатку, закройте эти пункты; каждая ссылка ведёт к своей строке:',
    openBeforeStart:
      'Выкатку можно начать, но эти пункты ещё не закрыты: завершение ждёт их, а отклонение или гейт заблокируют выкатку.',
    openBeforeResume:
      'Выкатку можно продолжить, но эти пункты ещё не закрыты: завершение ждёт их, а отклонение или гейт заблокируют выкатку.',
    rollbackRunsOne:
      'Запускает шаг отката {{steps}} как задачу Scaffolder. Выкатка вернётся к {{previousVersion}} и будет отмечена как откаченная, когда задача завершится успешно.',
    rollbackRunsSeveral:
      'Запускает шаги отката {{steps}} как задачи Scaffolder. Выкатка вернётся к {{previousVersion}} и будет отмечена как откаченная, когда они завершатся успешно.',
    runRollback: 'Запустить откат',
    statusGoes: 'Статус сменится с «{{from}}» на «{{to}}».',
    statusGoesInstead:
      'Или только отметьте это, ничего не запуская: статус сменится с «{{from}}» на «{{to}}».',
    reason: 'Причина',
    recordRolledBack: 'Отметить как откаченную',
    startBlockers_one:
      'Выкатку можно начать, когда отмечены все предварительные проверки. Не отмечена {{count}} проверка: {{checks}}',
    startBlockers_few:
      'Выкатку можно начать, когда отмечены все предварительные проверки. Не отмечены {{count}} проверки: {{checks}}',
    startBlockers_many:
      'Выкатку можно начать, когда отмечены все предварительные проверки. Не отмечено {{count}} проверок: {{checks}}',
    startBlockers_other:
      'Выкатку можно начать, когда отмечены все предварительные проверки. Не отмечено {{count}} проверок: {{checks}}',
  },
  runbook: {
    title: 'Ранбук оператора',
    denied:
      '{{reason}}: вы можете следовать ранбуку, но не запускать его шаги.',
    runbookSteps: 'Шаги ранбука',
    rollbackSteps: 'Шаги отката',
    rollback: 'Откат',
    rollbackCriteria: 'Критерии отката',
    column: {
      step: 'Шаг',
      command: 'Команда / действие',
      notes: 'Примечания',
      status: 'Статус',
      run: 'Запуск',
    },
    rollbackCommand:
      'Запускает {{command}}, чтобы вернуться к {{previousVersion}}',
    itsTemplate: 'свой шаблон',
    markedDone: 'Отмечен выполненным',
    taskLink: 'Задача ↗',
    taskLinkLabel: 'Задача шага {{number}} (откроется в новой вкладке)',
    action: {
      run: {
        label: 'Запустить',
        labelOutOfOrder: 'Запустить…',
        ariaLabel: 'Запустить шаг {{number}}',
        ariaLabelOutOfOrder: 'Запустить шаг {{number}} вне очереди',
      },
      runRollback: {
        label: 'Запустить откат',
        labelOutOfOrder: 'Запустить откат…',
        ariaLabel: 'Запустить шаг отката {{number}}',
        ariaLabelOutOfOrder: 'Запустить шаг отката {{number}} вне очереди',
      },
      markDone: {
        label: 'Отметить выполненным',
        labelOutOfOrder: 'Отметить выполненным…',
        ariaLabel: 'Отметить шаг {{number}} выполненным',
        ariaLabelOutOfOrder: 'Отметить шаг {{number}} выполненным вне очереди',
      },
    },
    skip: 'Пропустить',
    skipLabel: 'Пропустить шаг {{number}}',
    undo: 'Отменить',
    undoSkipLabel: 'Отменить пропуск шага {{number}}',
    undoMarkDoneLabel: 'Отменить отметку о выполнении шага {{number}}',
    skipDialog: {
      title: 'Пропустить шаг {{number}}?',
      explanation:
        'Пропущенный шаг засчитывается как выполненный при завершении выкатки; причина показывается рядом с шагом и сохраняется в истории. Пропуск можно отменить.',
      action: 'Пропустить шаг',
    },
    orderDialog: {
      title: 'Запустить шаг {{number}} вне очереди?',
      explanation: '{{refusal}}.',
      action: 'Всё равно запустить',
    },
    markDoneDialog: {
      title: 'Отметить шаг {{number}} выполненным?',
      titleOutOfOrder: 'Отметить шаг {{number}} выполненным вне очереди?',
      explanation:
        'Ничего не запустится: вы подтверждаете, что шаг «{{step}}» выполнен. В строке будет видно, кто и когда его отметил; отметку можно отменить.',
      explanationOutOfOrder:
        '{{refusal}}. Ничего не запустится: вы подтверждаете, что шаг «{{step}}» выполнен. В строке будет видно, кто и когда его отметил; отметку можно отменить.',
    },
    reason: 'Причина',
    note: 'Примечание',
    refusal: {
      rollbackNotStarted:
        'Шаг {{number}} откатывает релиз: он запускается только в идущей или заблокированной выкатке, а эта в статусе «{{status}}»',
      noPreviousVersion:
        'Шаг {{number}} откатывает релиз, но у выкатки нет предыдущей версии, к которой можно вернуться: сначала укажите предыдущую версию',
      deployNotStarted:
        'Шаг {{number}} разворачивает релиз: он запускается только после начала выкатки, а эта в статусе «{{status}}»',
      outOfOrderOne:
        'Шаг {{number}} идёт после шага {{steps}}, который не выполнен успешно и не пропущен; чтобы запустить его вне очереди, укажите причину',
      outOfOrderSeveral:
        'Шаг {{number}} идёт после шагов {{steps}}, которые не выполнены успешно и не пропущены; чтобы запустить его вне очереди, укажите причину',
    },
  },
  stepLog: {
    exitCode: 'Код выхода {{code}}',
    showOutput_one: 'Показать вывод ({{count}} строка)',
    showOutput_few: 'Показать вывод ({{count}} строки)',
    showOutput_many: 'Показать вывод ({{count}} строк)',
    showOutput_other: 'Показать вывод ({{count}} строки)',
    hideOutput: 'Скрыть вывод',
    showOutputLabel: 'Показать вывод шага {{number}}',
    hideOutputLabel: 'Скрыть вывод шага {{number}}',
    outputLabel: 'Вывод шага {{number}}',
  },
  noteDialog: {
    required: 'Обязательно; сохраняется в истории выкатки',
    optional: 'Необязательно; сохраняется в истории выкатки',
  },
  signOff: {
    title: 'Согласование с участниками',
    request: 'Запросить согласование',
    nothingToRequest: 'Нет ожидающих согласований с назначенными согласующими',
    requestTooltip_one:
      'Уведомить согласующих {{count}} ожидающего согласования',
    requestTooltip_few:
      'Уведомить согласующих {{count}} ожидающих согласований',
    requestTooltip_many:
      'Уведомить согласующих {{count}} ожидающих согласований',
    requestTooltip_other:
      'Уведомить согласующих {{count}} ожидающих согласований',
    unsignable:
      'Некому согласовать за {{roles}}: в строке нет согласующих, а для завершения выкатки нужно одобрение каждого согласования. Добавьте согласующих через «Изменить» или сопоставьте роль с группой в app-config ({{setting}}).',
    tableLabel: 'Согласования',
    column: {
      stakeholder: 'Участник',
      responsibility: 'Зона ответственности',
      signers: 'Согласующие',
      status: 'Статус',
      notes: 'Примечания',
      decision: 'Решение',
    },
    nobodyYet: 'Пока никого',
    notASigner: 'Вы не согласующий',
    approve: 'Одобрить',
    reject: 'Отклонить',
    approveTitle: 'Одобрить как {{role}}',
    rejectTitle: 'Отклонить как {{role}}',
    rejectExplanation:
      '{{responsibility}} Отклонение блокирует выкатку, а её владельцам сообщается причина.',
    whyRequired: 'Причина (обязательно)',
    note: 'Примечание',
  },
  people: {
    gates: 'Гейты выкаток',
    reconciler: 'Сверка выкаток',
    demoData: 'Демоданные выкаток',
  },
  section: {
    by: '{{person}}',
    byOn: '{{person}}, {{date}}',
    skipped: 'Пропущен',
    skippedBy: 'Пропущен: {{person}}',
    skippedByOn: 'Пропущен: {{person}}, {{date}}',
    markedDone: 'Отмечен выполненным',
    markedDoneBy: 'Отмечен выполненным: {{person}}',
    markedDoneByOn: 'Отмечен выполненным: {{person}}, {{date}}',
  },
};
