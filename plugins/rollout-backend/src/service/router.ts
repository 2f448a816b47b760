import { HttpAuthService } from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { NotFoundError } from '@backstage/errors';
import {
  confirmStepRequestSchema,
  createRolloutMarkdownQuerySchema,
  createRolloutRequestSchema,
  decideSignOffRequestSchema,
  listRolloutsQuerySchema,
  markCriterionRequestSchema,
  reopenStepRequestSchema,
  reportStepRequestSchema,
  requestSignOffsRequestSchema,
  runStepRequestSchema,
  sendAnnouncementRequestSchema,
  setCommunicationItemRequestSchema,
  setPreflightCheckRequestSchema,
  setRolloutStatusRequestSchema,
  skipStepRequestSchema,
  updateRolloutMarkdownQuerySchema,
  updateRolloutRequestSchema,
  Rollout,
} from '@rollout/backstage-plugin-rollout-common';
import { createHash } from 'crypto';
import express from 'express';
import { z } from 'zod';
import {
  RolloutCaller,
  RolloutOperations,
} from '../operations/RolloutOperations';
import { spec } from '../schema/openapi';
import { readMarkdown } from './readMarkdown';
import { bodyErrors, inputGuard, parseInput } from './validation';

/** What the router needs; everything else stays behind the operations. */
export type RouterOptions = {
  operations: RolloutOperations;
  httpAuth: HttpAuthService;
};

const bodyLimit = '2mb';

// Any request of the typed router; only its headers are read here.
type AnyRequest = express.Request<any, any, any, any>;

/**
 * Translates HTTP to {@link RolloutOperations} calls, and nothing more:
 * requests are validated against the OpenAPI spec, then field by field with
 * the zod schemas; who may do what is the operations' business.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { operations, httpAuth } = options;
  const router = createValidatedOpenApiRouter(spec, {
    middleware: [
      express.json({ limit: bodyLimit }),
      express.text({ type: 'text/markdown', limit: bodyLimit }),
      // An error handler: the option's type knows only request handlers.
      bodyErrors(bodyLimit) as unknown as express.RequestHandler,
      inputGuard(),
    ],
  });

  const callerOf = async (req: AnyRequest): Promise<RolloutCaller> => ({
    credentials: await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    }),
    request: req,
  });

  const bodyOf = <T extends z.ZodTypeAny>(schema: T, req: AnyRequest) =>
    parseInput(schema, req.body, 'request body');

  router.get('/rollouts', async (req, res) => {
    const caller = await callerOf(req);
    const query = parseInput(listRolloutsQuerySchema, req.query, 'query');
    res.json(await operations.list(caller, query));
  });

  router.post('/rollouts', async (req, res) => {
    const caller = await callerOf(req);
    const created = req.is('text/markdown')
      ? await operations.importChecklist(
          caller,
          parseInput(createRolloutMarkdownQuerySchema, req.query, 'query'),
          req.body,
        )
      : await operations.create(
          caller,
          bodyOf(createRolloutRequestSchema, req),
        );
    res.status(201).json(created);
  });

  router.get('/rollouts/:id', async (req, res) => {
    const rollout = await operations.get(await callerOf(req), req.params.id);
    const { body, etag } = serialized(rollout);
    // The typed response takes the object; this is the same, as sent. With
    // the ETag set, express does not hash the body again.
    (res as express.Response).set('ETag', etag).type('json').send(body);
  });

  router.patch('/rollouts/:id', async (req, res) => {
    const caller = await callerOf(req);
    // A markdown body is the whole checklist, as GET …/markdown printed it.
    const reading = req.is('text/markdown')
      ? readMarkdown(req.body)
      : undefined;
    const input = reading
      ? {
          ...parseInput(updateRolloutMarkdownQuerySchema, req.query, 'query'),
          checklist: reading.checklist,
          fromMarkdown: true,
          reading: {
            warnings: reading.warnings,
            signerNames: reading.signerNames,
          },
        }
      : bodyOf(updateRolloutRequestSchema, req);
    res.json(await operations.update(caller, req.params.id, input));
  });

  router.get('/rollouts/:id/markdown', async (req, res) => {
    const markdown = await operations.markdown(
      await callerOf(req),
      req.params.id,
    );
    res.type('text/markdown; charset=utf-8').send(markdown);
  });

  router.get('/rollouts/:id/events', async (req, res) => {
    const caller = await callerOf(req);
    res.json({ items: await operations.events(caller, req.params.id) });
  });

  router.post('/rollouts/:id/preflight/:checkId', async (req, res) => {
    const caller = await callerOf(req);
    const input = bodyOf(setPreflightCheckRequestSchema, req);
    const { id, checkId } = req.params;
    res.json(await operations.setPreflightCheck(caller, id, checkId, input));
  });

  router.post('/rollouts/:id/communication/:itemId', async (req, res) => {
    const caller = await callerOf(req);
    const input = bodyOf(setCommunicationItemRequestSchema, req);
    const { id, itemId } = req.params;
    res.json(await operations.setCommunicationItem(caller, id, itemId, input));
  });

  router.get(
    '/rollouts/:id/communication/:itemId/announcement',
    async (req, res) => {
      const { id, itemId } = req.params;
      res.json(await operations.announcement(await callerOf(req), id, itemId));
    },
  );

  router.post('/rollouts/:id/communication/:itemId/send', async (req, res) => {
    const caller = await callerOf(req);
    const input = bodyOf(sendAnnouncementRequestSchema, req);
    const { id, itemId } = req.params;
    res.json(await operations.sendAnnouncement(caller, id, itemId, input));
  });

  router.post('/rollouts/:id/signoffs/:signOffId', async (req, res) => {
    const caller = await callerOf(req);
    const input = bodyOf(decideSignOffRequestSchema, req);
    const { id, signOffId } = req.params;
    res.json(await operations.decideSignOff(caller, id, signOffId, input));
  });

  router.post('/rollouts/:id/signoff-requests', async (req, res) => {
    const caller = await callerOf(req);
    parseInput(requestSignOffsRequestSchema, req.body ?? {}, 'request body');
    res.json(await operations.requestSignOffs(caller, req.params.id));
  });

  router.post('/rollouts/:id/status', async (req, res) => {
    const caller = await callerOf(req);
    const input = bodyOf(setRolloutStatusRequestSchema, req);
    res.json(await operations.setStatus(caller, req.params.id, input));
  });

  router.get('/rollouts/:id/gates', async (req, res) => {
    res.json(await operations.getGates(await callerOf(req), req.params.id));
  });

  router.post('/rollouts/:id/criteria/:criterionId', async (req, res) => {
    const caller = await callerOf(req);
    const input = bodyOf(markCriterionRequestSchema, req);
    const { id, criterionId } = req.params;
    res.json(await operations.markCriterion(caller, id, criterionId, input));
  });

  // The spec validates the step routes as it does the others, but the typed
  // router cannot derive handler types for these paths (two parameters and
  // a trailing segment), so they are declared on it as a plain router.
  const stepRoutes = router as unknown as express.Router;

  stepRoutes.post('/rollouts/:id/steps/:stepId/run', async (req, res) => {
    const caller = await callerOf(req);
    const input = parseInput(
      runStepRequestSchema,
      req.body ?? {},
      'request body',
    );
    const { id, stepId } = req.params;
    res.status(202).json(await operations.runStep(caller, id, stepId, input));
  });

  stepRoutes.post('/rollouts/:id/steps/:stepId/confirm', async (req, res) => {
    const caller = await callerOf(req);
    const input = bodyOf(confirmStepRequestSchema, req);
    const { id, stepId } = req.params;
    res.json(await operations.confirmStep(caller, id, stepId, input));
  });

  stepRoutes.post('/rollouts/:id/steps/:stepId/skip', async (req, res) => {
    const caller = await callerOf(req);
    const input = bodyOf(skipStepRequestSchema, req);
    const { id, stepId } = req.params;
    res.json(await operations.skipStep(caller, id, stepId, input));
  });

  stepRoutes.post('/rollouts/:id/steps/:stepId/reopen', async (req, res) => {
    const caller = await callerOf(req);
    const input = bodyOf(reopenStepRequestSchema, req);
    const { id, stepId } = req.params;
    res.json(await operations.reopenStep(caller, id, stepId, input));
  });

  stepRoutes.post('/rollouts/:id/steps/:stepId/report', async (req, res) => {
    const caller = await callerOf(req);
    const input = bodyOf(reportStepRequestSchema, req);
    const { id, stepId } = req.params;
    res.json(await operations.reportStep(caller, id, stepId, input));
  });

  stepRoutes.get('/rollouts/:id/steps/:stepId/log', async (req, res) => {
    const caller = await callerOf(req);
    const { id, stepId } = req.params;
    res.json(await operations.stepLog(caller, id, stepId));
  });

  // Anything else under the plugin's path is a 404 that says what was asked,
  // in the error format of every other answer.
  router.use((req, _res, next) => {
    next(
      new NotFoundError(
        `The rollout API has no ${req.method} ${req.path}; see its OpenAPI spec at /openapi.json`,
      ),
    );
  });

  return router;
}

/**
 * The JSON of rollouts read by id, encoded, and its ETag. Those rollouts are
 * shared and frozen, one object per stored version (see
 * `RolloutService.get`), so each is serialized and hashed once.
 */
const serializedRollouts = new WeakMap<
  Rollout,
  { body: Buffer; etag: string }
>();

function serialized(rollout: Rollout): { body: Buffer; etag: string } {
  let kept = serializedRollouts.get(rollout);
  if (!kept) {
    const body = Buffer.from(JSON.stringify(rollout), 'utf8');
    kept = {
      body,
      etag: `W/"${createHash('sha1').update(body).digest('base64url')}"`,
    };
    serializedRollouts.set(rollout, kept);
  }
  return kept;
}

/** A markdown import: the query's fields, the checklist and its reading. */
