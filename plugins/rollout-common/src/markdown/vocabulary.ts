/*
 * The words checklists are written in: which heading names which section,
 * which header names which column, which word or mark is which decision, in
 * English and Russian. The reader matches them case aside and numbering
 * aside; the printer writes the first name of each, in the document's
 * language.
 */
import { SignOffDecision } from '../schema';

/**
 * The languages a checklist's headings can be read and printed in.
 * @public
 */
export type ChecklistLanguage = 'en' | 'ru';

/**
 * A section of the checklist document.
 * @public
 */
export type ChecklistSectionKind =
  | 'runbook'
  | 'rollbackCriteria'
  | 'migrationGuide'
  | 'preflightChecks'
  | 'signOffs'
  | 'monitoring'
  | 'communication';

/**
 * The names of one section: what the printer writes in each language, and
 * the words a heading holds when it means that section (a heading matches
 * when it contains any of them, case and numbering aside). Rollback
 * criteria need two words, one of `words` and one of `with`.
 * @public
 */
export type ChecklistSectionNames = {
  printed: Record<ChecklistLanguage, string>;
  words: Record<ChecklistLanguage, string[]>;
  /** Words of which one must also be present, such as "criteria". */
  with?: Record<ChecklistLanguage, string[]>;
};

/**
 * How each section is named, in the order headings are tried: rollback
 * criteria before the runbook ("Rollback triggers" is not a runbook), the
 * communication plan before sign-off ("Stakeholder communication" is not a
 * sign-off), and "stakeholder" alone last. Documented in the common
 * package's README.
 * @public
 */
export const checklistSections: ReadonlyArray<
  [ChecklistSectionKind, ChecklistSectionNames]
> = [
  [
    'rollbackCriteria',
    {
      printed: { en: 'Rollback Trigger Criteria', ru: 'Критерии отката' },
      words: {
        en: ['rollback', 'roll back', 'roll-back', 'revert'],
        ru: ['откат', 'отката', 'откату'],
      },
      with: {
        en: ['criteria', 'criterion', 'trigger', 'triggers', 'when'],
        ru: ['критери', 'триггер', 'услови', 'когда'],
      },
    },
  ],
  [
    'runbook',
    {
      printed: { en: 'Operator Runbook', ru: 'Операционный ранбук' },
      words: {
        en: [
          'runbook',
          'run book',
          'steps',
          'procedure',
          'playbook',
          'deployment plan',
        ],
        ru: ['ранбук', 'шаги', 'порядок действий', 'план выката', 'процедура'],
      },
    },
  ],
  [
    'migrationGuide',
    {
      printed: {
        en: 'Developer Migration Guide',
        ru: 'Руководство по миграции',
      },
      words: {
        en: ['migration', 'upgrade guide', 'upgrading'],
        ru: ['миграц', 'переход на'],
      },
    },
  ],
  [
    'preflightChecks',
    {
      printed: { en: 'Pre-Flight Validation', ru: 'Предварительные проверки' },
      words: {
        en: [
          'pre-flight',
          'preflight',
          'pre flight',
          'pre-release',
          'before release',
          'readiness',
        ],
        ru: ['предварительн', 'предполётн', 'предполетн', 'перед выкат'],
      },
    },
  ],
  [
    'communication',
    {
      printed: { en: 'Communication', ru: 'Коммуникации' },
      words: {
        en: ['communication', 'comms', 'announcement', 'notify'],
        ru: ['коммуникац', 'оповещ', 'уведомл', 'информирован'],
      },
    },
  ],
  [
    'signOffs',
    {
      printed: { en: 'Stakeholder Sign-Off', ru: 'Согласование' },
      words: {
        en: [
          'sign-off',
          'signoff',
          'sign off',
          'sign-offs',
          'approval',
          'approvals',
          'approvers',
          'stakeholder',
        ],
        ru: ['согласовани', 'утверждени', 'подпис'],
      },
    },
  ],
  [
    'monitoring',
    {
      printed: {
        en: 'Monitoring & Observability',
        ru: 'Мониторинг и наблюдаемость',
      },
      words: {
        en: ['monitoring', 'observability', 'metrics', 'dashboards'],
        ru: ['мониторинг', 'наблюдаем', 'метрик'],
      },
    },
  ],
];

/**
 * The section a heading names and the language of the word that named it;
 * undefined when no section's words are in it.
 *
 * @param name - the heading's text, numbering removed.
 */
export function sectionOfHeading(
  name: string,
): { kind: ChecklistSectionKind; language: ChecklistLanguage } | undefined {
  const text = name.toLocaleLowerCase('ru-RU');
  for (const [kind, names] of checklistSections) {
    for (const language of ['en', 'ru'] as const) {
      const found = names.words[language].some(word => text.includes(word));
      const also =
        !names.with ||
        [...names.with.en, ...names.with.ru].some(word => text.includes(word));
      if (found && also) {
        return { kind, language };
      }
    }
  }
  return undefined;
}

/**
 * The names of one table column: what the printer writes in each language,
 * and the header words that mean it.
 * @public
 */
export type ChecklistColumnNames = {
  printed: Record<ChecklistLanguage, string>;
  words: ReadonlyArray<string>;
};

/**
 * The header words of each column of the runbook and sign-off tables, in
 * both languages, and what the printer writes.
 * @public
 */
export const checklistColumns: {
  runbook: Record<
    'status' | 'command' | 'notes' | 'step',
    ChecklistColumnNames
  >;
  signOffs: Record<
    'signers' | 'status' | 'note' | 'responsibility' | 'role',
    ChecklistColumnNames
  >;
} = {
  runbook: {
    status: {
      printed: { en: 'Status', ru: 'Статус' },
      words: ['status', 'state', 'статус', 'состояние'],
    },
    command: {
      printed: { en: 'Command / Action', ru: 'Команда / Действие' },
      words: [
        'command',
        'commands',
        'action',
        'actions',
        'команда',
        'команды',
        'действие',
        'действия',
      ],
    },
    notes: {
      printed: { en: 'Notes', ru: 'Примечания' },
      words: [
        'notes',
        'note',
        'description',
        'примечания',
        'примечание',
        'заметки',
        'описание',
      ],
    },
    /** Matched on the header's first word only: "Step" but not "Next steps". */
    step: {
      printed: { en: 'Step', ru: 'Шаг' },
      words: ['step', 'steps', '#', '№', 'no', 'nr', 'number', 'шаг', 'номер'],
    },
  },
  signOffs: {
    signers: {
      printed: { en: 'Signers', ru: 'Подписанты' },
      words: [
        'signers',
        'signer',
        'approvers',
        'approver',
        'подписанты',
        'подписант',
        'участник',
        'участники',
        'согласующий',
        'согласующие',
      ],
    },
    status: {
      printed: { en: 'Status', ru: 'Статус' },
      words: ['status', 'decision', 'статус', 'решение'],
    },
    note: {
      printed: { en: 'Notes', ru: 'Примечания' },
      words: [
        'notes',
        'note',
        'comments',
        'comment',
        'примечания',
        'примечание',
        'комментарий',
        'комментарии',
      ],
    },
    responsibility: {
      printed: { en: 'Responsibility', ru: 'Ответственность' },
      words: ['responsibility', 'responsibilities', 'ответственность', 'зона'],
    },
    role: {
      printed: { en: 'Stakeholder', ru: 'Роль' },
      words: ['stakeholder', 'stakeholders', 'role', 'роль', 'сторона'],
    },
  },
};

/**
 * Sign-off decisions by the word or mark written in the status cell, case
 * and emoji variation selectors aside.
 * @public
 */
export const signOffDecisionWords: Readonly<Record<string, SignOffDecision>> = {
  '': 'pending',
  '☐': 'pending',
  '[ ]': 'pending',
  pending: 'pending',
  waiting: 'pending',
  ожидает: 'pending',
  ожидание: 'pending',
  'в ожидании': 'pending',
  '☑': 'approved',
  '✅': 'approved',
  '✔': 'approved',
  '✓': 'approved',
  '[x]': 'approved',
  approved: 'approved',
  yes: 'approved',
  done: 'approved',
  согласовано: 'approved',
  утверждено: 'approved',
  одобрено: 'approved',
  да: 'approved',
  '☒': 'rejected',
  '❌': 'rejected',
  '✗': 'rejected',
  '✘': 'rejected',
  '✖': 'rejected',
  rejected: 'rejected',
  no: 'rejected',
  отклонено: 'rejected',
  нет: 'rejected',
};

/**
 * A runbook step whose action starts with one of these words (emphasis and
 * quotes aside) is a rollback step.
 * @public
 */
export const rollbackStepPattern =
  /^[\s*_"'«(]*(?:rollback|roll[ -]back|откат)/iu;
