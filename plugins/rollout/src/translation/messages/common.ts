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
  /** Shown where a value is not known. */
  unknownValue: '—',
  cancel: 'Cancel',
  close: 'Close',
  save: 'Save',
  retry: 'Retry',
} as const;
