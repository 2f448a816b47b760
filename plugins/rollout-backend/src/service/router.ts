import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { InputError } from '@backstage/errors';
import {
  createRolloutRequestSchema,
  decideSignOffRequestSchema,
  listRolloutsQuerySchema,
  parseChecklist,
  setPreflightCheckRequestSchema,
  setRolloutStatusRequestSchema,
  updateRolloutRequestSchema,
} from '@rollout/backstage-plugin-rollout-common';
import express from 'express';
import { spec } from '../schema/openapi';
import { RolloutService } from './RolloutService';
import { parseInput } from './validation';

/** What the router needs; everything else stays behind the service. */
export type RouterOptions = {
  service: RolloutService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  auditor: AuditorService;
};

const bodyLimit = '2mb';

// Any request of the typed router; only its headers are read here.
type AnyRequest = express.Request<any, any, any, any>;

/**
 * Translates HTTP to {@link RolloutService} calls. Requests are validated
 * against the OpenAPI spec, then field by field with the zod schemas.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, httpAuth, userInfo, auditor } = options;
  const router = createValidatedOpenApiRouter(spec, {
    middleware: [
      express.json({ limit: bodyLimit }),
      express.text({ type: 'text/markdown', limit: bodyLimit }),
    ],
  });

  const credentialsOf = (req: AnyRequest) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  const actorOf = async (req: AnyRequest) => actorRef(await credentialsOf(req));

  /** Runs a change as an audit event that succeeds or fails with it. */
  async function audited<T>(
    req: AnyRequest,
    eventId: string,
    meta: Record<string, string>,
    change: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const result = await change();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  router.get('/rollouts', async (req, res) => {
    await credentialsOf(req);
    const query = parseInput(listRolloutsQuerySchema, req.query, 'query');
    res.json(await service.list(query));
  });

  router.post('/rollouts', async (req, res) => {
    const actor = await actorOf(req);
    const input = req.is('text/markdown')
      ? parseInput(
          createRolloutRequestSchema,
          { ...req.query, checklist: parseMarkdown(req.body) },
          'request',
        )
      : parseInput(createRolloutRequestSchema, req.body, 'request body');
    const rollout = await audited(
      req,
      'rollout-create',
      { entityRef: input.entityRef, version: input.version },
      () => service.create(input, actor),
    );
    res.status(201).json(rollout);
  });

  router.get('/rollouts/:id', async (req, res) => {
    await credentialsOf(req);
    res.json(await service.get(req.params.id));
  });

  router.patch('/rollouts/:id', async (req, res) => {
    const actor = await actorOf(req);
    const input = parseInput(
      updateRolloutRequestSchema,
      req.body,
      'request body',
    );
    const { id } = req.params;
    res.json(
      await audited(req, 'rollout-update', { rolloutId: id }, () =>
        service.update(id, input, actor),
      ),
    );
  });

  router.get('/rollouts/:id/markdown', async (req, res) => {
    await credentialsOf(req);
    const markdown = await service.markdown(req.params.id);
    res.type('text/markdown; charset=utf-8').send(markdown);
  });

  router.get('/rollouts/:id/events', async (req, res) => {
    await credentialsOf(req);
    res.json({ items: await service.events(req.params.id) });
  });

  router.post('/rollouts/:id/preflight/:checkId', async (req, res) => {
    const actor = await actorOf(req);
    const input = parseInput(
      setPreflightCheckRequestSchema,
      req.body,
      'request body',
    );
    const { id, checkId } = req.params;
    res.json(
      await audited(req, 'rollout-preflight', { rolloutId: id, checkId }, () =>
        service.setPreflightCheck(id, checkId, input, actor),
      ),
    );
  });

  router.post('/rollouts/:id/signoffs/:signOffId', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const input = parseInput(
      decideSignOffRequestSchema,
      req.body,
      'request body',
    );
    const { id, signOffId } = req.params;
    res.json(
      await audited(
        req,
        'rollout-signoff',
        { rolloutId: id, signOffId, decision: input.decision },
        async () => {
          const { userEntityRef, ownershipEntityRefs } =
            await userInfo.getUserInfo(credentials);
          return service.decideSignOff(id, signOffId, input, {
            userEntityRef,
            ownershipEntityRefs,
          });
        },
      ),
    );
  });

  router.post('/rollouts/:id/status', async (req, res) => {
    const actor = await actorOf(req);
    const input = parseInput(
      setRolloutStatusRequestSchema,
      req.body,
      'request body',
    );
    const { id } = req.params;
    res.json(
      await audited(
        req,
        'rollout-status',
        { rolloutId: id, status: input.status },
        () => service.setStatus(id, input, actor),
      ),
    );
  });

  return router;
}

function actorRef(credentials: BackstageCredentials): string {
  const { principal } = credentials as BackstageCredentials<
    | { type: 'user'; userEntityRef: string }
    | { type: 'service'; subject: string }
  >;
  return principal.type === 'user'
    ? principal.userEntityRef
    : principal.subject;
}

function parseMarkdown(body: unknown) {
  if (typeof body !== 'string' || !body.trim()) {
    throw new InputError('The request body must be a markdown checklist');
  }
  try {
    return parseChecklist(body);
  } catch (error) {
    if ((error as Error).name === 'ChecklistParseError') {
      throw new InputError(`Invalid checklist: ${(error as Error).message}`);
    }
    throw error;
  }
}
