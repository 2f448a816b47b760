import { Checklist, RolloutStatus } from './schema';
import { openItems } from './summary';

/**
 * The statuses a rollout may move to from each status, in the order a UI
 * offers them. Nothing goes back to `draft`; `completed` and `rolled_back`
 * are final.
 * @public
 */
export const rolloutTransitions: Record<
  RolloutStatus,
  readonly Exclude<RolloutStatus, 'draft'>[]
> = {
  draft: ['in_progress', 'blocked'],
  in_progress: ['completed', 'rolled_back', 'blocked'],
  blocked: ['in_progress', 'rolled_back'],
  completed: [],
  rolled_back: [],
};

/**
 * Whether a rollout may move from `from` to `to`.
 * @public
 */
export function mayTransition(from: RolloutStatus, to: RolloutStatus): boolean {
  const allowed: readonly RolloutStatus[] = rolloutTransitions[from];
  return allowed.includes(to);
}

/**
 * What keeps a checklist from being completed, one sentence per kind of
 * blocker; empty when it may complete. Communication items that are not
 * done block too, unless `options.communication` is false.
 * @public
 */
export function completionBlockers(
  checklist: Checklist,
  options?: { communication?: boolean },
): string[] {
  const blockers: string[] = [];
  const open = openItems(checklist);
  if (open.preflightChecks.length) {
    blockers.push(
      `${
        open.preflightChecks.length
      } pre-flight check(s) open: ${open.preflightChecks
        .map(check => check.text)
        .join('; ')}`,
    );
  }
  if (open.signOffs.length) {
    blockers.push(
      `${open.signOffs.length} sign-off(s) not approved: ${open.signOffs
        .map(row => `${row.role} (${row.decision})`)
        .join(', ')}`,
    );
  }
  if (open.steps.length) {
    blockers.push(
      `${
        open.steps.length
      } runbook step(s) neither succeeded nor skipped with a reason: ${open.steps
        .map(step => `${step.number} (${step.status})`)
        .join(', ')}`,
    );
  }
  if (options?.communication !== false && open.communication.length) {
    blockers.push(
      `${
        open.communication.length
      } communication item(s) not done: ${open.communication
        .map(item => item.text)
        .join('; ')}`,
    );
  }
  return blockers;
}
