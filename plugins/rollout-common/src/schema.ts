/*
 * The rollout vocabulary of DESIGN.md as zod schemas. Types are inferred from
 * the schemas so that the wire format, the validation and the compile-time
 * types cannot drift apart.
 */
import { z } from 'zod';
import { findJsonProblem, rolloutLimits } from './limits';

/**
 * The status of a rollout: `draft`, `in_progress`, `blocked`, `completed` or `rolled_back`.
 * @public
 */
export const rolloutStatusSchema = z.enum([
  'draft',
  'in_progress',
  'completed',
  'rolled_back',
  'blocked',
]);
/**
 * Where a rollout stands: `draft` → `in_progress` → `completed`, or
 * `rolled_back`, or `blocked` (a rollback criterion fired or a sign-off was
 * rejected).
 * @public
 */
export type RolloutStatus = z.infer<typeof rolloutStatusSchema>;

/**
 * Whether a step belongs to the runbook or runs only to roll back.
 * @public
 */
export const stepKindSchema = z.enum(['runbook', 'rollback']);
/**
 * A runbook step moves the release forward; a rollback step undoes it.
 * @public
 */
export type StepKind = z.infer<typeof stepKindSchema>;

/**
 * The run status of a step.
 * @public
 */
export const stepStatusSchema = z.enum([
  'pending',
  'running',
  'succeeded',
  'failed',
  'skipped',
]);
/**
 * Run status of one runbook step.
 * @public
 */
export type StepStatus = z.infer<typeof stepStatusSchema>;

/**
 * A stakeholder's decision on a sign-off row.
 * @public
 */
export const signOffDecisionSchema = z.enum([
  'pending',
  'approved',
  'rejected',
]);
/**
 * A stakeholder's decision on a sign-off row.
 * @public
 */
export type SignOffDecision = z.infer<typeof signOffDecisionSchema>;

const id = z
  .string()
  .min(1)
  .max(rolloutLimits.idLength)
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    'must be lower-case letters, digits, ".", "_" or "-"',
  );
const text = z.string().max(rolloutLimits.textLength);
const isoDate = z.string().datetime({ offset: true });
/** Levels of nesting a step's template values may have. */
const valuesDepth = 16;
const entityRef = z
  .string()
  .max(rolloutLimits.entityRefLength)
  .regex(
    /^[a-z0-9_-]+:[a-z0-9_.-]+\/[a-z0-9_.-]+$/i,
    'must be a full entity ref, like "group:default/qa-leads"',
  );

/**
 * A scaffolder template a step runs, with its values.
 * @public
 */
export const stepActionSchema = z
  .object({
    templateRef: entityRef,
    values: z
      .record(z.unknown())
      .superRefine((values, ctx) => {
        // Template values are the one free-form part of a checklist.
        const problem = findJsonProblem(values, valuesDepth);
        if (problem) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: problem.path ? problem.path.split('.') : [],
            message: problem.message,
          });
        }
      })
      .optional(),
  })
  .strict();
/**
 * The scaffolder template a step runs instead of the default step template.
 * @public
 */
export type StepAction = z.infer<typeof stepActionSchema>;

/**
 * One step of the operator runbook, with its run state.
 * @public
 */
export const stepSchema = z
  .object({
    id,
    /** The number in the runbook's Step column. */
    number: z.number().int().min(0),
    /** The Command / Action cell as markdown, exactly as written. */
    title: text.min(1),
    /** The command to run, when the cell is a single code span. */
    command: text.optional(),
    notes: text,
    kind: stepKindSchema,
    action: stepActionSchema.optional(),
    status: stepStatusSchema,
    taskId: z.string().optional(),
    summary: text.optional(),
    updatedBy: z.string().optional(),
    updatedAt: isoDate.optional(),
  })
  .strict();
/**
 * One ordered step of the operator runbook.
 * @public
 */
export type Step = z.infer<typeof stepSchema>;

/**
 * A condition that calls for a rollback, with its evaluated or marked state.
 * @public
 */
export const rollbackCriterionSchema = z
  .object({
    id,
    text: text.min(1),
    /** PromQL whose result is compared to decide whether the criterion fired. */
    query: text.optional(),
    comparison: z
      .object({
        operator: z.enum(['>', '>=', '<', '<=']),
        threshold: z.union([z.number(), z.literal('baseline')]),
        /**
         * With a `'baseline'` threshold: how far past the baseline, in
         * percent of it, the value may go before the criterion fires.
         */
        tolerancePercent: z.number().min(0).optional(),
      })
      .strict()
      .optional(),
    /** For a criterion without a query: what a person last marked it. */
    state: z.enum(['ok', 'triggered', 'unknown']).optional(),
    markedBy: z.string().optional(),
    markedAt: isoDate.optional(),
  })
  .strict();
/**
 * A condition that triggers a rollback.
 * @public
 */
export type RollbackCriterion = z.infer<typeof rollbackCriterionSchema>;

/**
 * One item of the developer migration guide, as markdown.
 * @public
 */
export const migrationItemSchema = z
  .object({
    id,
    /** The item's markdown, code blocks and nested lists included. */
    text: text.min(1),
  })
  .strict();
/**
 * One ordered item of the developer migration guide.
 * @public
 */
export type MigrationItem = z.infer<typeof migrationItemSchema>;

/**
 * A pre-flight check box, with who ticked it and when.
 * @public
 */
export const preflightCheckSchema = z
  .object({
    id,
    text: text.min(1),
    checked: z.boolean(),
    checkedBy: z.string().optional(),
    checkedAt: isoDate.optional(),
    /** A step whose success satisfies this check. */
    stepId: id.optional(),
  })
  .strict();
/**
 * A pre-flight validation checkbox.
 * @public
 */
export type PreflightCheck = z.infer<typeof preflightCheckSchema>;

/**
 * One stakeholder sign-off row: role, signers and decision.
 * @public
 */
export const signOffSchema = z
  .object({
    id,
    role: text.min(1),
    responsibility: text,
    /** User or group entity refs allowed to decide this row. */
    signers: z.array(entityRef).max(rolloutLimits.signers),
    decision: signOffDecisionSchema,
    note: text,
    decidedBy: z.string().optional(),
    decidedAt: isoDate.optional(),
  })
  .strict();
/**
 * A stakeholder sign-off row.
 * @public
 */
export type SignOff = z.infer<typeof signOffSchema>;

/**
 * A Prometheus metric to watch, with its optional query and expectation.
 * @public
 */
export const metricSchema = z
  .object({
    id,
    /** The Prometheus metric name. */
    name: z.string().min(1).max(200),
    /** What to expect of it, as written. */
    description: text,
    query: text.optional(),
    expectation: z
      .enum(['within_baseline', 'no_increase', 'no_dip', 'threshold'])
      .optional(),
    threshold: z.number().optional(),
  })
  .strict();
/**
 * A Prometheus metric to watch during the rollout.
 * @public
 */
export type Metric = z.infer<typeof metricSchema>;

/**
 * An Alertmanager alert to watch.
 * @public
 */
export const alertSchema = z
  .object({
    id,
    name: z.string().min(1).max(200),
    /** Where the alert comes from, such as `Alertmanager`, when written. */
    source: z.string().max(200).optional(),
    description: text,
  })
  .strict();
/**
 * An Alertmanager alert that must stay clear.
 * @public
 */
export type Alert = z.infer<typeof alertSchema>;

/**
 * One item of the communication plan, with its done state.
 * @public
 */
export const communicationItemSchema = z
  .object({
    id,
    text: text.min(1),
    done: z.boolean(),
    doneBy: z.string().optional(),
    doneAt: isoDate.optional(),
    /** When the item was last sent as an announcement, by whom, to how many. */
    sent: z
      .object({
        at: isoDate,
        by: z.string(),
        recipients: z.number().int().min(0),
      })
      .strict()
      .optional(),
  })
  .strict();
/**
 * A communication task (channels, mentions, links).
 * @public
 */
export type CommunicationItem = z.infer<typeof communicationItemSchema>;

/**
 * The sections of a checklist, in the order of the seed document.
 * @public
 */
export const checklistSectionSchema = z.enum([
  'runbook',
  'rollbackCriteria',
  'migrationGuide',
  'preflightChecks',
  'signOffs',
  'metrics',
  'alerts',
  'communication',
]);
/**
 * The sections of a checklist, in the order they are printed.
 * @public
 */
export type ChecklistSection = z.infer<typeof checklistSectionSchema>;

/**
 * Markdown a section holds before and after its items, kept for printing.
 * @public
 */
export const sectionProseSchema = z
  .object({ before: text.optional(), after: text.optional() })
  .strict();
/**
 * Markdown a section holds besides its items, kept so nothing is lost.
 * @public
 */
export type SectionProse = z.infer<typeof sectionProseSchema>;

/**
 * A whole rollout checklist: every section with its items and their state.
 * @public
 */
export const checklistSchema = z
  .object({
    title: z.string().min(1).max(rolloutLimits.titleLength),
    /** The stage named in the heading, such as `01_03`. */
    stage: z.string().max(100).optional(),
    /**
     * The language of the document's section headings, when not English:
     * the markdown prints back in it.
     */
    language: z.enum(['ru']).optional(),
    /** Markdown between the title and the first section. */
    preamble: text.optional(),
    steps: z.array(stepSchema).max(rolloutLimits.sectionItems),
    rollbackCriteria: z
      .array(rollbackCriterionSchema)
      .max(rolloutLimits.sectionItems),
    migrationGuide: z
      .array(migrationItemSchema)
      .max(rolloutLimits.sectionItems),
    preflightChecks: z
      .array(preflightCheckSchema)
      .max(rolloutLimits.sectionItems),
    signOffs: z.array(signOffSchema).max(rolloutLimits.sectionItems),
    metrics: z.array(metricSchema).max(rolloutLimits.sectionItems),
    alerts: z.array(alertSchema).max(rolloutLimits.sectionItems),
    communication: z
      .array(communicationItemSchema)
      .max(rolloutLimits.sectionItems),
    prose: z.record(checklistSectionSchema, sectionProseSchema).optional(),
    /** Sections the checklist format does not know, kept as written. */
    extraSections: z
      .array(z.object({ heading: text, body: text }).strict())
      .max(rolloutLimits.sectionItems)
      .optional(),
  })
  .strict();
/**
 * A whole rollout checklist: every section of the markdown document.
 * @public
 */
export type Checklist = z.infer<typeof checklistSchema>;

/**
 * One release of one catalog entity, with its checklist, as the backend stores and returns it.
 * @public
 */
export const rolloutSchema = z
  .object({
    id: z.string(),
    entityRef: z.string(),
    version: z.string(),
    previousVersion: z.string().optional(),
    title: z.string(),
    status: rolloutStatusSchema,
    revision: z.number().int(),
    releaseNotesUrl: z.string().optional(),
    checklist: checklistSchema,
    createdBy: z.string(),
    createdAt: isoDate,
    updatedAt: isoDate,
    /** When the rollout first went `in_progress`; gate baselines end here. */
    startedAt: isoDate.optional(),
    /**
     * The owner of the released entity, as the catalog last said: what the
     * `IS_ENTITY_OWNER` permission rule compares. Absent until the catalog
     * has been asked.
     */
    ownerRef: z.string().optional(),
    /** The system of the released entity, as the catalog last said. */
    systemRef: z.string().optional(),
  })
  .strict();
/**
 * One release of one catalog entity.
 * @public
 */
export type Rollout = z.infer<typeof rolloutSchema>;

/**
 * Progress counts of a rollout, as shown on boards and lists.
 * @public
 */
export type RolloutCounts = {
  steps: { done: number; total: number };
  checks: { done: number; total: number };
  signOffs: { approved: number; total: number };
};

/**
 * The event that blocked a rollout, as its type and data.
 * @public
 */
export type RolloutBlockingEvent = {
  type: string;
  data: Record<string, unknown>;
};

/**
 * A rollout without its checklist, for lists.
 * @public
 */
export type RolloutSummary = Omit<Rollout, 'checklist'> & {
  counts: RolloutCounts;
  /** Roles whose sign-off is still pending. */
  pendingRoles: string[];
  /** When anything last happened to the rollout, gate changes included. */
  lastActivityAt: string;
  /** What blocked the rollout, while it is blocked, in English. */
  blockedReason?: string;
  /**
   * The same as the event that blocked it, its type and data, for a UI to
   * word in its reader's language: `signoff.decided` (with `role` and
   * `note`), `criterion.marked` (with `criterion`), `gates.blocked` (with
   * `gates` and their `names`) or `rollout.status` (with `reason`).
   */
  blockedEvent?: RolloutBlockingEvent;
  /** The pending sign-off rows the caller signs, when asked as a user. */
  awaitingYou?: Array<{ id: string; role: string }>;
};

/**
 * One entry of a rollout's history.
 * @public
 */
export type RolloutEvent = {
  id: number;
  rolloutId: string;
  /** Entity ref of the user or service that acted. */
  actor: string;
  /** What happened, such as `signoff.decided`. */
  type: string;
  /** A sentence saying what changed. */
  message: string;
  /** The revision the change produced. */
  revision: number;
  data?: Record<string, unknown>;
  createdAt: string;
};

/**
 * A page of rollout summaries.
 * @public
 */
export type RolloutPage = {
  items: RolloutSummary[];
  /** Pass as `cursor` to fetch the next page; absent on the last page. */
  nextCursor?: string;
};
