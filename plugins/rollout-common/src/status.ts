import { Checklist, RolloutStatus } from './schema';
import { isStepDone } from './summary';

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
  const openChecks = checklist.preflightChecks.filter(check => !check.checked);
  if (openChecks.length) {
    blockers.push(
      `${openChecks.length} pre-flight check(s) open: ${openChecks
        .map(check => check.text)
        .join('; ')}`,
    );
  }
  const unapproved = checklist.signOffs.filter(
    row => row.decision !== 'approved',
  );
  if (unapproved.length) {
    blockers.push(
      `${unapproved.length} sign-off(s) not approved: ${unapproved
        .map(row => `${row.role} (${row.decision})`)
        .join(', ')}`,
    );
  }
  const unfinished = checklist.steps.filter(
    step => step.kind === 'runbook' && !isStepDone(step),
  );
  if (unfinished.length) {
    blockers.push(
      `${
        unfinished.length
      } runbook step(s) neither succeeded nor skipped with a reason: ${unfinished
        .map(step => `${step.number} (${step.status})`)
        .join(', ')}`,
    );
  }
  const unsent = checklist.communication.filter(item => !item.done);
  if (options?.communication !== false && unsent.length) {
    blockers.push(
      `${unsent.length} communication item(s) not done: ${unsent
        .map(item => item.text)
        .join('; ')}`,
    );
  }
  return blockers;
}
