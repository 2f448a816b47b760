import { NotFoundError } from '@backstage/errors';
import {
  Checklist,
  ChecklistInput,
  ChecklistSignerName,
  ChecklistWarning,
  Rollout,
  RolloutEvent,
  RolloutPage,
  RolloutStatus,
  RunbookRules,
  SignOffActor,
  SignOffDecision,
  SignOff,
  UpdateRolloutResponse,
  defaultRunbookRules,
  normalizeChecklist,
  printChecklist,
  SignersByRole,
  rolesWithoutSigners,
  signOffsToRequest,
  withRoleSigners,
} from '@rollout/backstage-plugin-rollout-common';
import {
  EntityCatalogInfo,
  ListRolloutSummariesOptions,
  NewRollout,
  RolloutStore,
} from '../database/RolloutStore';
import {
  ChecklistEdit,
  SignersChange,
  applyChecklistEdit,
  withUnprinted,
  withoutAttribution,
} from '../logic/edit';
import { decideSignOff } from '../logic/signOffs';
import { assertTransition } from '../logic/status';
import { changeItem } from './changeItem';
import { loadChangeableRollout, loadRollout } from './loadRollout';
import { normalizeEntityRef } from './validation';
import { RevisionCache } from './RevisionCache';

/** What the markdown reader said of a document, kept with the request. */
export type MarkdownReading = {
  warnings: ChecklistWarning[];
  signerNames: ChecklistSignerName[];
};

/** A new rollout as the service takes it, already validated. */
export type CreateRolloutInput = {
  entityRef: string;
  version: string;
  previousVersion?: string;
  title?: string;
  releaseNotesUrl?: string;
  checklist: ChecklistInput;
  /** What the markdown reader said of the document, when it was one. */
  reading?: MarkdownReading & {
    /** Refuse the document if anything warns, rather than create it. */
    strict: boolean;
  };
};

/** An edit as the service takes it, already validated. */
export type UpdateRolloutInput = {
  expectedRevision: number;
  title?: string;
  previousVersion?: string | null;
  releaseNotesUrl?: string | null;
  checklist?: Partial<ChecklistInput>;
  /**
   * The checklist is a whole markdown document, which cannot hold step
   * templates, queries and the like: those are kept by item id.
   */
  fromMarkdown?: boolean;
  /** What the markdown reader said of the document, when it was one. */
  reading?: MarkdownReading;
};

/**
 * How many rollouts the service keeps parsed, and printed as markdown.
 * Reading one means parsing and checking its checklist, printing one takes
 * milliseconds, and both change only with the revision.
 */
const KEPT_ROLLOUTS = 500;

/**
 * The rules of rollouts, between the operations and the store: which
 * changes are allowed and what each records. Who may make them is the
 * operations' business.
 */
export class RolloutService {
  private readonly reads = new RevisionCache<Rollout>(KEPT_ROLLOUTS);
  private readonly printed = new RevisionCache<string>(KEPT_ROLLOUTS);

  constructor(
    private readonly store: RolloutStore,
    private readonly options: {
      /**
       * The runbook's order rules and whether completing waits for the
       * communication plan; all on by default.
       */
      rules?: RunbookRules;
      /**
       * Who signs the sign-off rows of a new rollout that name nobody, by
       * role (`rollout.signOffs.signersByRole`).
       */
      signersByRole?: SignersByRole;
    } = {},
  ) {}

  /**
   * The rollout to store for a validated request: normalized checklist,
   * signers by role for the sign-off rows that name none (not those whose
   * named signers the catalog did not know), default title, the owner and
   * system the catalog gave. Nothing is written.
   */
  prepare(
    input: CreateRolloutInput,
    actor: string,
    info: EntityCatalogInfo = {},
    options: {
      /** Rows the document named signers for that the catalog did not know. */
      unsignedRows?: ReadonlySet<number>;
    } = {},
  ): NewRollout {
    const normalized = normalizeChecklist(input.checklist);
    const mapped = withRoleSigners(
      normalized,
      this.options.signersByRole ?? {},
    );
    const checklist = withoutAttribution({
      ...mapped,
      signOffs: mapped.signOffs.map((row, index) =>
        options.unsignedRows?.has(index) ? normalized.signOffs[index] : row,
      ),
    });
    return {
      entityRef: normalizeEntityRef(input.entityRef, 'entityRef'),
      version: input.version,
      previousVersion: input.previousVersion,
      title: input.title ?? defaultTitle(checklist),
      status: 'draft',
      releaseNotesUrl: input.releaseNotesUrl,
      checklist,
      createdBy: actor,
      ...info,
    };
  }

  /**
   * Stores a prepared rollout with its `rollout.created` event, which names
   * the sign-off roles nobody can sign yet.
   */
  async create(rollout: NewRollout): Promise<Rollout> {
    const { checklist } = rollout;
    const unsigned = rolesWithoutSigners(checklist);
    return this.store.createRollout(rollout, {
      actor: rollout.createdBy,
      type: 'rollout.created',
      message: `Created the rollout of ${rollout.version} with ${
        checklist.steps.length
      } steps, ${checklist.preflightChecks.length} pre-flight checks and ${
        checklist.signOffs.length
      } sign-offs${
        unsigned.length ? `; nobody signs ${unsigned.join(', ')} yet` : ''
      }`,
      data: {
        version: rollout.version,
        steps: checklist.steps.length,
        preflightChecks: checklist.preflightChecks.length,
        signOffs: checklist.signOffs.length,
        ...(unsigned.length ? { rolesWithoutSigners: unsigned } : {}),
      },
    });
  }

  /**
   * A page of rollout summaries, from the store's summary columns;
   * `filter` keeps those the caller may read.
   */
  async list(options: ListRolloutSummariesOptions): Promise<RolloutPage> {
    return this.store.listRolloutSummaries({
      ...options,
      entityRef: options.entityRef
        ? normalizeEntityRef(options.entityRef, 'entityRef')
        : undefined,
      ownerRef: options.ownerRef
        ? normalizeEntityRef(options.ownerRef, 'owner')
        : undefined,
      systemRef: options.systemRef
        ? normalizeEntityRef(options.systemRef, 'system')
        : undefined,
    });
  }

  /**
   * The rollout as stored, for reading only: callers share the object, so
   * it is frozen. Parsed once per revision (and owner and system, which the
   * catalog refreshes without one); when those are the ones kept, only they
   * are read from the database.
   */
  async get(id: string): Promise<Rollout> {
    const version = await this.store.getRolloutVersion(id);
    if (!version) {
      throw new NotFoundError(`No rollout with id '${id}'`);
    }
    const kept = this.reads.get(id, version.revision);
    if (
      kept &&
      kept.ownerRef === version.ownerRef &&
      kept.systemRef === version.systemRef
    ) {
      return kept;
    }
    const rollout = deepFreeze(await loadRollout(this.store, id));
    this.reads.set(id, rollout.revision, rollout);
    return rollout;
  }

  /** The rollout's checklist printed as markdown, once per revision. */
  async markdown(id: string): Promise<string> {
    const rollout = await this.get(id);
    let markdown = this.printed.get(id, rollout.revision);
    if (markdown === undefined) {
      markdown = printChecklist(rollout.checklist);
      this.printed.set(id, rollout.revision, markdown);
    }
    return markdown;
  }

  async events(id: string): Promise<RolloutEvent[]> {
    await this.get(id);
    return this.store.listEvents(id);
  }

  /**
   * Edits a rollout's fields and checklist sections, at exactly
   * `expectedRevision`. An edit that changes who signs a sign-off row
   * (signers, rows added or removed) is first shown to
   * `authorizeSignersChange`, which throws to refuse it; each such row is
   * reset to pending and the change recorded. Answers the rollout with what
   * the edit changed and whose approvals it reset.
   */
  async update(
    id: string,
    input: UpdateRolloutInput,
    actor: string,
    options?: {
      authorizeSignersChange?: (changes: SignersChange[]) => Promise<void>;
    },
  ): Promise<UpdateRolloutResponse> {
    const rollout = await loadChangeableRollout(
      this.store,
      id,
      input.expectedRevision,
    );
    const changed: string[] = [];
    let checklist: Checklist | undefined;
    let resetRoles: string[] = [];
    let changedItems: ChecklistEdit['changedItems'] = {};
    let signersChanged: SignersChange[] = [];
    if (input.checklist) {
      const edit = applyChecklistEdit(
        rollout.checklist,
        input.fromMarkdown
          ? withUnprinted(rollout.checklist, input.checklist as Checklist)
          : input.checklist,
      );
      checklist = edit.checklist;
      resetRoles = edit.resetRoles;
      changedItems = edit.changedItems;
      signersChanged = edit.signersChanged;
      changed.push(...edit.changedSections);
    }
    if (signersChanged.length) {
      await options?.authorizeSignersChange?.(signersChanged);
    }
    for (const field of [
      'title',
      'previousVersion',
      'releaseNotesUrl',
    ] as const) {
      if (
        input[field] !== undefined &&
        input[field] !== (rollout[field] ?? null)
      ) {
        changed.push(field);
      }
    }
    const signers = signersChanged
      .map(
        change =>
          `; the signers of ${change.role} changed from ${
            change.from.join(', ') || 'nobody'
          } to ${change.to.join(', ') || 'nobody'}`,
      )
      .join('');
    const runbookChanged =
      changed.includes('steps') || changed.includes('rollbackCriteria');
    const reset = resetRoles.length
      ? `; ${
          runbookChanged ? 'the runbook changed, so ' : ''
        }the approvals of ${resetRoles.join(', ')} are pending again`
      : '';
    const updated = await this.store.updateRollout({
      id,
      expectedRevision: input.expectedRevision,
      changes: {
        title: input.title,
        previousVersion: input.previousVersion,
        releaseNotesUrl: input.releaseNotesUrl,
        checklist,
      },
      event: {
        actor,
        type: 'rollout.edited',
        message: changed.length
          ? `Edited ${changed.join(', ')}${signers}${reset}`
          : 'Saved without changes',
        data: { changed, changedItems, resetRoles, signersChanged },
      },
    });
    return { ...updated, edit: { changed, resetRoles } };
  }

  /**
   * Ticks or unticks a pre-flight check, on the latest revision unless the
   * check changed after `expectedRevision`.
   */
  async setPreflightCheck(
    id: string,
    checkId: string,
    input: { expectedRevision: number; checked: boolean },
    actor: string,
  ): Promise<Rollout> {
    return changeItem(this.store, {
      rolloutId: id,
      expectedRevision: input.expectedRevision,
      item: {
        section: 'preflightChecks',
        id: checkId,
        noun: 'pre-flight check',
      },
      change: rollout => {
        const check = rollout.checklist.preflightChecks.find(
          c => c.id === checkId,
        );
        if (!check) {
          throw new NotFoundError(`No pre-flight check with id '${checkId}'`);
        }
        const { checkedBy: _by, checkedAt: _at, ...rest } = check;
        const updated = input.checked
          ? {
              ...rest,
              checked: true,
              checkedBy: actor,
              checkedAt: new Date().toISOString(),
            }
          : { ...rest, checked: false };
        return {
          changes: {
            checklist: {
              ...rollout.checklist,
              preflightChecks: rollout.checklist.preflightChecks.map(c =>
                c.id === checkId ? updated : c,
              ),
            },
          },
          event: {
            actor,
            type: input.checked ? 'preflight.checked' : 'preflight.unchecked',
            message: `${
              input.checked ? 'Checked' : 'Unchecked'
            } pre-flight check "${check.text}"`,
            data: { checkId },
          },
        };
      },
    });
  }

  /**
   * Marks a communication item done or not done, with who and when, on the
   * latest revision unless the item changed after `expectedRevision`.
   */
  async setCommunicationItem(
    id: string,
    itemId: string,
    input: { expectedRevision: number; done: boolean },
    actor: string,
  ): Promise<Rollout> {
    return changeItem(this.store, {
      rolloutId: id,
      expectedRevision: input.expectedRevision,
      item: {
        section: 'communication',
        id: itemId,
        noun: 'communication item',
      },
      change: rollout => {
        const item = rollout.checklist.communication.find(c => c.id === itemId);
        if (!item) {
          throw new NotFoundError(`No communication item with id '${itemId}'`);
        }
        const { doneBy: _by, doneAt: _at, ...rest } = item;
        const updated = input.done
          ? {
              ...rest,
              done: true,
              doneBy: actor,
              doneAt: new Date().toISOString(),
            }
          : { ...rest, done: false };
        return {
          changes: {
            checklist: {
              ...rollout.checklist,
              communication: rollout.checklist.communication.map(c =>
                c.id === itemId ? updated : c,
              ),
            },
          },
          event: {
            actor,
            type: input.done ? 'communication.done' : 'communication.undone',
            message: `Marked communication item "${item.text}" ${
              input.done ? 'done' : 'not done'
            }`,
            data: { itemId },
          },
        };
      },
    });
  }

  /**
   * Records a signer's decision on a sign-off row, on the latest revision
   * unless the row, or the runbook it approves, changed after
   * `expectedRevision`.
   */
  async decideSignOff(
    id: string,
    signOffId: string,
    input: {
      expectedRevision: number;
      decision: SignOffDecision;
      note?: string;
    },
    actor: SignOffActor,
  ): Promise<Rollout> {
    return changeItem(this.store, {
      rolloutId: id,
      expectedRevision: input.expectedRevision,
      item: { section: 'signOffs', id: signOffId, noun: 'sign-off' },
      change: rollout => {
        const { checklist, signOff } = decideSignOff(rollout.checklist, {
          signOffId,
          decision: input.decision,
          note: input.note,
          actor,
          now: new Date().toISOString(),
        });
        // A rejection stops the release until someone resolves it.
        const blocks =
          input.decision === 'rejected' &&
          (rollout.status === 'draft' || rollout.status === 'in_progress');
        return {
          changes: {
            checklist,
            ...(blocks ? { status: 'blocked' as const } : {}),
          },
          event: {
            actor: actor.userEntityRef,
            type: 'signoff.decided',
            message: `${signOff.role}: ${input.decision}${
              signOff.note ? ` ("${signOff.note}")` : ''
            }${blocks ? '; the rollout is blocked' : ''}`,
            data: {
              signOffId,
              role: signOff.role,
              decision: input.decision,
              note: signOff.note,
              ...(blocks ? { from: rollout.status, to: 'blocked' } : {}),
            },
          },
        };
      },
    });
  }

  /**
   * Records a request for the pending sign-offs of a rollout, in its history
   * and without a new revision, and returns the rows to ask. With no row to
   * ask, nothing is recorded. A final rollout, which has nothing left to
   * sign, is refused (409 `rolloutFinished`).
   */
  async requestSignOffs(
    id: string,
    actor: string,
  ): Promise<{ rollout: Rollout; rows: SignOff[] }> {
    const rollout = await loadChangeableRollout(this.store, id);
    const rows = signOffsToRequest(rollout.checklist.signOffs);
    if (rows.length) {
      await this.store.appendEvent({
        rolloutId: id,
        event: {
          actor,
          type: 'signoff.requested',
          message: `Asked for sign-off: ${rows
            .map(row => `${row.role} (${row.signers.join(', ')})`)
            .join('; ')}`,
          data: {
            requested: rows.map(row => ({
              signOffId: row.id,
              role: row.role,
              signers: row.signers,
            })),
          },
        },
      });
    }
    return { rollout, rows };
  }

  /**
   * Moves a rollout to another status, as the transitions and the rules
   * allow. A `replay` of history recorded elsewhere (the demo data) is not
   * held to the start rule, which judged it there.
   */
  async setStatus(
    id: string,
    input: { expectedRevision: number; status: RolloutStatus; reason?: string },
    actor: string,
    options: { replay?: boolean } = {},
  ): Promise<Rollout> {
    const rollout = await loadChangeableRollout(
      this.store,
      id,
      input.expectedRevision,
    );
    assertTransition(rollout.status, input.status, rollout.checklist, {
      rules: options.replay
        ? {
            ...defaultRunbookRules,
            ...this.options.rules,
            startNeedsPreflight: false,
          }
        : this.options.rules,
    });
    return this.store.updateRollout({
      id,
      expectedRevision: input.expectedRevision,
      changes: { status: input.status },
      event: {
        actor,
        type: 'rollout.status',
        message: `Status ${rollout.status} → ${input.status}${
          input.reason ? `: ${input.reason}` : ''
        }`,
        data: { from: rollout.status, to: input.status, reason: input.reason },
      },
    });
  }
}

function defaultTitle(checklist: Checklist): string {
  return checklist.stage
    ? `Stage ${checklist.stage} · ${checklist.title}`
    : checklist.title;
}

/** Freezes a value and everything in it. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) {
      deepFreeze(child);
    }
  }
  return value;
}
