import { isDeepStrictEqual } from 'util';
import {
  Checklist,
  ChecklistInput,
  normalizeChecklist,
} from '@rollout/backstage-plugin-rollout-common';

/** The sections of a checklist that hold items with ids. */
export type ItemSection = Exclude<
  keyof Checklist,
  'title' | 'stage' | 'language' | 'preamble' | 'prose' | 'extraSections'
>;

/**
 * The fields of each section that record what happened during the rollout
 * rather than what the document says; they change only through their own
 * calls and survive edits of the document.
 */
const stateKeys: Record<ItemSection, readonly string[]> = {
  steps: ['status', 'taskId', 'summary', 'updatedBy', 'updatedAt'],
  rollbackCriteria: ['state', 'markedBy', 'markedAt'],
  migrationGuide: [],
  preflightChecks: ['checked', 'checkedBy', 'checkedAt'],
  signOffs: ['decision', 'note', 'decidedBy', 'decidedAt'],
  metrics: [],
  alerts: [],
  communication: ['done', 'doneBy', 'doneAt', 'sent'],
};

const itemSections = Object.keys(stateKeys) as ItemSection[];

/** State fields that say who did something, when, or in which task. */
const attributionKeys = new Set([
  'markedBy',
  'markedAt',
  'taskId',
  'updatedBy',
  'updatedAt',
  'checkedBy',
  'checkedAt',
  'decidedBy',
  'decidedAt',
  'doneBy',
  'doneAt',
  'sent',
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

/** A sign-off row whose signers an edit changes (added and removed rows too). */
export type SignersChange = {
  signOffId: string;
  role: string;
  from: string[];
  to: string[];
};

/** What {@link applyChecklistEdit} made of an edit. */
export type ChecklistEdit = {
  checklist: Checklist;
  changedSections: string[];
  /** Per section, the ids of the items the edit added, removed or changed. */
  changedItems: Partial<Record<ItemSection, string[]>>;
  /** The roles whose approval the edit reset to pending. */
  resetRoles: string[];
  /** The sign-off rows whose signers changed; each is reset to pending. */
  signersChanged: SignersChange[];
};

/**
 * Applies an edit of whole sections to a checklist. Items keep their run
 * state by id; new items start fresh. A changed runbook (steps or rollback
 * criteria) resets approved sign-offs to pending, since the approvers
 * approved something else; so does a change of a row's signers, since
 * someone else signs it now.
 */
export function applyChecklistEdit(
  current: Checklist,
  edit: Partial<ChecklistInput>,
): ChecklistEdit {
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

  const changedItems: ChecklistEdit['changedItems'] = {};
  for (const section of itemSections) {
    const ids = changedIds(section, current[section], checklist[section]);
    if (ids.length) {
      changedItems[section] = ids;
    }
  }

  const signersChanged = changedSigners(current, checklist);
  const resigned = new Set(signersChanged.map(change => change.signOffId));
  const runbookChanged =
    changedSections.includes('steps') ||
    changedSections.includes('rollbackCriteria');
  const reset = checklist.signOffs.filter(row =>
    resigned.has(row.id)
      ? row.decision !== 'pending'
      : runbookChanged && row.decision === 'approved',
  );
  if (reset.length) {
    const ids = new Set(reset.map(row => row.id));
    checklist = {
      ...checklist,
      signOffs: checklist.signOffs.map(row => {
        if (!ids.has(row.id)) {
          return row;
        }
        const { decidedBy: _by, decidedAt: _at, ...rest } = row;
        return { ...rest, decision: 'pending' };
      }),
    };
    changedItems.signOffs = [
      ...new Set([...(changedItems.signOffs ?? []), ...ids]),
    ];
  }
  return {
    checklist,
    changedSections,
    changedItems,
    resetRoles: reset.map(row => row.role),
    signersChanged,
  };
}

/** The ids of the items whose document part differs between two lists. */
function changedIds(
  section: ItemSection,
  before: ReadonlyArray<{ id: string }>,
  after: ReadonlyArray<{ id: string }>,
): string[] {
  const docs = (items: ReadonlyArray<{ id: string }>) =>
    new Map(
      items.map(item => [
        item.id,
        split(section, item as Record<string, unknown>).doc,
      ]),
    );
  const was = docs(before);
  const now = docs(after);
  return [...new Set([...was.keys(), ...now.keys()])].filter(
    id => !isDeepStrictEqual(was.get(id), now.get(id)),
  );
}

/** The sign-off rows whose signers differ, rows added or removed included. */
function changedSigners(before: Checklist, after: Checklist): SignersChange[] {
  const rows = new Map<string, SignersChange>();
  for (const row of before.signOffs) {
    rows.set(row.id, {
      signOffId: row.id,
      role: row.role,
      from: row.signers,
      to: [],
    });
  }
  for (const row of after.signOffs) {
    rows.set(row.id, {
      signOffId: row.id,
      role: row.role,
      from: rows.get(row.id)?.from ?? [],
      to: row.signers,
    });
  }
  const key = (refs: string[]) =>
    [...new Set(refs.map(ref => ref.toLocaleLowerCase('en-US')))]
      .sort()
      .join(',');
  return [...rows.values()].filter(
    change => key(change.from) !== key(change.to),
  );
}

/**
 * The fields of each section that a markdown document cannot hold (a
 * step's template, a criterion's query, a metric's query and expectation,
 * the step that satisfies a check).
 */
const unprintedKeys: Partial<Record<ItemSection, readonly string[]>> = {
  steps: ['action'],
  rollbackCriteria: ['query', 'comparison'],
  metrics: ['query', 'expectation', 'threshold'],
  preflightChecks: ['stepId'],
};

/**
 * A checklist parsed from markdown, with what markdown cannot hold taken
 * from the current checklist's items of the same id, so that saving the
 * printed document back changes nothing it did not show.
 */
export function withUnprinted(
  current: Checklist,
  parsed: Checklist,
): Checklist {
  const result: Record<string, unknown> = { ...parsed };
  for (const [section, keys] of Object.entries(unprintedKeys) as Array<
    [ItemSection, readonly string[]]
  >) {
    const previous = new Map(
      (current[section] as Array<Record<string, unknown>>).map(item => [
        item.id,
        item,
      ]),
    );
    result[section] = (parsed[section] as Array<Record<string, unknown>>).map(
      item => {
        const old = previous.get(item.id);
        if (!old) {
          return item;
        }
        const kept = Object.fromEntries(
          keys
            .filter(key => item[key] === undefined && old[key] !== undefined)
            .map(key => [key, old[key]]),
        );
        return { ...item, ...kept };
      },
    );
  }
  return result as Checklist;
}
