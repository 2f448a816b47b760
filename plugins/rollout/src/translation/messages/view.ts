/**
 * The messages of one rollout's page: its header, status changes, runbook,
 * sign-offs and the parts they share; see `../ref.ts`. The checklist's own
 * text (titles, roles, notes) is interpolated as written.
 */
export const viewMessages = {
  /** Alerts and texts of the page as a whole. */
  rollout: {
    /** A change was based on a revision someone else had changed meanwhile. */
    staleRevision:
      'Someone else changed this rollout since you loaded it; it has been reloaded. Check the change and try again.',
    /** Why nothing of a completed or rolled back rollout changes any more. */
    final:
      'Rollout {{version}} is {{status}}: it is final and read-only; create a new version to change it',
    /** After "Request sign-off": `signers` and `signOffs` are `signerCount` and `signOffCount`. */
    signOffsRequested: 'Asked {{signers}} of {{signOffs}}',
    /** A number of signers, as `signOffsRequested` puts it. */
    signerCount_one: '{{count}} signer',
    signerCount_few: '{{count}} signers',
    signerCount_many: '{{count}} signers',
    signerCount_other: '{{count}} signers',
    /** A number of sign-offs, as `signOffsRequested` puts it. */
    signOffCount_one: '{{count}} sign-off',
    signOffCount_few: '{{count}} sign-offs',
    signOffCount_many: '{{count}} sign-offs',
    signOffCount_other: '{{count}} sign-offs',
    /** After an announcement was sent; `channels` such as "web, email". */
    announcementSent_one: 'Sent to {{count}} person by {{channels}}',
    announcementSent_few: 'Sent to {{count}} people by {{channels}}',
    announcementSent_many: 'Sent to {{count}} people by {{channels}}',
    announcementSent_other: 'Sent to {{count}} people by {{channels}}',
  },
  /** Why a user may not do something, on disabled controls. */
  denied: {
    changeStatus: 'Only owners of {{entityRef}} can change the status',
    runSteps: 'Only owners of {{entityRef}} can run steps',
    tickChecks: 'Only owners of {{entityRef}} can tick pre-flight checks',
    communication:
      'Only owners of {{entityRef}} can mark or send communication items',
  },
  header: {
    blocked: 'Blocked',
    runbookProgress_one: 'Runbook: {{done}} of {{count}} step done',
    runbookProgress_few: 'Runbook: {{done}} of {{count}} steps done',
    runbookProgress_many: 'Runbook: {{done}} of {{count}} steps done',
    runbookProgress_other: 'Runbook: {{done}} of {{count}} steps done',
    runbookProgressFailed_one:
      'Runbook: {{done}} of {{count}} step done, {{failed}} failed',
    runbookProgressFailed_few:
      'Runbook: {{done}} of {{count}} steps done, {{failed}} failed',
    runbookProgressFailed_many:
      'Runbook: {{done}} of {{count}} steps done, {{failed}} failed',
    runbookProgressFailed_other:
      'Runbook: {{done}} of {{count}} steps done, {{failed}} failed',
    preflightProgress: 'Pre-flight: {{done}} of {{total}} checked',
    signOffProgress: 'Sign-off: {{approved}} of {{total}} approved',
    releaseNotes: 'Release notes',
    noReleaseNotes:
      "No release notes link: set the rollout's releaseNotesUrl or the entity's source location",
    migrationGuide: 'Migration guide',
  },
  statusActions: {
    /** The group of status change buttons. */
    groupLabel: 'Status changes',
    action: {
      start: 'Start rollout',
      in_progress: 'Resume',
      completed: 'Complete',
      rolled_back: 'Roll back',
      blocked: 'Block',
    },
    confirmTitle: {
      start: 'Start rollout {{version}}?',
      in_progress: 'Resume {{version}}?',
      completed: 'Complete {{version}}?',
      rolled_back: 'Roll back {{version}}?',
      blocked: 'Block {{version}}?',
    },
    cannotComplete: '{{version}} cannot be completed yet',
    consequence: {
      completed:
        'Completing is final: the rollout becomes read-only, and a change needs a new version.',
      rolled_back:
        'Recording it changes the status only: the rollback steps do not run. It is final: the rollout becomes read-only.',
    },
    completingWaits: 'Completing waits for these; each link goes to its row:',
    openBeforeStart:
      'It can start, but these are still open: completing waits for them, and a rejection or a gate blocks it.',
    openBeforeResume:
      'It can go on, but these are still open: completing waits for them, and a rejection or a gate blocks it.',
    /**
     * `steps` lists each step's number and command; one step or several
     * (the list's grammatical number, not a count).
     */
    rollbackRunsOne:
      'Runs rollback step {{steps}} as scaffolder tasks. The rollout goes back to {{previousVersion}} and is rolled back when they succeed.',
    rollbackRunsSeveral:
      'Runs rollback steps {{steps}} as scaffolder tasks. The rollout goes back to {{previousVersion}} and is rolled back when they succeed.',
    runRollback: 'Run rollback',
    statusGoes: 'The status goes from {{from}} to {{to}}.',
    statusGoesInstead:
      'Or record it without running anything: the status goes from {{from}} to {{to}}.',
    reason: 'Reason',
    recordRolledBack: 'Record as rolled back',
    /** `checks` lists the texts of the open checks. */
    startBlockers_one:
      'Starts once every pre-flight check is ticked: {{count}} pre-flight check(s) open: {{checks}}',
    startBlockers_few:
      'Starts once every pre-flight check is ticked: {{count}} pre-flight check(s) open: {{checks}}',
    startBlockers_many:
      'Starts once every pre-flight check is ticked: {{count}} pre-flight check(s) open: {{checks}}',
    startBlockers_other:
      'Starts once every pre-flight check is ticked: {{count}} pre-flight check(s) open: {{checks}}',
  },
  runbook: {
    title: 'Operator runbook',
    /** `reason` is why the user may not run steps. */
    denied: '{{reason}}: you can follow this runbook, not run it.',
    runbookSteps: 'Runbook steps',
    rollbackSteps: 'Rollback steps',
    rollback: 'Rollback',
    rollbackCriteria: 'Rollback trigger criteria',
    column: {
      step: 'Step',
      command: 'Command / Action',
      notes: 'Notes',
      status: 'Status',
      run: 'Run',
    },
    /** `command` is the command, as code. */
    rollbackCommand: 'Runs {{command}} to go back to {{previousVersion}}',
    /** Instead of a command the rollback step does not name. */
    itsTemplate: 'its template',
    /** Shown at once when a step is marked done without a note. */
    markedDone: 'Marked done',
    taskLink: 'Task ↗',
    taskLinkLabel: 'Task of step {{number}} (opens in a new tab)',
    /** The buttons of a step: their words and their accessible names. */
    action: {
      run: {
        label: 'Run',
        labelOutOfOrder: 'Run…',
        ariaLabel: 'Run step {{number}}',
        ariaLabelOutOfOrder: 'Run step {{number}} out of order',
      },
      runRollback: {
        label: 'Run rollback',
        labelOutOfOrder: 'Run rollback…',
        ariaLabel: 'Run rollback step {{number}}',
        ariaLabelOutOfOrder: 'Run rollback step {{number}} out of order',
      },
      markDone: {
        label: 'Mark done',
        labelOutOfOrder: 'Mark done…',
        ariaLabel: 'Mark done step {{number}}',
        ariaLabelOutOfOrder: 'Mark done step {{number}} out of order',
      },
    },
    skip: 'Skip',
    skipLabel: 'Skip step {{number}}',
    undo: 'Undo',
    undoSkipLabel: 'Undo the skip of step {{number}}',
    undoMarkDoneLabel: 'Undo marking done step {{number}}',
    skipDialog: {
      title: 'Skip step {{number}}?',
      explanation:
        'A skipped step counts as done for completing the rollout; the reason is shown with the step and kept in the history. You can undo the skip.',
      action: 'Skip step',
    },
    orderDialog: {
      title: 'Run step {{number}} out of order?',
      /** `refusal` is why the step would wait (a `refusal` message). */
      explanation: '{{refusal}}.',
      action: 'Run anyway',
    },
    markDoneDialog: {
      title: 'Mark step {{number}} done?',
      titleOutOfOrder: 'Mark step {{number}} done out of order?',
      /** `step` is the step's title. */
      explanation:
        'Nothing runs: you say that {{step}} is done. The row shows who marked it and when, and it can be undone.',
      explanationOutOfOrder:
        '{{refusal}}. Nothing runs: you say that {{step}} is done. The row shows who marked it and when, and it can be undone.',
    },
    reason: 'Reason',
    note: 'Note',
    /** Why a step may not run now. */
    refusal: {
      rollbackNotStarted:
        'Step {{number}} rolls back: it runs only in a rollout in progress or blocked, and this one is {{status}}',
      noPreviousVersion:
        'Step {{number}} rolls back, but the rollout has no previous version to go back to: set its previous version first',
      deployNotStarted:
        'Step {{number}} deploys: it runs only once the rollout is started, and this one is {{status}}',
      /** One open step before it, or several, listed in `steps`. */
      outOfOrderOne:
        'Step {{number}} runs after step {{steps}}, which has neither succeeded nor been skipped; give a reason to run it out of order',
      outOfOrderSeveral:
        'Step {{number}} runs after steps {{steps}}, which have neither succeeded nor been skipped; give a reason to run it out of order',
    },
  },
  stepLog: {
    exitCode: 'Exit code {{code}}',
    showOutput_one: 'Show output ({{count}} line)',
    showOutput_few: 'Show output ({{count}} lines)',
    showOutput_many: 'Show output ({{count}} lines)',
    showOutput_other: 'Show output ({{count}} lines)',
    hideOutput: 'Hide output',
    showOutputLabel: 'Show the output of step {{number}}',
    hideOutputLabel: 'Hide the output of step {{number}}',
    outputLabel: 'Output of step {{number}}',
  },
  noteDialog: {
    required: "Required; it goes into the rollout's history",
    optional: "Optional; it goes into the rollout's history",
  },
  signOff: {
    title: 'Stakeholder sign-off',
    request: 'Request sign-off',
    nothingToRequest: 'No pending sign-off has signers to ask',
    requestTooltip_one: 'Notify the signers of {{count}} pending sign-off(s)',
    requestTooltip_few: 'Notify the signers of {{count}} pending sign-off(s)',
    requestTooltip_many: 'Notify the signers of {{count}} pending sign-off(s)',
    requestTooltip_other: 'Notify the signers of {{count}} pending sign-off(s)',
    /** `roles` lists the rows' roles; `setting` is the app-config key, as code. */
    unsignable:
      'Nobody can sign {{roles}}: the row has no signers, and completing the rollout needs every sign-off approved. Add signers with Edit, or map the role to a group in app-config ({{setting}}).',
    tableLabel: 'Sign-offs',
    column: {
      stakeholder: 'Stakeholder',
      responsibility: 'Responsibility',
      signers: 'Signers',
      status: 'Status',
      notes: 'Notes',
      decision: 'Decision',
    },
    nobodyYet: 'Nobody yet',
    notASigner: 'Not a signer',
    approve: 'Approve',
    reject: 'Reject',
    approveTitle: 'Approve as {{role}}',
    rejectTitle: 'Reject as {{role}}',
    /** `responsibility` is the row's own text. */
    rejectExplanation:
      '{{responsibility}} A rejection blocks the rollout, and its owners are told why.',
    whyRequired: 'Why (required)',
    note: 'Note',
  },
  people: {
    /** The rollout backend's own actors, named by what they do. */
    gates: 'Rollout gates',
    reconciler: 'Rollout reconciler',
    demoData: 'Rollout demo data',
  },
  section: {
    /** Who did something and when; `person` links to them. */
    by: 'by {{person}}',
    byOn: 'by {{person}} on {{date}}',
    skipped: 'Skipped',
    skippedBy: 'Skipped by {{person}}',
    skippedByOn: 'Skipped by {{person}} on {{date}}',
    markedDone: 'Marked done',
    markedDoneBy: 'Marked done by {{person}}',
    markedDoneByOn: 'Marked done by {{person}} on {{date}}',
  },
} as const;
