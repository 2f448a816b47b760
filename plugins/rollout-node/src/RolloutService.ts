import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  AnnouncementDraft,
  CreateRolloutRequest,
  CreateRolloutResponse,
  ReportStepRequest,
  RequestSignOffsResponse,
  Rollout,
  RolloutGates,
  SendAnnouncementRequest,
  SendAnnouncementResponse,
} from '@rollout/backstage-plugin-rollout-common';

/**
 * A rollout created from a checklist document in the markdown shape the
 * rollout plugin parses; the backend parses it, so parse errors come back as
 * the backend's `InputError`.
 * @public
 */
export type CreateRolloutFromMarkdownRequest = {
  /** The entity being released, such as `component:default/payments-api`. */
  entityRef: string;
  /** The version being rolled out, such as `v0.3.0`. */
  version: string;
  previousVersion?: string;
  /** Defaults to the checklist's title. */
  title?: string;
  releaseNotesUrl?: string;
  /** The whole checklist document. */
  markdown: string;
  /**
   * Refuse the document, with an `InputError` listing the warnings, if
   * reading it needed any guess (a section found by its content, a dropped
   * column, a signer the catalog does not know); by default it is created
   * and the answer lists them.
   */
  strict?: boolean;
};

/**
 * Which step of which rollout a result is for, and the result.
 * @public
 */
export type ReportRolloutStepRequest = {
  rolloutId: string;
  stepId: string;
} & ReportStepRequest;

/**
 * Which rollout's pending sign-offs to ask for.
 * @public
 */
export type RequestRolloutSignOffsRequest = {
  rolloutId: string;
};

/**
 * Which communication item of which rollout.
 * @public
 */
export type RolloutCommunicationItemRef = {
  rolloutId: string;
  itemId: string;
};

/**
 * Which communication item of which rollout to send, and the announcement
 * as it goes out.
 * @public
 */
export type SendRolloutAnnouncementRequest = RolloutCommunicationItemRef &
  SendAnnouncementRequest;

/**
 * Options of every {@link RolloutService} call.
 * @public
 */
export type RolloutServiceRequestOptions = {
  /**
   * Whom the call is made on behalf of: a user's credentials (such as a
   * scaffolder task's initiator) so the rollout plugin checks that user's
   * permissions and records them as the actor, or the calling plugin's own
   * service credentials.
   */
  credentials: BackstageCredentials;
};

/**
 * The rollout plugin's API for other backend plugins and modules, such as
 * the scaffolder actions that create rollouts, check their gates and report
 * step results. Calls go to the rollout backend over HTTP; its errors are
 * thrown as `ResponseError`s from `@backstage/errors` whose `cause` is the
 * backend's error (`NotFoundError`, `NotAllowedError`, `InputError`,
 * `ConflictError`).
 * @public
 */
export interface RolloutService {
  /**
   * Creates a rollout from a checklist object, or from a markdown checklist
   * when the request has `markdown`. Sign-off rows that name no signers get
   * those app-config maps to their role (`rollout.signOffs.signersByRole`).
   * The answer's `warnings` say what reading the markdown had to guess.
   */
  createRollout(
    request: CreateRolloutRequest | CreateRolloutFromMarkdownRequest,
    options: RolloutServiceRequestOptions,
  ): Promise<CreateRolloutResponse>;

  /** Gets one rollout by id. */
  getRollout(
    id: string,
    options: RolloutServiceRequestOptions,
  ): Promise<Rollout>;

  /**
   * Evaluates the gates of a rollout now: its metrics and rollback criteria
   * against Prometheus, its alerts against Alertmanager. A source that
   * cannot be read makes its rows `unknown` with a `reason` rather than
   * failing the call; use `failingGates` from the common package for the
   * gates that say the release should stop.
   */
  getGates(
    id: string,
    options: RolloutServiceRequestOptions,
  ): Promise<RolloutGates>;

  /**
   * Reports the result of a step, as the last action of the task that ran
   * it does, and returns the rollout as it now stands. A rollout that was
   * completed or rolled back while the task ran still records the result,
   * without its status changing.
   */
  reportStep(
    request: ReportRolloutStepRequest,
    options: RolloutServiceRequestOptions,
  ): Promise<Rollout>;

  /**
   * Asks the signers of each pending sign-off row of a rollout for their
   * decision: one notification per row, which asking again updates rather
   * than repeats; rows already decided are not asked. The request is
   * recorded in the rollout's history. Returns the rows asked, each with
   * its signers. A completed or rolled-back rollout answers 409 with
   * reason `rolloutFinished`.
   */
  requestSignOffs(
    request: RequestRolloutSignOffsRequest,
    options: RolloutServiceRequestOptions,
  ): Promise<RequestSignOffsResponse>;

  /**
   * The announcement the app's template (`rollout.communication`) writes
   * for a communication item, with the rollout's stakeholders, the
   * audiences app-config offers, the channels and when it was last sent.
   */
  getAnnouncement(
    request: RolloutCommunicationItemRef,
    options: RolloutServiceRequestOptions,
  ): Promise<AnnouncementDraft>;

  /**
   * Sends a communication item through Backstage's notifications, to each
   * recipient once, and ticks it with who and when; the recipients,
   * channels and text go into the rollout's history. An item sent before
   * answers 409 with reason `alreadySent` unless `resend` is true; when the
   * notifications backend fails, nothing is recorded (503).
   */
  sendAnnouncement(
    request: SendRolloutAnnouncementRequest,
    options: RolloutServiceRequestOptions,
  ): Promise<SendAnnouncementResponse>;
}
