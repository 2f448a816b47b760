/** The board messages; see `../ref.ts`. */
export const boardMessages = {
  /** The Rollouts page of classic apps. */
  page: {
    subtitle: 'Every rollout, who has signed and who is pending',
  },
  /** The board's filters above the table. */
  filters: {
    label: 'Filter rollouts',
    show: 'Show',
    mine: {
      all: 'All rollouts',
      pending: 'Waiting for my sign-off',
      owned: 'Of entities I own',
    },
    status: 'Status',
    system: 'System',
    /** An example entity ref; it stays as written. */
    systemPlaceholder: 'system:default/multipass',
    owner: 'Owner',
    /** An example entity ref; it stays as written. */
    ownerPlaceholder: 'group:default/team-a',
    search: 'Search entity, version, title',
    sortBy: 'Sort by',
    sort: {
      lastActivity: 'Last activity',
      entity: 'Entity',
      status: 'Status',
    },
    download: 'Download CSV',
  },
  /** The board's table. */
  table: {
    label: 'Rollouts',
    column: {
      entity: 'Entity',
      system: 'System',
      owner: 'Owner',
      version: 'Version',
      status: 'Status',
      progress: 'Progress',
      signOffs: 'Sign-offs',
      blockedBy: 'Blocked by',
      lastActivity: 'Last activity',
    },
    empty: 'No rollout matches these filters.',
    steps: 'Steps {{done}}/{{total}}',
    checks: 'Checks {{done}}/{{total}}',
    approved: '{{approved}}/{{total}} approved',
    showMore: 'Show more',
  },
  /** What holds a row up, in the table's "Blocked by" column. */
  blocker: {
    /** A blocked rollout that gives no reason. */
    blocked: 'Blocked',
    /** Blocked by a rejected sign-off; `role` is the row's role. */
    rejected: '{{role}}: rejected',
    rejectedWithNote: '{{role}}: rejected ("{{note}}")',
    /** Blocked by a person marking a criterion; `criterion` is its text. */
    criterionTriggered: 'Rollback criterion "{{criterion}}" triggered',
    /** Blocked by the gates: one of these per gate, joined with "; ". */
    alertFiring: 'Alert {{name}} is firing',
    metricBreached: 'Metric {{name}} is breached',
    /** Blocked by hand, with the reason the person gave. */
    byHand: 'Blocked: {{reason}}',
    /** `items` lists the open counts below, such as "7 steps, 4 checks". */
    open: 'Open: {{items}}',
    steps_one: '{{count}} step',
    steps_few: '{{count}} steps',
    steps_many: '{{count}} steps',
    steps_other: '{{count}} steps',
    checks_one: '{{count}} check',
    checks_few: '{{count}} checks',
    checks_many: '{{count}} checks',
    checks_other: '{{count}} checks',
    signOffs_one: '{{count}} sign-off',
    signOffs_few: '{{count}} sign-offs',
    signOffs_many: '{{count}} sign-offs',
    signOffs_other: '{{count}} sign-offs',
  },
  /** Approve and Reject for the user's own pending sign-offs of a row. */
  yourSignOffs: {
    /** `decision` is the decision's word, such as "approved". */
    decided: '{{role}} of {{entity}} {{version}}: {{decision}}',
    stale:
      'Someone else changed {{entity}} {{version}} meanwhile; it has been reloaded. Check it and decide again.',
    /** The decision shown before the backend answers. */
    shown: '{{role}}: {{decision}}',
    group: 'Your sign-off as {{role}}',
    yoursAs: 'Yours as {{role}}:',
    approve: 'Approve',
    reject: 'Reject',
    rejectTitle: 'Reject as {{role}}',
    rejectExplanation:
      '{{entity}} {{version}}: a rejection blocks the rollout, and its owners are told why.',
    rejectLabel: 'Why (required)',
    rejectAction: 'Reject',
  },
  /** The card of the user's pending sign-offs across all rollouts. */
  pendingCard: {
    title: 'Waiting for my sign-off',
    empty: 'Nothing is waiting for your sign-off.',
    listLabel: 'Rollouts waiting for my sign-off',
  },
  /** The Overview card of the entity's newest rollout's sign-offs. */
  signOffCard: {
    title: 'Rollout sign-off',
    /** `status` is the rollout's status word, such as "in progress". */
    subheader: '{{version}} · {{status}}',
    openVersion: 'Open {{version}} on the Rollout tab',
    openTab: 'Open the Rollout tab',
    empty: 'No rollout for this entity yet.',
    listLabel: 'Sign-off status',
  },
  /** The scaffolder field that shows who signs each sign-off row. */
  signersField: {
    /** The field's title when the template gives none. */
    title: 'Who signs off',
    empty: 'Enter the checklist first; its sign-off rows show here.',
    /** `error` is the reader's own message. */
    unreadable: 'The checklist cannot be read: {{error}}',
    /** `roles` lists the rows' roles; `count` is how many. */
    nobody_one:
      'Nobody can sign {{roles}}: the row names no signers and app-config maps no group to its role (rollout.signOffs.signersByRole). Completing the rollout needs every sign-off approved; add a Signers column to the checklist, or ask your Backstage admins to map the role.',
    nobody_few:
      'Nobody can sign {{roles}}: the row names no signers and app-config maps no group to its role (rollout.signOffs.signersByRole). Completing the rollout needs every sign-off approved; add a Signers column to the checklist, or ask your Backstage admins to map the role.',
    nobody_many:
      'Nobody can sign {{roles}}: the row names no signers and app-config maps no group to its role (rollout.signOffs.signersByRole). Completing the rollout needs every sign-off approved; add a Signers column to the checklist, or ask your Backstage admins to map the role.',
    nobody_other:
      'Nobody can sign {{roles}}: the row names no signers and app-config maps no group to its role (rollout.signOffs.signersByRole). Completing the rollout needs every sign-off approved; add a Signers column to the checklist, or ask your Backstage admins to map the role.',
    /** `sections` counts the checklist's sections. */
    sections: 'The checklist reads as {{sections}}.',
    listLabel: 'Signers by sign-off row',
    nobodyRow: 'Nobody can sign this row',
    /** One row of the field's value, which the review step shows. */
    summaryRow: '{{role}}: {{signers}}',
    summaryNobody: 'nobody can sign',
  },
} as const;
