import { NotFoundError } from '@backstage/errors';
import { Rollout } from '@rollout/backstage-plugin-rollout-common';
import { RolloutStore, staleRevisionError } from '../database/RolloutStore';
import { assertNotFinal } from '../logic/status';

/**
 * The rollout with this id: NotFoundError if there is none, and a 409 if
 * the caller names a revision other than the current one, so that a change
 * computed from a stale read is refused before it is computed.
 */
export async function loadRollout(
  store: RolloutStore,
  id: string,
  expectedRevision?: number,
): Promise<Rollout> {
  const rollout = await store.getRollout(id);
  if (!rollout) {
    throw new NotFoundError(`No rollout with id '${id}'`);
  }
  assertRevision(rollout, expectedRevision);
  return rollout;
}

function assertRevision(rollout: Rollout, expectedRevision?: number) {
  if (expectedRevision !== undefined && rollout.revision !== expectedRevision) {
    throw staleRevisionError(rollout.id, rollout.revision, expectedRevision);
  }
}

/**
 * The rollout with this id, for a change: as `loadRollout`, and a 409
 * `rolloutFinished` if it is final, checked before the revision so that a
 * caller with a stale read of a final rollout learns it cannot change at
 * all rather than being offered a retry.
 */
export async function loadChangeableRollout(
  store: RolloutStore,
  id: string,
  expectedRevision?: number,
): Promise<Rollout> {
  const rollout = await loadRollout(store, id);
  assertNotFinal(rollout);
  assertRevision(rollout, expectedRevision);
  return rollout;
}
