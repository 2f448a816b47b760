/*
 * Request bodies of the rollout API. Item schemas are derived from the stored
 * ones: a client may leave out ids and run state, which the backend fills in,
 * and edits never carry run state (that changes only through its own calls).
 */
import { z } from 'zod';
import type { ChecklistWarning } from './markdown/parseChecklist';
import { httpUrlSchema, rolloutLimits } from './limits';
import {
  alertSchema,
  checklistSchema,
  communicationItemSchema,
  metricSchema,
  migrationItemSchema,
  preflightCheckSchema,
  rollbackCriterionSchema,
  Rollout,
  RolloutStatus,
  rolloutStatusSchema,
  signOffDecisionSchema,
  signOffSchema,
  Step,
  stepSchema,
} from './schema';

const optionalId = { id: true } as const;

/**
 * A checklist as a client sends it: ids and run state may be left out.
 * @public
 */
export const checklistInputSchema = checklistSchema.extend({
  steps: z
    .array(
      stepSchema.partial({ id: true, status: true, notes: true, kind: true }),
    )
    .max(rolloutLimits.sectionItems),
  rollbackCriteria: z
    .array(rollbackCriterionSchema.partial(optionalId))
    .max(rolloutLimits.sectionItems)
    .default([]),
  migrationGuide: z
    .array(migrationItemSchema.partial(optionalId))
    .max(rolloutLimits.sectionItems)
    .default([]),
  preflightChecks: z
    .array(preflightCheckSchema.partial({ id: true, checked: true }))
    .max(rolloutLimits.sectionItems)
    .default([]),
  signOffs: z
    .array(
      signOffSchema.partial({
        id: true,
        responsibility: true,
        signers: true,
        decision: true,
        note: true,
      }),
    )
    .max(rolloutLimits.sectionItems)
    .default([]),
  metrics: z
    .array(metricSchema.partial({ id: true, description: true }))
    .max(rolloutLimits.sectionItems)
    .default([]),
  alerts: z
    .array(alertSchema.partial({ id: true, description: true }))
    .max(rolloutLimits.sectionItems)
    .default([]),
  communication: z
    .array(communicationItemSchema.partial({ id: true, done: true }))
    .max(rolloutLimits.sectionItems)
    .default([]),
});
/**
 * A checklist as a client may send it: ids and run state may be left out.
 * @public
 */
export type ChecklistInput = z.input<typeof checklistInputSchema>;

const version = z
  .string()
  .min(1)
  .max(rolloutLimits.idLength)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._+-]*$/, 'must be a version like "v0.3.0"');

/**
 * The body of `POST /rollouts` (JSON), or its query with a markdown body.
 * @public
 */
export const createRolloutRequestSchema = z
  .object({
    entityRef: z.string().min(1).max(rolloutLimits.entityRefLength),
    version,
    previousVersion: version.optional(),
    title: z.string().min(1).max(rolloutLimits.titleLength).optional(),
    releaseNotesUrl: httpUrlSchema.optional(),
    checklist: checklistInputSchema,
  })
  .strict();

/** The fields of a new rollout besides its checklist. */
const { checklist: _checklist, ...rolloutFields } =
  createRolloutRequestSchema.shape;
/**
 * Body of `POST /rollouts` in JSON.
 * @public
 */
export type CreateRolloutRequest = z.input<typeof createRolloutRequestSchema>;

/**
 * The query of `POST /rollouts` with a markdown body: the rollout's fields
 * as in the JSON body, and `strict=true` to refuse a document the reader
 * had to guess about (any warning) instead of creating it with warnings.
 * @public
 */
export const createRolloutMarkdownQuerySchema = z
  .object({
    ...rolloutFields,
    strict: z
      .enum(['true', 'false'])
      .optional()
      .transform(value => value === 'true'),
  })
  .strict();

/**
 * The answer of `POST /rollouts`: the rollout created, and what its import
 * from markdown warned of, by line: what the reader guessed or dropped and
 * the signers the catalog could not name (always empty for a JSON body).
 * @public
 */
export type CreateRolloutResponse = Rollout & {
  warnings: ChecklistWarning[];
};

const expectedRevision = z.number().int().min(1);

/**
 * The body of `PATCH /rollouts/:id`: the revision read and the fields to change.
 * @public
 */
export const updateRolloutRequestSchema = z
  .object({
    expectedRevision,
    title: z.string().min(1).max(rolloutLimits.titleLength).optional(),
    previousVersion: version.nullable().optional(),
    releaseNotesUrl: httpUrlSchema.nullable().optional(),
    checklist: checklistInputSchema.partial().optional(),
  })
  .strict();
/**
 * Body of `PATCH /rollouts/:id`: each section given replaces that section.
 * Items keep their run state by id; run state sent here (a step's status, a
 * check's `checked`, a sign-off's decision...) is ignored, as it changes
 * only through the calls made for it.
 * @public
 */
export type UpdateRolloutRequest = z.input<typeof updateRolloutRequestSchema>;

/**
 * The query of `PATCH /rollouts/:id` with a markdown body: the revision the
 * document was read at.
 * @public
 */
export const updateRolloutMarkdownQuerySchema = z
  .object({ expectedRevision: z.coerce.number().int().min(1) })
  .strict();

/**
 * What an edit changed, as `PATCH /rollouts/:id` answers it.
 * @public
 */
export type RolloutEditSummary = {
  /** The checklist sections and rollout fields the edit changed. */
  changed: string[];
  /** The roles whose approval the edit reset to pending. */
  resetRoles: string[];
};

/**
 * The answer of `PATCH /rollouts/:id`: the rollout as it now stands, and
 * what the edit changed.
 * @public
 */
export type UpdateRolloutResponse = Rollout & {
  edit: RolloutEditSummary;
  /**
   * For a markdown body: what reading it guessed or dropped, and signers
   * the catalog could not name, by line.
   */
  warnings?: ChecklistWarning[];
};

/**
 * The body of `POST /rollouts/:id/preflight/:checkId`.
 * @public
 */
export const setPreflightCheckRequestSchema = z
  .object({ expectedRevision, checked: z.boolean() })
  .strict();
/**
 * Body of `POST /rollouts/:id/preflight/:checkId`.
 * @public
 */
export type SetPreflightCheckRequest = z.infer<
  typeof setPreflightCheckRequestSchema
>;

/**
 * The body of `POST /rollouts/:id/communication/:itemId`.
 * @public
 */
export const setCommunicationItemRequestSchema = z
  .object({ expectedRevision, done: z.boolean() })
  .strict();
/**
 * Body of `POST /rollouts/:id/communication/:itemId`: a communication item
 * marked done or not done.
 * @public
 */
export type SetCommunicationItemRequest = z.infer<
  typeof setCommunicationItemRequestSchema
>;

/**
 * The body of `POST /rollouts/:id/signoffs/:signOffId`.
 * @public
 */
export const decideSignOffRequestSchema = z
  .object({
    expectedRevision,
    decision: signOffDecisionSchema,
    note: z.string().max(rolloutLimits.textLength).optional(),
  })
  .strict();
/**
 * Body of `POST /rollouts/:id/signoffs/:signOffId`.
 * @public
 */
export type DecideSignOffRequest = z.infer<typeof decideSignOffRequestSchema>;

/**
 * The body of `POST /rollouts/:id/criteria/:criterionId`.
 * @public
 */
export const markCriterionRequestSchema = z
  .object({
    expectedRevision,
    state: z.enum(['ok', 'triggered']),
  })
  .strict();
/**
 * Body of `POST /rollouts/:id/criteria/:criterionId`: a person marks a
 * rollback criterion that has no query. Marking one `triggered` blocks a
 * rollout in progress.
 * @public
 */
export type MarkCriterionRequest = z.infer<typeof markCriterionRequestSchema>;

/**
 * The body of `POST /rollouts/:id/status`.
 * @public
 */
export const setRolloutStatusRequestSchema = z
  .object({
    expectedRevision,
    status: rolloutStatusSchema,
    reason: z.string().max(rolloutLimits.textLength).optional(),
  })
  .strict();
/**
 * Body of `POST /rollouts/:id/status`.
 * @public
 */
export type SetRolloutStatusRequest = z.infer<
  typeof setRolloutStatusRequestSchema
>;

/**
 * How `GET /rollouts` sorts: by last activity (newest first), by entity ref,
 * or by status (blocked first, then in progress, draft, completed, rolled
 * back).
 * @public
 */
export const rolloutSortSchema = z.enum(['lastActivity', 'entity', 'status']);

/**
 * How `GET /rollouts` sorts.
 * @public
 */
export type RolloutSort = z.infer<typeof rolloutSortSchema>;

/** One value, several as repeated parameters, or a comma-separated list. */
const listOf = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess(
    value =>
      (Array.isArray(value) ? value : [value])
        .flatMap(v => (typeof v === 'string' ? v.split(',') : [v]))
        .map(v => (typeof v === 'string' ? v.trim() : v))
        .filter(v => v !== ''),
    z.array(item).min(1).max(10),
  );

/**
 * The query of `GET /rollouts`: filters, sort and page.
 * @public
 */
export const listRolloutsQuerySchema = z
  .object({
    entityRef: z.string().min(1).max(rolloutLimits.entityRefLength).optional(),
    status: listOf(rolloutStatusSchema).optional(),
    /** The owner of the released entity, such as `group:default/team-a`. */
    owner: z.string().min(1).max(rolloutLimits.entityRefLength).optional(),
    /** The system of the released entity, such as `system:default/multipass`. */
    system: z.string().min(1).max(rolloutLimits.entityRefLength).optional(),
    /** `me`: rollouts with a pending sign-off row the caller signs. */
    pendingSignoffBy: z.literal('me').optional(),
    /** `me`: rollouts of entities the caller owns. */
    ownedBy: z.literal('me').optional(),
    /** Text in the entity ref, version or title, case aside. */
    q: z.string().trim().min(1).max(200).optional(),
    sort: rolloutSortSchema.default('lastActivity'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).max(500).optional(),
  })
  .strict();
/**
 * Query of `GET /rollouts`.
 * @public
 */
export type ListRolloutsQuery = Omit<
  z.input<typeof listRolloutsQuerySchema>,
  'status'
> & {
  status?: RolloutStatus | RolloutStatus[];
};

/**
 * `GET /rollouts`'s query as the backend reads it, defaults filled in.
 * @public
 */
export type ListRolloutsParams = z.output<typeof listRolloutsQuerySchema>;

/**
 * The name of the scaffolder task secret holding the key a step's task
 * reports its result with; the backend sets it when it starts the task.
 * @public
 */
export const rolloutReportKeySecret = 'rolloutReportKey';

/**
 * The body of `POST /rollouts/:id/steps/:stepId/report`: a task's result.
 * @public
 */
export const reportStepRequestSchema = z
  .object({
    status: z.enum(['succeeded', 'failed']),
    summary: z.string().max(rolloutLimits.textLength).optional(),
    /** The scaffolder task that runs the step. */
    taskId: z.string().min(1).max(rolloutLimits.idLength),
    /**
     * The key the backend gave the task, as the task secret
     * `rolloutReportKey`, when it started the run: it proves the report
     * comes from the task itself.
     */
    reportKey: z.string().min(1).max(rolloutLimits.idLength),
  })
  .strict();
/**
 * Body of `POST /rollouts/:id/steps/:stepId/report`: the result of a step,
 * sent by the last action of the step's task.
 * @public
 */
export type ReportStepRequest = z.infer<typeof reportStepRequestSchema>;

/**
 * The body of `POST /rollouts/:id/steps/:stepId/confirm`: a manual step
 * done, with an optional note of what was done (trimmed; a blank note is
 * none).
 * @public
 */
export const confirmStepRequestSchema = z
  .object({
    expectedRevision,
    note: z
      .string()
      .trim()
      .max(rolloutLimits.textLength)
      .optional()
      .transform(note => note || undefined),
    /** Why the step is done before the steps ahead of it, when it is. */
    outOfOrderReason: z
      .string()
      .trim()
      .min(1)
      .max(rolloutLimits.textLength)
      .optional(),
  })
  .strict();
/**
 * Body of `POST /rollouts/:id/steps/:stepId/confirm`: a person marks a
 * manual step done. The step keeps the note as its summary (`Marked done`
 * without one), with who and when.
 * @public
 */
export type ConfirmStepRequest = z.input<typeof confirmStepRequestSchema>;

/**
 * The body of `POST /rollouts/:id/steps/:stepId/skip`: the reason is
 * required, as completion accepts a skipped step only with one.
 * @public
 */
export const skipStepRequestSchema = z
  .object({
    expectedRevision,
    reason: z.string().trim().min(1).max(rolloutLimits.textLength),
  })
  .strict();
/**
 * Body of `POST /rollouts/:id/steps/:stepId/skip`: a step skipped for a
 * reason.
 * @public
 */
export type SkipStepRequest = z.infer<typeof skipStepRequestSchema>;

/**
 * The body of `POST /rollouts/:id/steps/:stepId/reopen`.
 * @public
 */
export const reopenStepRequestSchema = z.object({ expectedRevision }).strict();
/**
 * Body of `POST /rollouts/:id/steps/:stepId/reopen`: a skip, or a manual
 * step marked done, undone; the step is pending again.
 * @public
 */
export type ReopenStepRequest = z.infer<typeof reopenStepRequestSchema>;

/**
 * Answer of `GET /rollouts/:id/steps/:stepId/log`: the output of the
 * commands the step's task ran (`rollout:command:run`), without the
 * scaffolder's own lines and stack traces.
 * @public
 */
export type StepLogResponse = {
  /** The task that ran the step last; absent when it never ran. */
  taskId?: string;
  /** The last lines of the commands' output, oldest first. */
  lines: string[];
  /** The exit code of the command that failed, when it exited with one. */
  exitCode?: number;
  /**
   * How the command failed, in one line, such as
   * `Command "make review-test" exited with code 2`; absent unless it did.
   */
  outcome?: string;
  /** Whether older lines were left out. */
  truncated: boolean;
};

/**
 * Answer of `POST /rollouts/:id/steps/:stepId/run`: the scaffolder task that
 * runs the step, and the step as it now stands.
 * @public
 */
export type RunStepResponse = {
  taskId: string;
  step: Step;
};

/**
 * The body of `POST /rollouts/:id/steps/:stepId/run`, which may be empty: a
 * reason to run the step before the steps ahead of it are done.
 * @public
 */
export const runStepRequestSchema = z
  .object({
    outOfOrderReason: z
      .string()
      .trim()
      .min(1)
      .max(rolloutLimits.textLength)
      .optional(),
  })
  .strict();
/**
 * Body of `POST /rollouts/:id/steps/:stepId/run`.
 * @public
 */
export type RunStepRequest = z.infer<typeof runStepRequestSchema>;

/**
 * The body of `POST /rollouts/:id/signoff-requests`: nothing, or `{}`.
 * @public
 */
export const requestSignOffsRequestSchema = z.object({}).strict();

/**
 * Answer of `POST /rollouts/:id/signoff-requests`: the pending sign-off rows
 * whose signers were asked, each with the signers notified.
 * @public
 */
export type RequestSignOffsResponse = {
  requested: Array<{ signOffId: string; role: string; signers: string[] }>;
};
