import { createApiRef } from '@backstage/core-plugin-api';
import {
  AnnouncementDraft,
  ConfirmStepRequest,
  CreateRolloutRequest,
  CreateRolloutResponse,
  DecideSignOffRequest,
  MarkCriterionRequest,
  ListRolloutsQuery,
  RequestSignOffsResponse,
  Rollout,
  RolloutEvent,
  RolloutGates,
  RolloutPage,
  RunStepRequest,
  RunStepResponse,
  SendAnnouncementRequest,
  SendAnnouncementResponse,
  SetCommunicationItemRequest,
  SetPreflightCheckRequest,
  SetRolloutStatusRequest,
  SkipStepRequest,
  StepLogResponse,
  ReopenStepRequest,
  UpdateRolloutRequest,
  UpdateRolloutResponse,
} from '@rollout/backstage-plugin-rollout-common';

/**
 * A markdown checklist to import as a new rollout.
 * @public
 */
export type ImportRolloutRequest = {
  entityRef: string;
  version: string;
  previousVersion?: string;
  title?: string;
  markdown: string;
  /** Refuse the document, with a 400 listing the warnings, if any. */
  strict?: boolean;
};

/**
 * The rollout backend, as the frontend sees it. Every call rejects with a
 * `ResponseError` when the backend answers with an error.
 * @public
 */
export interface RolloutApi {
  /** A page of the rollouts the user may read, filtered and sorted by the backend. */
  listRollouts(query?: ListRolloutsQuery): Promise<RolloutPage>;
  /** The rollout with this id. */
  getRollout(id: string): Promise<Rollout>;
  /** The rollout's checklist as a markdown document. */
  getRolloutMarkdown(id: string): Promise<string>;
  /** The rollout's history, newest first. */
  getRolloutEvents(id: string): Promise<RolloutEvent[]>;
  /** Creates a rollout from a structured checklist. */
  createRollout(request: CreateRolloutRequest): Promise<CreateRolloutResponse>;
  /**
   * Creates a rollout from a markdown checklist, read by the backend, which
   * looks up signers named by handle, name or email in the catalog; the
   * answer's `warnings` say what it had to guess or leave out.
   */
  importRollout(request: ImportRolloutRequest): Promise<CreateRolloutResponse>;
  /**
   * Changes the checklist's sections, if it is still at `expectedRevision`;
   * answers what the edit changed and whose approvals it reset.
   */
  updateRollout(
    id: string,
    request: UpdateRolloutRequest,
  ): Promise<UpdateRolloutResponse>;
  /**
   * Replaces the checklist with a markdown document, if the rollout is still
   * at `expectedRevision` (the revision the markdown was read at). Items
   * keep their run state by id; answers what the edit changed and whose
   * approvals it reset.
   */
  updateRolloutMarkdown(
    id: string,
    request: { expectedRevision: number; markdown: string },
  ): Promise<UpdateRolloutResponse>;
  /** Ticks or unticks a pre-flight check. */
  setPreflightCheck(
    id: string,
    checkId: string,
    request: SetPreflightCheckRequest,
  ): Promise<Rollout>;
  /** Marks a communication item done or not done. */
  setCommunicationItem(
    id: string,
    itemId: string,
    request: SetCommunicationItemRequest,
  ): Promise<Rollout>;
  /** Skips a step for a reason; completion accepts a skipped step. */
  skipStep(
    id: string,
    stepId: string,
    request: SkipStepRequest,
  ): Promise<Rollout>;
  /**
   * Undoes a skip or a mark done: the step is pending again. A step a task
   * ran is not reopened by hand.
   */
  reopenStep(
    id: string,
    stepId: string,
    request: ReopenStepRequest,
  ): Promise<Rollout>;
  /** Approves or rejects a sign-off row the user signs. */
  decideSignOff(
    id: string,
    signOffId: string,
    request: DecideSignOffRequest,
  ): Promise<Rollout>;
  /**
   * Asks the signers of each pending sign-off row for their decision, one
   * notification per row; returns the rows asked.
   */
  requestSignOffs(id: string): Promise<RequestSignOffsResponse>;
  /**
   * The announcement the app's template writes for a communication item,
   * with the rollout's stakeholders, the audiences app-config offers, the
   * channels and when the item was last sent.
   */
  getAnnouncement(id: string, itemId: string): Promise<AnnouncementDraft>;
  /**
   * Sends a communication item to each recipient once and ticks it; 409
   * `alreadySent` for an item sent before unless `resend`.
   */
  sendAnnouncement(
    id: string,
    itemId: string,
    request: SendAnnouncementRequest,
  ): Promise<SendAnnouncementResponse>;
  /** Moves the rollout to another status, where the transition is allowed. */
  setRolloutStatus(
    id: string,
    request: SetRolloutStatusRequest,
  ): Promise<Rollout>;
  /**
   * Starts the step's task, or returns the one already running it; a step
   * ahead of the runbook's order needs an `outOfOrderReason`.
   */
  runStep(
    id: string,
    stepId: string,
    request?: RunStepRequest,
  ): Promise<RunStepResponse>;
  /**
   * Marks a manual step done; a step ahead of the runbook's order needs an
   * `outOfOrderReason`.
   */
  confirmStep(
    id: string,
    stepId: string,
    request: ConfirmStepRequest,
  ): Promise<Rollout>;
  /** The last lines of the log of the step's task. */
  getStepLog(id: string, stepId: string): Promise<StepLogResponse>;
  /** The live state of the rollout's metrics, alerts and rollback criteria. */
  getGates(id: string): Promise<RolloutGates>;
  /** Marks a rollback criterion that has no query `ok` or `triggered`. */
  markCriterion(
    id: string,
    criterionId: string,
    request: MarkCriterionRequest,
  ): Promise<Rollout>;
}

/**
 * The API ref of {@link RolloutApi}.
 * @public
 */
export const rolloutApiRef = createApiRef<RolloutApi>({
  id: 'plugin.rollout.service',
});
