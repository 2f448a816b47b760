import { RolloutStatus } from '@rollout/backstage-plugin-rollout-common';

/**
 * The statuses a rollout may move to from each status, in the order the tab
 * offers them. Nothing goes back to `draft`. The backend enforces the same
 * rule (`transitions` in `plugins/rollout-backend/src/logic/status.ts`);
 * change both together.
 */
export const ROLLOUT_TRANSITIONS: Record<
  RolloutStatus,
  readonly Exclude<RolloutStatus, 'draft'>[]
> = {
  draft: ['in_progress', 'blocked'],
  in_progress: ['completed', 'rolled_back', 'blocked'],
  blocked: ['in_progress', 'rolled_back'],
  completed: [],
  rolled_back: [],
};

/** Whether a rollout may move from `from` to `to`. */
export function mayTransition(from: RolloutStatus, to: RolloutStatus): boolean {
  const allowed: readonly RolloutStatus[] = ROLLOUT_TRANSITIONS[from];
  return allowed.includes(to);
}
