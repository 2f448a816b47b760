/** The actions messages; see `../ref.ts`. */
export const actionsMessages = {
  /** The Rollout tab's toolbar. */
  menu: {
    toolbarLabel: 'Rollout actions',
    edit: 'Edit',
    editDenied: 'Only owners of {{entityRef}} can edit the checklist',
    newVersion: 'New version',
    newVersionDenied: 'Only owners of {{entityRef}} can create a version',
    import: 'Import',
    importDenied: 'Only owners of {{entityRef}} can import a checklist',
  },
  /** Editing a rollout's checklist as markdown. */
  editDialog: {
    title: 'Edit the checklist of {{version}}',
    readError: 'The checklist could not be read: {{message}}',
    markdownLabel: 'Checklist markdown',
    reapply: 'Reapply my edit',
    conflict: {
      label: 'Changes made meanwhile',
      title:
        'Someone changed this rollout after you opened it (at revision {{revision}})',
      /** A change someone made meanwhile: the history's message, who, which revision. */
      event: '{{message}} ({{actor}}, revision {{revision}})',
      noChanges: 'Its history shows no change after revision {{revision}} yet.',
      explanation:
        'Reapplying saves your text over the latest revision: ticks, step results and sign-off decisions made meanwhile are kept, as they are matched by item id, but text changed meanwhile is replaced by yours.',
    },
  },
  /** The live preview of a checklist being edited or imported. */
  preview: {
    label: 'Preview',
    russianHeadings:
      'Headings in Russian: the checklist prints back in Russian.',
    stepsHeading: 'Steps',
    stepsTableLabel: 'Steps preview',
    columns: {
      step: 'Step',
      command: 'Command / Action',
      notes: 'Notes',
      role: 'Role',
      signers: 'Signers',
    },
    /** A rollback step's number. */
    rollbackStep: '{{number}} (rollback)',
    preflightHeading: 'Pre-flight checks',
    preflightListLabel: 'Pre-flight checks preview',
    none: 'None',
    signOffHeading: 'Sign-off',
    signOffTableLabel: 'Sign-off preview',
    /** A signer named by handle, name or email, for the catalog to look up. */
    signerToLookUp: '{{name}} (to look up)',
    noSigners: 'No signers',
    /** How many items each section holds, joined by " · ". */
    counts: {
      /** Steps, of which `rollback` are rollback steps. */
      stepsWithRollback_one: '{{count}} step ({{rollback}} rollback)',
      stepsWithRollback_few: '{{count}} steps ({{rollback}} rollback)',
      stepsWithRollback_many: '{{count}} steps ({{rollback}} rollback)',
      stepsWithRollback_other: '{{count}} steps ({{rollback}} rollback)',
      rollbackCriteria_one: '{{count}} rollback criterion',
      rollbackCriteria_few: '{{count}} rollback criteria',
      rollbackCriteria_many: '{{count}} rollback criteria',
      rollbackCriteria_other: '{{count}} rollback criteria',
      migrationGuideItems_one: '{{count}} migration guide item',
      migrationGuideItems_few: '{{count}} migration guide items',
      migrationGuideItems_many: '{{count}} migration guide items',
      migrationGuideItems_other: '{{count}} migration guide items',
      metrics_one: '{{count}} metric',
      metrics_few: '{{count}} metrics',
      metrics_many: '{{count}} metrics',
      metrics_other: '{{count}} metrics',
      alerts_one: '{{count}} alert',
      alerts_few: '{{count}} alerts',
      alerts_many: '{{count}} alerts',
      alerts_other: '{{count}} alerts',
      communicationItems_one: '{{count}} communication item',
      communicationItems_few: '{{count}} communication items',
      communicationItems_many: '{{count}} communication items',
      communicationItems_other: '{{count}} communication items',
    },
    /** What reading the document guessed or dropped. */
    guesses_one: 'Reading it took {{count}} guess',
    guesses_few: 'Reading it took {{count}} guesses',
    guesses_many: 'Reading it took {{count}} guesses',
    guesses_other: 'Reading it took {{count}} guesses',
    warningsLabel: 'Warnings',
    /** A warning of the checklist reader, which is in English. */
    warningLine: 'Line {{line}}: {{message}}',
    signerNamesTitle: 'Signers to look up in the catalog',
    signerNamesLabel: 'Signers to look up',
    signerNameLine:
      'Line {{line}}: {{name}} ({{role}}), by user name, email or group name; left out if the catalog has none',
  },
  /** Importing a checklist written elsewhere as a new version. */
  importDialog: {
    title: 'Import a checklist',
    fileLabel: 'Markdown file to import',
    filePlaceholder: 'or paste it below',
    markdownLabel: 'Checklist markdown',
    markdownHelp:
      'Headings in English or Russian; a runbook table or numbered list; signers as entity refs, @handles, names or emails',
    previewNote:
      'The preview shows what each section reads as, and anything the reader had to guess, before anything is created.',
    import: 'Import',
  },
  /** Creating the next version of a rollout. */
  newVersion: {
    title: 'New version',
    startFrom: 'Start from',
    thisChecklistOf:
      'This checklist ({{version}}), with its run state, ticks and decisions reset and its signers kept',
    thisChecklist: 'This checklist',
    uploadedFile: 'An uploaded markdown file',
    fileLabel: 'Markdown file',
    noFile: 'No file chosen',
    create: 'Create',
    /** The backend's refusal (without its full stop), then what to do. */
    duplicate:
      '{{message}}. Choose another version, or pick that one in the version picker.',
    /** The checklist reader's message, which names the line. */
    invalidChecklist: 'Invalid checklist: {{message}}',
  },
  /** The version fields of the New version and Import dialogs. */
  versionFields: {
    version: 'Version',
    versionHelp: 'Such as v0.4.0',
    previousVersion: 'Previous version',
    previousVersionHelp: 'The version a rollback goes back to',
    chooseFile: 'Choose a markdown file',
  },
  /** What a saved edit changed, shown once it is saved. */
  editSummary: {
    /** `parts` lists the parts below. */
    changed: 'The edit changed {{parts}}.',
    changedNothing: 'The edit changed nothing.',
    /** `roles` lists the sign-off roles as the checklist names them. */
    reset: 'The edit reset the approvals of {{roles}}: they are pending again.',
    resetNone: 'No approval was reset.',
    parts: {
      title: 'the title',
      stage: 'the stage',
      preamble: 'the introduction',
      steps: 'the runbook steps',
      rollbackCriteria: 'the rollback criteria',
      migrationGuide: 'the migration guide',
      preflightChecks: 'the pre-flight checks',
      signOffs: 'the sign-offs',
      metrics: 'the metrics',
      alerts: 'the alerts',
      communication: 'the communication plan',
      prose: 'the text around the sections',
      extraSections: 'the extra sections',
      previousVersion: 'the previous version',
      releaseNotesUrl: 'the release notes link',
    },
    warningsLabel: 'What reading the markdown guessed',
    warningLine: 'Line {{line}}: {{message}}',
  },
  /** Downloading the checklist as markdown. */
  download: {
    button: 'Download markdown',
    failed: 'The checklist could not be downloaded: {{message}}',
  },
  /** The entity's Rollout tab around the rollout itself. */
  content: {
    noRolloutTitle: 'No rollout for this entity yet',
    noRolloutDescription:
      'A rollout keeps a release checklist (runbook, pre-flight checks, sign-offs, monitoring, communication) against this entity. Create one by running the “Start a rollout” software template, by posting a checklist object to the rollout API, or by importing a markdown checklist, here with New version or with the API:',
    versionLabel: 'Version',
    /** A version in the picker with its status. */
    pickerOption: '{{version}} ({{status}})',
    versionMissing:
      '{{entityRef}} has no rollout of version {{version}}; this is the newest, {{newest}}.',
    importWarnings_one:
      '{{version}} was imported with {{count}} warning; edit the checklist to change what was guessed or left out.',
    importWarnings_few:
      '{{version}} was imported with {{count}} warnings; edit the checklist to change what was guessed or left out.',
    importWarnings_many:
      '{{version}} was imported with {{count}} warnings; edit the checklist to change what was guessed or left out.',
    importWarnings_other:
      '{{version}} was imported with {{count}} warnings; edit the checklist to change what was guessed or left out.',
    importWarningLine: 'Line {{line}}: {{message}}',
  },
} as const;
