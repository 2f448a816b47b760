import { NotImplementedError } from '@backstage/errors';
import {
  ConfirmStepRequest,
  DecideSignOffRequest,
  ListRolloutsQuery,
  MarkCriterionRequest,
  RequestSignOffsResponse,
  Rollout,
  RolloutEvent,
  RolloutGates,
  RolloutPage,
  RunStepResponse,
  SetCommunicationItemRequest,
  SetPreflightCheckRequest,
  SetRolloutStatusRequest,
  SkipStepRequest,
  UnskipStepRequest,
  completionBlockers,
  mayTransition,
  printChecklist,
  rolloutTransitions,
  signOffsToRequest,
} from '@rollout/backstage-plugin-rollout-common';
import { RolloutApi } from '../api';
import { criterionMetric, demoGates } from './demoGates';
import { responseError } from './responseError';
import { summaryOf } from './seedRollout';

const lower = (value: string) => value.toLocaleLowerCase('en-US');

/**
 * A {@link RolloutApi} that keeps its rollouts in memory, for the dev app and
 * for tests that need an API that behaves rather than one that is scripted.
 * Ticking a check and deciding a sign-off change the rollout, bump its
 * revision and add to its history; a stale `expectedRevision` is refused
 * with a 409 as the backend does. Status changes follow the backend's
 * transitions, and completing is refused with the backend's 409 while
 * anything holds the rollout up. Gates are made up by {@link demoGates}
 * unless a test sets them; marking a criterion `triggered` blocks a rollout
 * in progress. Requesting sign-off asks the rows the backend would and
 * records it without a new revision; nobody is notified. Creating and
 * editing rollouts is not supported.
 */
export class InMemoryRolloutApi implements RolloutApi {
  private readonly rollouts: Promise<Map<string, Rollout>>;
  private readonly events = new Map<string, RolloutEvent[]>();
  private readonly gates = new Map<string, RolloutGates>();
  private readonly blocks = new Map<string, RolloutGates['blockedBy']>();
  private readonly actor: string;
  private lastEventId = 0;

  /**
   * @param rollouts - the rollouts to start with; a promise lets the dev app
   * load its seed document without holding up the app.
   * @param options - `actor` is who the changes are attributed to.
   */
  constructor(
    rollouts: Rollout[] | Promise<Rollout[]>,
    options?: { actor?: string },
  ) {
    this.actor = options?.actor ?? 'user:default/guest';
    this.rollouts = Promise.resolve(rollouts).then(
      list =>
        new Map(
          list.map(rollout => {
            this.record(rollout, {
              actor: rollout.createdBy,
              type: 'rollout.created',
              message: `Created the rollout of ${rollout.version}`,
              createdAt: rollout.createdAt,
            });
            return [rollout.id, rollout];
          }),
        ),
    );
  }

  async listRollouts(query: ListRolloutsQuery = {}): Promise<RolloutPage> {
    const items = [...(await this.rollouts).values()]
      .filter(
        rollout =>
          !query.entityRef ||
          lower(rollout.entityRef) === lower(query.entityRef),
      )
      .filter(rollout => !query.status || rollout.status === query.status)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, query.limit ?? 50)
      .map(summaryOf);
    return { items };
  }

  async getRollout(id: string): Promise<Rollout> {
    const rollout = (await this.rollouts).get(id);
    if (!rollout) {
      throw await responseError(404, 'Not Found', {
        name: 'NotFoundError',
        message: `No rollout with id '${id}'`,
      });
    }
    return rollout;
  }

  async getRolloutMarkdown(id: string): Promise<string> {
    return printChecklist((await this.getRollout(id)).checklist);
  }

  async getRolloutEvents(id: string): Promise<RolloutEvent[]> {
    await this.getRollout(id);
    return [...(this.events.get(id) ?? [])];
  }

  async createRollout(): Promise<Rollout> {
    throw new NotImplementedError('The in-memory rollout API cannot create');
  }

  async importRollout(): Promise<Rollout> {
    throw new NotImplementedError('The in-memory rollout API cannot import');
  }

  async updateRollout(): Promise<Rollout> {
    throw new NotImplementedError('The in-memory rollout API cannot edit');
  }

  async setRolloutStatus(
    id: string,
    request: SetRolloutStatusRequest,
  ): Promise<Rollout> {
    const rollout = await this.current(id, request.expectedRevision);
    const from = rollout.status;
    const to = request.status;
    if (!mayTransition(from, to)) {
      const allowed = rolloutTransitions[from];
      throw await responseError(409, 'Conflict', {
        name: 'ConflictError',
        reason: 'transitionRefused',
        message: `A rollout cannot go from '${from}' to '${to}'; from '${from}' it may go to ${
          allowed.length ? allowed.map(s => `'${s}'`).join(', ') : 'nothing'
        }`,
      });
    }
    const blockers =
      to === 'completed' ? completionBlockers(rollout.checklist) : [];
    if (blockers.length) {
      throw await responseError(409, 'Conflict', {
        name: 'ConflictError',
        reason: 'completionBlocked',
        message: `The rollout cannot be completed: ${blockers.join('. ')}`,
      });
    }
    // Only a gate's block is reported by the gates; this one is the user's.
    this.blocks.delete(id);
    return this.save(
      { ...rollout, status: to },
      {
        type: 'rollout.status',
        message: `Status ${from} → ${to}${
          request.reason ? `: ${request.reason}` : ''
        }`,
      },
    );
  }

  async requestSignOffs(id: string): Promise<RequestSignOffsResponse> {
    const rollout = await this.getRollout(id);
    if (rolloutTransitions[rollout.status].length === 0) {
      throw await responseError(409, 'Conflict', {
        name: 'ConflictError',
        reason: 'transitionRefused',
        message: `Rollout '${id}' is ${rollout.status}: there is no sign-off left to request`,
      });
    }
    const rows = signOffsToRequest(rollout.checklist.signOffs);
    if (rows.length) {
      this.record(rollout, {
        actor: this.actor,
        type: 'signoff.requested',
        message: `Asked for sign-off: ${rows
          .map(row => `${row.role} (${row.signers.join(', ')})`)
          .join('; ')}`,
        createdAt: new Date().toISOString(),
      });
    }
    return {
      requested: rows.map(row => ({
        signOffId: row.id,
        role: row.role,
        signers: row.signers,
      })),
    };
  }

  async runStep(): Promise<RunStepResponse> {
    throw new NotImplementedError(
      'The in-memory rollout API has no scaffolder to run steps with',
    );
  }

  async confirmStep(
    id: string,
    stepId: string,
    request: ConfirmStepRequest,
  ): Promise<Rollout> {
    const rollout = await this.current(id, request.expectedRevision);
    const step = rollout.checklist.steps.find(s => s.id === stepId);
    if (!step) {
      throw await responseError(404, 'Not Found', {
        name: 'NotFoundError',
        message: `No step with id '${stepId}'`,
      });
    }
    return this.save(
      {
        ...rollout,
        checklist: {
          ...rollout.checklist,
          steps: rollout.checklist.steps.map(s =>
            s.id === stepId
              ? {
                  ...s,
                  status: 'succeeded' as const,
                  ...(request.note ? { summary: request.note } : {}),
                  updatedBy: this.actor,
                  updatedAt: new Date().toISOString(),
                }
              : s,
          ),
        },
      },
      {
        type: 'step.succeeded',
        message: `Step ${step.number} succeeded (marked done)`,
      },
    );
  }

  async skipStep(
    id: string,
    stepId: string,
    request: SkipStepRequest,
  ): Promise<Rollout> {
    return this.setStepStatus(id, stepId, request.expectedRevision, {
      status: 'skipped',
      summary: request.reason,
      message: number => `Skipped step ${number}: ${request.reason}`,
    });
  }

  async unskipStep(
    id: string,
    stepId: string,
    request: UnskipStepRequest,
  ): Promise<Rollout> {
    return this.setStepStatus(id, stepId, request.expectedRevision, {
      status: 'pending',
      message: number => `Undid the skip of step ${number}`,
    });
  }

  private async setStepStatus(
    id: string,
    stepId: string,
    expectedRevision: number,
    options: {
      status: 'skipped' | 'pending';
      summary?: string;
      message: (stepNumber: number) => string;
    },
  ): Promise<Rollout> {
    const rollout = await this.current(id, expectedRevision);
    const step = rollout.checklist.steps.find(s => s.id === stepId);
    if (!step) {
      throw await responseError(404, 'Not Found', {
        name: 'NotFoundError',
        message: `No step with id '${stepId}'`,
      });
    }
    const { summary: _summary, ...rest } = step;
    return this.save(
      {
        ...rollout,
        checklist: {
          ...rollout.checklist,
          steps: rollout.checklist.steps.map(s =>
            s.id === stepId
              ? {
                  ...rest,
                  status: options.status,
                  ...(options.summary ? { summary: options.summary } : {}),
                  updatedBy: this.actor,
                  updatedAt: new Date().toISOString(),
                }
              : s,
          ),
        },
      },
      {
        type: `step.${options.status === 'skipped' ? 'skipped' : 'unskipped'}`,
        message: options.message(step.number),
      },
    );
  }

  async getStepLog(): Promise<{ taskId?: string; lines: string[] }> {
    return { lines: [] };
  }

  async setPreflightCheck(
    id: string,
    checkId: string,
    request: SetPreflightCheckRequest,
  ): Promise<Rollout> {
    const rollout = await this.current(id, request.expectedRevision);
    const check = rollout.checklist.preflightChecks.find(c => c.id === checkId);
    if (!check) {
      throw await responseError(404, 'Not Found', {
        name: 'NotFoundError',
        message: `No pre-flight check with id '${checkId}'`,
      });
    }
    const now = new Date().toISOString();
    const { checkedBy, checkedAt, ...rest } = check;
    const updated = request.checked
      ? { ...rest, checked: true, checkedBy: this.actor, checkedAt: now }
      : { ...rest, checked: false };
    return this.save(
      {
        ...rollout,
        checklist: {
          ...rollout.checklist,
          preflightChecks: rollout.checklist.preflightChecks.map(c =>
            c.id === checkId ? updated : c,
          ),
        },
      },
      {
        type: request.checked ? 'preflight.checked' : 'preflight.unchecked',
        message: `${
          request.checked ? 'Checked' : 'Unchecked'
        } pre-flight check "${check.text}"`,
      },
    );
  }

  async setCommunicationItem(
    id: string,
    itemId: string,
    request: SetCommunicationItemRequest,
  ): Promise<Rollout> {
    const rollout = await this.current(id, request.expectedRevision);
    const item = rollout.checklist.communication.find(c => c.id === itemId);
    if (!item) {
      throw await responseError(404, 'Not Found', {
        name: 'NotFoundError',
        message: `No communication item with id '${itemId}'`,
      });
    }
    const { doneBy, doneAt, ...rest } = item;
    const updated = request.done
      ? {
          ...rest,
          done: true,
          doneBy: this.actor,
          doneAt: new Date().toISOString(),
        }
      : { ...rest, done: false };
    return this.save(
      {
        ...rollout,
        checklist: {
          ...rollout.checklist,
          communication: rollout.checklist.communication.map(c =>
            c.id === itemId ? updated : c,
          ),
        },
      },
      {
        type: request.done ? 'communication.done' : 'communication.undone',
        message: `Marked communication item "${item.text}" ${
          request.done ? 'done' : 'not done'
        }`,
      },
    );
  }

  async decideSignOff(
    id: string,
    signOffId: string,
    request: DecideSignOffRequest,
  ): Promise<Rollout> {
    const rollout = await this.current(id, request.expectedRevision);
    const row = rollout.checklist.signOffs.find(s => s.id === signOffId);
    if (!row) {
      throw await responseError(404, 'Not Found', {
        name: 'NotFoundError',
        message: `No sign-off with id '${signOffId}'`,
      });
    }
    const now = new Date().toISOString();
    const { decidedBy, decidedAt, ...rest } = row;
    const note = request.note ?? row.note;
    const updated =
      request.decision === 'pending'
        ? { ...rest, decision: request.decision, note }
        : {
            ...rest,
            decision: request.decision,
            note,
            decidedBy: this.actor,
            decidedAt: now,
          };
    return this.save(
      {
        ...rollout,
        checklist: {
          ...rollout.checklist,
          signOffs: rollout.checklist.signOffs.map(s =>
            s.id === signOffId ? updated : s,
          ),
        },
      },
      {
        type: 'signoff.decided',
        message: `${row.role}: ${request.decision}${
          note ? ` ("${note}")` : ''
        }`,
      },
    );
  }

  /** Makes `getGates` answer `gates` for the rollout from now on. */
  setGates(id: string, gates: RolloutGates) {
    this.gates.set(id, gates);
  }

  async getGates(id: string): Promise<RolloutGates> {
    const rollout = await this.getRollout(id);
    return (
      this.gates.get(id) ??
      demoGates(rollout, {
        blockedBy:
          rollout.status === 'blocked' ? this.blocks.get(id) : undefined,
      })
    );
  }

  async markCriterion(
    id: string,
    criterionId: string,
    request: MarkCriterionRequest,
  ): Promise<Rollout> {
    const rollout = await this.current(id, request.expectedRevision);
    const criterion = rollout.checklist.rollbackCriteria.find(
      c => c.id === criterionId,
    );
    if (!criterion) {
      throw await responseError(404, 'Not Found', {
        name: 'NotFoundError',
        message: `No rollback criterion with id '${criterionId}'`,
      });
    }
    if (
      criterion.query ||
      criterionMetric(criterion, rollout.checklist.metrics)
    ) {
      throw await responseError(400, 'Bad Request', {
        name: 'InputError',
        message: `Rollback criterion '${criterionId}' is evaluated from its query, not marked`,
      });
    }
    const now = new Date().toISOString();
    const blocks =
      request.state === 'triggered' && rollout.status === 'in_progress';
    const message = `criterion "${criterion.text}" triggered`;
    if (blocks) {
      this.blocks.set(id, { message, at: now });
    }
    return this.save(
      {
        ...rollout,
        status: blocks ? 'blocked' : rollout.status,
        checklist: {
          ...rollout.checklist,
          rollbackCriteria: rollout.checklist.rollbackCriteria.map(c =>
            c.id === criterionId
              ? {
                  ...c,
                  state: request.state,
                  markedBy: this.actor,
                  markedAt: now,
                }
              : c,
          ),
        },
      },
      {
        type: 'criterion.marked',
        message: `Marked rollback criterion "${criterion.text}" ${
          request.state
        }${blocks ? '; the rollout is blocked' : ''}`,
      },
    );
  }

  /** The rollout, if the caller has seen its latest revision. */
  private async current(id: string, expectedRevision: number) {
    const rollout = await this.getRollout(id);
    if (rollout.revision !== expectedRevision) {
      throw await responseError(409, 'Conflict', {
        name: 'ConflictError',
        reason: 'staleRevision',
        message: `Rollout '${id}' is at revision ${rollout.revision}, not ${expectedRevision}`,
      });
    }
    return rollout;
  }

  private async save(
    rollout: Rollout,
    event: { type: string; message: string },
  ): Promise<Rollout> {
    const now = new Date().toISOString();
    const saved = {
      ...rollout,
      revision: rollout.revision + 1,
      updatedAt: now,
    };
    (await this.rollouts).set(saved.id, saved);
    this.record(saved, { ...event, actor: this.actor, createdAt: now });
    return saved;
  }

  /** Adds an event to the rollout's history, which is kept newest first. */
  private record(
    rollout: Rollout,
    event: Pick<RolloutEvent, 'actor' | 'type' | 'message' | 'createdAt'>,
  ) {
    this.lastEventId += 1;
    this.events.set(rollout.id, [
      {
        ...event,
        id: this.lastEventId,
        rolloutId: rollout.id,
        revision: rollout.revision,
      },
      ...(this.events.get(rollout.id) ?? []),
    ]);
  }
}
