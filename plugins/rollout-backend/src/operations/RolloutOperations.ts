import {
  AuditorService,
  AuditorServiceEventSeverityLevel,
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  InputError,
  NotAllowedError,
} from '@backstage/errors';
import { PermissionRuleset } from '@backstage/plugin-permission-node';
import { JsonObject } from '@backstage/types';
import {
  AnnouncementDraft,
  ChecklistInput,
  ChecklistWarning,
  CreateRolloutResponse,
  ListRolloutsParams,
  RequestSignOffsResponse,
  Rollout,
  RolloutEvent,
  RolloutGates,
  RolloutPage,
  RolloutStatus,
  RunStepResponse,
  SendAnnouncementResponse,
  SignOffDecision,
  UpdateRolloutResponse,
  rolloutCreatePermission,
  rolloutReadPermission,
  rolloutSignOffDecidePermission,
  rolloutSignersUpdatePermission,
  rolloutStepRunPermission,
  rolloutUpdatePermission,
} from '@rollout/backstage-plugin-rollout-common';
import { Request } from 'express';
import { EntityCatalog } from '../catalog/EntityCatalog';
import {
  NewRollout,
  RolloutFilter,
  RolloutStore,
} from '../database/RolloutStore';
import { AnnouncementInput, Announcements } from '../service/Announcements';
import { GatesService } from '../service/GatesService';
import { withNamedSigners } from '../logic/signerNames';
import {
  CreateRolloutInput,
  MarkdownReading,
  RolloutService,
  UpdateRolloutInput,
} from '../service/RolloutService';
import { SignOffNotifier } from '../service/SignOffNotifier';
import { StepRunner } from '../service/StepRunner';
import { readMarkdown } from '../service/readMarkdown';
import { normalizeEntityRef } from '../service/validation';
import { RolloutAuthorizer, RolloutPermission } from './RolloutAuthorizer';

/**
 * Who is asking, as every operation takes it.
 */
export type RolloutCaller = {
  credentials: BackstageCredentials;
  /**
   * The HTTP request the call came in with, when it did: the auditor reads
   * the client's address and agent from it.
   */
  request?: Request<any, any, any, any>;
};

/**
 * Every use case of rollouts, one method each, whatever the entry point
 * (HTTP router, scaffolder actions through the router, the actions
 * registry): each authorizes the caller, runs the rule, has the change and
 * its event written, and records an auditor event that succeeds or fails
 * with it, denials included. Every change passes {@link RolloutOperations.change},
 * which also refuses any change of a final (completed, rolled-back)
 * rollout: 409 `rolloutFinished`.
 */
export class RolloutOperations {
  private readonly service: RolloutService;
  private readonly steps: StepRunner;
  private readonly gates: GatesService;
  private readonly notifier: SignOffNotifier;
  private readonly announcements: Announcements;
  private readonly entities: EntityCatalog;
  private readonly auditor: AuditorService;
  private readonly userInfo: UserInfoService;
  private readonly authorizer: RolloutAuthorizer;

  constructor(options: {
    store: RolloutStore;
    service: RolloutService;
    steps: StepRunner;
    gates: GatesService;
    /** Asks signers for sign-off and tells owners of decisions. */
    notifier: SignOffNotifier;
    /** Sends communication items as announcements. */
    announcements: Announcements;
    /** The catalog's owner and system of released entities. */
    entities: EntityCatalog;
    auditor: AuditorService;
    userInfo: UserInfoService;
    permissions: PermissionsService;
    /** The rules of rollout conditions, from the permissions registry. */
    permissionRules: PermissionRuleset<Rollout, RolloutFilter>;
  }) {
    this.service = options.service;
    this.steps = options.steps;
    this.gates = options.gates;
    this.notifier = options.notifier;
    this.announcements = options.announcements;
    this.entities = options.entities;
    this.auditor = options.auditor;
    this.userInfo = options.userInfo;
    this.authorizer = new RolloutAuthorizer({
      permissions: options.permissions,
      rules: options.permissionRules,
      store: options.store,
    });
  }

  /**
   * Creates a rollout of an entity the catalog has. Needs `rollout.create`,
   * and `rollout.update` on the rollout as it would be: nobody creates what
   * they could not then edit.
   */
  async create(
    caller: RolloutCaller,
    input: CreateRolloutInput,
  ): Promise<CreateRolloutResponse> {
    const meta = { entityRef: input.entityRef, version: input.version };
    return this.audited(caller, 'rollout-create', meta, async actor => {
      const { credentials } = caller;
      await this.authorizer.authorize(credentials, rolloutCreatePermission);
      const entityRef = normalizeEntityRef(input.entityRef, 'entityRef');
      const info = await this.entities.infoOf(entityRef, credentials);
      const { checklist, warnings, unsignedRows } = await this.namedSigners(
        input.checklist,
        input.reading,
        credentials,
      );
      if (input.reading?.strict && warnings.length) {
        throw new InputError(
          `strict: the checklist was not created, as reading it needed ${
            warnings.length
          } guess(es): ${warnings
            .map(warning => `line ${warning.line}: ${warning.message}`)
            .join('; ')}`,
        );
      }
      const rollout = this.service.prepare(
        { ...input, checklist },
        actor,
        info,
        {
          unsignedRows,
        },
      );
      await this.authorizer.authorizeUnsaved(
        credentials,
        rolloutUpdatePermission,
        unsaved(rollout),
      );
      return { ...(await this.service.create(rollout)), warnings };
    });
  }

  /**
   * Creates a rollout from a markdown checklist in any shape the reader
   * knows, as {@link RolloutOperations.create} does; signers named by
   * handle, name or email are looked up in the catalog, and the answer's
   * `warnings` say what the reading guessed. `strict` refuses a document
   * with warnings.
   */
  async importChecklist(
    caller: RolloutCaller,
    fields: Omit<CreateRolloutInput, 'checklist' | 'reading'> & {
      strict?: boolean;
    },
    markdown: unknown,
  ): Promise<CreateRolloutResponse> {
    const { strict, ...rest } = fields;
    const reading = readMarkdown(markdown);
    return this.create(caller, {
      ...rest,
      checklist: reading.checklist,
      reading: {
        warnings: reading.warnings,
        signerNames: reading.signerNames,
        strict: strict ?? false,
      },
    });
  }

  /**
   * The checklist with the signers a markdown document named by handle,
   * name or email looked up in the catalog as the caller sees it, and every
   * warning of the reading, by line.
   */
  private async namedSigners<T extends Partial<ChecklistInput>>(
    checklist: T,
    reading: MarkdownReading | undefined,
    credentials: BackstageCredentials,
  ): Promise<{
    checklist: T;
    warnings: ChecklistWarning[];
    unsignedRows: Set<number>;
  }> {
    if (!reading) {
      return { checklist, warnings: [], unsignedRows: new Set<number>() };
    }
    const resolved = reading.signerNames.length
      ? await this.entities.resolvePeople(
          reading.signerNames.map(({ name }) => name),
          credentials,
        )
      : new Map();
    const named = withNamedSigners(checklist, reading.signerNames, resolved);
    return {
      ...named,
      warnings: [...reading.warnings, ...named.warnings].sort(
        (a, b) => a.line - b.line,
      ),
    };
  }

  /**
   * A page of the summaries of the rollouts the caller may read, filtered,
   * sorted and paged in SQL; `me` in `pendingSignoffBy` and `ownedBy` is the
   * caller's ownership refs.
   */
  async list(
    caller: RolloutCaller,
    query: ListRolloutsParams,
  ): Promise<RolloutPage> {
    return this.audited(
      caller,
      'rollout-fetch',
      { queryType: 'list' },
      async () => {
        const access = await this.authorizer.readAccess(caller.credentials);
        if (!access.allowed) {
          return { items: [] };
        }
        const claims = isUser(caller.credentials)
          ? (await this.userInfo.getUserInfo(caller.credentials))
              .ownershipEntityRefs
          : undefined;
        if ((query.pendingSignoffBy || query.ownedBy) && !claims) {
          throw new InputError(
            "pendingSignoffBy, ownedBy: 'me' needs a signed-in user",
          );
        }
        return this.service.list({
          entityRef: query.entityRef,
          statuses: query.status,
          ownerRef: query.owner,
          systemRef: query.system,
          pendingSignOffBy: query.pendingSignoffBy ? claims : undefined,
          ownedBy: query.ownedBy ? claims : undefined,
          text: query.q,
          signerClaims: claims,
          sort: query.sort,
          limit: query.limit,
          cursor: query.cursor,
          filter: access.filter,
        });
      },
      'low',
    );
  }

  async get(caller: RolloutCaller, id: string): Promise<Rollout> {
    return this.read(caller, id, 'by-id', () => this.service.get(id));
  }

  /** The rollout's checklist as a markdown document. */
  async markdown(caller: RolloutCaller, id: string): Promise<string> {
    return this.read(caller, id, 'markdown', () => this.service.markdown(id));
  }

  /** The rollout's history, newest first. */
  async events(caller: RolloutCaller, id: string): Promise<RolloutEvent[]> {
    return this.read(caller, id, 'events', () => this.service.events(id));
  }

  /** The rollout's gates, evaluated now. */
  async getGates(caller: RolloutCaller, id: string): Promise<RolloutGates> {
    return this.read(caller, id, 'gates', () => this.gates.get(id));
  }

  /** The last lines of a step's task log. */
  async stepLog(caller: RolloutCaller, id: string, stepId: string) {
    return this.read(caller, id, 'step-log', () =>
      this.steps.log(id, stepId, caller.credentials),
    );
  }

  /**
   * Edits a rollout. Needs `rollout.update`, and `rollout.signers.update`
   * too when the edit changes who signs a sign-off row.
   */
  async update(
    caller: RolloutCaller,
    id: string,
    input: UpdateRolloutInput,
  ): Promise<UpdateRolloutResponse> {
    return this.change(
      caller,
      { eventId: 'rollout-update', id, permission: rolloutUpdatePermission },
      async actor => {
        const { checklist, warnings } = await this.namedSigners(
          input.checklist ?? {},
          input.reading,
          caller.credentials,
        );
        const updated = await this.service.update(
          id,
          input.checklist ? { ...input, checklist } : input,
          actor,
          {
            authorizeSignersChange: async changes => {
              try {
                await this.authorizer.authorizeRollout(
                  caller.credentials,
                  rolloutSignersUpdatePermission,
                  id,
                );
              } catch (error) {
                if ((error as Error).name !== 'NotAllowedError') {
                  throw error;
                }
                throw new NotAllowedError(
                  `Changing who signs ${changes
                    .map(change => `'${change.role}'`)
                    .join(', ')} needs the rollout.signers.update permission`,
                );
              }
            },
          },
        );
        return input.reading ? { ...updated, warnings } : updated;
      },
    );
  }

  async setPreflightCheck(
    caller: RolloutCaller,
    id: string,
    checkId: string,
    input: { expectedRevision: number; checked: boolean },
  ): Promise<Rollout> {
    return this.change(
      caller,
      {
        eventId: 'rollout-preflight',
        id,
        permission: rolloutUpdatePermission,
        meta: { checkId, checked: input.checked },
      },
      actor => this.service.setPreflightCheck(id, checkId, input, actor),
    );
  }

  /** Marks a communication item done or not done. Needs `rollout.update`. */
  async setCommunicationItem(
    caller: RolloutCaller,
    id: string,
    itemId: string,
    input: { expectedRevision: number; done: boolean },
  ): Promise<Rollout> {
    return this.change(
      caller,
      {
        eventId: 'rollout-communication',
        id,
        permission: rolloutUpdatePermission,
        meta: { itemId, done: input.done },
      },
      actor => this.service.setCommunicationItem(id, itemId, input, actor),
    );
  }

  /**
   * The announcement the app's template writes for a communication item,
   * with its stakeholders, audiences and channels: what the Send dialog
   * opens with. Needs `rollout.update`, as sending does.
   */
  async announcement(
    caller: RolloutCaller,
    id: string,
    itemId: string,
  ): Promise<AnnouncementDraft> {
    return this.audited(
      caller,
      'rollout-fetch',
      { queryType: 'announcement', rolloutId: id, itemId },
      async () => {
        await this.authorizer.authorizeRollout(
          caller.credentials,
          rolloutUpdatePermission,
          id,
        );
        return this.announcements.draft(await this.service.get(id), itemId);
      },
      'low',
    );
  }

  /**
   * Sends a communication item as an announcement and ticks it. Needs
   * `rollout.update`.
   */
  async sendAnnouncement(
    caller: RolloutCaller,
    id: string,
    itemId: string,
    input: AnnouncementInput,
  ): Promise<SendAnnouncementResponse> {
    return this.change(
      caller,
      {
        eventId: 'rollout-communication-send',
        id,
        permission: rolloutUpdatePermission,
        meta: { itemId, resend: input.resend ?? false },
      },
      actor =>
        this.announcements.send(id, itemId, input, {
          actor,
          credentials: caller.credentials,
        }),
    );
  }

  async setStatus(
    caller: RolloutCaller,
    id: string,
    input: { expectedRevision: number; status: RolloutStatus; reason?: string },
  ): Promise<Rollout> {
    return this.change(
      caller,
      {
        eventId: 'rollout-status',
        id,
        permission: rolloutUpdatePermission,
        meta: { status: input.status },
      },
      actor => this.service.setStatus(id, input, actor),
    );
  }

  async markCriterion(
    caller: RolloutCaller,
    id: string,
    criterionId: string,
    input: { expectedRevision: number; state: 'ok' | 'triggered' },
  ): Promise<Rollout> {
    return this.change(
      caller,
      {
        eventId: 'rollout-criterion-mark',
        id,
        permission: rolloutUpdatePermission,
        meta: { criterionId, state: input.state },
      },
      actor => this.gates.markCriterion(id, criterionId, input, actor),
    );
  }

  /**
   * Decides a sign-off row. Needs `rollout.signoff.decide`, and whatever
   * the policy says, the caller must be one of the row's signers.
   */
  async decideSignOff(
    caller: RolloutCaller,
    id: string,
    signOffId: string,
    input: {
      expectedRevision: number;
      decision: SignOffDecision;
      note?: string;
    },
  ): Promise<Rollout> {
    return this.change(
      caller,
      {
        eventId: 'rollout-signoff',
        id,
        permission: rolloutSignOffDecidePermission,
        meta: { signOffId, decision: input.decision },
      },
      async () => {
        const { credentials } = caller;
        if (!isUser(credentials)) {
          throw new NotAllowedError('Only users decide sign-offs');
        }
        const { userEntityRef, ownershipEntityRefs } =
          await this.userInfo.getUserInfo(credentials);
        const rollout = await this.service.decideSignOff(id, signOffId, input, {
          userEntityRef,
          ownershipEntityRefs,
        });
        const row = rollout.checklist.signOffs.find(r => r.id === signOffId);
        if (row) {
          await this.notifier.decided(
            rollout,
            row,
            input.decision,
            userEntityRef,
          );
        }
        return rollout;
      },
    );
  }

  /**
   * Asks the signers of each pending sign-off row of a rollout, one
   * notification per row, and records the request in its history. Needs
   * `rollout.update`; a final rollout answers 409 (`rolloutFinished`).
   */
  async requestSignOffs(
    caller: RolloutCaller,
    id: string,
  ): Promise<RequestSignOffsResponse> {
    return this.change(
      caller,
      {
        eventId: 'rollout-signoff-request',
        id,
        permission: rolloutUpdatePermission,
      },
      async actor => {
        const { rollout, rows } = await this.service.requestSignOffs(id, actor);
        await this.notifier.request(rollout, actor);
        return {
          requested: rows.map(row => ({
            signOffId: row.id,
            role: row.role,
            signers: row.signers,
          })),
        };
      },
    );
  }

  /**
   * Starts a step's task on behalf of the caller, or joins the running one;
   * in the runbook's order unless `input.outOfOrderReason` says why not.
   */
  async runStep(
    caller: RolloutCaller,
    id: string,
    stepId: string,
    input: { outOfOrderReason?: string } = {},
  ): Promise<RunStepResponse> {
    return this.change(
      caller,
      {
        eventId: 'rollout-step-run',
        id,
        permission: rolloutStepRunPermission,
        meta: {
          stepId,
          ...(input.outOfOrderReason ? { outOfOrder: true } : {}),
        },
      },
      actor =>
        this.steps.run(
          id,
          stepId,
          { actor, credentials: caller.credentials },
          input,
        ),
    );
  }

  /**
   * Marks a manual step done, with the caller's note as its summary, in the
   * runbook's order unless a reason says why not.
   */
  async confirmStep(
    caller: RolloutCaller,
    id: string,
    stepId: string,
    input: {
      expectedRevision: number;
      note?: string;
      outOfOrderReason?: string;
    },
  ): Promise<Rollout> {
    return this.change(
      caller,
      {
        eventId: 'rollout-step-confirm',
        id,
        permission: rolloutStepRunPermission,
        meta: { stepId },
      },
      actor => this.steps.confirm(id, stepId, input, actor),
    );
  }

  /** Skips a step for a reason. Needs `rollout.step.run`. */
  async skipStep(
    caller: RolloutCaller,
    id: string,
    stepId: string,
    input: { expectedRevision: number; reason: string },
  ): Promise<Rollout> {
    return this.change(
      caller,
      {
        eventId: 'rollout-step-skip',
        id,
        permission: rolloutStepRunPermission,
        meta: { stepId },
      },
      actor => this.steps.skip(id, stepId, input, actor),
    );
  }

  /**
   * Undoes a skip, or a manual step marked done: the step is pending again.
   * Needs `rollout.step.run`.
   */
  async reopenStep(
    caller: RolloutCaller,
    id: string,
    stepId: string,
    input: { expectedRevision: number },
  ): Promise<Rollout> {
    return this.change(
      caller,
      {
        eventId: 'rollout-step-reopen',
        id,
        permission: rolloutStepRunPermission,
        meta: { stepId },
      },
      actor => this.steps.reopen(id, stepId, input, actor),
    );
  }

  /**
   * Records a step's result, as the task that runs it reports it with the
   * key it was given: nobody else can report a step. A final rollout takes
   * the report too, see {@link RolloutOperations.change}.
   */
  async reportStep(
    caller: RolloutCaller,
    id: string,
    stepId: string,
    input: {
      status: 'succeeded' | 'failed';
      summary?: string;
      taskId: string;
      reportKey: string;
    },
  ): Promise<Rollout> {
    return this.change(
      caller,
      {
        eventId: 'rollout-step-report',
        id,
        permission: rolloutStepRunPermission,
        meta: { stepId, status: input.status },
      },
      actor => this.steps.report(id, stepId, input, actor),
    );
  }

  /** A read of one rollout the caller may read, audited at low severity. */
  private async read<T>(
    caller: RolloutCaller,
    id: string,
    queryType: string,
    run: () => Promise<T>,
  ): Promise<T> {
    return this.audited(
      caller,
      'rollout-fetch',
      { queryType, rolloutId: id },
      async () => {
        await this.authorizer.authorizeRollout(
          caller.credentials,
          rolloutReadPermission,
          id,
        );
        return run();
      },
      'low',
    );
  }

  /**
   * A change of one rollout by a caller with the permission on it. A final
   * rollout (completed, rolled back) refuses every change a person or a
   * template asks for with 409 `rolloutFinished`: the service checks it on
   * the rollout as the change finds it, so nothing slips in after the
   * rollout became final. The report of a task that was already running
   * then is still recorded, so the history stays true.
   */
  private async change<T>(
    caller: RolloutCaller,
    options: {
      eventId: string;
      id: string;
      permission: RolloutPermission;
      meta?: JsonObject;
    },
    run: (actor: string) => Promise<T>,
  ): Promise<T> {
    const { eventId, id, permission, meta } = options;
    return this.audited(
      caller,
      eventId,
      { rolloutId: id, ...meta },
      async actor => {
        await this.authorizer.authorizeRollout(
          caller.credentials,
          permission,
          id,
        );
        return run(actor);
      },
    );
  }

  /** Runs an operation inside an auditor event that succeeds or fails with it. */
  private async audited<T>(
    caller: RolloutCaller,
    eventId: string,
    meta: JsonObject,
    run: (actor: string) => Promise<T>,
    severityLevel: AuditorServiceEventSeverityLevel = 'medium',
  ): Promise<T> {
    const actor = actorOf(caller.credentials);
    const event = await this.auditor.createEvent({
      eventId,
      severityLevel,
      request: caller.request,
      // The actor in meta too: calls without a request have no other.
      meta: { ...meta, actor: actor ?? null },
    });
    try {
      if (!actor) {
        throw new AuthenticationError('Sign in to use rollouts');
      }
      const result = await run(actor);
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }
}

/** The entity ref of the user, or the subject of the service, acting. */
function actorOf(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as
    | { type: 'user'; userEntityRef: string }
    | { type: 'service'; subject: string }
    | { type: 'none' };
  switch (principal.type) {
    case 'user':
      return principal.userEntityRef;
    case 'service':
      return principal.subject;
    default:
      return undefined;
  }
}

function isUser(
  credentials: BackstageCredentials,
): credentials is BackstageCredentials<BackstageUserPrincipal> {
  return (credentials.principal as { type?: string }).type === 'user';
}

/** A prepared rollout as the permission rules see a stored one. */
function unsaved(rollout: NewRollout): Rollout {
  const now = new Date().toISOString();
  return {
    ...rollout,
    id: '',
    revision: 0,
    createdAt: now,
    updatedAt: now,
  } as Rollout;
}
