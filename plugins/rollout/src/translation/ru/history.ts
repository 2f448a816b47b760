import { historyMessages } from '../messages/history';
import { Translated } from '../types';

export const historyRu: Translated<typeof historyMessages> = {
  section: {
    title: 'История',
    listLabel: 'История выкатки',
    revision: 'ревизия {{revision}}',
  },
  editedPart: {
    title: 'заголовок',
    stage: 'этап',
    preamble: 'вступление',
    steps: 'ранбук',
    rollbackCriteria: 'критерии отката',
    migrationGuide: 'руководство по миграции',
    preflightChecks: 'предварительные проверки',
    signOffs: 'согласования',
    metrics: 'метрики',
    alerts: 'алерты',
    communication: 'план коммуникаций',
    prose: 'текст вокруг пунктов',
    extraSections: 'другие разделы',
    previousVersion: 'предыдущая версия',
    releaseNotesUrl: 'ссылка на примечания к релизу',
  },
  channel: {
    web: 'веб',
    email: 'email',
    slack: 'Slack',
  },
  how: {
    markedDone: 'отмечен выполненным',
    recorded: 'записан',
    taskReported: 'результат сообщила задача {{taskId}}',
    taskCompleted: 'задача {{taskId}} завершена',
    taskFailed: 'задача {{taskId}} завершилась ошибкой',
    taskCancelled: 'задача {{taskId}} отменена',
  },
  quoted: '«{{text}}»',
  event: {
    created:
      'Создана выкатка {{version}}: {{steps}}, {{preflightChecks}} и {{signOffs}}',
    savedUnchanged: 'Сохранено без изменений',
    edited: 'Изменено: {{parts}}',
    signersChanged: 'изменены согласующие: {{roles}}',
    approvalsReset: 'согласования {{roles}} снова ожидают решения',
    approvalsResetByRunbook:
      'ранбук изменился, поэтому согласования {{roles}} снова ожидают решения',
    status: 'Статус изменён с «{{from}}» на «{{to}}»',
    statusWithReason: 'Статус изменён с «{{from}}» на «{{to}}»: {{reason}}',
    rolledBackTo: 'Выполнен откат с {{version}} на {{previousVersion}}',
    rolledBackToStep:
      'Выполнен откат с {{version}} на {{previousVersion}}: шаг отката {{steps}} выполнен успешно',
    rolledBackToSteps:
      'Выполнен откат с {{version}} на {{previousVersion}}: шаги отката {{steps}} выполнены успешно',
    rolledBack: 'Версия {{version}} откачена',
    rolledBackStep:
      'Версия {{version}} откачена: шаг отката {{steps}} выполнен успешно',
    rolledBackSteps:
      'Версия {{version}} откачена: шаги отката {{steps}} выполнены успешно',
    preflightChecked: 'Отмечена предварительная проверка «{{check}}»',
    preflightUnchecked: 'Снята отметка с предварительной проверки «{{check}}»',
    communicationDone:
      'Пункт плана коммуникаций «{{item}}» отмечен выполненным',
    communicationUndone:
      'Пункт плана коммуникаций «{{item}}» отмечен невыполненным',
    communicationSent_one:
      'Объявление «{{item}}» отправлено {{count}} получателю ({{channels}})',
    communicationSent_few:
      'Объявление «{{item}}» отправлено {{count}} получателям ({{channels}})',
    communicationSent_many:
      'Объявление «{{item}}» отправлено {{count}} получателям ({{channels}})',
    communicationSent_other:
      'Объявление «{{item}}» отправлено {{count}} получателя ({{channels}})',
    approved: 'Одобрено в роли {{role}}',
    approvedWithNote: 'Одобрено в роли {{role}}: «{{note}}»',
    rejected: 'Отклонено в роли {{role}}',
    rejectedWithNote: 'Отклонено в роли {{role}}: «{{note}}»',
    signOffReset: 'Согласование {{role}} снова ожидает решения',
    signOffResetWithNote:
      'Согласование {{role}} снова ожидает решения: «{{note}}»',
    signOffRequested: 'Запрошено согласование у согласующих {{roles}}',
    stepStarted:
      'Запущен шаг {{number}} ({{title}}) как задача Scaffolder {{taskId}}',
    stepStartedOutOfOrder:
      'Запущен шаг {{number}} ({{title}}) как задача Scaffolder {{taskId}}, вне очереди: {{reason}}',
    stepSucceeded: 'Шаг {{number}} ({{title}}) выполнен успешно',
    stepSucceededHow: 'Шаг {{number}} ({{title}}) выполнен успешно ({{how}})',
    stepSucceededOutOfOrder:
      'Шаг {{number}} ({{title}}) выполнен успешно вне очереди: {{reason}}',
    stepSucceededHowOutOfOrder:
      'Шаг {{number}} ({{title}}) выполнен успешно ({{how}}, вне очереди: {{reason}})',
    stepFailed: 'Шаг {{number}} ({{title}}) завершился ошибкой',
    stepFailedHow: 'Шаг {{number}} ({{title}}) завершился ошибкой ({{how}})',
    stepFailedOutOfOrder:
      'Шаг {{number}} ({{title}}) завершился ошибкой, запущен вне очереди: {{reason}}',
    stepFailedHowOutOfOrder:
      'Шаг {{number}} ({{title}}) завершился ошибкой ({{how}}, вне очереди: {{reason}})',
    withSummary: '{{sentence}}: {{summary}}',
    tickedCheck: 'отмечена предварительная проверка {{checks}}',
    tickedChecks: 'отмечены предварительные проверки {{checks}}',
    stepSkipped: 'Пропущен шаг {{number}} ({{title}}): {{reason}}',
    stepUnskipped: 'Отменён пропуск шага {{number}} ({{title}})',
    stepReopenedSkipped:
      'Снова открыт шаг {{number}} ({{title}}), который был пропущен',
    stepReopenedDone:
      'Снова открыт шаг {{number}} ({{title}}), который был отмечен выполненным',
    criterionMarked: 'Критерий отката «{{criterion}}» отмечен как «{{state}}»',
    metricChanged:
      'Метрика {{name}} перешла из состояния «{{previous}}» в «{{state}}»',
    metricIs: 'Метрика {{name}} в состоянии «{{state}}»',
    alertChanged:
      'Алерт {{name}} перешёл из состояния «{{previous}}» в «{{state}}»',
    alertIs: 'Алерт {{name}} в состоянии «{{state}}»',
    criterionChanged:
      'Критерий отката «{{criterion}}» перешёл из состояния «{{previous}}» в «{{state}}»',
    criterionIs: 'Критерий отката «{{criterion}}» в состоянии «{{state}}»',
    gatesBlocked: 'Выкатка заблокирована: {{triggers}}',
    alertFiring: 'срабатывает алерт {{name}}',
    criterionTriggered: 'сработал критерий отката «{{criterion}}»',
    rolloutBlocked: 'выкатка заблокирована',
  },
  blockCause: {
    goToSignOff: 'Перейти к согласованию {{role}}',
    goToCriterion: 'Перейти к критерию отката',
    goToMonitoring: 'Перейти к мониторингу',
    goToHistory: 'Перейти к истории',
  },
};
