import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AnnouncementDraft,
  CreateRolloutRequest,
  CreateRolloutResponse,
  RequestSignOffsResponse,
  Rollout,
  RolloutGates,
  SendAnnouncementResponse,
} from '@rollout/backstage-plugin-rollout-common';
import {
  CreateRolloutFromMarkdownRequest,
  ReportRolloutStepRequest,
  RequestRolloutSignOffsRequest,
  RolloutCommunicationItemRef,
  RolloutService,
  RolloutServiceRequestOptions,
  SendRolloutAnnouncementRequest,
} from './RolloutService';

const pluginId = 'rollout';

/** The {@link RolloutService} over HTTP, at the rollout plugin's base URL. */
export class DefaultRolloutService implements RolloutService {
  private readonly discovery: DiscoveryService;
  private readonly auth: AuthService;

  static create(options: {
    discovery: DiscoveryService;
    auth: AuthService;
  }): DefaultRolloutService {
    return new DefaultRolloutService(options.discovery, options.auth);
  }

  private constructor(discovery: DiscoveryService, auth: AuthService) {
    this.discovery = discovery;
    this.auth = auth;
  }

  async createRollout(
    request: CreateRolloutRequest | CreateRolloutFromMarkdownRequest,
    options: RolloutServiceRequestOptions,
  ): Promise<CreateRolloutResponse> {
    if ('markdown' in request) {
      const { markdown, strict, ...fields } = request;
      const query = { ...fields, strict: strict ? 'true' : undefined };
      return this.request(`/rollouts${searchOf(query)}`, options.credentials, {
        type: 'text/markdown',
        content: markdown,
      });
    }
    return this.request('/rollouts', options.credentials, jsonBody(request));
  }

  async getRollout(
    id: string,
    options: RolloutServiceRequestOptions,
  ): Promise<Rollout> {
    return this.request(
      `/rollouts/${encodeURIComponent(id)}`,
      options.credentials,
    );
  }

  async getGates(
    id: string,
    options: RolloutServiceRequestOptions,
  ): Promise<RolloutGates> {
    return this.request(
      `/rollouts/${encodeURIComponent(id)}/gates`,
      options.credentials,
    );
  }

  async reportStep(
    request: ReportRolloutStepRequest,
    options: RolloutServiceRequestOptions,
  ): Promise<Rollout> {
    const { rolloutId, stepId, ...report } = request;
    return this.request(
      `/rollouts/${encodeURIComponent(rolloutId)}/steps/${encodeURIComponent(
        stepId,
      )}/report`,
      options.credentials,
      jsonBody(report),
    );
  }

  async requestSignOffs(
    request: RequestRolloutSignOffsRequest,
    options: RolloutServiceRequestOptions,
  ): Promise<RequestSignOffsResponse> {
    return this.request(
      `/rollouts/${encodeURIComponent(request.rolloutId)}/signoff-requests`,
      options.credentials,
      jsonBody({}),
    );
  }

  async getAnnouncement(
    request: RolloutCommunicationItemRef,
    options: RolloutServiceRequestOptions,
  ): Promise<AnnouncementDraft> {
    return this.request(
      `${itemPath(request)}/announcement`,
      options.credentials,
    );
  }

  async sendAnnouncement(
    request: SendRolloutAnnouncementRequest,
    options: RolloutServiceRequestOptions,
  ): Promise<SendAnnouncementResponse> {
    const { rolloutId: _rollout, itemId: _item, ...announcement } = request;
    return this.request(
      `${itemPath(request)}/send`,
      options.credentials,
      jsonBody(announcement),
    );
  }

  /** GETs `path`, or POSTs `body` to it when given one. */
  private async request<T>(
    path: string,
    credentials: BackstageCredentials,
    body?: RequestBody,
  ): Promise<T> {
    const baseUrl = await this.discovery.getBaseUrl(pluginId);
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: pluginId,
    });
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: `Bearer ${token}`,
    };
    if (body) {
      headers['Content-Type'] = body.type;
    }
    const response = await fetch(`${baseUrl}${path}`, {
      method: body ? 'POST' : 'GET',
      headers,
      body: body?.content,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }
}

type RequestBody = { type: string; content: string };

function jsonBody(value: unknown): RequestBody {
  return { type: 'application/json', content: JSON.stringify(value) };
}

function itemPath({ rolloutId, itemId }: RolloutCommunicationItemRef): string {
  return `/rollouts/${encodeURIComponent(
    rolloutId,
  )}/communication/${encodeURIComponent(itemId)}`;
}

function searchOf(query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) {
      params.set(key, value);
    }
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}
