import { NotImplementedError } from '@backstage/errors';
import {
  AnnouncementAudience,
  AnnouncementDraft,
  SendAnnouncementRequest,
  SendAnnouncementResponse,
  Checklist,
  ChecklistInput,
  ConfirmStepRequest,
  CreateRolloutRequest,
  CreateRolloutResponse,
  DecideSignOffRequest,
  ListRolloutsQuery,
  MarkCriterionRequest,
  RequestSignOffsResponse,
  Rollout,
  RolloutEvent,
  RolloutGates,
  RolloutPage,
  RunStepRequest,
  RunStepResponse,
  SetCommunicationItemRequest,
  SetPreflightCheckRequest,
  SetRolloutStatusRequest,
  SkipStepRequest,
  StepLogResponse,
  ReopenStepRequest,
  UpdateRolloutRequest,
  UpdateRolloutResponse,
  completionBlockers,
  finalRolloutRefusal,
  isRunnableStep,
  mayTransition,
  normalizeChecklist,
  parseChecklist,
  printChecklist,
  readChecklist,
  rolloutTransitions,
  signOffsToRequest,
  stepRunRefusal,
} from '@rollout/backstage-plugin-rollout-common';
import { ImportRolloutRequest, RolloutApi } from '../api';
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
 * records it without a new revision; nobody is notified. Rollouts are
 * created as drafts (a second rollout of a version is refused with the
 * backend's 409) and edited as the backend edits them: see
 * {@link applyChecklistEdit}. Manual steps are marked done in the
 * runbook's order unless a reason is given, by the shared rules. Steps do
 * not run: there is no scaffolder.
 */
export class InMemoryRolloutApi implements RolloutApi {
  private readonly rollouts: Promise<Map<string, Rollout>>;
  private readonly events = new Map<string, RolloutEvent[]>();
  private readonly gates = new Map<string, RolloutGates>();
  private readonly blocks = new Map<string, RolloutGates['blockedBy']>();
  private readonly actor: string;
  /** The audiences of `rollout.communication.audiences`, as a test sets them. */
  audiences: AnnouncementAudience[] = [];
  /** Every announcement sent, in order. */
  readonly sentAnnouncements: Array<{
    id: string;
    itemId: string;
    request: SendAnnouncementRequest;
    recipients: string[];
  }> = [];
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
              data: createdData(rollout),
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

  async createRollout(
    request: CreateRolloutRequest,
  ): Promise<CreateRolloutResponse> {
    const rollouts = await this.rollouts;
    const entityRef = lower(request.entityRef);
    const taken = [...rollouts.values()].some(
      rollout =>
        lower(rollout.entityRef) === entityRef &&
        rollout.version === request.version,
    );
    if (taken) {
      throw await responseError(409, 'Conflict', {
        name: 'ConflictError',
        reason: 'duplicate',
        message: `A rollout of '${entityRef}' version '${request.version}' already exists`,
      });
    }
    const checklist = await validChecklist(() =>
      normalizeChecklist(request.checklist),
    );
    const now = new Date().toISOString();
    const name = entityRef.slice(entityRef.indexOf('/') + 1);
    let id = `${name}-${request.version}`;
    for (let n = 2; rollouts.has(id); n++) {
      id = `${name}-${request.version}-${n}`;
    }
    const rollout: Rollout = {
      id,
      entityRef,
      version: request.version,
      ...(request.previousVersion
        ? { previousVersion: request.previousVersion }
        : {}),
      title:
        request.title ??
        (checklist.stage
          ? `Stage ${checklist.stage} · ${checklist.title}`
          : checklist.title),
      status: 'draft',
      revision: 1,
      ...(request.releaseNotesUrl
        ? { releaseNotesUrl: request.releaseNotesUrl }
        : {}),
      checklist,
      createdBy: this.actor,
      createdAt: now,
      updatedAt: now,
    };
    rollouts.set(id, rollout);
    this.record(rollout, {
      actor: this.actor,
      type: 'rollout.created',
      message: `Created the rollout of ${rollout.version} with ${checklist.steps.length} steps, ${checklist.preflightChecks.length} pre-flight checks and ${checklist.signOffs.length} sign-offs`,
      data: createdData(rollout),
      createdAt: now,
    });
    return { ...rollout, warnings: [] };
  }

  /**
   * As the backend, but with no catalog: a signer named by handle, name or
   * email is left out with a warning.
   */
  async importRollout(
    request: ImportRolloutRequest,
  ): Promise<CreateRolloutResponse> {
    const { markdown, strict, ...rest } = request;
    const reading = await validChecklist(() => readChecklist(markdown));
    const warnings = [
      ...reading.warnings,
      ...reading.signerNames.map(({ line, name, role }) => ({
        line,
        message: `the signer "${name}" of "${role}" is left out: the in-memory API has no catalog`,
      })),
    ].sort((a, b) => a.line - b.line);
    if (strict && warnings.length) {
      throw await responseError(400, 'Bad Request', {
        name: 'InputError',
        message: `strict: the checklist was not created, as reading it needed ${
          warnings.length
        } guess(es): ${warnings
          .map(warning => `line ${warning.line}: ${warning.message}`)
          .join('; ')}`,
      });
    }
    const created = await this.createRollout({
      ...rest,
      checklist: reading.checklist,
    });
    return { ...created, warnings };
  }

  async updateRollout(
    id: string,
    request: UpdateRolloutRequest,
  ): Promise<UpdateRolloutResponse> {
    const rollout = await this.current(id, request.expectedRevision);
    const sections = request.checklist;
    const { checklist, changed, resetRoles } = sections
      ? await validChecklist(() =>
          applyChecklistEdit(rollout.checklist, sections),
        )
      : {
          checklist: rollout.checklist,
          changed: [] as string[],
          resetRoles: [],
        };
    let edited: Rollout = { ...rollout, checklist };
    for (const field of [
      'title',
      'previousVersion',
      'releaseNotesUrl',
    ] as const) {
      const value = request[field];
      if (value === undefined || value === (rollout[field] ?? null)) {
        continue;
      }
      changed.push(field);
      const { [field]: _old, ...rest } = edited;
      edited = (value === null ? rest : { ...rest, [field]: value }) as Rollout;
    }
    return this.saveEdit(edited, { changed, resetRoles });
  }

  async updateRolloutMarkdown(
    id: string,
    request: { expectedRevision: number; markdown: string },
  ): Promise<UpdateRolloutResponse> {
    // The backend reads the document before it looks at the revision.
    const parsed = await validChecklist(() => parseChecklist(request.markdown));
    const rollout = await this.current(id, request.expectedRevision);
    const { checklist, changed, resetRoles } = applyChecklistEdit(
      rollout.checklist,
      parsed,
    );
    return this.saveEdit({ ...rollout, checklist }, { changed, resetRoles });
  }

  private async saveEdit(
    rollout: Rollout,
    edit: { changed: string[]; resetRoles: string[] },
  ): Promise<UpdateRolloutResponse> {
    const reset = edit.resetRoles.length
      ? `; the approvals of ${edit.resetRoles.join(', ')} are pending again`
      : '';
    const saved = await this.save(rollout, {
      type: 'rollout.edited',
      message: edit.changed.length
        ? `Edited ${edit.changed.join(', ')}${reset}`
        : 'Saved without changes',
    });
    return { ...saved, edit };
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
    const rollout = await this.current(id);
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

  async getAnnouncement(
    id: string,
    itemId: string,
  ): Promise<AnnouncementDraft> {
    const rollout = await this.getRollout(id);
    const item = await this.communicationItem(rollout, itemId);
    const name = rollout.entityRef.split('/').pop();
    return {
      itemId,
      subject: `Release ${rollout.version} of ${name}`,
      body: `**${name} ${rollout.version}** is ${rollout.status}.\n\n${item.text}`,
      stakeholders: [
        ...new Set([
          ...rollout.checklist.signOffs.flatMap(row => row.signers),
          ...(rollout.ownerRef ? [rollout.ownerRef] : []),
        ]),
      ],
      audiences: this.audiences,
      channels: ['web', 'email'],
      ...(item.sent ? { lastSent: item.sent } : {}),
    };
  }

  /**
   * Sends to the refs given, as if each were one person; refuses an item
   * sent before without `resend`, as the backend does.
   */
  async sendAnnouncement(
    id: string,
    itemId: string,
    request: SendAnnouncementRequest,
  ): Promise<SendAnnouncementResponse> {
    const rollout = await this.current(id, request.expectedRevision);
    const item = await this.communicationItem(rollout, itemId);
    if (item.sent && !request.resend) {
      throw await responseError(409, 'Conflict', {
        name: 'ConflictError',
        reason: 'alreadySent',
        message: `"${item.text}" was sent on ${item.sent.at} by ${item.sent.by} to ${item.sent.recipients} people; send it again with resend`,
      });
    }
    const draft = await this.getAnnouncement(id, itemId);
    const recipients = [
      ...new Set([
        ...(request.stakeholders ? draft.stakeholders : []),
        ...(request.audiences ?? []).flatMap(
          name => this.audiences.find(a => a.name === name)?.entityRefs ?? [],
        ),
        ...(request.entityRefs ?? []),
      ]),
    ].sort();
    this.sentAnnouncements.push({ id, itemId, request, recipients });
    const at = new Date().toISOString();
    const saved = await this.save(
      {
        ...rollout,
        checklist: {
          ...rollout.checklist,
          communication: rollout.checklist.communication.map(c =>
            c.id === itemId
              ? {
                  ...c,
                  done: true,
                  doneBy: this.actor,
                  doneAt: at,
                  sent: { at, by: this.actor, recipients: recipients.length },
                }
              : c,
          ),
        },
      },
      {
        type: 'communication.sent',
        message: `Sent "${item.text}" to ${recipients.length} people by web, email`,
      },
    );
    return {
      rollout: saved,
      recipients,
      channels: [
        { channel: 'web', status: 'sent' },
        { channel: 'email', status: 'handedOff' },
      ],
    };
  }

  private async communicationItem(rollout: Rollout, itemId: string) {
    const item = rollout.checklist.communication.find(c => c.id === itemId);
    if (!item) {
      throw await responseError(404, 'Not Found', {
        name: 'NotFoundError',
        message: `No communication item with id '${itemId}'`,
      });
    }
    return item;
  }

  async runStep(
    _id: string,
    _stepId: string,
    _request?: RunStepRequest,
  ): Promise<RunStepResponse> {
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
    if (isRunnableStep(step)) {
      throw await responseError(409, 'Conflict', {
        name: 'ConflictError',
        reason: 'stepNotRunnable',
        message: `Step ${step.number} runs as a task: run it rather than marking it done`,
      });
    }
    const refusal = stepRunRefusal(rollout, step);
    if (refusal && !(refusal.overridable && request.outOfOrderReason)) {
      throw await responseError(409, 'Conflict', {
        name: 'ConflictError',
        reason: refusal.reason,
        message: refusal.message,
      });
    }
    const outOfOrder = refusal
      ? `, out of order: ${request.outOfOrderReason}`
      : '';
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
        message: `Step ${step.number} succeeded (marked done${outOfOrder})${
          request.note ? `: ${request.note}` : ''
        }`,
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

  async reopenStep(
    id: string,
    stepId: string,
    request: ReopenStepRequest,
  ): Promise<Rollout> {
    return this.setStepStatus(id, stepId, request.expectedRevision, {
      status: 'pending',
      message: number => `Reopened step ${number}`,
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
        type: `step.${options.status === 'skipped' ? 'skipped' : 'reopened'}`,
        message: options.message(step.number),
      },
    );
  }

  async getStepLog(): Promise<StepLogResponse> {
    return { lines: [], truncated: false };
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

  /**
   * The rollout, to change: refused when final (as the backend does), then
   * when the caller has not seen its latest revision.
   */
  private async current(id: string, expectedRevision?: number) {
    const rollout = await this.getRollout(id);
    const refusal = finalRolloutRefusal(rollout);
    if (refusal) {
      throw await responseError(409, 'Conflict', {
        name: 'ConflictError',
        ...refusal,
      });
    }
    if (
      expectedRevision !== undefined &&
      rollout.revision !== expectedRevision
    ) {
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
    event: Pick<RolloutEvent, 'actor' | 'type' | 'message' | 'createdAt'> &
      Partial<Pick<RolloutEvent, 'data'>>,
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

/** The data of `rollout.created`, as the backend writes it. */
function createdData(rollout: Rollout): Record<string, unknown> {
  const { checklist } = rollout;
  return {
    version: rollout.version,
    steps: checklist.steps.length,
    preflightChecks: checklist.preflightChecks.length,
    signOffs: checklist.signOffs.length,
  };
}

/** The sections of a checklist whose items have ids and may have run state. */
type ItemSection =
  | 'steps'
  | 'rollbackCriteria'
  | 'migrationGuide'
  | 'preflightChecks'
  | 'signOffs'
  | 'metrics'
  | 'alerts'
  | 'communication';

/**
 * The fields of each section's items that record what happened during the
 * rollout rather than what the document says, as the backend keeps them.
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

type Item = Record<string, unknown>;

function pick(item: Item, keys: readonly string[], keep: boolean): Item {
  return Object.fromEntries(
    Object.entries(item).filter(([key]) => keys.includes(key) === keep),
  );
}

/** What the document says of a checklist, without any run state. */
function documentOf(checklist: Partial<ChecklistInput>): Item {
  const result: Item = { ...checklist };
  for (const section of itemSections) {
    const items = checklist[section] as Item[] | undefined;
    if (items) {
      result[section] = items.map(item =>
        pick(item, stateKeys[section], false),
      );
    }
  }
  return result;
}

/** JSON with the keys of every object sorted, to compare values by. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, nested) =>
    nested && typeof nested === 'object' && !Array.isArray(nested)
      ? Object.fromEntries(
          Object.entries(nested).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : nested,
  );
}

/**
 * The backend's edit rule, simplified: the sections of `edit` replace the
 * checklist's; items keep their run state by id and new items start fresh.
 * A changed runbook (steps or rollback criteria) resets approved sign-offs
 * to pending, since the approvers approved something else, and so does a
 * change of a row's signers. Answers the checklist, the sections that
 * changed and the roles whose approval was reset.
 */
function applyChecklistEdit(
  current: Checklist,
  edit: Partial<ChecklistInput>,
): { checklist: Checklist; changed: string[]; resetRoles: string[] } {
  const before = documentOf(current);
  const edited = normalizeChecklist({
    ...before,
    ...documentOf(edit),
  } as ChecklistInput);
  const merged: Item = { ...edited };
  for (const section of itemSections) {
    const previous = new Map(
      (current[section] as Item[]).map(item => [item.id, item]),
    );
    merged[section] = (edited[section] as Item[]).map(item => {
      const old = previous.get(item.id);
      return old ? { ...item, ...pick(old, stateKeys[section], true) } : item;
    });
  }
  const checklist = merged as Checklist;
  const after = documentOf(checklist);
  const changed = [
    ...new Set([...Object.keys(before), ...Object.keys(after)]),
  ].filter(key => canonical(before[key]) !== canonical(after[key]));

  const signersOf = new Map(
    current.signOffs.map(row => [row.id, canonical([...row.signers].sort())]),
  );
  const runbookChanged =
    changed.includes('steps') || changed.includes('rollbackCriteria');
  const reset = checklist.signOffs.filter(row =>
    signersOf.has(row.id) &&
    signersOf.get(row.id) !== canonical([...row.signers].sort())
      ? row.decision !== 'pending'
      : runbookChanged && row.decision === 'approved',
  );
  const resetIds = new Set(reset.map(row => row.id));
  return {
    checklist: {
      ...checklist,
      signOffs: checklist.signOffs.map(row => {
        if (!resetIds.has(row.id)) {
          return row;
        }
        const { decidedBy: _by, decidedAt: _at, ...rest } = row;
        return { ...rest, decision: 'pending' as const };
      }),
    },
    changed,
    resetRoles: reset.map(row => row.role),
  };
}

/**
 * The checklist `read` gives, or the backend's 400 when the document or
 * object is not a valid checklist.
 */
async function validChecklist<T>(read: () => T): Promise<T> {
  try {
    return read();
  } catch (e) {
    const error = e as Error;
    throw await responseError(400, 'Bad Request', {
      name: 'InputError',
      message:
        error.name === 'ChecklistParseError'
          ? `Invalid checklist: ${error.message}`
          : error.message,
    });
  }
}
