/**
 * Why the backend refused a change with a 409, as the `reason` field of the
 * error in the response body says:
 *
 * - `staleRevision`: someone else changed the rollout since the caller read
 *   it; reload and apply the change again.
 * - `transitionRefused`: the rollout's status may not move that way.
 * - `completionBlocked`: the rollout cannot be completed while items are
 *   open; the message lists them.
 * - `stepNotRunnable`: the step cannot run that way (a manual step run, a
 *   task step marked done, a step being started by someone else).
 * - `duplicate`: the entity already has a rollout of that version.
 * - `templateUnavailable`: the step's scaffolder template is not in the
 *   catalog (yet); try again once the catalog has read it.
 * - `reportRefused`: a step result was reported while the step has no
 *   running task.
 * - `stepOutOfOrder`: a step before this one has neither succeeded nor been
 *   skipped; run it anyway by giving a reason (`outOfOrderReason`).
 * - `rolloutNotStarted`: the step deploys or rolls back, so it runs only in
 *   a started rollout.
 * - `startBlocked`: the rollout cannot start while pre-flight checks are
 *   open; the message lists them.
 * - `noPreviousVersion`: a rollback step needs the rollout's previous
 *   version to go back to.
 * - `rolloutFinished`: the rollout is completed or rolled back, which is
 *   final: it is read-only, and a change needs a new version.
 * - `stepNotReopenable`: only a skipped step or one marked done by hand
 *   goes back to pending; a step a task ran, or one running, does not.
 * - `alreadySent`: the communication item was sent before; send it again
 *   with `resend`.
 * @public
 */
export type RolloutConflictReason =
  | 'staleRevision'
  | 'transitionRefused'
  | 'completionBlocked'
  | 'stepNotRunnable'
  | 'duplicate'
  | 'templateUnavailable'
  | 'reportRefused'
  | 'stepOutOfOrder'
  | 'rolloutNotStarted'
  | 'startBlocked'
  | 'noPreviousVersion'
  | 'rolloutFinished'
  | 'stepNotReopenable'
  | 'alreadySent';

const reasons: ReadonlyArray<RolloutConflictReason> = [
  'staleRevision',
  'transitionRefused',
  'completionBlocked',
  'stepNotRunnable',
  'duplicate',
  'templateUnavailable',
  'reportRefused',
  'stepOutOfOrder',
  'rolloutNotStarted',
  'startBlocked',
  'noPreviousVersion',
  'rolloutFinished',
  'stepNotReopenable',
  'alreadySent',
];

/**
 * The conflict reason of an error the backend answered with, read from the
 * serialized error (the `error` of a Backstage error response body, or a
 * `ResponseError`'s `body.error`); undefined when it has none.
 * @public
 */
export function rolloutConflictReasonOf(
  error: unknown,
): RolloutConflictReason | undefined {
  const reason = (error as { reason?: unknown } | undefined)?.reason;
  return reasons.find(known => known === reason);
}
