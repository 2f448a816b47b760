/*
 * The rollout API, OpenAPI 3.1. The router validates every request against
 * it; request bodies are then checked field by field with the zod schemas of
 * rollout-common, which name the offending path in their errors.
 */

const id = { type: 'string', minLength: 1 } as const;
const expectedRevision = {
  type: 'integer',
  minimum: 1,
  description: 'The revision the change was based on; 409 if it is stale.',
} as const;
const rolloutStatus = {
  type: 'string',
  enum: ['draft', 'in_progress', 'completed', 'rolled_back', 'blocked'],
} as const;
const error = {
  description: 'An error, in the Backstage error format.',
  content: {
    'application/json': { schema: { $ref: '#/components/schemas/Error' } },
  },
} as const;
const rolloutResponse = {
  description: 'The rollout.',
  content: {
    'application/json': { schema: { $ref: '#/components/schemas/Rollout' } },
  },
} as const;
const idParam = { $ref: '#/components/parameters/id' } as const;
const stepIdParam = {
  name: 'stepId',
  in: 'path',
  required: true,
  schema: id,
} as const;
const mutationResponses = {
  '200': rolloutResponse,
  '400': error,
  '404': error,
  '409': error,
} as const;

/** A required JSON request body of one object. */
function jsonBody<
  P extends Record<string, unknown>,
  R extends readonly (keyof P & string)[],
>(properties: P, required: R) {
  return {
    required: true,
    content: {
      'application/json': {
        schema: { type: 'object', properties, required },
      },
    },
  } as const;
}

/** @internal */
export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'rollout',
    version: '1',
    description:
      "Release rollouts of catalog entities: runbook steps, pre-flight checks, sign-offs and history. A completed or rolled-back rollout is final and read-only: every change answers 409 with reason rolloutFinished, except the report of a step's task that was already running.",
    license: { name: 'Apache-2.0' },
  },
  servers: [{ url: '/' }],
  components: {
    parameters: {
      id: { name: 'id', in: 'path', required: true, schema: id },
    },
    schemas: {
      Error: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              message: { type: 'string' },
              reason: {
                type: 'string',
                description:
                  'Why a 409 refused the change, such as staleRevision or rolloutFinished; RolloutConflictReason in rollout-common lists them.',
              },
            },
            required: ['name', 'message'],
          },
          response: {
            type: 'object',
            properties: { statusCode: { type: 'integer' } },
          },
        },
        required: ['error'],
      },
      Checklist: {
        type: 'object',
        description:
          'Every section of a rollout checklist; the field-level schema is checklistSchema in rollout-common.',
        properties: {
          title: { type: 'string' },
          stage: { type: 'string' },
          steps: { type: 'array', items: { type: 'object' } },
          rollbackCriteria: { type: 'array', items: { type: 'object' } },
          migrationGuide: { type: 'array', items: { type: 'object' } },
          preflightChecks: { type: 'array', items: { type: 'object' } },
          signOffs: { type: 'array', items: { type: 'object' } },
          metrics: { type: 'array', items: { type: 'object' } },
          alerts: { type: 'array', items: { type: 'object' } },
          communication: { type: 'array', items: { type: 'object' } },
        },
      },
      RolloutFields: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          entityRef: { type: 'string' },
          version: { type: 'string' },
          previousVersion: { type: 'string' },
          title: { type: 'string' },
          status: rolloutStatus,
          revision: { type: 'integer' },
          releaseNotesUrl: { type: 'string' },
          createdBy: { type: 'string' },
          createdAt: { type: 'string' },
          updatedAt: { type: 'string' },
          startedAt: { type: 'string' },
          ownerRef: { type: 'string' },
          systemRef: { type: 'string' },
        },
        required: [
          'id',
          'entityRef',
          'version',
          'title',
          'status',
          'revision',
          'createdBy',
          'createdAt',
          'updatedAt',
        ],
      },
      Rollout: {
        allOf: [
          { $ref: '#/components/schemas/RolloutFields' },
          {
            type: 'object',
            properties: {
              checklist: { $ref: '#/components/schemas/Checklist' },
            },
            required: ['checklist'],
          },
        ],
      },
      RolloutSummary: {
        allOf: [
          { $ref: '#/components/schemas/RolloutFields' },
          {
            type: 'object',
            properties: {
              counts: { type: 'object' },
              pendingRoles: { type: 'array', items: { type: 'string' } },
              lastActivityAt: { type: 'string' },
              blockedReason: { type: 'string' },
              blockedEvent: {
                type: 'object',
                required: ['type', 'data'],
                properties: {
                  type: { type: 'string' },
                  data: { type: 'object' },
                },
              },
              awaitingYou: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    role: { type: 'string' },
                  },
                  required: ['id', 'role'],
                },
              },
            },
            required: ['counts', 'pendingRoles', 'lastActivityAt'],
          },
        ],
      },
      RolloutEvent: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          rolloutId: { type: 'string' },
          actor: { type: 'string' },
          type: { type: 'string' },
          message: { type: 'string' },
          revision: { type: 'integer' },
          data: { type: 'object' },
          createdAt: { type: 'string' },
        },
        required: [
          'id',
          'rolloutId',
          'actor',
          'type',
          'message',
          'revision',
          'createdAt',
        ],
      },
    },
  },
  paths: {
    '/rollouts': {
      get: {
        operationId: 'ListRollouts',
        description:
          'A page of the rollouts the caller may read, filtered and sorted in the database.',
        parameters: [
          {
            name: 'entityRef',
            in: 'query',
            // Entity refs are read as typed, `:` and `/` included.
            allowReserved: true,
            schema: { type: 'string' },
          },
          {
            name: 'status',
            in: 'query',
            description:
              'One status, several as a repeated parameter, or a comma-separated list.',
            schema: {
              oneOf: [
                { type: 'string' },
                { type: 'array', items: { type: 'string' } },
              ],
            },
          },
          {
            name: 'owner',
            in: 'query',
            allowReserved: true,
            schema: { type: 'string' },
          },
          {
            name: 'system',
            in: 'query',
            allowReserved: true,
            schema: { type: 'string' },
          },
          {
            name: 'pendingSignoffBy',
            in: 'query',
            description:
              '`me`: rollouts with a pending sign-off row the caller signs.',
            schema: { type: 'string', enum: ['me'] },
          },
          {
            name: 'ownedBy',
            in: 'query',
            description: '`me`: rollouts of entities the caller owns.',
            schema: { type: 'string', enum: ['me'] },
          },
          {
            name: 'q',
            in: 'query',
            description: 'Text in the entity ref, version or title.',
            schema: { type: 'string' },
          },
          {
            name: 'sort',
            in: 'query',
            schema: {
              type: 'string',
              enum: ['lastActivity', 'entity', 'status'],
            },
          },
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 200 },
          },
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
        ],
        responses: {
          '200': {
            description: 'A page of rollout summaries.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    items: {
                      type: 'array',
                      items: { $ref: '#/components/schemas/RolloutSummary' },
                    },
                    nextCursor: { type: 'string' },
                  },
                  required: ['items'],
                },
              },
            },
          },
          '400': error,
        },
      },
      post: {
        operationId: 'CreateRollout',
        description:
          'Creates a rollout from a checklist object (JSON) or a checklist document (text/markdown, with entityRef and version as query parameters).',
        parameters: [
          {
            name: 'entityRef',
            in: 'query',
            allowReserved: true,
            schema: { type: 'string' },
          },
          { name: 'version', in: 'query', schema: { type: 'string' } },
          { name: 'previousVersion', in: 'query', schema: { type: 'string' } },
          { name: 'title', in: 'query', schema: { type: 'string' } },
          { name: 'releaseNotesUrl', in: 'query', schema: { type: 'string' } },
          {
            name: 'strict',
            in: 'query',
            description:
              'With a markdown body: `true` refuses a document the reader had to guess about (any warning) with a 400 listing the warnings, instead of creating it with them.',
            schema: { type: 'string', enum: ['true', 'false'] },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  entityRef: { type: 'string' },
                  version: { type: 'string' },
                  previousVersion: { type: 'string' },
                  title: { type: 'string' },
                  releaseNotesUrl: { type: 'string' },
                  checklist: { $ref: '#/components/schemas/Checklist' },
                },
                required: ['entityRef', 'version', 'checklist'],
              },
            },
            'text/markdown': { schema: { type: 'string' } },
          },
        },
        responses: {
          '201': {
            description:
              'The new rollout, with `warnings`: what reading a markdown document guessed or dropped, and signers the catalog could not name, each with its line (empty for JSON).',
            content: {
              'application/json': {
                schema: {
                  allOf: [
                    { $ref: '#/components/schemas/Rollout' },
                    {
                      type: 'object',
                      properties: {
                        warnings: {
                          type: 'array',
                          items: {
                            type: 'object',
                            properties: {
                              line: { type: 'integer' },
                              message: { type: 'string' },
                            },
                            required: ['line', 'message'],
                          },
                        },
                      },
                      required: ['warnings'],
                    },
                  ],
                },
              },
            },
          },
          '400': error,
          '409': error,
          '503': {
            ...error,
            description: 'The catalog did not answer; nothing was created.',
          },
        },
      },
    },
    '/rollouts/{id}': {
      get: {
        operationId: 'GetRollout',
        parameters: [idParam],
        responses: { '200': rolloutResponse, '404': error },
      },
      patch: {
        operationId: 'UpdateRollout',
        description:
          'Edits the rollout; each checklist section given replaces that section, items keeping their run state by id. A text/markdown body is the whole checklist, with expectedRevision as a query parameter. The answer says which sections changed and whose approvals the edit reset.',
        parameters: [
          idParam,
          {
            name: 'expectedRevision',
            in: 'query',
            description:
              'With a markdown body: the revision the document was read at.',
            schema: { type: 'string' },
          },
        ],
        requestBody: {
          required: true,
          content: {
            ...jsonBody(
              {
                expectedRevision,
                title: { type: 'string' },
                previousVersion: { type: ['string', 'null'] },
                releaseNotesUrl: { type: ['string', 'null'] },
                checklist: { type: 'object' },
              },
              ['expectedRevision'],
            ).content,
            'text/markdown': { schema: { type: 'string' } },
          },
        },
        responses: {
          ...mutationResponses,
          '200': {
            description: 'The rollout, and what the edit changed.',
            content: {
              'application/json': {
                schema: {
                  allOf: [
                    { $ref: '#/components/schemas/Rollout' },
                    {
                      type: 'object',
                      properties: {
                        edit: {
                          type: 'object',
                          properties: {
                            changed: {
                              type: 'array',
                              items: { type: 'string' },
                            },
                            resetRoles: {
                              type: 'array',
                              items: { type: 'string' },
                            },
                          },
                          required: ['changed', 'resetRoles'],
                        },
                      },
                      required: ['edit'],
                    },
                  ],
                },
              },
            },
          },
        },
      },
    },
    '/rollouts/{id}/markdown': {
      get: {
        operationId: 'GetRolloutMarkdown',
        parameters: [idParam],
        responses: {
          '200': {
            description: 'The checklist as a markdown document.',
            content: { 'text/markdown': { schema: { type: 'string' } } },
          },
          '404': error,
        },
      },
    },
    '/rollouts/{id}/events': {
      get: {
        operationId: 'ListRolloutEvents',
        parameters: [idParam],
        responses: {
          '200': {
            description: 'The rollout history, newest first.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    items: {
                      type: 'array',
                      items: { $ref: '#/components/schemas/RolloutEvent' },
                    },
                  },
                  required: ['items'],
                },
              },
            },
          },
          '404': error,
        },
      },
    },
    '/rollouts/{id}/preflight/{checkId}': {
      post: {
        operationId: 'SetPreflightCheck',
        parameters: [
          idParam,
          { name: 'checkId', in: 'path', required: true, schema: id },
        ],
        requestBody: jsonBody(
          { expectedRevision, checked: { type: 'boolean' } },
          ['expectedRevision', 'checked'],
        ),
        responses: mutationResponses,
      },
    },
    '/rollouts/{id}/communication/{itemId}': {
      post: {
        operationId: 'SetCommunicationItem',
        description:
          'Marks a communication item done or not done, with who and when.',
        parameters: [
          idParam,
          { name: 'itemId', in: 'path', required: true, schema: id },
        ],
        requestBody: jsonBody({ expectedRevision, done: { type: 'boolean' } }, [
          'expectedRevision',
          'done',
        ]),
        responses: mutationResponses,
      },
    },
    '/rollouts/{id}/communication/{itemId}/announcement': {
      get: {
        operationId: 'GetAnnouncement',
        description:
          "The announcement the app's template (rollout.communication) writes for a communication item: subject and markdown body, the rollout's stakeholders (the sign-off rows' signers and the entity's owner), the audiences app-config offers, the channels, and when the item was last sent. Needs rollout.update.",
        parameters: [
          idParam,
          { name: 'itemId', in: 'path', required: true, schema: id },
        ],
        responses: {
          '200': {
            description: 'The announcement, ready to edit and send.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    itemId: { type: 'string' },
                    subject: { type: 'string' },
                    body: { type: 'string' },
                    stakeholders: { type: 'array', items: { type: 'string' } },
                    audiences: { type: 'array', items: { type: 'object' } },
                    channels: {
                      type: 'array',
                      items: {
                        type: 'string',
                        enum: ['web', 'email', 'slack'],
                      },
                    },
                    lastSent: { type: 'object' },
                  },
                  required: [
                    'itemId',
                    'subject',
                    'body',
                    'stakeholders',
                    'audiences',
                    'channels',
                  ],
                },
              },
            },
          },
          '403': error,
          '404': error,
        },
      },
    },
    '/rollouts/{id}/communication/{itemId}/send': {
      post: {
        operationId: 'SendAnnouncement',
        description:
          "Sends a communication item through Backstage's notifications to each recipient once (groups as their direct members): on the Notifications page, and by email or Slack where the notifications backend has those processors. Ticks the item with who and when, and records the recipients, channels and text in the history. An item sent before answers 409 (reason alreadySent) unless resend is true; when the notifications backend fails, nothing is recorded and the answer is 503.",
        parameters: [
          idParam,
          { name: 'itemId', in: 'path', required: true, schema: id },
        ],
        requestBody: jsonBody(
          {
            expectedRevision,
            subject: { type: 'string' },
            body: { type: 'string', description: 'Markdown.' },
            stakeholders: {
              type: 'boolean',
              description:
                "Whether the rollout's stakeholders (signers, the entity's owner) get it.",
            },
            audiences: {
              type: 'array',
              items: { type: 'string' },
              description: 'Names of rollout.communication.audiences.',
            },
            entityRefs: {
              type: 'array',
              items: { type: 'string' },
              description: 'More users and groups.',
            },
            resend: { type: 'boolean' },
          },
          ['expectedRevision', 'subject', 'body', 'stakeholders'],
        ),
        responses: {
          '200': {
            description:
              'The rollout with the item ticked, the users it went to, and each channel.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    rollout: { $ref: '#/components/schemas/Rollout' },
                    recipients: { type: 'array', items: { type: 'string' } },
                    channels: { type: 'array', items: { type: 'object' } },
                  },
                  required: ['rollout', 'recipients', 'channels'],
                },
              },
            },
          },
          '400': error,
          '403': error,
          '404': error,
          '409': error,
          '503': error,
        },
      },
    },
    '/rollouts/{id}/signoffs/{signOffId}': {
      post: {
        operationId: 'DecideSignOff',
        description:
          'Records a decision; only a signer of the row (directly or through a group) may decide.',
        parameters: [
          idParam,
          { name: 'signOffId', in: 'path', required: true, schema: id },
        ],
        requestBody: jsonBody(
          {
            expectedRevision,
            decision: {
              type: 'string',
              enum: ['pending', 'approved', 'rejected'],
            },
            note: { type: 'string' },
          },
          ['expectedRevision', 'decision'],
        ),
        responses: { ...mutationResponses, '403': error },
      },
    },
    '/rollouts/{id}/signoff-requests': {
      post: {
        operationId: 'RequestSignOffs',
        description:
          "Asks the signers of each pending sign-off row, one notification per row that asking again updates, and records the request in the rollout's history. Decided rows are not asked. A completed or rolled-back rollout answers 409 (reason rolloutFinished).",
        parameters: [idParam],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {},
                additionalProperties: false,
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The sign-off rows asked, each with its signers.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    requested: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          signOffId: { type: 'string' },
                          role: { type: 'string' },
                          signers: {
                            type: 'array',
                            items: { type: 'string' },
                          },
                        },
                        required: ['signOffId', 'role', 'signers'],
                      },
                    },
                  },
                  required: ['requested'],
                },
              },
            },
          },
          '400': error,
          '403': error,
          '404': error,
          '409': error,
        },
      },
    },
    '/rollouts/{id}/status': {
      post: {
        operationId: 'SetRolloutStatus',
        description:
          'Moves the rollout to another status; completing it is refused (409) while anything blocks it.',
        parameters: [idParam],
        requestBody: jsonBody(
          {
            expectedRevision,
            status: rolloutStatus,
            reason: { type: 'string' },
          },
          ['expectedRevision', 'status'],
        ),
        responses: mutationResponses,
      },
    },
    '/rollouts/{id}/gates': {
      get: {
        operationId: 'GetRolloutGates',
        description:
          'Evaluates the metrics (Prometheus), alerts (Alertmanager) and rollback criteria of the rollout now. A source that fails or is slow makes its rows unknown with the reason; the call itself still answers.',
        parameters: [idParam],
        responses: {
          '200': {
            description:
              "The gates; the field-level type is RolloutGates in rollout-common. Each reason is given as `because` (its type and data, GateReason in rollout-common, for a UI to say in the reader's language) and as `reason` (a source's `error`), the same in English; `blockedBy` has the `gates` that blocked the rollout.",
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    rolloutId: { type: 'string' },
                    evaluatedAt: { type: 'string' },
                    baselineWindow: { type: 'object' },
                    metrics: { type: 'array', items: { type: 'object' } },
                    alerts: { type: 'array', items: { type: 'object' } },
                    criteria: { type: 'array', items: { type: 'object' } },
                    sources: { type: 'object' },
                    blockedBy: { type: 'object' },
                  },
                  required: [
                    'rolloutId',
                    'evaluatedAt',
                    'baselineWindow',
                    'metrics',
                    'alerts',
                    'criteria',
                    'sources',
                  ],
                },
              },
            },
          },
          '404': error,
        },
      },
    },
    '/rollouts/{id}/criteria/{criterionId}': {
      post: {
        operationId: 'MarkCriterion',
        description:
          'Marks a rollback criterion without a query ok or triggered; triggered blocks a rollout in progress.',
        parameters: [
          idParam,
          { name: 'criterionId', in: 'path', required: true, schema: id },
        ],
        requestBody: jsonBody(
          {
            expectedRevision,
            state: { type: 'string', enum: ['ok', 'triggered'] },
          },
          ['expectedRevision', 'state'],
        ),
        responses: mutationResponses,
      },
    },
    '/rollouts/{id}/steps/{stepId}/run': {
      post: {
        operationId: 'RunStep',
        description:
          "Starts the step as a scaffolder task on behalf of the caller; while it runs, the same task is returned. A step runs after the steps before it succeeded or were skipped, unless the body gives an outOfOrderReason; deploy and rollback steps run only in a started rollout. A rollback step runs the step's template or rollout.steps.rollbackTemplate with entityRef, version and previousVersion.",
        parameters: [idParam, stepIdParam],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { outOfOrderReason: { type: 'string' } },
              },
            },
          },
        },
        responses: {
          '202': {
            description: 'The task running the step, and the step.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    taskId: { type: 'string' },
                    step: { type: 'object' },
                  },
                  required: ['taskId', 'step'],
                },
              },
            },
          },
          '404': error,
          '409': error,
          '503': error,
        },
      },
    },
    '/rollouts/{id}/steps/{stepId}/confirm': {
      post: {
        operationId: 'ConfirmStep',
        description:
          "Marks a manual step done by the caller, in the runbook's order unless an outOfOrderReason is given. The step keeps the note (trimmed) as its summary, or `Marked done` without one, and no task id; the step.succeeded event carries the note.",
        parameters: [idParam, stepIdParam],
        requestBody: jsonBody(
          {
            expectedRevision,
            note: { type: 'string', maxLength: 10_000 },
            outOfOrderReason: { type: 'string' },
          },
          ['expectedRevision'],
        ),
        responses: mutationResponses,
      },
    },
    '/rollouts/{id}/steps/{stepId}/skip': {
      post: {
        operationId: 'SkipStep',
        description:
          'Skips a step that is neither running nor succeeded; the reason is kept as its summary, and completion accepts the skipped step.',
        parameters: [idParam, stepIdParam],
        requestBody: jsonBody(
          { expectedRevision, reason: { type: 'string' } },
          ['expectedRevision', 'reason'],
        ),
        responses: mutationResponses,
      },
    },
    '/rollouts/{id}/steps/{stepId}/reopen': {
      post: {
        operationId: 'ReopenStep',
        description:
          'Undoes a skip, or a manual step marked done (succeeded without a task): the step is pending again, and a step.reopened event says from what. Any other step (running, failed, succeeded in a task) answers 409 (reason stepNotReopenable).',
        parameters: [idParam, stepIdParam],
        requestBody: jsonBody({ expectedRevision }, ['expectedRevision']),
        responses: mutationResponses,
      },
    },
    '/rollouts/{id}/steps/{stepId}/report': {
      post: {
        operationId: 'ReportStep',
        description:
          "Records a step's result; sent by the last action of the step's task, with the key the task was given as its `rolloutReportKey` secret. Any other report is refused: 409 when the step has no running task, 403 when the task or key is not the run's.",
        parameters: [idParam, stepIdParam],
        requestBody: jsonBody(
          {
            status: { type: 'string', enum: ['succeeded', 'failed'] },
            summary: { type: 'string' },
            taskId: { type: 'string' },
            reportKey: { type: 'string' },
          },
          ['status', 'taskId', 'reportKey'],
        ),
        responses: mutationResponses,
      },
    },
    '/rollouts/{id}/steps/{stepId}/log': {
      get: {
        operationId: 'GetStepLog',
        description:
          "The output of the commands (rollout:command:run) of the step's last task: the last 200 lines, without the scaffolder's own lines and stack frames; how a failing command ended and its exit code.",
        parameters: [idParam, stepIdParam],
        responses: {
          '200': {
            description:
              'The task id, the log lines, and the outcome of a failed command.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    taskId: { type: 'string' },
                    lines: { type: 'array', items: { type: 'string' } },
                    exitCode: { type: 'integer' },
                    outcome: {
                      type: 'string',
                      description:
                        'How the command failed, in one line, such as `Command "make review-test" exited with code 2`.',
                    },
                    truncated: {
                      type: 'boolean',
                      description: 'Whether older lines were left out.',
                    },
                  },
                  required: ['lines', 'truncated'],
                },
              },
            },
          },
          '404': error,
        },
      },
    },
  },
} as const;
