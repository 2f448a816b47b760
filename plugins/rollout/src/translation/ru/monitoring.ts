import { monitoringMessages } from '../messages/monitoring';
import { Translated } from '../types';

export const monitoringRu: Translated<typeof monitoringMessages> = {
  section: {
    title: 'Мониторинг и наблюдаемость',
    metrics: 'Метрики',
    alerts: 'Алерты',
    rollbackCriteria: 'Критерии отката',
  },
  units: {
    milliseconds: '{{value}} мс',
    seconds: '{{value}} с',
    perSecond: '{{value}}/с',
  },
  metric: {
    value: 'Значение',
    baseline: 'Базовый уровень',
    change: 'Изменение',
    threshold: 'Порог: {{value}}',
    trend_one: '{{name}}: {{count}} точка, от {{from}} до {{to}}',
    trend_few: '{{name}}: {{count}} точки, от {{from}} до {{to}}',
    trend_many: '{{name}}: {{count}} точек, от {{from}} до {{to}}',
    trend_other: '{{name}}: {{count}} точки, от {{from}} до {{to}}',
    notEnoughPoints: 'Пока недостаточно точек для тренда',
    contradiction:
      'срабатывает алерт {{alert}}, правило которого читает {{metric}}, хотя здесь всё в норме',
  },
  alerts: {
    column: {
      alert: 'Алерт',
      source: 'Источник',
      expectation: 'Ожидание',
      state: 'Состояние',
      labels: 'Метки',
    },
  },
  criteria: {
    column: {
      criterion: 'Критерий',
      kind: 'Вид',
      state: 'Состояние',
      mark: 'Отметка',
    },
    query: 'Запрос',
    comparisonBaseline: '{{operator}} базового уровня',
    comparisonBaselineTolerance: '{{operator}} базового уровня {{change}}',
    readings: 'значение {{value}} · базовый уровень {{baseline}}',
    manual: 'Вручную',
    marked: 'отметка: {{attribution}}',
    notMarked: 'ещё не отмечен',
    fromSteps: 'По результатам шагов',
    latestRuns_one: 'последние запуски шага {{numbers}} с начала выкатки',
    latestRuns_few: 'последние запуски шагов {{numbers}} с начала выкатки',
    latestRuns_many: 'последние запуски шагов {{numbers}} с начала выкатки',
    latestRuns_other: 'последние запуски шагов {{numbers}} с начала выкатки',
    markOk: 'Отметить «в норме»',
    markTriggered: 'Отметить «сработал»',
  },
  summary: {
    reading: 'Чтение гейтов',
    lastEvaluated:
      'Последняя проверка: {{when}}. Базовые уровни — с {{start}} по {{end}}.',
    prometheusNotConfigured:
      'Prometheus не настроен: задайте {{configKey}} в app-config, чтобы получать значения метрик и критериев с запросом. До тех пор их состояние неизвестно.',
    alertmanagerNotConfigured:
      'Alertmanager не настроен: задайте {{configKey}} в app-config, чтобы получать состояния алертов. До тех пор их состояние неизвестно.',
    prometheusFailed:
      'Не удалось прочитать Prometheus: {{error}}. Состояние метрик и критериев с запросом неизвестно.',
    alertmanagerFailed:
      'Не удалось прочитать Alertmanager: {{error}}. Состояние алертов неизвестно.',
    gatesError: 'Не удалось прочитать гейты',
    blockedTitle: 'Заблокирована гейтом',
    blockedBy: {
      alert: 'срабатывает алерт {{name}}',
      criterion: 'сработал критерий отката «{{text}}»',
      metric: 'нарушена метрика {{name}}',
      marked: 'критерий отката «{{text}}» отмечен как сработавший',
    },
  },
  openItems: {
    checks_one: '{{count}} предварительная проверка не отмечена',
    checks_few: '{{count}} предварительные проверки не отмечены',
    checks_many: '{{count}} предварительных проверок не отмечено',
    checks_other: '{{count}} предварительной проверки не отмечено',
    signOffs_one: '{{count}} согласование не одобрено',
    signOffs_few: '{{count}} согласования не одобрены',
    signOffs_many: '{{count}} согласований не одобрено',
    signOffs_other: '{{count}} согласования не одобрено',
    signOff: '{{role}}: {{decision}}',
    signOffWithoutSigners: '{{role}}: {{decision}}, и согласовать некому',
    steps_one: '{{count}} шаг ранбука не выполнен и не пропущен',
    steps_few: '{{count}} шага ранбука не выполнены и не пропущены',
    steps_many: '{{count}} шагов ранбука не выполнено и не пропущено',
    steps_other: '{{count}} шага ранбука не выполнено и не пропущено',
    step: 'Шаг {{number}} ({{status}}): {{title}}',
    communication_one: '{{count}} пункт плана коммуникаций не выполнен',
    communication_few: '{{count}} пункта плана коммуникаций не выполнены',
    communication_many: '{{count}} пунктов плана коммуникаций не выполнено',
    communication_other: '{{count}} пункта плана коммуникаций не выполнено',
    gates_one: '{{count}} гейт заблокирует выкатку',
    gates_few: '{{count}} гейта заблокируют выкатку',
    gates_many: '{{count}} гейтов заблокируют выкатку',
    gates_other: '{{count}} гейта заблокируют выкатку',
    alertFiring: 'Срабатывает алерт `{{name}}`',
    metricBreached: 'Нарушена метрика `{{name}}`',
    metricBreachedBecause: 'Нарушена метрика `{{name}}`: {{reason}}',
    criterionTriggered: 'Сработал критерий отката «{{text}}»',
  },
  reason: {
    noCurrentValue: 'нет текущего значения',
    noBaseline: 'нет значения базового уровня',
    noThreshold: 'порог не задан',
    aboveThreshold: '{{value}} выше порога {{threshold}}',
    movedFromZero: 'изменилось с базового уровня 0 до {{value}}',
    rose: 'выросло на {{percent}} относительно базового уровня (допуск {{tolerance}})',
    fell: 'снизилось на {{percent}} относительно базового уровня (допуск {{tolerance}})',
    notEnoughHistoryMinutes_one:
      'недостаточно истории: окно базового уровня покрывает {{held}} из {{count}} минуты для {{metric}}',
    notEnoughHistoryMinutes_few:
      'недостаточно истории: окно базового уровня покрывает {{held}} из {{count}} минут для {{metric}}',
    notEnoughHistoryMinutes_many:
      'недостаточно истории: окно базового уровня покрывает {{held}} из {{count}} минут для {{metric}}',
    notEnoughHistoryMinutes_other:
      'недостаточно истории: окно базового уровня покрывает {{held}} из {{count}} минуты для {{metric}}',
    notEnoughHistorySeconds_one:
      'недостаточно истории: окно базового уровня покрывает {{held}} из {{count}} секунды для {{metric}}',
    notEnoughHistorySeconds_few:
      'недостаточно истории: окно базового уровня покрывает {{held}} из {{count}} секунд для {{metric}}',
    notEnoughHistorySeconds_many:
      'недостаточно истории: окно базового уровня покрывает {{held}} из {{count}} секунд для {{metric}}',
    notEnoughHistorySeconds_other:
      'недостаточно истории: окно базового уровня покрывает {{held}} из {{count}} секунды для {{metric}}',
    underOne: 'меньше 1',
    itsQuery: 'запроса критерия',
    noValueToCompare: 'нет значения для сравнения',
    notMarked: 'ещё не отмечен',
    notMarkedUnknownCommands:
      'в тексте упомянуто {{commands}}, но ни один шаг ранбука это не запускает и ни одна метрика не отслеживает; ещё не отмечен',
    rolloutNotStarted:
      'выкатка не начата: учитываются запуски шагов после того, как она начнётся',
    step: 'шаг {{number}} (`{{command}}`)',
    stepFailed: '{{steps}} завершился с ошибкой после начала выкатки',
    stepsFailed: '{{steps}} завершились с ошибкой после начала выкатки',
    stepNotSucceeded: '{{steps}} ещё не выполнен успешно с начала выкатки',
    stepsNotSucceeded: '{{steps}} ещё не выполнены успешно с начала выкатки',
    notConfigured: 'не задан параметр {{configKey}}',
    unreachable: '{{source}} по адресу {{url}} не ответил: {{detail}}',
    timeout: '{{source}} по адресу {{url}} не ответил за {{timeoutMs}} мс',
    httpStatus: '{{source}} по адресу {{url}} ответил {{status}}',
    httpStatusDetail:
      '{{source}} по адресу {{url}} ответил {{status}}: {{detail}}',
    notJson:
      '{{source}} по адресу {{url}} вернул ответ не в формате JSON: {{detail}}',
    errorAnswer: '{{source}} по адресу {{url}} вернул ошибку: {{detail}}',
    notQueryResult:
      '{{source}} по адресу {{url}} вернул не результат запроса, а что-то другое',
    notRuleGroups:
      '{{source}} по адресу {{url}} вернул не группы правил, а что-то другое',
    notAlertList:
      '{{source}} по адресу {{url}} вернул не список алертов, а что-то другое',
    unexpectedResultType:
      '{{source}} по адресу {{url}} вернул результат неожиданного типа {{resultType}}',
    sourceFailed: 'Не удалось прочитать {{source}} по адресу {{url}}',
  },
};
