/*
 * Why a gate reads as it does, as a type and its data: the gates answer
 * carries it next to each English `reason`, so that a UI can say it in the
 * reader's language.
 */

/**
 * A source the gates read from.
 * @public
 */
export type GateSource = 'prometheus' | 'alertmanager';

/**
 * A runbook step a rollback criterion is judged from, as a reason names it.
 * @public
 */
export type GateReasonStep = {
  /** The step's id. */
  id: string;
  /** The number in the runbook's Step column. */
  number: number;
  /** The command the criterion names it by. */
  command: string;
};

/**
 * Why a source gave no usable answer. `url` is its base URL, credentials
 * left out. Text that came from elsewhere (the connection's error, the
 * error Prometheus or Alertmanager answered with) is in `detail`, as
 * written.
 *
 * - `unreachable`: it did not answer; `detail` is the connection's error.
 * - `timeout`: it did not answer within `timeoutMs`.
 * - `httpStatus`: it answered a status other than 2xx; `detail` is the
 *   error its body gave, if any.
 * - `notJson`: its body is not JSON; `detail` is the parser's error.
 * - `errorAnswer`: a 2xx answer that is an error; `detail` is the error.
 * - `unexpectedAnswer`: it answered with something other than what was
 *   asked for: `queryResult`, `ruleGroups` or `alertList`.
 * - `unexpectedResultType`: a query result of another type than expected.
 * @public
 */
export type GateSourceFailure = { source: GateSource; url: string } & (
  | { problem: 'unreachable'; detail: string }
  | { problem: 'timeout'; timeoutMs: number }
  | {
      problem: 'httpStatus';
      status: number;
      statusText?: string;
      detail?: string;
    }
  | { problem: 'notJson'; detail: string }
  | { problem: 'errorAnswer'; detail: string }
  | {
      problem: 'unexpectedAnswer';
      expected: 'queryResult' | 'ruleGroups' | 'alertList';
    }
  | { problem: 'unexpectedResultType'; resultType: string }
);

/**
 * Why a gate is in its state, as a type and its data; the English sentence
 * of each is given by {@link gateReasonSentence}, and is the `reason` the
 * gates answer carries next to it.
 *
 * Of a metric:
 * - `noCurrentValue`: the query has no value now ("no current value").
 * - `noBaseline`: it had none over the baseline window ("no baseline value").
 * - `noThreshold`: a `threshold` expectation without a threshold.
 * - `aboveThreshold`: "3 is above the threshold 2".
 * - `movedFromZero`: "moved from a baseline of 0 to 0.5".
 * - `changedFromBaseline`: "rose 7.5% from the baseline (tolerance 10%)";
 *   `percent` is the size of the change in percent of the baseline, not
 *   rounded, and `direction` its sign.
 * - `notEnoughHistory`: the query has values in less than half of the
 *   baseline window: "not enough history: the baseline window holds 3 of
 *   30 minutes of review_pass_failures_total". `held` is whole `unit`s;
 *   `underOne` says there is some history, less than one unit (`held` is
 *   then 0). `metric` is what the query watches; without it, "its query".
 *
 * Of a rollback criterion:
 * - `noValueToCompare`: its query gave nothing to compare.
 * - `notMarked`: a criterion a person marks, not marked yet;
 *   `unknownCommands` are the code spans of its text that name neither a
 *   runbook step nor a watched metric.
 * - `rolloutNotStarted`: judged from steps, but the rollout has not started.
 * - `stepsFailed`: these steps failed after the rollout started.
 * - `stepsNotSucceeded`: these steps have not succeeded since it started.
 *
 * Of any gate, and of a source as a whole:
 * - `notConfigured`: the source's `configKey` is not set in the app-config.
 * - `sourceFailed`: the source gave no usable answer; see
 *   {@link GateSourceFailure}.
 * @public
 */
export type GateReason =
  | { type: 'noCurrentValue' }
  | { type: 'noBaseline' }
  | { type: 'noThreshold' }
  | { type: 'aboveThreshold'; value: number; threshold: number }
  | { type: 'movedFromZero'; value: number }
  | {
      type: 'changedFromBaseline';
      direction: 'up' | 'down';
      percent: number;
      tolerancePercent: number;
    }
  | {
      type: 'notEnoughHistory';
      held: number;
      underOne?: boolean;
      total: number;
      unit: 'minute' | 'second';
      metric?: string;
    }
  | { type: 'noValueToCompare' }
  | { type: 'notMarked'; unknownCommands: string[] }
  | { type: 'rolloutNotStarted' }
  | { type: 'stepsFailed'; steps: GateReasonStep[] }
  | { type: 'stepsNotSucceeded'; steps: GateReasonStep[] }
  | { type: 'notConfigured'; source: GateSource; configKey: string }
  | ({ type: 'sourceFailed' } & GateSourceFailure);

const sourceNames: Record<GateSource, string> = {
  prometheus: 'Prometheus',
  alertmanager: 'Alertmanager',
};

const expectedAnswers = {
  queryResult: 'a query result',
  ruleGroups: 'rule groups',
  alertList: 'a list of alerts',
} as const;

function failureSentence(failure: GateSourceFailure): string {
  const label = `${sourceNames[failure.source]} at ${failure.url}`;
  switch (failure.problem) {
    case 'unreachable':
      return `${label} did not answer: ${failure.detail}`;
    case 'timeout':
      return `${label} did not answer within ${failure.timeoutMs}ms`;
    case 'httpStatus': {
      const status = `HTTP ${failure.status} ${
        failure.statusText ?? ''
      }`.trim();
      return `${label} answered ${status}${
        failure.detail ? `: ${failure.detail}` : ''
      }`;
    }
    case 'notJson':
      return `${label} answered with a body that is not JSON: ${failure.detail}`;
    case 'errorAnswer':
      return `${label} answered with an error: ${failure.detail}`;
    case 'unexpectedAnswer':
      return `${label} answered with something other than ${
        expectedAnswers[failure.expected]
      }`;
    case 'unexpectedResultType':
      return `${label} answered with an unexpected result type ${failure.resultType}`;
    default:
      return `${label} could not be read`;
  }
}

function stepLabel(step: GateReasonStep): string {
  return `step ${step.number} (\`${step.command}\`)`;
}

/**
 * A gate's reason as an English sentence, as the gates answer's `reason`
 * says it. Commands are quoted between backticks.
 * @public
 */
export function gateReasonSentence(reason: GateReason): string {
  switch (reason.type) {
    case 'noCurrentValue':
      return 'no current value';
    case 'noBaseline':
      return 'no baseline value';
    case 'noThreshold':
      return 'no threshold';
    case 'aboveThreshold':
      return `${reason.value} is above the threshold ${reason.threshold}`;
    case 'movedFromZero':
      return `moved from a baseline of 0 to ${reason.value}`;
    case 'changedFromBaseline':
      return `${reason.direction === 'up' ? 'rose' : 'fell'} ${Math.abs(
        reason.percent,
      ).toFixed(1)}% from the baseline (tolerance ${reason.tolerancePercent}%)`;
    case 'notEnoughHistory':
      return `not enough history: the baseline window holds ${
        reason.underOne ? 'under 1' : reason.held
      } of ${reason.total} ${reason.unit}${reason.total === 1 ? '' : 's'} of ${
        reason.metric ?? 'its query'
      }`;
    case 'noValueToCompare':
      return 'no value to compare';
    case 'notMarked':
      return reason.unknownCommands.length
        ? `it names ${reason.unknownCommands
            .map(command => `\`${command}\``)
            .join(
              ', ',
            )}, which no runbook step runs and no metric watches; not marked yet`
        : 'not marked yet';
    case 'rolloutNotStarted':
      return 'the rollout has not started: the steps count from their runs after it goes in progress';
    case 'stepsFailed':
      return `${reason.steps
        .map(stepLabel)
        .join(' and ')} failed after the rollout started`;
    case 'stepsNotSucceeded':
      return `${reason.steps.map(stepLabel).join(' and ')} ${
        reason.steps.length > 1 ? 'have' : 'has'
      } not succeeded since the rollout started`;
    case 'notConfigured':
      return `${reason.configKey} is not set`;
    case 'sourceFailed':
      return failureSentence(reason);
    default:
      return 'unknown reason';
  }
}
