/**
 * The history messages; see `../ref.ts`. Each sentence of `event` is what
 * one type of event says, built from its data: the checklist's own text
 * (titles, roles, items, notes, reasons) fills the `{{…}}` as written.
 * Sentences that an event adds to another ("…; the rollout is blocked")
 * are separate clauses, joined by a semicolon.
 */
export const historyMessages = {
  section: {
    title: 'History',
    listLabel: 'Rollout history',
    /** After who acted and when, of each event. */
    revision: 'revision {{revision}}',
  },
  /** What an edit changed, as the list of `event.edited` names it. */
  editedPart: {
    title: 'the title',
    stage: 'the stage',
    preamble: 'the preamble',
    steps: 'the runbook',
    rollbackCriteria: 'the rollback criteria',
    migrationGuide: 'the migration guide',
    preflightChecks: 'the pre-flight checks',
    signOffs: 'the sign-offs',
    metrics: 'the metrics',
    alerts: 'the alerts',
    communication: 'the communication plan',
    prose: 'the text around the items',
    extraSections: 'the other sections',
    previousVersion: 'the previous version',
    releaseNotesUrl: 'the release notes link',
  },
  /** The channels an announcement went by, in `event.sent`. */
  channel: {
    web: 'web',
    email: 'email',
    slack: 'slack',
  },
  /** How a step's result came: in `event.step…How`. */
  how: {
    markedDone: 'marked done',
    recorded: 'recorded',
    taskReported: 'task {{taskId}} reported',
    taskCompleted: 'task {{taskId}} completed',
    taskFailed: 'task {{taskId}} failed',
    taskCancelled: 'task {{taskId}} cancelled',
  },
  /** Checklist text quoted in a sentence, such as a pre-flight check. */
  quoted: '"{{text}}"',
  event: {
    created:
      'Created the rollout of {{version}} with {{steps}}, {{preflightChecks}} and {{signOffs}}',
    savedUnchanged: 'Saved without changes',
    edited: 'Edited {{parts}}',
    signersChanged: 'changed who signs {{roles}}',
    approvalsReset: 'the approvals of {{roles}} are pending again',
    approvalsResetByRunbook:
      'the runbook changed, so the approvals of {{roles}} are pending again',
    status: 'Changed the status from {{from}} to {{to}}',
    statusWithReason: 'Changed the status from {{from}} to {{to}}: {{reason}}',
    rolledBackTo: 'Rolled back from {{version}} to {{previousVersion}}',
    rolledBackToStep:
      'Rolled back from {{version}} to {{previousVersion}}: rollback step {{steps}} succeeded',
    rolledBackToSteps:
      'Rolled back from {{version}} to {{previousVersion}}: rollback steps {{steps}} succeeded',
    rolledBack: 'Rolled back {{version}}',
    rolledBackStep:
      'Rolled back {{version}}: rollback step {{steps}} succeeded',
    rolledBackSteps:
      'Rolled back {{version}}: rollback steps {{steps}} succeeded',
    preflightChecked: 'Checked the pre-flight check "{{check}}"',
    preflightUnchecked: 'Unchecked the pre-flight check "{{check}}"',
    communicationDone: 'Marked the communication item "{{item}}" done',
    communicationUndone: 'Marked the communication item "{{item}}" not done',
    communicationSent_one:
      'Sent "{{item}}" to {{count}} person by {{channels}}',
    communicationSent_few:
      'Sent "{{item}}" to {{count}} people by {{channels}}',
    communicationSent_many:
      'Sent "{{item}}" to {{count}} people by {{channels}}',
    communicationSent_other:
      'Sent "{{item}}" to {{count}} people by {{channels}}',
    approved: 'Approved as {{role}}',
    approvedWithNote: 'Approved as {{role}}: "{{note}}"',
    rejected: 'Rejected as {{role}}',
    rejectedWithNote: 'Rejected as {{role}}: "{{note}}"',
    signOffReset: 'Set the sign-off of {{role}} back to pending',
    signOffResetWithNote:
      'Set the sign-off of {{role}} back to pending: "{{note}}"',
    signOffRequested: 'Asked the signers of {{roles}} for sign-off',
    stepStarted:
      'Started step {{number}} ({{title}}) as scaffolder task {{taskId}}',
    stepStartedOutOfOrder:
      'Started step {{number}} ({{title}}) as scaffolder task {{taskId}}, out of order: {{reason}}',
    stepSucceeded: 'Step {{number}} ({{title}}) succeeded',
    stepSucceededHow: 'Step {{number}} ({{title}}) succeeded ({{how}})',
    stepSucceededOutOfOrder:
      'Step {{number}} ({{title}}) succeeded, out of order: {{reason}}',
    stepSucceededHowOutOfOrder:
      'Step {{number}} ({{title}}) succeeded ({{how}}, out of order: {{reason}})',
    stepFailed: 'Step {{number}} ({{title}}) failed',
    stepFailedHow: 'Step {{number}} ({{title}}) failed ({{how}})',
    stepFailedOutOfOrder:
      'Step {{number}} ({{title}}) failed, out of order: {{reason}}',
    stepFailedHowOutOfOrder:
      'Step {{number}} ({{title}}) failed ({{how}}, out of order: {{reason}})',
    /** A step's result with the summary it reported. */
    withSummary: '{{sentence}}: {{summary}}',
    tickedCheck: 'ticked the pre-flight check {{checks}}',
    tickedChecks: 'ticked the pre-flight checks {{checks}}',
    stepSkipped: 'Skipped step {{number}} ({{title}}): {{reason}}',
    stepUnskipped: 'Undid the skip of step {{number}} ({{title}})',
    stepReopenedSkipped:
      'Reopened step {{number}} ({{title}}), which was skipped',
    stepReopenedDone:
      'Reopened step {{number}} ({{title}}), which was marked done',
    criterionMarked: 'Marked the rollback criterion "{{criterion}}" {{state}}',
    metricChanged: 'The metric {{name}} went from {{previous}} to {{state}}',
    metricIs: 'The metric {{name}} is {{state}}',
    alertChanged: 'The alert {{name}} went from {{previous}} to {{state}}',
    alertIs: 'The alert {{name}} is {{state}}',
    criterionChanged:
      'The rollback criterion "{{criterion}}" went from {{previous}} to {{state}}',
    criterionIs: 'The rollback criterion "{{criterion}}" is {{state}}',
    gatesBlocked: 'Blocked the rollout: {{triggers}}',
    /** What blocked it, in the list of `gatesBlocked`. */
    alertFiring: 'the alert {{name}} is firing',
    criterionTriggered: 'the rollback criterion "{{criterion}}" triggered',
    /** Added to a decision or a mark that blocked the rollout. */
    rolloutBlocked: 'the rollout is blocked',
  },
  /** The link under the banner of a blocked rollout. */
  blockCause: {
    goToSignOff: 'Go to the {{role}} sign-off',
    goToCriterion: 'Go to the rollback criterion',
    goToMonitoring: 'Go to Monitoring',
    goToHistory: 'Go to the history',
  },
} as const;
