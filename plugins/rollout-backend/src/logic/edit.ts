import { isDeepStrictEqual } from 'util';
import {
  Checklist,
  ChecklistInput,
  normalizeChecklist,
} from '@rollout/backstage-plugin-rollout-common';

type ItemSection = Exclude<
  keyof Checklist,
  'title' | 'stage' | 'preamble' | 'prose' | 'extraSections'
>;

/**
 * The fields of each section that record what happened during the rollout
 * rather than what the document says; they change only through their own
 * calls and survive edits of the document.
 */
const stateKeys: Record<ItemSection, readonly string[]> = {
  steps: ['status', 'taskId', 'summary', 'updatedBy', 'updatedAt'],
  rollbackCriteria: ['state'],
  migrationGuide: [],
  preflightChecks: ['checked', 'checkedBy', 'checkedAt'],
  signOffs: ['decision', 'note', 'decidedBy', 'decidedAt'],
  metrics: [],
  alerts: [],
  communication: ['done', 'doneBy', 'doneAt'],
};

const itemSections = Object.keys(stateKeys) as ItemSection[];

/** State fields that say who did something, when, or in which task. */
const attributionKeys = new Set([
  'taskId',
  'updatedBy',
  'updatedAt',
  'checkedBy',
  'checkedAt',
  'decidedBy',
  'decidedAt',
  'doneBy',
  'doneAt',
]);

/**
 * A checklist without attribution. An imported document may say that a box
 * is ticked or a sign-off approved, but not who did it: only this backend
 * records who acted, from their credentials.
 */
export function withoutAttribution(checklist: Checklist): Checklist {
  const result: Record<string, unknown> = { ...checklist };
  for (const section of itemSections) {
    result[section] = (checklist[section] as object[]).map(item =>
      Object.fromEntries(
        Object.entries(item).filter(([key]) => !attributionKeys.has(key)),
      ),
    );
  }
  return result as Checklist;
}

function split(section: ItemSection, item: Record<string, unknown>) {
  const doc: Record<string, unknown> = {};
  const state: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    (stateKeys[section].includes(key) ? state : doc)[key] = value;
  }
  return { doc, state };
}

function documentOf(checklist: Partial<ChecklistInput>) {
  const result: Record<string, unknown> = { ...checklist };
  for (const section of itemSections) {
    const items = checklist[section] as Record<string, unknown>[] | undefined;
    if (items) {
      result[section] = items.map(item => split(section, item).doc);
    }
  }
  return result;
}

/**
 * Applies an edit of whole sections to a checklist. Items keep their run
 * state by id; new items start fresh. A changed runbook (steps or rollback
 * criteria) resets approved sign-offs to pending, since the approvers
 * approved something else.
 */
export function applyChecklistEdit(
  current: Checklist,
  edit: Partial<ChecklistInput>,
): { checklist: Checklist; changedSections: string[]; resetRoles: string[] } {
  const before = documentOf(current);
  const edited = normalizeChecklist({
    ...before,
    ...documentOf(edit),
  } as ChecklistInput);

  const merged = { ...edited } as Record<string, unknown>;
  for (const section of itemSections) {
    const previous = new Map(
      (current[section] as { id: string }[]).map(item => [item.id, item]),
    );
    merged[section] = (edited[section] as { id: string }[]).map(item => {
      const old = previous.get(item.id);
      return old
        ? { ...item, ...split(section, old as Record<string, unknown>).state }
        : item;
    });
  }
  let checklist = merged as Checklist;

  const after = documentOf(checklist);
  const changedSections = Object.keys({ ...before, ...after }).filter(
    key => !isDeepStrictEqual(before[key], after[key]),
  );

  const runbookChanged =
    changedSections.includes('steps') ||
    changedSections.includes('rollbackCriteria');
  const resetRoles = runbookChanged
    ? checklist.signOffs
        .filter(row => row.decision === 'approved')
        .map(row => row.role)
    : [];
  if (resetRoles.length) {
    checklist = {
      ...checklist,
      signOffs: checklist.signOffs.map(row => {
        if (row.decision !== 'approved') {
          return row;
        }
        const { decidedBy: _by, decidedAt: _at, ...rest } = row;
        return { ...rest, decision: 'pending' };
      }),
    };
  }
  return { checklist, changedSections, resetRoles };
}
