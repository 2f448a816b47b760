import { actionsMessages } from '../messages/actions';
import { Translated } from '../types';

export const actionsRu: Translated<typeof actionsMessages> = {
  menu: {
    toolbarLabel: 'Действия с выкаткой',
    edit: 'Изменить',
    editDenied: 'Изменять чек-лист могут только владельцы {{entityRef}}',
    newVersion: 'Новая версия',
    newVersionDenied: 'Создавать версии могут только владельцы {{entityRef}}',
    import: 'Импортировать',
    importDenied: 'Импортировать чек-лист могут только владельцы {{entityRef}}',
  },
  editDialog: {
    title: 'Изменение чек-листа версии {{version}}',
    readError: 'Не удалось прочитать чек-лист: {{message}}',
    markdownLabel: 'Чек-лист в Markdown',
    reapply: 'Применить мою правку снова',
    conflict: {
      label: 'Изменения, сделанные за это время',
      title:
        'Выкатку изменили после того, как вы её открыли (на ревизии {{revision}})',
      event: '{{message}} ({{actor}}, ревизия {{revision}})',
      noChanges: 'В истории пока нет изменений после ревизии {{revision}}.',
      explanation:
        'При повторном применении ваш текст сохраняется поверх последней ревизии: отметки, результаты шагов и решения по согласованиям, сделанные за это время, сохранятся, так как они привязаны к id пунктов, а изменённый за это время текст будет заменён вашим.',
    },
  },
  preview: {
    label: 'Предпросмотр',
    russianHeadings:
      'Заголовки на русском: чек-лист будет выведен обратно на русском.',
    stepsHeading: 'Шаги',
    stepsTableLabel: 'Предпросмотр шагов',
    columns: {
      step: 'Шаг',
      command: 'Команда / действие',
      notes: 'Примечания',
      role: 'Роль',
      signers: 'Согласующие',
    },
    rollbackStep: '{{number}} (откат)',
    preflightHeading: 'Предварительные проверки',
    preflightListLabel: 'Предпросмотр предварительных проверок',
    none: 'Нет',
    signOffHeading: 'Согласование',
    signOffTableLabel: 'Предпросмотр согласований',
    signerToLookUp: '{{name}} (поиск в каталоге)',
    noSigners: 'Нет согласующих',
    counts: {
      stepsWithRollback_one: '{{count}} шаг (для отката: {{rollback}})',
      stepsWithRollback_few: '{{count}} шага (для отката: {{rollback}})',
      stepsWithRollback_many: '{{count}} шагов (для отката: {{rollback}})',
      stepsWithRollback_other: '{{count}} шага (для отката: {{rollback}})',
      rollbackCriteria_one: '{{count}} критерий отката',
      rollbackCriteria_few: '{{count}} критерия отката',
      rollbackCriteria_many: '{{count}} критериев отката',
      rollbackCriteria_other: '{{count}} критерия отката',
      migrationGuideItems_one: '{{count}} пункт руководства по миграции',
      migrationGuideItems_few: '{{count}} пункта руководства по миграции',
      migrationGuideItems_many: '{{count}} пунктов руководства по миграции',
      migrationGuideItems_other: '{{count}} пункта руководства по миграции',
      metrics_one: '{{count}} метрика',
      metrics_few: '{{count}} метрики',
      metrics_many: '{{count}} метрик',
      metrics_other: '{{count}} метрики',
      alerts_one: '{{count}} алерт',
      alerts_few: '{{count}} алерта',
      alerts_many: '{{count}} алертов',
      alerts_other: '{{count}} алерта',
      communicationItems_one: '{{count}} пункт плана коммуникаций',
      communicationItems_few: '{{count}} пункта плана коммуникаций',
      communicationItems_many: '{{count}} пунктов плана коммуникаций',
      communicationItems_other: '{{count}} пункта плана коммуникаций',
    },
    guesses_one: 'При чтении сделано {{count}} допущение',
    guesses_few: 'При чтении сделано {{count}} допущения',
    guesses_many: 'При чтении сделано {{count}} допущений',
    guesses_other: 'При чтении сделано {{count}} допущения',
    warningsLabel: 'Предупреждения',
    warningLine: 'Строка {{line}}: {{message}}',
    signerNamesTitle: 'Согласующие, которых нужно найти в каталоге',
    signerNamesLabel: 'Согласующие для поиска',
    signerNameLine:
      'Строка {{line}}: {{name}} ({{role}}) — поиск по имени пользователя, email или названию группы; если в каталоге ничего не найдено, согласующий не добавляется',
  },
  importDialog: {
    title: 'Импорт чек-листа',
    fileLabel: 'Файл Markdown для импорта',
    filePlaceholder: 'или вставьте текст ниже',
    markdownLabel: 'Чек-лист в Markdown',
    markdownHelp:
      'Заголовки на английском или русском; ранбук таблицей или нумерованным списком; согласующие — ссылками на сущности, @handle, именами или email',
    previewNote:
      'До создания версии предпросмотр покажет, как прочитан каждый раздел и какие допущения пришлось сделать.',
    import: 'Импортировать',
  },
  newVersion: {
    title: 'Новая версия',
    startFrom: 'Основа',
    thisChecklistOf:
      'Этот чек-лист ({{version}}): состояние выполнения, отметки и решения сбрасываются, согласующие сохраняются',
    thisChecklist: 'Этот чек-лист',
    uploadedFile: 'Загруженный файл Markdown',
    fileLabel: 'Файл Markdown',
    noFile: 'Файл не выбран',
    create: 'Создать',
    duplicate:
      '{{message}}. Укажите другую версию или выберите эту в списке версий.',
    invalidChecklist: 'Некорректный чек-лист: {{message}}',
  },
  versionFields: {
    version: 'Версия',
    versionHelp: 'Например, v0.4.0',
    previousVersion: 'Предыдущая версия',
    previousVersionHelp: 'Версия, к которой вернёт откат',
    chooseFile: 'Выбрать файл Markdown',
  },
  editSummary: {
    changed: 'Изменено: {{parts}}.',
    changedNothing: 'Правка ничего не изменила.',
    reset:
      'Одобрения ролей {{roles}} сброшены: согласования снова ожидают решения.',
    resetNone: 'Ни одно одобрение не сброшено.',
    parts: {
      title: 'заголовок',
      stage: 'этап',
      preamble: 'вступление',
      steps: 'шаги ранбука',
      rollbackCriteria: 'критерии отката',
      migrationGuide: 'руководство по миграции',
      preflightChecks: 'предварительные проверки',
      signOffs: 'согласования',
      metrics: 'метрики',
      alerts: 'алерты',
      communication: 'план коммуникаций',
      prose: 'текст вокруг разделов',
      extraSections: 'дополнительные разделы',
      previousVersion: 'предыдущая версия',
      releaseNotesUrl: 'ссылка на заметки о релизе',
    },
    warningsLabel: 'Допущения при чтении Markdown',
    warningLine: 'Строка {{line}}: {{message}}',
  },
  download: {
    button: 'Скачать Markdown',
    failed: 'Не удалось скачать чек-лист: {{message}}',
  },
  content: {
    noRolloutTitle: 'У этой сущности пока нет выкатки',
    noRolloutDescription:
      'Выкатка хранит чек-лист релиза (ранбук, предварительные проверки, согласования, мониторинг, коммуникации) для этой сущности. Создайте её шаблоном «Start a rollout», отправив объект чек-листа в API выкаток или импортировав чек-лист в Markdown — здесь, кнопкой «Новая версия», или через API:',
    versionLabel: 'Версия',
    pickerOption: '{{version}} ({{status}})',
    versionMissing:
      'У {{entityRef}} нет выкатки версии {{version}}; показана последняя — {{newest}}.',
    importWarnings_one:
      'Версия {{version}} импортирована с {{count}} предупреждением; чтобы исправить допущения и пропуски, измените чек-лист.',
    importWarnings_few:
      'Версия {{version}} импортирована с {{count}} предупреждениями; чтобы исправить допущения и пропуски, измените чек-лист.',
    importWarnings_many:
      'Версия {{version}} импортирована с {{count}} предупреждениями; чтобы исправить допущения и пропуски, измените чек-лист.',
    importWarnings_other:
      'Версия {{version}} импортирована с {{count}} предупреждениями; чтобы исправить допущения и пропуски, измените чек-лист.',
    importWarningLine: 'Строка {{line}}: {{message}}',
  },
};
