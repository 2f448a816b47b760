import {
  Checklist,
  RolloutEvent,
} from '@rollout/backstage-plugin-rollout-common';

type EventData = Record<string, unknown>;

/**
 * The sentence for one type of event, from its data and the checklist; or
 * undefined when the data lacks what the sentence needs, such as an item
 * that has since been removed from the checklist.
 */
type Describer = (data: EventData, checklist: Checklist) => string | undefined;

const and = new Intl.ListFormat('en', { type: 'conjunction' });

function text(data: EventData, key: string): string | undefined {
  const value = data[key];
  return typeof value === 'string' && value ? value : undefined;
}

function texts(data: EventData, key: string): string[] | undefined {
  const value = data[key];
  return Array.isArray(value) && value.every(v => typeof v === 'string')
    ? value
    : undefined;
}

/** The objects of a list in the data, such as `requested`. */
function records(data: EventData, key: string): EventData[] | undefined {
  const value = data[key];
  return Array.isArray(value) &&
    value.every(v => typeof v === 'object' && v !== null)
    ? value
    : undefined;
}

/** The list, or undefined when any of its entries is. */
function allDefined<T>(items: Array<T | undefined>): T[] | undefined {
  return items.every(item => item !== undefined) ? (items as T[]) : undefined;
}

function byId<T extends { id: string }>(
  items: T[],
  id: string | undefined,
): T | undefined {
  return id === undefined ? undefined : items.find(item => item.id === id);
}

/** A status as people read it: `in_progress` reads "in progress". */
export function statusText(status: string): string {
  return status.replace(/_/g, ' ');
}

/** `step 3 (Deploy the reviewer)`, for a step of the checklist. */
function stepText(checklist: Checklist, stepId: string | undefined) {
  const step = byId(checklist.steps, stepId);
  return step && `step ${step.number} (${step.title})`;
}

/** `; the rollout is blocked` when the event blocked the rollout. */
function blockedSuffix(data: EventData): string {
  return text(data, 'to') === 'blocked' ? '; the rollout is blocked' : '';
}

function outOfOrderSuffix(data: EventData): string {
  const reason = text(data, 'outOfOrderReason');
  return reason ? `, out of order: ${reason}` : '';
}

/** A gate such as `alert:<id>` as a person reads it: `alert HighLatency`. */
function gateText(checklist: Checklist, gate: string): string | undefined {
  const colon = gate.indexOf(':');
  const id = gate.slice(colon + 1);
  switch (colon < 0 ? undefined : gate.slice(0, colon)) {
    case 'metric': {
      const metric = byId(checklist.metrics, id);
      return metric && `metric ${metric.name}`;
    }
    case 'alert': {
      const alert = byId(checklist.alerts, id);
      return alert && `alert ${alert.name}`;
    }
    case 'criterion': {
      const criterion = byId(checklist.rollbackCriteria, id);
      return criterion && `rollback criterion "${criterion.text}"`;
    }
    default:
      return undefined;
  }
}

/** What a gate did to block a rollout: an alert fired, a criterion triggered. */
function triggerText(checklist: Checklist, gate: string): string | undefined {
  const label = gateText(checklist, gate);
  if (!label) {
    return undefined;
  }
  if (gate.startsWith('alert:')) {
    return `the ${label} is firing`;
  }
  return gate.startsWith('criterion:') ? `the ${label} triggered` : undefined;
}

/** What `rollout.edited` names in `changed`: checklist sections and fields. */
const editedParts = new Map(
  Object.entries({
    title: 'the title',
    stage: 'the stage',
    preamble: 'the preamble',
    steps: 'the runbook',
    rollbackCriteria: 'the rollback criteria',
    migrationGuide: 'the migration guide',
    preflightChecks: 'the pre-flight checks',
    signOffs: 'the sign-offs',
    metrics: 'the metrics',
    alerts: 'the alerts',
    communication: 'the communication plan',
    prose: 'the text around the items',
    extraSections: 'the other sections',
    previousVersion: 'the previous version',
    releaseNotesUrl: 'the release notes link',
  }),
);

function describeEdit(data: EventData): string | undefined {
  const changed = texts(data, 'changed');
  if (!changed) {
    return undefined;
  }
  if (!changed.length) {
    return 'Saved without changes';
  }
  const parts = [
    `Edited ${and.format(changed.map(part => editedParts.get(part) ?? part))}`,
  ];
  const resigned = (records(data, 'signersChanged') ?? []).flatMap(
    change => text(change, 'role') ?? [],
  );
  if (resigned.length) {
    parts.push(`changed who signs ${and.format(resigned)}`);
  }
  const reset = texts(data, 'resetRoles') ?? [];
  if (reset.length) {
    const runbook =
      changed.includes('steps') || changed.includes('rollbackCriteria');
    parts.push(
      `${
        runbook ? 'the runbook changed, so ' : ''
      }the approvals of ${and.format(reset)} are pending again`,
    );
  }
  return parts.join('; ');
}

function describeDecision(
  data: EventData,
  checklist: Checklist,
): string | undefined {
  const row = byId(checklist.signOffs, text(data, 'signOffId'));
  if (!row) {
    return undefined;
  }
  const note = text(data, 'note');
  const why = note ? `: "${note}"` : '';
  switch (text(data, 'decision')) {
    case 'approved':
      return `Approved as ${row.role}${why}${blockedSuffix(data)}`;
    case 'rejected':
      return `Rejected as ${row.role}${why}${blockedSuffix(data)}`;
    case 'pending':
      return `Set the sign-off of ${row.role} back to pending${why}`;
    default:
      return undefined;
  }
}

function describeSettled(status: 'succeeded' | 'failed'): Describer {
  return (data, checklist) => {
    const step = byId(checklist.steps, text(data, 'stepId'));
    if (!step) {
      return undefined;
    }
    const ticked = texts(data, 'ticked') ?? [];
    const checks = ticked.length
      ? `; ticked the pre-flight check${
          ticked.length > 1 ? 's' : ''
        } ${and.format(ticked.map(check => `"${check}"`))}`
      : '';
    const how = text(data, 'how');
    const summary = text(data, 'summary');
    return `Step ${step.number} (${step.title}) ${status}${
      how ? ` (${how}${outOfOrderSuffix(data)})` : outOfOrderSuffix(data)
    }${summary ? `: ${summary}` : ''}${checks}`;
  };
}

function describeRollback(
  data: EventData,
  checklist: Checklist,
): string | undefined {
  const version = text(data, 'version');
  if (!version) {
    return undefined;
  }
  const to = text(data, 'previousVersion');
  const numbers = (texts(data, 'stepIds') ?? []).flatMap(
    id => byId(checklist.steps, id)?.number ?? [],
  );
  const steps = numbers.length
    ? `: rollback step${numbers.length > 1 ? 's' : ''} ${and.format(
        numbers.map(String),
      )} succeeded`
    : '';
  return to
    ? `Rolled back from ${version} to ${to}${steps}`
    : `Rolled back ${version}${steps}`;
}

const describers = new Map<string, Describer>([
  [
    'rollout.created',
    data => {
      const version = text(data, 'version');
      const counts = ['steps', 'preflightChecks', 'signOffs'].map(key =>
        typeof data[key] === 'number' ? (data[key] as number) : undefined,
      );
      if (!version || counts.some(count => count === undefined)) {
        return undefined;
      }
      const [steps, checks, signOffs] = counts;
      return `Created the rollout of ${version} with ${steps} steps, ${checks} pre-flight checks and ${signOffs} sign-offs`;
    },
  ],
  ['rollout.edited', describeEdit],
  [
    'rollout.status',
    data => {
      const from = text(data, 'from');
      const to = text(data, 'to');
      const reason = text(data, 'reason');
      return from && to
        ? `Changed the status from ${statusText(from)} to ${statusText(to)}${
            reason ? `: ${reason}` : ''
          }`
        : undefined;
    },
  ],
  ['rollout.rolledBack', describeRollback],
  [
    'preflight.checked',
    (data, checklist) => {
      const check = byId(checklist.preflightChecks, text(data, 'checkId'));
      return check && `Checked the pre-flight check "${check.text}"`;
    },
  ],
  [
    'preflight.unchecked',
    (data, checklist) => {
      const check = byId(checklist.preflightChecks, text(data, 'checkId'));
      return check && `Unchecked the pre-flight check "${check.text}"`;
    },
  ],
  [
    'communication.done',
    (data, checklist) => {
      const item = byId(checklist.communication, text(data, 'itemId'));
      return item && `Marked the communication item "${item.text}" done`;
    },
  ],
  [
    'communication.undone',
    (data, checklist) => {
      const item = byId(checklist.communication, text(data, 'itemId'));
      return item && `Marked the communication item "${item.text}" not done`;
    },
  ],
  [
    'communication.sent',
    (data, checklist) => {
      const item = byId(checklist.communication, text(data, 'itemId'));
      const count = data.recipientCount;
      const channels = texts(data, 'channels');
      return item && typeof count === 'number' && channels
        ? `Sent "${item.text}" to ${count} ${
            count === 1 ? 'person' : 'people'
          } by ${channels.join(', ')}`
        : undefined;
    },
  ],
  ['signoff.decided', describeDecision],
  [
    'signoff.requested',
    data => {
      const roles = (records(data, 'requested') ?? []).flatMap(
        row => text(row, 'role') ?? [],
      );
      return roles.length
        ? `Asked the signers of ${and.format(roles)} for sign-off`
        : undefined;
    },
  ],
  [
    'step.started',
    (data, checklist) => {
      const step = stepText(checklist, text(data, 'stepId'));
      const taskId = text(data, 'taskId');
      return step && taskId
        ? `Started ${step} as scaffolder task ${taskId}${outOfOrderSuffix(
            data,
          )}`
        : undefined;
    },
  ],
  ['step.succeeded', describeSettled('succeeded')],
  ['step.failed', describeSettled('failed')],
  [
    'step.skipped',
    (data, checklist) => {
      const step = stepText(checklist, text(data, 'stepId'));
      const reason = text(data, 'reason');
      return step && reason ? `Skipped ${step}: ${reason}` : undefined;
    },
  ],
  // Older histories say `step.unskipped`; `step.reopened` undoes a skip or
  // a mark done.
  [
    'step.unskipped',
    (data, checklist) => {
      const step = stepText(checklist, text(data, 'stepId'));
      return step && `Undid the skip of ${step}`;
    },
  ],
  [
    'step.reopened',
    (data, checklist) => {
      const step = stepText(checklist, text(data, 'stepId'));
      const from = text(data, 'from');
      return (
        step &&
        `Reopened ${step}, which was ${
          from === 'skipped' ? 'skipped' : 'marked done'
        }`
      );
    },
  ],
  [
    'criterion.marked',
    (data, checklist) => {
      const criterion = byId(
        checklist.rollbackCriteria,
        text(data, 'criterionId'),
      );
      const state = text(data, 'state');
      return criterion && state
        ? `Marked the rollback criterion "${
            criterion.text
          }" ${state}${blockedSuffix(data)}`
        : undefined;
    },
  ],
  [
    'gate.changed',
    (data, checklist) => {
      const gate = text(data, 'gate');
      const label = gate && gateText(checklist, gate);
      const state = text(data, 'state');
      const previous = text(data, 'previous');
      if (!label || !state) {
        return undefined;
      }
      return previous
        ? `The ${label} went from ${previous} to ${state}`
        : `The ${label} is ${state}`;
    },
  ],
  [
    'gates.blocked',
    (data, checklist) => {
      const triggers = allDefined(
        (texts(data, 'gates') ?? []).map(gate => triggerText(checklist, gate)),
      );
      return triggers?.length
        ? `Blocked the rollout: ${and.format(triggers)}`
        : undefined;
    },
  ],
]);

/**
 * What an event of a rollout's history says, as an English sentence built
 * from its type and data, with the items it names looked up by id in the
 * checklist. An event of a type this does not know, or whose data lacks
 * what the sentence needs (an older event, an item since removed), reads
 * as the message the backend wrote with it.
 */
export function describeEvent(
  event: RolloutEvent,
  checklist: Checklist,
): string {
  const describe = describers.get(event.type);
  return (
    (describe && event.data && describe(event.data, checklist)) ?? event.message
  );
}
