import { NotFoundError } from '@backstage/errors';
import {
  Checklist,
  ChecklistInput,
  Rollout,
  RolloutEvent,
  RolloutPage,
  RolloutStatus,
  SignOffActor,
  SignOffDecision,
  SignOff,
  normalizeChecklist,
  printChecklist,
  rolloutTransitions,
  signOffsToRequest,
} from '@rollout/backstage-plugin-rollout-common';
import {
  EntityCatalogInfo,
  ListRolloutSummariesOptions,
  NewRollout,
  RolloutStore,
} from '../database/RolloutStore';
import { RolloutConflictError } from '../errors';
import { applyChecklistEdit, withoutAttribution } from '../logic/edit';
import { decideSignOff } from '../logic/signOffs';
import { assertTransition } from '../logic/status';
import { loadRollout } from './loadRollout';
import { normalizeEntityRef } from './validation';

/** A new rollout as the service takes it, already validated. */
export type CreateRolloutInput = {
  entityRef: string;
  version: string;
  previousVersion?: string;
  title?: string;
  releaseNotesUrl?: string;
  checklist: ChecklistInput;
};

/** An edit as the service takes it, already validated. */
export type UpdateRolloutInput = {
  expectedRevision: number;
  title?: string;
  previousVersion?: string | null;
  releaseNotesUrl?: string | null;
  checklist?: Partial<ChecklistInput>;
};

/**
 * The rules of rollouts, between the operations and the store: which
 * changes are allowed and what each records. Who may make them is the
 * operations' business.
 */
export class RolloutService {
  constructor(private readonly store: RolloutStore) {}

  /**
   * The rollout to store for a validated request: normalized checklist,
   * default title, the owner and system the catalog gave. Nothing is
   * written.
   */
  prepare(
    input: CreateRolloutInput,
    actor: string,
    info: EntityCatalogInfo = {},
  ): NewRollout {
    const checklist = withoutAttribution(normalizeChecklist(input.checklist));
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

  /** Stores a prepared rollout with its `rollout.created` event. */
  async create(rollout: NewRollout): Promise<Rollout> {
    const { checklist } = rollout;
    return this.store.createRollout(rollout, {
      actor: rollout.createdBy,
      type: 'rollout.created',
      message: `Created the rollout of ${rollout.version} with ${checklist.steps.length} steps, ${checklist.preflightChecks.length} pre-flight checks and ${checklist.signOffs.length} sign-offs`,
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

  async get(id: string): Promise<Rollout> {
    return loadRollout(this.store, id);
  }

  async markdown(id: string): Promise<string> {
    return printChecklist((await this.get(id)).checklist);
  }

  async events(id: string): Promise<RolloutEvent[]> {
    await this.get(id);
    return this.store.listEvents(id);
  }

  async update(
    id: string,
    input: UpdateRolloutInput,
    actor: string,
  ): Promise<Rollout> {
    const rollout = await loadRollout(this.store, id, input.expectedRevision);
    const changed: string[] = [];
    let checklist: Checklist | undefined;
    let resetRoles: string[] = [];
    if (input.checklist) {
      const edit = applyChecklistEdit(rollout.checklist, input.checklist);
      checklist = edit.checklist;
      resetRoles = edit.resetRoles;
      changed.push(...edit.changedSections);
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
    const reset = resetRoles.length
      ? `; the runbook changed, so the approvals of ${resetRoles.join(
          ', ',
        )} are pending again`
      : '';
    return this.store.updateRollout({
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
          ? `Edited ${changed.join(', ')}${reset}`
          : 'Saved without changes',
        data: { changed, resetRoles },
      },
    });
  }

  async setPreflightCheck(
    id: string,
    checkId: string,
    input: { expectedRevision: number; checked: boolean },
    actor: string,
  ): Promise<Rollout> {
    const rollout = await loadRollout(this.store, id, input.expectedRevision);
    const check = rollout.checklist.preflightChecks.find(c => c.id === checkId);
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
    return this.store.updateRollout({
      id,
      expectedRevision: input.expectedRevision,
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
    });
  }

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
    const rollout = await loadRollout(this.store, id, input.expectedRevision);
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
    return this.store.updateRollout({
      id,
      expectedRevision: input.expectedRevision,
      changes: { checklist, ...(blocks ? { status: 'blocked' as const } : {}) },
      event: {
        actor: actor.userEntityRef,
        type: 'signoff.decided',
        message: `${signOff.role}: ${input.decision}${
          signOff.note ? ` ("${signOff.note}")` : ''
        }${blocks ? '; the rollout is blocked' : ''}`,
        data: {
          signOffId,
          decision: input.decision,
          note: signOff.note,
          ...(blocks ? { from: rollout.status, to: 'blocked' } : {}),
        },
      },
    });
  }

  /**
   * Records a request for the pending sign-offs of a rollout, in its history
   * and without a new revision, and returns the rows to ask. A final
   * rollout (completed, rolled back) has nothing left to sign: a 409 with
   * reason `transitionRefused`, as for any change its status refuses. With
   * no row to ask, nothing is recorded.
   */
  async requestSignOffs(
    id: string,
    actor: string,
  ): Promise<{ rollout: Rollout; rows: SignOff[] }> {
    const rollout = await loadRollout(this.store, id);
    if (rolloutTransitions[rollout.status].length === 0) {
      throw new RolloutConflictError(
        'transitionRefused',
        `Rollout '${id}' is ${rollout.status}: there is no sign-off left to request`,
      );
    }
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

  async setStatus(
    id: string,
    input: { expectedRevision: number; status: RolloutStatus; reason?: string },
    actor: string,
  ): Promise<Rollout> {
    const rollout = await loadRollout(this.store, id, input.expectedRevision);
    assertTransition(rollout.status, input.status, rollout.checklist);
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
