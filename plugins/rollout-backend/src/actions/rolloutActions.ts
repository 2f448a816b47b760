import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  Rollout,
  RolloutGates,
  RolloutSummary,
  failingGates,
  rolloutLimits,
} from '@rollout/backstage-plugin-rollout-common';
import { RolloutOperations } from '../operations/RolloutOperations';
import { entityRolloutUrl } from '../service/entityRolloutPath';

// The registry hands each schema function its own zod.
type Zod = Parameters<
  Parameters<ActionsRegistryService['register']>[0]['schema']['input']
>[0];

const statuses = [
  'draft',
  'in_progress',
  'blocked',
  'completed',
  'rolled_back',
] as const;

/** Which rollout: by id, or by entity and version, or the entity's latest. */
function rolloutRefSchema(z: Zod) {
  return {
    rolloutId: z
      .string()
      .min(1)
      .optional()
      .describe('The id of the rollout, as list-rollouts answers it'),
    entityRef: z
      .string()
      .min(1)
      .max(rolloutLimits.entityRefLength)
      .optional()
      .describe(
        'The entity released, such as component:default/multipass-reviewer; with version, or alone for its latest rollout',
      ),
    version: z
      .string()
      .min(1)
      .max(rolloutLimits.idLength)
      .optional()
      .describe('The version rolled out, such as v0.3.0'),
  };
}

/** A rollout as an assistant reads it: what to do next, without run noise. */
function rolloutViewSchema(z: Zod) {
  return z.object({
    id: z.string(),
    entityRef: z.string(),
    version: z.string(),
    previousVersion: z.string().optional(),
    title: z.string(),
    status: z.enum(statuses),
    revision: z.number().describe('Changes so far; every change adds one'),
    url: z.string().optional().describe("The entity's Rollout tab"),
    steps: z.array(
      z.object({
        id: z.string().describe('Pass to run-step'),
        number: z.number(),
        title: z.string(),
        kind: z.enum(['runbook', 'rollback']),
        status: z.string(),
        summary: z.string().optional(),
      }),
    ),
    preflightChecks: z.array(
      z.object({ id: z.string(), text: z.string(), checked: z.boolean() }),
    ),
    signOffs: z.array(
      z.object({
        id: z.string().describe('Pass to decide-signoff'),
        role: z.string(),
        decision: z.enum(['pending', 'approved', 'rejected']),
        signers: z.array(z.string()),
        decidedBy: z.string().optional(),
        note: z.string().optional(),
      }),
    ),
    rollbackCriteria: z.array(
      z.object({ id: z.string(), text: z.string(), state: z.string() }),
    ),
    communication: z.array(
      z.object({ id: z.string(), text: z.string(), done: z.boolean() }),
    ),
  });
}

function rolloutView(rollout: Rollout, appBaseUrl?: string) {
  const { checklist } = rollout;
  const url = entityRolloutUrl(appBaseUrl, rollout);
  return {
    id: rollout.id,
    entityRef: rollout.entityRef,
    version: rollout.version,
    ...(rollout.previousVersion
      ? { previousVersion: rollout.previousVersion }
      : {}),
    title: rollout.title,
    status: rollout.status,
    revision: rollout.revision,
    ...(url ? { url } : {}),
    steps: checklist.steps.map(step => ({
      id: step.id,
      number: step.number,
      title: step.title,
      kind: step.kind,
      status: step.status,
      ...(step.summary ? { summary: step.summary } : {}),
    })),
    preflightChecks: checklist.preflightChecks.map(check => ({
      id: check.id,
      text: check.text,
      checked: check.checked,
    })),
    signOffs: checklist.signOffs.map(row => ({
      id: row.id,
      role: row.role,
      decision: row.decision,
      signers: row.signers,
      ...(row.decidedBy ? { decidedBy: row.decidedBy } : {}),
      ...(row.note ? { note: row.note } : {}),
    })),
    rollbackCriteria: checklist.rollbackCriteria.map(criterion => ({
      id: criterion.id,
      text: criterion.text,
      state: criterion.state ?? 'unknown',
    })),
    communication: checklist.communication.map(item => ({
      id: item.id,
      text: item.text,
      done: item.done,
    })),
  };
}

function summarySchema(z: Zod) {
  return z.object({
    id: z.string(),
    entityRef: z.string(),
    version: z.string(),
    title: z.string(),
    status: z.enum(statuses),
    ownerRef: z.string().optional(),
    systemRef: z.string().optional(),
    pendingRoles: z
      .array(z.string())
      .describe('Roles whose sign-off is pending'),
    awaitingYou: z
      .array(z.object({ id: z.string(), role: z.string() }))
      .optional()
      .describe('The pending sign-off rows the caller signs'),
    blockedReason: z.string().optional(),
    lastActivityAt: z.string(),
  });
}

function summaryView(summary: RolloutSummary) {
  return {
    id: summary.id,
    entityRef: summary.entityRef,
    version: summary.version,
    title: summary.title,
    status: summary.status,
    ...(summary.ownerRef ? { ownerRef: summary.ownerRef } : {}),
    ...(summary.systemRef ? { systemRef: summary.systemRef } : {}),
    pendingRoles: summary.pendingRoles,
    ...(summary.awaitingYou ? { awaitingYou: summary.awaitingYou } : {}),
    ...(summary.blockedReason ? { blockedReason: summary.blockedReason } : {}),
    lastActivityAt: summary.lastActivityAt,
  };
}

function gatesView(gates: RolloutGates) {
  return {
    evaluatedAt: gates.evaluatedAt,
    failing: failingGates(gates),
    metrics: gates.metrics.map(metric => ({
      name: metric.name,
      state: metric.state,
      ...(metric.value !== undefined ? { value: metric.value } : {}),
      ...(metric.baseline !== undefined ? { baseline: metric.baseline } : {}),
      ...(metric.reason ? { reason: metric.reason } : {}),
    })),
    alerts: gates.alerts.map(alert => ({
      name: alert.name,
      state: alert.state,
      ...(alert.reason ? { reason: alert.reason } : {}),
    })),
    criteria: gates.criteria.map(criterion => ({
      id: criterion.criterionId,
      text: criterion.text,
      state: criterion.state,
      ...(criterion.reason ? { reason: criterion.reason } : {}),
    })),
    ...(gates.blockedBy ? { blockedBy: gates.blockedBy.message } : {}),
  };
}

/**
 * Registers the rollout actions in Backstage's actions registry, where the
 * MCP actions backend offers them to assistants. Each calls the operations
 * the HTTP API calls, with the caller's own credentials: an assistant can
 * do what its user may, and nothing more; every call is authorized and
 * audited as the same call over HTTP would be.
 */
export function registerRolloutActions(options: {
  actionsRegistry: ActionsRegistryService;
  operations: RolloutOperations;
  /** `app.baseUrl`, for the links to the Rollout tab. */
  appBaseUrl?: string;
}) {
  const { actionsRegistry, operations, appBaseUrl } = options;
  const callerOf = (credentials: BackstageCredentials) => ({ credentials });

  /** The rollout an action names by id, or by entity and version. */
  async function findRollout(
    credentials: BackstageCredentials,
    ref: { rolloutId?: string; entityRef?: string; version?: string },
  ): Promise<Rollout> {
    if (ref.rolloutId) {
      return operations.get(callerOf(credentials), ref.rolloutId);
    }
    if (!ref.entityRef) {
      throw new InputError(
        'rolloutId, entityRef: name the rollout by its id, or by its entity (and version)',
      );
    }
    const page = await operations.list(callerOf(credentials), {
      entityRef: ref.entityRef,
      sort: 'lastActivity',
      limit: 200,
    });
    const found = ref.version
      ? page.items.find(item => item.version === ref.version)
      : [...page.items].sort((a, b) =>
          b.createdAt.localeCompare(a.createdAt),
        )[0];
    if (!found) {
      throw new NotFoundError(
        `No rollout of ${ref.entityRef}${
          ref.version ? ` at ${ref.version}` : ''
        } that you may read`,
      );
    }
    return operations.get(callerOf(credentials), found.id);
  }

  actionsRegistry.register({
    name: 'get-rollout',
    title: 'Get a rollout',
    description:
      "One release rollout of a catalog entity: its status, runbook steps (with their ids for run-step), pre-flight checks, sign-off rows (with their ids and signers for decide-signoff), rollback criteria and communication items. Name it by rolloutId, or by entityRef and version; entityRef alone gives the entity's latest rollout.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z => z.object(rolloutRefSchema(z)),
      output: z => z.object({ rollout: rolloutViewSchema(z) }),
    },
    action: async ({ input, credentials }) => ({
      output: {
        rollout: rolloutView(await findRollout(credentials, input), appBaseUrl),
      },
    }),
  });

  actionsRegistry.register({
    name: 'list-rollouts',
    title: 'List rollouts',
    description:
      "Rollouts the user may read, newest activity first, filtered as the Rollouts board filters: by entity, status, owner, system, text, and pendingSignoffBy: 'me' for those waiting for the user's sign-off. Page with nextCursor.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().min(1).optional().describe('One entity'),
          status: z
            .array(z.enum(statuses))
            .optional()
            .describe('Any of these statuses'),
          owner: z
            .string()
            .min(1)
            .optional()
            .describe("The entity's owner, such as group:default/team-a"),
          system: z
            .string()
            .min(1)
            .optional()
            .describe("The entity's system, such as system:default/multipass"),
          pendingSignoffBy: z
            .literal('me')
            .optional()
            .describe("'me': only rollouts waiting for the user's sign-off"),
          ownedBy: z
            .literal('me')
            .optional()
            .describe("'me': only rollouts of entities the user owns"),
          q: z
            .string()
            .min(1)
            .max(200)
            .optional()
            .describe('Text in the entity, version or title'),
          limit: z.number().int().min(1).max(200).default(50),
          cursor: z
            .string()
            .optional()
            .describe('nextCursor of the previous page'),
        }),
      output: z =>
        z.object({
          items: z.array(summarySchema(z)),
          nextCursor: z.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const page = await operations.list(callerOf(credentials), {
        ...input,
        sort: 'lastActivity',
      });
      return {
        output: {
          items: page.items.map(summaryView),
          ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'list-my-pending-signoffs',
    title: 'List my pending sign-offs',
    description:
      'The sign-off rows waiting for the user: one entry per row the user signs (directly or through a group) that is still pending, with the rolloutId and signOffId decide-signoff needs.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z => z.object({}),
      output: z =>
        z.object({
          signOffs: z.array(
            z.object({
              rolloutId: z.string(),
              signOffId: z.string(),
              role: z.string(),
              entityRef: z.string(),
              version: z.string(),
              title: z.string(),
              status: z.enum(statuses),
            }),
          ),
        }),
    },
    action: async ({ credentials }) => {
      const items: RolloutSummary[] = [];
      let cursor: string | undefined;
      do {
        const page = await operations.list(callerOf(credentials), {
          pendingSignoffBy: 'me',
          sort: 'lastActivity',
          limit: 200,
          cursor,
        });
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && items.length < 1000);
      return {
        output: {
          signOffs: items.flatMap(item =>
            (item.awaitingYou ?? []).map(row => ({
              rolloutId: item.id,
              signOffId: row.id,
              role: row.role,
              entityRef: item.entityRef,
              version: item.version,
              title: item.title,
              status: item.status,
            })),
          ),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-rollout-gates',
    title: "Get a rollout's gates",
    description:
      "The rollout's gates as last evaluated against Prometheus and Alertmanager: each metric's value, baseline and state, each alert's state, each rollback criterion's state, and `failing`, one phrase per gate that says the release should stop (empty when none does).",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z => z.object(rolloutRefSchema(z)),
      output: z =>
        z.object({
          evaluatedAt: z.string(),
          failing: z.array(z.string()),
          metrics: z.array(
            z.object({
              name: z.string(),
              state: z.string(),
              value: z.number().optional(),
              baseline: z.number().optional(),
              reason: z.string().optional(),
            }),
          ),
          alerts: z.array(
            z.object({
              name: z.string(),
              state: z.string(),
              reason: z.string().optional(),
            }),
          ),
          criteria: z.array(
            z.object({
              id: z.string(),
              text: z.string(),
              state: z.string(),
              reason: z.string().optional(),
            }),
          ),
          blockedBy: z.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const rollout = await findRollout(credentials, input);
      return {
        output: gatesView(
          await operations.getGates(callerOf(credentials), rollout.id),
        ),
      };
    },
  });

  actionsRegistry.register({
    name: 'decide-signoff',
    title: 'Decide a sign-off',
    description:
      'Approves or rejects a sign-off row of a rollout as the user, who must be one of its signers; a rejection blocks a rollout in progress. pending takes a decision back. The note goes into the history.',
    attributes: { destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          rolloutId: z.string().min(1),
          signOffId: z
            .string()
            .min(1)
            .describe(
              'The row, as get-rollout or list-my-pending-signoffs say',
            ),
          decision: z.enum(['approved', 'rejected', 'pending']),
          note: z
            .string()
            .max(rolloutLimits.textLength)
            .optional()
            .describe('Why, for the history'),
        }),
      output: z => z.object({ rollout: rolloutViewSchema(z) }),
    },
    action: async ({ input, credentials }) => {
      const { rolloutId, signOffId, decision, note } = input;
      const current = await operations.get(callerOf(credentials), rolloutId);
      const decided = await operations.decideSignOff(
        callerOf(credentials),
        rolloutId,
        signOffId,
        {
          expectedRevision: current.revision,
          decision,
          ...(note ? { note } : {}),
        },
      );
      return { output: { rollout: rolloutView(decided, appBaseUrl) } };
    },
  });

  actionsRegistry.register({
    name: 'run-step',
    title: 'Run a runbook step',
    description:
      "Starts a runbook step of a rollout as a scaffolder task on the user's behalf (or joins the one already running it) and answers its task id; the step's result arrives later on the rollout (get-rollout). Steps run in the runbook's order unless outOfOrderReason says why not; deploy and rollback steps only in a started rollout. A rollback step rolls the release back.",
    attributes: { destructive: true, idempotent: false },
    schema: {
      input: z =>
        z.object({
          rolloutId: z.string().min(1),
          stepId: z
            .string()
            .min(1)
            .describe('The step, such as step-2, as get-rollout says'),
          outOfOrderReason: z
            .string()
            .min(1)
            .max(rolloutLimits.textLength)
            .optional()
            .describe('Why the step runs before the steps ahead of it'),
        }),
      output: z =>
        z.object({
          taskId: z.string().describe('The scaffolder task running the step'),
          status: z.string(),
        }),
    },
    action: async ({ input, credentials }) => {
      const { rolloutId, stepId, outOfOrderReason } = input;
      const run = await operations.runStep(
        callerOf(credentials),
        rolloutId,
        stepId,
        outOfOrderReason ? { outOfOrderReason } : {},
      );
      return { output: { taskId: run.taskId, status: run.step.status } };
    },
  });

  actionsRegistry.register({
    name: 'set-rollout-status',
    title: "Change a rollout's status",
    description:
      'Moves a rollout to another status where the move is allowed: draft to in_progress (start) or blocked; in_progress to completed, blocked or rolled_back; blocked to in_progress or rolled_back. completed and rolled_back are final. Starting needs the pre-flight checks ticked; completing needs every check, sign-off and step done. A reason goes into the history.',
    attributes: { destructive: true, idempotent: false },
    schema: {
      input: z =>
        z.object({
          rolloutId: z.string().min(1),
          status: z.enum([
            'in_progress',
            'blocked',
            'completed',
            'rolled_back',
          ]),
          reason: z
            .string()
            .max(rolloutLimits.textLength)
            .optional()
            .describe('Why, for the history'),
        }),
      output: z => z.object({ rollout: rolloutViewSchema(z) }),
    },
    action: async ({ input, credentials }) => {
      const { rolloutId, status, reason } = input;
      const current = await operations.get(callerOf(credentials), rolloutId);
      const changed = await operations.setStatus(
        callerOf(credentials),
        rolloutId,
        {
          expectedRevision: current.revision,
          status,
          ...(reason ? { reason } : {}),
        },
      );
      return { output: { rollout: rolloutView(changed, appBaseUrl) } };
    },
  });

  actionsRegistry.register({
    name: 'import-checklist',
    title: 'Import a rollout checklist',
    description:
      'Creates a rollout of a catalog entity from a markdown checklist: sections by their headings in English or Russian (runbook, rollback criteria, pre-flight, sign-off, monitoring, communication), the runbook as a table or a numbered list, signers as entity refs, @handles, names or emails looked up in the catalog. Answers the rollout and warnings, one per line the reader had to guess; strict refuses a document with any.',
    attributes: { destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .max(rolloutLimits.entityRefLength)
            .describe(
              'The entity released, such as component:default/payments-api',
            ),
          version: z.string().min(1).max(rolloutLimits.idLength),
          previousVersion: z
            .string()
            .min(1)
            .max(rolloutLimits.idLength)
            .optional()
            .describe('The version a rollback goes back to'),
          markdown: z
            .string()
            .min(1)
            .max(rolloutLimits.markdown.maxBytes)
            .describe('The whole checklist document'),
          strict: z.boolean().optional(),
        }),
      output: z =>
        z.object({
          rollout: rolloutViewSchema(z),
          warnings: z.array(
            z.object({ line: z.number(), message: z.string() }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const { markdown, ...fields } = input;
      const { warnings, ...created } = await operations.importChecklist(
        callerOf(credentials),
        fields,
        markdown,
      );
      return {
        output: { rollout: rolloutView(created, appBaseUrl), warnings },
      };
    },
  });
}
