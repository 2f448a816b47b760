import { ConflictError } from '@backstage/errors';
import { RolloutConflictReason } from '@rollout/backstage-plugin-rollout-common';

/**
 * A 409 that says why in its `reason`, which the error handler serializes
 * into the response body: a client tells a stale revision (reload, reapply)
 * from a refusal (show the message) without reloading to guess. Its name
 * stays `ConflictError`, so every Backstage error handler answers 409.
 * @public
 */
export class RolloutConflictError extends ConflictError {
  /** Why the change was refused; serialized into the error body. */
  readonly reason: RolloutConflictReason;

  constructor(reason: RolloutConflictReason, message: string) {
    super(message);
    this.reason = reason;
  }
}
