import {
  NewRolloutEvent,
  RolloutChanges,
  RolloutStore,
} from '../database/RolloutStore';
import { Rollout } from '@rollout/backstage-plugin-rollout-common';
import { ChecklistItemRef, assertItemUnchanged } from '../logic/itemChanges';
import { assertNotFinal } from '../logic/status';

/**
 * Applies a change of one checklist item to the rollout as it stands, in
 * the store's transaction on its row: a caller who read an older revision
 * is refused (409 `staleRevision`) only if that item changed since, so
 * people working on different items at once do not collide. A final
 * rollout refuses every item change (409 `rolloutFinished`). `change`
 * throws to refuse.
 */
export async function changeItem(
  store: RolloutStore,
  options: {
    rolloutId: string;
    expectedRevision: number;
    item: ChecklistItemRef;
    change: (rollout: Rollout) => {
      changes: RolloutChanges;
      event: NewRolloutEvent;
    };
  },
): Promise<Rollout> {
  const { rolloutId, expectedRevision, item, change } = options;
  return store.changeRollout({
    id: rolloutId,
    change: async (current, history) => {
      assertNotFinal(current);
      await assertItemUnchanged({
        rolloutId,
        item,
        readRevision: expectedRevision,
        currentRevision: current.revision,
        eventsAfter: history.eventsAfter,
      });
      return change(current);
    },
  });
}
