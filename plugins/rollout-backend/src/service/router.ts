import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { InputError } from '@backstage/errors';
import { PermissionRuleset } from '@backstage/plugin-permission-node';
import {
  Rollout,
  confirmStepRequestSchema,
  createRolloutRequestSchema,
  decideSignOffRequestSchema,
  listRolloutsQuerySchema,
  markCriterionRequestSchema,
  parseChecklist,
  reportStepRequestSchema,
  rolloutCreatePermission,
  rolloutReadPermission,
  rolloutUpdatePermission,
  setPreflightCheckRequestSchema,
  setRolloutStatusRequestSchema,
  updateRolloutRequestSchema,
} from '@rollout/backstage-plugin-rollout-common';
import express from 'express';
import { z } from 'zod';
import { RolloutFilter } from '../database/RolloutStore';
import { spec } from '../schema/openapi';
import { GatesService } from './GatesService';
import { RolloutAuthorizer } from './RolloutAuthorizer';
import { RolloutService } from './RolloutService';
import { StepRunner } from './StepRunner';
import { parseInput } from './validation';

/** What the router needs; everything else stays behind the service. */
export type RouterOptions = {
  service: RolloutService;
  steps: StepRunner;
  gates: GatesService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  auditor: AuditorService;
  permissions: PermissionsService;
  /** The rules of rollout conditions, from the permissions registry. */
  permissionRules: PermissionRuleset<Rollout, RolloutFilter>;
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
  const { service, steps, gates, httpAuth, userInfo, auditor } = options;
  const authorizer = new RolloutAuthorizer({
    permissions: options.permissions,
    rules: options.permissionRules,
    service,
  });
  const router = createValidatedOpenApiRouter(spec, {
    middleware: [
      express.json({ limit: bodyLimit }),
      express.text({ type: 'text/markdown', limit: bodyLimit }),
    ],
  });

  const credentialsOf = (req: AnyRequest) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  const bodyOf = <T extends z.ZodTypeAny>(schema: T, req: AnyRequest) =>
    parseInput(schema, req.body, 'request body');

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

  /**
   * Runs an audited change of one rollout by a caller the policy allows to
   * update it; the change gets the caller's entity ref as its actor.
   */
  async function updateOf<T>(
    req: AnyRequest,
    eventId: string,
    meta: Record<string, string>,
    change: (actor: string, credentials: BackstageCredentials) => Promise<T>,
  ): Promise<T> {
    const credentials = await credentialsOf(req);
    return audited(req, eventId, meta, async () => {
      await authorizer.authorizeRollout(
        credentials,
        rolloutUpdatePermission,
        meta.rolloutId,
      );
      return change(actorRef(credentials), credentials);
    });
  }

  /** The id of a rollout the caller may read, from the path. */
  async function readableId(req: AnyRequest): Promise<string> {
    const { id } = req.params;
    await authorizer.authorizeRollout(
      await credentialsOf(req),
      rolloutReadPermission,
      id,
    );
    return id;
  }

  router.get('/rollouts', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parseInput(listRolloutsQuerySchema, req.query, 'query');
    const access = await authorizer.readAccess(credentials);
    res.json(
      access.allowed
        ? await service.list({ ...query, filter: access.filter })
        : { items: [] },
    );
  });

  router.post('/rollouts', async (req, res) => {
    const credentials = await credentialsOf(req);
    const input = req.is('text/markdown')
      ? parseInput(
          createRolloutRequestSchema,
          { ...req.query, checklist: parseMarkdown(req.body) },
          'request',
        )
      : bodyOf(createRolloutRequestSchema, req);
    const rollout = await audited(
      req,
      'rollout-create',
      { entityRef: input.entityRef, version: input.version },
      async () => {
        await authorizer.authorize(credentials, rolloutCreatePermission);
        return service.create(input, actorRef(credentials));
      },
    );
    res.status(201).json(rollout);
  });

  router.get('/rollouts/:id', async (req, res) => {
    res.json(await service.get(await readableId(req)));
  });

  router.patch('/rollouts/:id', async (req, res) => {
    const input = bodyOf(updateRolloutRequestSchema, req);
    const { id } = req.params;
    res.json(
      await updateOf(req, 'rollout-update', { rolloutId: id }, actor =>
        service.update(id, input, actor),
      ),
    );
  });

  router.get('/rollouts/:id/markdown', async (req, res) => {
    const markdown = await service.markdown(await readableId(req));
    res.type('text/markdown; charset=utf-8').send(markdown);
  });

  router.get('/rollouts/:id/events', async (req, res) => {
    res.json({ items: await service.events(await readableId(req)) });
  });

  router.post('/rollouts/:id/preflight/:checkId', async (req, res) => {
    const input = bodyOf(setPreflightCheckRequestSchema, req);
    const { id, checkId } = req.params;
    res.json(
      await updateOf(
        req,
        'rollout-preflight',
        { rolloutId: id, checkId },
        actor => service.setPreflightCheck(id, checkId, input, actor),
      ),
    );
  });

  router.post('/rollouts/:id/signoffs/:signOffId', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const input = bodyOf(decideSignOffRequestSchema, req);
    const { id, signOffId } = req.params;
    res.json(
      await audited(
        req,
        'rollout-signoff',
        { rolloutId: id, signOffId, decision: input.decision },
        async () => {
          // Not rollout.update: the signer groups of the row decide who may
          // approve, so a QA lead signs without being able to edit the
          // runbook. Signers must still be able to read the rollout.
          await authorizer.authorizeRollout(
            credentials,
            rolloutReadPermission,
            id,
          );
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
    const input = bodyOf(setRolloutStatusRequestSchema, req);
    const { id } = req.params;
    res.json(
      await updateOf(
        req,
        'rollout-status',
        { rolloutId: id, status: input.status },
        actor => service.setStatus(id, input, actor),
      ),
    );
  });

  router.get('/rollouts/:id/gates', async (req, res) => {
    res.json(await gates.get(await readableId(req)));
  });

  router.post('/rollouts/:id/criteria/:criterionId', async (req, res) => {
    const input = bodyOf(markCriterionRequestSchema, req);
    const { id, criterionId } = req.params;
    res.json(
      await updateOf(
        req,
        'rollout-criterion-mark',
        { rolloutId: id, criterionId, state: input.state },
        actor => gates.markCriterion(id, criterionId, input, actor),
      ),
    );
  });

  // The spec validates the step routes as it does the others, but the typed
  // router cannot derive handler types for these paths (two parameters and
  // a trailing segment), so they are declared on it as a plain router.
  const stepRoutes = router as unknown as express.Router;

  stepRoutes.post('/rollouts/:id/steps/:stepId/run', async (req, res) => {
    const { id, stepId } = req.params;
    const started = await updateOf(
      req,
      'rollout-step-run',
      { rolloutId: id, stepId },
      (actor, credentials) => steps.run(id, stepId, { actor, credentials }),
    );
    res.status(202).json(started);
  });

  stepRoutes.post('/rollouts/:id/steps/:stepId/confirm', async (req, res) => {
    const input = bodyOf(confirmStepRequestSchema, req);
    const { id, stepId } = req.params;
    res.json(
      await updateOf(
        req,
        'rollout-step-confirm',
        { rolloutId: id, stepId },
        actor => steps.confirm(id, stepId, input, actor),
      ),
    );
  });

  stepRoutes.post('/rollouts/:id/steps/:stepId/report', async (req, res) => {
    const input = bodyOf(reportStepRequestSchema, req);
    const { id, stepId } = req.params;
    res.json(
      await updateOf(
        req,
        'rollout-step-report',
        { rolloutId: id, stepId, status: input.status },
        actor => steps.report(id, stepId, input, actor),
      ),
    );
  });

  stepRoutes.get('/rollouts/:id/steps/:stepId/log', async (req, res) => {
    const id = await readableId(req);
    res.json(await steps.log(id, req.params.stepId, await credentialsOf(req)));
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
