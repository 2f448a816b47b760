import { createApiRef } from '@backstage/core-plugin-api';
import {
  ConfirmStepRequest,
  CreateRolloutRequest,
  DecideSignOffRequest,
  MarkCriterionRequest,
  ListRolloutsQuery,
  RequestSignOffsResponse,
  Rollout,
  RolloutEvent,
  RolloutGates,
  RolloutPage,
  RunStepResponse,
  SetPreflightCheckRequest,
  SetRolloutStatusRequest,
  UpdateRolloutRequest,
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
};

/**
 * The rollout backend, as the frontend sees it. Every call rejects with a
 * `ResponseError` when the backend answers with an error.
 * @public
 */
export interface RolloutApi {
  listRollouts(query?: ListRolloutsQuery): Promise<RolloutPage>;
  getRollout(id: string): Promise<Rollout>;
  getRolloutMarkdown(id: string): Promise<string>;
  getRolloutEvents(id: string): Promise<RolloutEvent[]>;
  createRollout(request: CreateRolloutRequest): Promise<Rollout>;
  importRollout(request: ImportRolloutRequest): Promise<Rollout>;
  updateRollout(id: string, request: UpdateRolloutRequest): Promise<Rollout>;
  setPreflightCheck(
    id: string,
    checkId: string,
    request: SetPreflightCheckRequest,
  ): Promise<Rollout>;
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
  setRolloutStatus(
    id: string,
    request: SetRolloutStatusRequest,
  ): Promise<Rollout>;
  /** Starts the step's task, or returns the one already running it. */
  runStep(id: string, stepId: string): Promise<RunStepResponse>;
  /** Marks a manual step done. */
  confirmStep(
    id: string,
    stepId: string,
    request: ConfirmStepRequest,
  ): Promise<Rollout>;
  /** The last lines of the log of the step's task. */
  getStepLog(
    id: string,
    stepId: string,
  ): Promise<{ taskId?: string; lines: string[] }>;
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
