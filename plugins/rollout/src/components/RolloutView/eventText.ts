import {
  Checklist,
  RolloutEvent,
} from '@rollout/backstage-plugin-rollout-common';
import {
  GateState,
  RolloutFormat,
  RolloutTranslationFunction,
  gateStateLabel,
  isKeyOf,
  rolloutMessages,
  statusLabel,
} from '../../translation';

type EventData = Record<string, unknown>;

/** What a sentence is built with: the language's words and formats. */
type Context = {
  checklist: Checklist;
  t: RolloutTranslationFunction;
  format: RolloutFormat;
};

/**
 * The sentence for one type of event, from its data and the checklist; or
 * undefined when the data lacks what the sentence needs, such as an item
 * that has since been removed from the checklist.
 */
type Describer = (data: EventData, context: Context) => string | undefined;

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

/**
 * Sentences an event adds to the first, such as "the rollout is blocked",
 * after a semicolon.
 */
function clauses(first: string, ...rest: Array<string | undefined>): string {
  return [first, ...rest].filter(Boolean).join('; ');
}

/** "the rollout is blocked" when the event blocked the rollout. */
function blockedClause(data: EventData, { t }: Context): string | undefined {
  return text(data, 'to') === 'blocked'
    ? t('history.event.rolloutBlocked')
    : undefined;
}

/** A gate's state in the language; a state it does not know as written. */
function stateText(t: RolloutTranslationFunction, state: string): string {
  return isKeyOf(rolloutMessages.common.gateState, state)
    ? gateStateLabel(t, state as GateState)
    : state;
}

/** The number and title of a step of the checklist, for its sentences. */
function stepValues(
  { checklist, format }: Context,
  stepId: string | undefined,
) {
  const step = byId(checklist.steps, stepId);
  return step && { number: format.number(step.number), title: step.title };
}

/** How a step's result came, as the backend says it: "task 42 reported". */
function howText(t: RolloutTranslationFunction, how: string): string {
  if (how === 'marked done') {
    return t('history.how.markedDone');
  }
  if (how === 'recorded') {
    return t('history.how.recorded');
  }
  const task = /^task (\S+) (reported|completed|failed|cancelled)$/.exec(how);
  if (!task) {
    return how;
  }
  const [, taskId, outcome] = task;
  switch (outcome) {
    case 'reported':
      return t('history.how.taskReported', { taskId });
    case 'completed':
      return t('history.how.taskCompleted', { taskId });
    case 'failed':
      return t('history.how.taskFailed', { taskId });
    default:
      return t('history.how.taskCancelled', { taskId });
  }
}

/** Kinds of gate, `alert` in `alert:<id>`, and the name each goes by. */
type Gate =
  | { kind: 'metric'; name: string }
  | { kind: 'alert'; name: string }
  | { kind: 'criterion'; criterion: string };

/** A gate such as `alert:<id>`, looked up in the checklist. */
function findGate(checklist: Checklist, gate: string): Gate | undefined {
  const colon = gate.indexOf(':');
  const id = gate.slice(colon + 1);
  switch (colon < 0 ? undefined : gate.slice(0, colon)) {
    case 'metric': {
      const metric = byId(checklist.metrics, id);
      return metric && { kind: 'metric', name: metric.name };
    }
    case 'alert': {
      const alert = byId(checklist.alerts, id);
      return alert && { kind: 'alert', name: alert.name };
    }
    case 'criterion': {
      const criterion = byId(checklist.rollbackCriteria, id);
      return criterion && { kind: 'criterion', criterion: criterion.text };
    }
    default:
      return undefined;
  }
}

/** What a gate did to block a rollout: an alert fired, a criterion triggered. */
function triggerText(
  { checklist, t }: Context,
  gate: string,
): string | undefined {
  const found = findGate(checklist, gate);
  switch (found?.kind) {
    case 'alert':
      return t('history.event.alertFiring', { name: found.name });
    case 'criterion':
      return t('history.event.criterionTriggered', {
        criterion: found.criterion,
      });
    default:
      return undefined;
  }
}

/** What `rollout.edited` names in `changed`: checklist sections and fields. */
function editedPart(t: RolloutTranslationFunction, part: string): string {
  return isKeyOf(rolloutMessages.history.editedPart, part)
    ? t(`history.editedPart.${part}`)
    : part;
}

function describeEdit(data: EventData, context: Context): string | undefined {
  const { t, format } = context;
  const changed = texts(data, 'changed');
  if (!changed) {
    return undefined;
  }
  if (!changed.length) {
    return t('history.event.savedUnchanged');
  }
  const edited = t('history.event.edited', {
    parts: format.list(changed.map(part => editedPart(t, part))),
  });
  const resigned = (records(data, 'signersChanged') ?? []).flatMap(
    change => text(change, 'role') ?? [],
  );
  const reset = texts(data, 'resetRoles') ?? [];
  const runbook =
    changed.includes('steps') || changed.includes('rollbackCriteria');
  let approvals: string | undefined;
  if (reset.length) {
    const roles = format.list(reset);
    approvals = runbook
      ? t('history.event.approvalsResetByRunbook', { roles })
      : t('history.event.approvalsReset', { roles });
  }
  return clauses(
    edited,
    resigned.length
      ? t('history.event.signersChanged', { roles: format.list(resigned) })
      : undefined,
    approvals,
  );
}

function describeDecision(
  data: EventData,
  context: Context,
): string | undefined {
  const { checklist, t } = context;
  const row = byId(checklist.signOffs, text(data, 'signOffId'));
  if (!row) {
    return undefined;
  }
  const role = row.role;
  const note = text(data, 'note');
  switch (text(data, 'decision')) {
    case 'approved':
      return clauses(
        note
          ? t('history.event.approvedWithNote', { role, note })
          : t('history.event.approved', { role }),
        blockedClause(data, context),
      );
    case 'rejected':
      return clauses(
        note
          ? t('history.event.rejectedWithNote', { role, note })
          : t('history.event.rejected', { role }),
        blockedClause(data, context),
      );
    case 'pending':
      return note
        ? t('history.event.signOffResetWithNote', { role, note })
        : t('history.event.signOffReset', { role });
    default:
      return undefined;
  }
}

/** "Step 3 (…) succeeded (how, out of order: reason)", by its variant. */
function settledSentence(
  t: RolloutTranslationFunction,
  status: 'succeeded' | 'failed',
  values: { number: string; title: string },
  how: string | undefined,
  reason: string | undefined,
): string {
  if (status === 'succeeded') {
    if (how && reason) {
      return t('history.event.stepSucceededHowOutOfOrder', {
        ...values,
        how,
        reason,
      });
    }
    if (how) {
      return t('history.event.stepSucceededHow', { ...values, how });
    }
    return reason
      ? t('history.event.stepSucceededOutOfOrder', { ...values, reason })
      : t('history.event.stepSucceeded', values);
  }
  if (how && reason) {
    return t('history.event.stepFailedHowOutOfOrder', {
      ...values,
      how,
      reason,
    });
  }
  if (how) {
    return t('history.event.stepFailedHow', { ...values, how });
  }
  return reason
    ? t('history.event.stepFailedOutOfOrder', { ...values, reason })
    : t('history.event.stepFailed', values);
}

function describeSettled(status: 'succeeded' | 'failed'): Describer {
  return (data, context) => {
    const { t, format } = context;
    const values = stepValues(context, text(data, 'stepId'));
    if (!values) {
      return undefined;
    }
    const how = text(data, 'how');
    const sentence = settledSentence(
      t,
      status,
      values,
      how && howText(t, how),
      text(data, 'outOfOrderReason'),
    );
    const summary = text(data, 'summary');
    const ticked = texts(data, 'ticked') ?? [];
    const checks = format.list(
      ticked.map(check => t('history.quoted', { text: check })),
    );
    let tickedClause: string | undefined;
    if (ticked.length === 1) {
      tickedClause = t('history.event.tickedCheck', { checks });
    } else if (ticked.length > 1) {
      tickedClause = t('history.event.tickedChecks', { checks });
    }
    return clauses(
      summary
        ? t('history.event.withSummary', { sentence, summary })
        : sentence,
      tickedClause,
    );
  };
}

function describeRollback(
  data: EventData,
  context: Context,
): string | undefined {
  const { checklist, t, format } = context;
  const version = text(data, 'version');
  if (!version) {
    return undefined;
  }
  const previousVersion = text(data, 'previousVersion');
  const numbers = (texts(data, 'stepIds') ?? []).flatMap(
    id => byId(checklist.steps, id)?.number ?? [],
  );
  const steps = format.list(numbers.map(number => format.number(number)));
  if (previousVersion) {
    const values = { version, previousVersion, steps };
    if (numbers.length === 1) {
      return t('history.event.rolledBackToStep', values);
    }
    return numbers.length > 1
      ? t('history.event.rolledBackToSteps', values)
      : t('history.event.rolledBackTo', values);
  }
  if (numbers.length === 1) {
    return t('history.event.rolledBackStep', { version, steps });
  }
  return numbers.length > 1
    ? t('history.event.rolledBackSteps', { version, steps })
    : t('history.event.rolledBack', { version });
}

function describeGateChange(
  data: EventData,
  { checklist, t }: Context,
): string | undefined {
  const gateId = text(data, 'gate');
  const gate = gateId && findGate(checklist, gateId);
  const stateId = text(data, 'state');
  if (!gate || !stateId) {
    return undefined;
  }
  const state = stateText(t, stateId);
  const previousId = text(data, 'previous');
  const previous = previousId && stateText(t, previousId);
  switch (gate.kind) {
    case 'metric':
      return previous
        ? t('history.event.metricChanged', { name: gate.name, previous, state })
        : t('history.event.metricIs', { name: gate.name, state });
    case 'alert':
      return previous
        ? t('history.event.alertChanged', { name: gate.name, previous, state })
        : t('history.event.alertIs', { name: gate.name, state });
    default:
      return previous
        ? t('history.event.criterionChanged', {
            criterion: gate.criterion,
            previous,
            state,
          })
        : t('history.event.criterionIs', { criterion: gate.criterion, state });
  }
}

const describers = new Map<string, Describer>([
  [
    'rollout.created',
    (data, { t }) => {
      const version = text(data, 'version');
      const [steps, preflightChecks, signOffs] = [
        'steps',
        'preflightChecks',
        'signOffs',
      ].map(key =>
        typeof data[key] === 'number' ? (data[key] as number) : undefined,
      );
      if (
        !version ||
        steps === undefined ||
        preflightChecks === undefined ||
        signOffs === undefined
      ) {
        return undefined;
      }
      return t('history.event.created', {
        version,
        steps: t('common.count.steps', { count: steps }),
        preflightChecks: t('common.count.preflightChecks', {
          count: preflightChecks,
        }),
        signOffs: t('common.count.signOffs', { count: signOffs }),
      });
    },
  ],
  ['rollout.edited', describeEdit],
  [
    'rollout.status',
    (data, { t }) => {
      const fromId = text(data, 'from');
      const toId = text(data, 'to');
      if (!fromId || !toId) {
        return undefined;
      }
      const from = statusLabel(t, fromId);
      const to = statusLabel(t, toId);
      const reason = text(data, 'reason');
      return reason
        ? t('history.event.statusWithReason', { from, to, reason })
        : t('history.event.status', { from, to });
    },
  ],
  ['rollout.rolledBack', describeRollback],
  [
    'preflight.checked',
    (data, { checklist, t }) => {
      const check = byId(checklist.preflightChecks, text(data, 'checkId'));
      return (
        check && t('history.event.preflightChecked', { check: check.text })
      );
    },
  ],
  [
    'preflight.unchecked',
    (data, { checklist, t }) => {
      const check = byId(checklist.preflightChecks, text(data, 'checkId'));
      return (
        check && t('history.event.preflightUnchecked', { check: check.text })
      );
    },
  ],
  [
    'communication.done',
    (data, { checklist, t }) => {
      const item = byId(checklist.communication, text(data, 'itemId'));
      return item && t('history.event.communicationDone', { item: item.text });
    },
  ],
  [
    'communication.undone',
    (data, { checklist, t }) => {
      const item = byId(checklist.communication, text(data, 'itemId'));
      return (
        item && t('history.event.communicationUndone', { item: item.text })
      );
    },
  ],
  [
    'communication.sent',
    (data, { checklist, t }) => {
      const item = byId(checklist.communication, text(data, 'itemId'));
      const count = data.recipientCount;
      const channels = texts(data, 'channels');
      return item && typeof count === 'number' && channels
        ? t('history.event.communicationSent', {
            item: item.text,
            count,
            channels: channels
              .map(channel =>
                isKeyOf(rolloutMessages.history.channel, channel)
                  ? t(`history.channel.${channel}`)
                  : channel,
              )
              .join(', '),
          })
        : undefined;
    },
  ],
  ['signoff.decided', describeDecision],
  [
    'signoff.requested',
    (data, { t, format }) => {
      const roles = (records(data, 'requested') ?? []).flatMap(
        row => text(row, 'role') ?? [],
      );
      return roles.length
        ? t('history.event.signOffRequested', { roles: format.list(roles) })
        : undefined;
    },
  ],
  [
    'step.started',
    (data, context) => {
      const { t } = context;
      const values = stepValues(context, text(data, 'stepId'));
      const taskId = text(data, 'taskId');
      if (!values || !taskId) {
        return undefined;
      }
      const reason = text(data, 'outOfOrderReason');
      return reason
        ? t('history.event.stepStartedOutOfOrder', {
            ...values,
            taskId,
            reason,
          })
        : t('history.event.stepStarted', { ...values, taskId });
    },
  ],
  ['step.succeeded', describeSettled('succeeded')],
  ['step.failed', describeSettled('failed')],
  [
    'step.skipped',
    (data, context) => {
      const values = stepValues(context, text(data, 'stepId'));
      const reason = text(data, 'reason');
      return values && reason
        ? context.t('history.event.stepSkipped', { ...values, reason })
        : undefined;
    },
  ],
  // Older histories say `step.unskipped`; `step.reopened` undoes a skip or
  // a mark done.
  [
    'step.unskipped',
    (data, context) => {
      const values = stepValues(context, text(data, 'stepId'));
      return values && context.t('history.event.stepUnskipped', values);
    },
  ],
  [
    'step.reopened',
    (data, context) => {
      const { t } = context;
      const values = stepValues(context, text(data, 'stepId'));
      if (!values) {
        return undefined;
      }
      return text(data, 'from') === 'skipped'
        ? t('history.event.stepReopenedSkipped', values)
        : t('history.event.stepReopenedDone', values);
    },
  ],
  [
    'criterion.marked',
    (data, context) => {
      const { checklist, t } = context;
      const criterion = byId(
        checklist.rollbackCriteria,
        text(data, 'criterionId'),
      );
      const state = text(data, 'state');
      return criterion && state
        ? clauses(
            t('history.event.criterionMarked', {
              criterion: criterion.text,
              state: stateText(t, state),
            }),
            blockedClause(data, context),
          )
        : undefined;
    },
  ],
  ['gate.changed', describeGateChange],
  [
    'gates.blocked',
    (data, context) => {
      const triggers = allDefined(
        (texts(data, 'gates') ?? []).map(gate => triggerText(context, gate)),
      );
      return triggers?.length
        ? context.t('history.event.gatesBlocked', {
            triggers: context.format.list(triggers),
          })
        : undefined;
    },
  ],
]);

/**
 * What an event of a rollout's history says, as a sentence in the user's
 * language built from its type and data, with the items it names looked up
 * by id in the checklist and quoted as the checklist has them. An event of
 * a type this does not know, or whose data lacks what the sentence needs
 * (an older event, an item since removed), reads as the message the
 * backend wrote with it.
 */
export function describeEvent(
  event: RolloutEvent,
  checklist: Checklist,
  t: RolloutTranslationFunction,
  format: RolloutFormat,
): string {
  const describe = describers.get(event.type);
  return (
    (describe &&
      event.data &&
      describe(event.data, { checklist, t, format })) ??
    event.message
  );
}
