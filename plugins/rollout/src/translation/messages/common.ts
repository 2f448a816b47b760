/**
 * Words every part of the plugin uses: the statuses of rollouts, steps and
 * sign-offs, and the states of gates, as chips and sentences name them.
 */
export const commonMessages = {
  /** The entity page's tab. */
  tabTitle: 'Rollout',
  /** The page of every rollout, and its sidebar item. */
  pageTitle: 'Rollouts',
  rolloutStatus: {
    draft: 'draft',
    in_progress: 'in progress',
    blocked: 'blocked',
    completed: 'completed',
    rolled_back: 'rolled back',
  },
  stepStatus: {
    pending: 'pending',
    running: 'running',
    succeeded: 'succeeded',
    failed: 'failed',
    skipped: 'skipped',
  },
  decision: {
    pending: 'pending',
    approved: 'approved',
    rejected: 'rejected',
  },
  gateState: {
    ok: 'ok',
    warning: 'warning',
    breached: 'breached',
    unknown: 'unknown',
    firing: 'firing',
    silenced: 'silenced',
    inactive: 'inactive',
    triggered: 'triggered',
  },
  /** How many steps, pre-flight checks and sign-offs: "3 steps". */
  count: {
    steps_one: '{{count}} step',
    steps_few: '{{count}} steps',
    steps_many: '{{count}} steps',
    steps_other: '{{count}} steps',
    preflightChecks_one: '{{count}} pre-flight check',
    preflightChecks_few: '{{count}} pre-flight checks',
    preflightChecks_many: '{{count}} pre-flight checks',
    preflightChecks_other: '{{count}} pre-flight checks',
    signOffs_one: '{{count}} sign-off',
    signOffs_few: '{{count}} sign-offs',
    signOffs_many: '{{count}} sign-offs',
    signOffs_other: '{{count}} sign-offs',
  },
  /** Shown where a value is not known. */
  unknownValue: '—',
  cancel: 'Cancel',
  close: 'Close',
  save: 'Save',
  retry: 'Retry',
} as const;
