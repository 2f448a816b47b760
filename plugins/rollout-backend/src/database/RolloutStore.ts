import {
  Checklist,
  Rollout,
  RolloutEvent,
  RolloutGates,
  RolloutSort,
  RolloutStatus,
  RolloutSummary,
} from '@rollout/backstage-plugin-rollout-common';
import { RolloutConflictError } from '../errors';

/**
 * An event to record with a mutation, in the same transaction.
 * @public
 */
export type NewRolloutEvent = {
  actor: string;
  type: string;
  message: string;
  data?: Record<string, unknown>;
};

/**
 * The fields of a new rollout; the store assigns id, revision and times.
 * @public
 */
export type NewRollout = {
  entityRef: string;
  version: string;
  previousVersion?: string;
  title: string;
  status: RolloutStatus;
  releaseNotesUrl?: string;
  checklist: Checklist;
  createdBy: string;
  /** The owner of the released entity, as the catalog says now. */
  ownerRef?: string;
  /** The system of the released entity, as the catalog says now. */
  systemRef?: string;
};

/**
 * What the catalog says of a released entity, as the store keeps it.
 * @public
 */
export type EntityCatalogInfo = {
  ownerRef?: string;
  systemRef?: string;
};

/**
 * The fields a mutation may change; `null` clears an optional field.
 * @public
 */
export type RolloutChanges = {
  title?: string;
  status?: RolloutStatus;
  previousVersion?: string | null;
  releaseNotesUrl?: string | null;
  checklist?: Checklist;
};

/**
 * A condition on rollouts that the store turns into SQL: what the permission
 * conditions of a policy become through the rules of the plugin. Refs are
 * compared as stored, in lower case: `entityRefs` against the released
 * entity, `ownerRefs` against its owner, `signerRefs` against the signers of
 * any sign-off row. Like permission criteria, `allOf` and `anyOf` are never
 * empty.
 * @public
 */
export type RolloutFilter =
  | { entityRefs: string[] }
  | { ownerRefs: string[] }
  | { signerRefs: string[] }
  | { allOf: [RolloutFilter, ...RolloutFilter[]] }
  | { anyOf: [RolloutFilter, ...RolloutFilter[]] }
  | { not: RolloutFilter };

/**
 * Which rollouts to list, newest first. `filter` narrows the list further,
 * to the rollouts the caller may see.
 * @public
 */
export type ListRolloutsOptions = {
  entityRef?: string;
  status?: RolloutStatus;
  filter?: RolloutFilter;
  limit: number;
  cursor?: string;
};

/**
 * Which rollout summaries to list, read from the summary columns without
 * the checklists. Refs are compared in lower case; `pendingSignOffBy` and
 * `ownedBy` are a caller's ownership refs. `filter` narrows the list to the
 * rollouts the caller may see.
 * @public
 */
export type ListRolloutSummariesOptions = {
  entityRef?: string;
  statuses?: RolloutStatus[];
  ownerRef?: string;
  systemRef?: string;
  /** Rollouts with a pending sign-off row one of these refs signs. */
  pendingSignOffBy?: string[];
  /** Rollouts of entities one of these refs owns. */
  ownedBy?: string[];
  /** Text in the entity ref, version or title, case aside. */
  text?: string;
  /**
   * The caller's ownership refs: each summary then says which of its
   * pending rows they sign, in `awaitingYou`.
   */
  signerClaims?: string[];
  sort: RolloutSort;
  filter?: RolloutFilter;
  limit: number;
  cursor?: string;
};

/**
 * A scaffolder task running one step, as the store keeps it.
 * @public
 */
export type StepRun = {
  id: number;
  rolloutId: string;
  stepId: string;
  /** Absent while the task is being started. */
  taskId?: string;
  /**
   * SHA-256 (hex) of the key the task was given to report with; absent for
   * runs started before reports needed one.
   */
  reportKeyHash?: string;
  startedBy: string;
  startedAt: string;
};

/**
 * The last evaluated state of one gate of a rollout.
 * @public
 */
export type GateStateRecord = {
  /** `metric:<id>`, `alert:<id>` or `criterion:<id>`. */
  gate: string;
  state: string;
  reason?: string;
  /** When the gate entered this state. */
  changedAt: string;
  evaluatedAt: string;
};

/**
 * The last stored evaluation of a rollout's gates.
 * @public
 */
export type GateEvaluationRecord = {
  /** The revision of the rollout that was evaluated. */
  revision: number;
  gates: Omit<RolloutGates, 'blockedBy'>;
  evaluatedAt: string;
};

/**
 * Persistence of rollouts and their history. All SQL of the plugin lives
 * behind this interface.
 * @public
 */
export interface RolloutStore {
  /**
   * What a stored rollout changes with: its revision, and the owner and
   * system the catalog gives its entity, which change without a new
   * revision. Undefined for an unknown id.
   */
  getRolloutVersion(
    id: string,
  ): Promise<Pick<Rollout, 'revision' | 'ownerRef' | 'systemRef'> | undefined>;

  /** Stores a new rollout; ConflictError if the entity already has that version. */
  createRollout(rollout: NewRollout, event: NewRolloutEvent): Promise<Rollout>;

  /** The rollout with this id, or undefined. */
  getRollout(id: string): Promise<Rollout | undefined>;

  /** The rollouts with these ids, in their order; undefined for unknown ids. */
  getRollouts(ids: string[]): Promise<Array<Rollout | undefined>>;

  /** The entity's rollout of this version, or undefined. */
  findRollout(entityRef: string, version: string): Promise<Rollout | undefined>;

  /** A page of rollouts; InputError for a cursor this store did not issue. */
  listRollouts(
    options: ListRolloutsOptions,
  ): Promise<{ items: Rollout[]; nextCursor?: string }>;

  /**
   * A page of rollout summaries in one query; InputError for a cursor this
   * store did not issue for the same sort. Paging is by keys, so rollouts
   * added meanwhile never make a later page skip or repeat a row.
   */
  listRolloutSummaries(
    options: ListRolloutSummariesOptions,
  ): Promise<{ items: RolloutSummary[]; nextCursor?: string }>;

  /**
   * Applies a change computed from the rollout as it stands, in one
   * transaction that holds the rollout's row: concurrent changes of one
   * rollout apply one after another, none lost. `change` reads the history
   * after a revision through `eventsAfter` (oldest first, in the same
   * transaction), and throws to refuse. NotFoundError for an unknown id.
   */
  changeRollout(options: {
    id: string;
    change: (
      current: Rollout,
      history: { eventsAfter(revision: number): Promise<RolloutEvent[]> },
    ) => Promise<{ changes: RolloutChanges; event: NewRolloutEvent }>;
  }): Promise<Rollout>;

  /**
   * Applies changes if the rollout is still at `expectedRevision`, bumping the
   * revision and recording the event atomically. NotFoundError for an unknown
   * id, ConflictError for a stale revision.
   */
  updateRollout(options: {
    id: string;
    expectedRevision: number;
    changes: RolloutChanges;
    event: NewRolloutEvent;
  }): Promise<Rollout>;

  /**
   * Every released entity with the owner and system stored for it, for the
   * refresh from the catalog.
   */
  listEntityCatalogInfo(): Promise<
    Array<{ entityRef: string } & EntityCatalogInfo>
  >;

  /**
   * Stores the entity's owner and system, as the catalog gives them, on all
   * its rollouts; returns how many changed. Not a change of the rollouts
   * themselves: no revision, no event.
   */
  setEntityCatalogInfo(
    entityRef: string,
    info: EntityCatalogInfo,
  ): Promise<number>;

  /** The rollout's history, newest first. */
  listEvents(rolloutId: string): Promise<RolloutEvent[]>;

  /**
   * Claims a step for a new run. Of concurrent claims of the same step
   * exactly one wins; the others get the run that is already active.
   */
  claimStepRun(options: {
    rolloutId: string;
    stepId: string;
    startedBy: string;
  }): Promise<
    { claimed: true; run: StepRun } | { claimed: false; run: StepRun }
  >;

  /**
   * Records the task a claimed run started, with the hash of the key the
   * task reports with.
   */
  setStepRunTask(
    runId: number,
    task: { taskId: string; reportKeyHash: string },
  ): Promise<void>;

  /** Gives up a claim whose task could not be started. */
  releaseStepRun(runId: number): Promise<void>;

  /** Ends the step's active run, if any, with its outcome. */
  finishStepRun(options: {
    rolloutId: string;
    stepId: string;
    outcome: string;
  }): Promise<void>;

  /** The active run of a step, if there is one. */
  getActiveStepRun(
    rolloutId: string,
    stepId: string,
  ): Promise<StepRun | undefined>;

  /** Every active run that has a task, oldest first. */
  listActiveStepRuns(): Promise<StepRun[]>;

  /** The gate states last saved for a rollout. */
  getGateStates(rolloutId: string): Promise<GateStateRecord[]>;

  /**
   * Replaces the gate states of a rollout and records events at its current
   * revision, atomically. Events without a revision bump: gates change
   * with the world, not with the document.
   */
  saveGateStates(options: {
    rolloutId: string;
    states: GateStateRecord[];
    events: NewRolloutEvent[];
  }): Promise<void>;

  /** The last stored evaluation of a rollout's gates, if any. */
  getGateEvaluation(
    rolloutId: string,
  ): Promise<GateEvaluationRecord | undefined>;

  /**
   * Claims the next evaluation of a rollout's gates until `until`, unless
   * its stored evaluation is of `revision` and no older than `freshSince`,
   * or another claim runs until after `now`. True when this caller won and
   * should evaluate, then save or release; of callers on any replica, one
   * wins.
   */
  claimGateEvaluation(options: {
    rolloutId: string;
    revision: number;
    freshSince: string;
    now: string;
    until: string;
  }): Promise<boolean>;

  /** Stores an evaluation of a rollout's gates and ends the claim on them. */
  saveGateEvaluation(
    rolloutId: string,
    evaluation: GateEvaluationRecord,
  ): Promise<void>;

  /** Ends a claim on a rollout's gates whose evaluation failed. */
  releaseGateEvaluation(rolloutId: string): Promise<void>;

  /**
   * Records an event at the rollout's current revision and marks it active
   * now, without a new revision: for what happens around the document (a
   * sign-off request) rather than to it. NotFoundError for an unknown id.
   */
  appendEvent(options: {
    rolloutId: string;
    event: NewRolloutEvent;
  }): Promise<void>;
}

/**
 * The error for a write that names a revision other than the current one.
 * @public
 */
export function staleRevisionError(
  id: string,
  current: number,
  expected: number,
): RolloutConflictError {
  return new RolloutConflictError(
    'staleRevision',
    `Rollout '${id}' is at revision ${current}, not ${expected}: someone else changed it, reload and try again`,
  );
}
