import { RolloutEvent } from '@rollout/backstage-plugin-rollout-common';
import { staleRevisionError } from '../database/RolloutStore';
import { RolloutConflictError } from '../errors';
import { ItemSection } from './edit';

/** One item of a checklist that an operation changes on its own. */
export type ChecklistItemRef = {
  section: ItemSection;
  id: string;
  /** How the item is named in a conflict's message, e.g. `pre-flight check`. */
  noun: string;
};

/** The event data field that names the item each section's events change. */
const idFields: Record<ItemSection, string> = {
  steps: 'stepId',
  rollbackCriteria: 'criterionId',
  migrationGuide: 'itemId',
  preflightChecks: 'checkId',
  signOffs: 'signOffId',
  metrics: 'metricId',
  alerts: 'alertId',
  communication: 'itemId',
};

/**
 * Whether an event changed the item: an event of the item itself, or an
 * edit that changed it. A sign-off approves the runbook too, so an edit of
 * the steps or the rollback criteria changes every sign-off.
 */
export function eventChangesItem(
  event: RolloutEvent,
  item: ChecklistItemRef,
): boolean {
  const data = (event.data ?? {}) as Record<string, unknown>;
  if (event.type !== 'rollout.edited') {
    return data[idFields[item.section]] === item.id;
  }
  const changed = (data.changed as string[] | undefined) ?? [];
  if (
    item.section === 'signOffs' &&
    (changed.includes('steps') || changed.includes('rollbackCriteria'))
  ) {
    return true;
  }
  const changedItems = data.changedItems as
    | Partial<Record<ItemSection, string[]>>
    | undefined;
  // Edits recorded before items were: any change of the section counts.
  return changedItems
    ? (changedItems[item.section] ?? []).includes(item.id)
    : changed.includes(item.section);
}

/**
 * Refuses, with a 409 `staleRevision`, a change of one item computed from
 * an old revision when the item changed since: an operation on one item
 * applies to the latest revision unless someone changed that same item.
 *
 * @param readRevision - the revision the caller read.
 * @param currentRevision - the rollout's revision now.
 * @param eventsAfter - the events recorded after a revision, oldest first.
 */
export async function assertItemUnchanged(options: {
  rolloutId: string;
  item: ChecklistItemRef;
  readRevision: number;
  currentRevision: number;
  eventsAfter: (revision: number) => Promise<RolloutEvent[]>;
}): Promise<void> {
  const { rolloutId, item, readRevision, currentRevision } = options;
  if (readRevision > currentRevision) {
    throw staleRevisionError(rolloutId, currentRevision, readRevision);
  }
  if (readRevision === currentRevision) {
    return;
  }
  const clash = (await options.eventsAfter(readRevision)).find(event =>
    eventChangesItem(event, item),
  );
  if (clash) {
    throw new RolloutConflictError(
      'staleRevision',
      `The ${item.noun} '${item.id}' of rollout '${rolloutId}' changed after revision ${readRevision}: ${clash.message} (${clash.actor}, revision ${clash.revision}); reload it and try again`,
    );
  }
}
