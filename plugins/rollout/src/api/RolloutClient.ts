import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AnnouncementDraft,
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
import { ImportRolloutRequest, RolloutApi } from './RolloutApi';

/**
 * The {@link RolloutApi} over HTTP, at the `rollout` plugin's base URL.
 * @public
 */
export class RolloutClient implements RolloutApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /** {@inheritDoc RolloutApi.listRollouts} */
  async listRollouts(query: ListRolloutsQuery = {}): Promise<RolloutPage> {
    return this.json(`/rollouts${searchOf(query)}`);
  }

  /** {@inheritDoc RolloutApi.getRollout} */
  async getRollout(id: string): Promise<Rollout> {
    return this.json(`/rollouts/${encodeURIComponent(id)}`);
  }

  /** {@inheritDoc RolloutApi.getRolloutMarkdown} */
  async getRolloutMarkdown(id: string): Promise<string> {
    const response = await this.request(
      `/rollouts/${encodeURIComponent(id)}/markdown`,
    );
    return response.text();
  }

  /** {@inheritDoc RolloutApi.getRolloutEvents} */
  async getRolloutEvents(id: string): Promise<RolloutEvent[]> {
    const { items } = await this.json<{ items: RolloutEvent[] }>(
      `/rollouts/${encodeURIComponent(id)}/events`,
    );
    return items;
  }

  /** {@inheritDoc RolloutApi.createRollout} */
  async createRollout(
    request: CreateRolloutRequest,
  ): Promise<CreateRolloutResponse> {
    return this.json('/rollouts', { method: 'POST', body: request });
  }

  /** {@inheritDoc RolloutApi.importRollout} */
  async importRollout(
    request: ImportRolloutRequest,
  ): Promise<CreateRolloutResponse> {
    const { markdown, strict, ...fields } = request;
    const query = { ...fields, strict: strict ? 'true' : undefined };
    const response = await this.request(`/rollouts${searchOf(query)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/markdown' },
      body: markdown,
    });
    return response.json();
  }

  /** {@inheritDoc RolloutApi.updateRollout} */
  async updateRollout(
    id: string,
    request: UpdateRolloutRequest,
  ): Promise<UpdateRolloutResponse> {
    return this.json(`/rollouts/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body: request,
    });
  }

  /** {@inheritDoc RolloutApi.updateRolloutMarkdown} */
  async updateRolloutMarkdown(
    id: string,
    request: { expectedRevision: number; markdown: string },
  ): Promise<UpdateRolloutResponse> {
    const { markdown, expectedRevision } = request;
    const response = await this.request(
      `/rollouts/${encodeURIComponent(id)}${searchOf({ expectedRevision })}`,
      {
        method: 'PATCH',
        headers: { 'Content-Type': 'text/markdown' },
        body: markdown,
      },
    );
    return response.json();
  }

  /** {@inheritDoc RolloutApi.setPreflightCheck} */
  async setPreflightCheck(
    id: string,
    checkId: string,
    request: SetPreflightCheckRequest,
  ): Promise<Rollout> {
    return this.json(
      `/rollouts/${encodeURIComponent(id)}/preflight/${encodeURIComponent(
        checkId,
      )}`,
      { method: 'POST', body: request },
    );
  }

  /** {@inheritDoc RolloutApi.setCommunicationItem} */
  async setCommunicationItem(
    id: string,
    itemId: string,
    request: SetCommunicationItemRequest,
  ): Promise<Rollout> {
    return this.json(communicationPath(id, itemId), {
      method: 'POST',
      body: request,
    });
  }

  /** {@inheritDoc RolloutApi.skipStep} */
  async skipStep(
    id: string,
    stepId: string,
    request: SkipStepRequest,
  ): Promise<Rollout> {
    return this.json(this.stepPath(id, stepId, 'skip'), {
      method: 'POST',
      body: request,
    });
  }

  /** {@inheritDoc RolloutApi.reopenStep} */
  async reopenStep(
    id: string,
    stepId: string,
    request: ReopenStepRequest,
  ): Promise<Rollout> {
    return this.json(this.stepPath(id, stepId, 'reopen'), {
      method: 'POST',
      body: request,
    });
  }

  private stepPath(id: string, stepId: string, action: string): string {
    return `/rollouts/${encodeURIComponent(id)}/steps/${encodeURIComponent(
      stepId,
    )}/${action}`;
  }

  /** {@inheritDoc RolloutApi.decideSignOff} */
  async decideSignOff(
    id: string,
    signOffId: string,
    request: DecideSignOffRequest,
  ): Promise<Rollout> {
    return this.json(
      `/rollouts/${encodeURIComponent(id)}/signoffs/${encodeURIComponent(
        signOffId,
      )}`,
      { method: 'POST', body: request },
    );
  }

  /** {@inheritDoc RolloutApi.requestSignOffs} */
  async requestSignOffs(id: string): Promise<RequestSignOffsResponse> {
    return this.json(`/rollouts/${encodeURIComponent(id)}/signoff-requests`, {
      method: 'POST',
      body: {},
    });
  }

  /** {@inheritDoc RolloutApi.getAnnouncement} */
  async getAnnouncement(
    id: string,
    itemId: string,
  ): Promise<AnnouncementDraft> {
    return this.json(`${communicationPath(id, itemId)}/announcement`);
  }

  /** {@inheritDoc RolloutApi.sendAnnouncement} */
  async sendAnnouncement(
    id: string,
    itemId: string,
    request: SendAnnouncementRequest,
  ): Promise<SendAnnouncementResponse> {
    return this.json(`${communicationPath(id, itemId)}/send`, {
      method: 'POST',
      body: request,
    });
  }

  /** {@inheritDoc RolloutApi.setRolloutStatus} */
  async setRolloutStatus(
    id: string,
    request: SetRolloutStatusRequest,
  ): Promise<Rollout> {
    return this.json(`/rollouts/${encodeURIComponent(id)}/status`, {
      method: 'POST',
      body: request,
    });
  }

  /** {@inheritDoc RolloutApi.runStep} */
  async runStep(
    id: string,
    stepId: string,
    request?: RunStepRequest,
  ): Promise<RunStepResponse> {
    return this.json(`${stepPath(id, stepId)}/run`, {
      method: 'POST',
      body: request ?? {},
    });
  }

  /** {@inheritDoc RolloutApi.confirmStep} */
  async confirmStep(
    id: string,
    stepId: string,
    request: ConfirmStepRequest,
  ): Promise<Rollout> {
    return this.json(`${stepPath(id, stepId)}/confirm`, {
      method: 'POST',
      body: request,
    });
  }

  /** {@inheritDoc RolloutApi.getStepLog} */
  async getStepLog(id: string, stepId: string): Promise<StepLogResponse> {
    return this.json(`${stepPath(id, stepId)}/log`);
  }

  /** {@inheritDoc RolloutApi.getGates} */
  async getGates(id: string): Promise<RolloutGates> {
    return this.json(`/rollouts/${encodeURIComponent(id)}/gates`);
  }

  /** {@inheritDoc RolloutApi.markCriterion} */
  async markCriterion(
    id: string,
    criterionId: string,
    request: MarkCriterionRequest,
  ): Promise<Rollout> {
    return this.json(
      `/rollouts/${encodeURIComponent(id)}/criteria/${encodeURIComponent(
        criterionId,
      )}`,
      { method: 'POST', body: request },
    );
  }

  private async json<T>(
    path: string,
    options?: { method: string; body: unknown },
  ): Promise<T> {
    const response = await this.request(
      path,
      options && {
        method: options.method,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(options.body),
      },
    );
    return response.json();
  }

  private async request(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('rollout');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}

function searchOf(
  query: Record<string, string | number | string[] | undefined>,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value)) {
      value.forEach(item => params.append(key, item));
    } else if (value !== undefined) {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

function stepPath(id: string, stepId: string): string {
  return `/rollouts/${encodeURIComponent(id)}/steps/${encodeURIComponent(
    stepId,
  )}`;
}

function communicationPath(id: string, itemId: string): string {
  return `/rollouts/${encodeURIComponent(
    id,
  )}/communication/${encodeURIComponent(itemId)}`;
}
