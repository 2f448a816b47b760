/*
 * The answer of `GET /rollouts/:id/gates`: the live state of every metric,
 * alert and rollback criterion of a rollout.
 */

import { GateReason } from './gateReasons';

/**
 * How a watched metric compares with its baseline.
 * @public
 */
export type MetricGateState = 'ok' | 'warning' | 'breached' | 'unknown';

/**
 * What Alertmanager says of an alert; `unknown` when it could not be asked.
 * @public
 */
export type AlertGateState = 'firing' | 'silenced' | 'inactive' | 'unknown';

/**
 * Whether a rollback criterion fired.
 * @public
 */
export type CriterionGateState = 'ok' | 'triggered' | 'unknown';

/**
 * A firing alert of the rollout whose Prometheus alerting rule reads a
 * metric that a gate reading `ok` also reads.
 *
 * It does not change the gate's state: a criterion's own expression and a
 * metric's expectation are the contract the rollout was planned against,
 * and the alert is judged, and blocks a rollout in progress, as a gate of
 * its own. It is there so that a reader does not take `ok` for healthy
 * while the alert about the same thing fires.
 * @public
 */
export type GateContradiction = {
  /** The alert's name (`alertname`). */
  alert: string;
  /**
   * The metric both the alert's rule and the gate read. Absent from
   * servers that did not send it yet; `reason` then says it.
   */
  metric?: string;
  /**
   * The same in English: a sentence such as `the alert
   * MCPReviewerJobFailuresHigh, whose rule reads review_pass_failures_total,
   * is firing although this reads ok`.
   */
  reason: string;
};

/**
 * One watched metric, read from Prometheus.
 * @public
 */
export type MetricGate = {
  /** The id of the checklist's metric. */
  metricId: string;
  name: string;
  /** The PromQL that was run. */
  query: string;
  expectation: 'within_baseline' | 'no_increase' | 'no_dip' | 'threshold';
  threshold?: number;
  /** The query's value now. */
  value?: number;
  /** The query's median over the baseline window. */
  baseline?: number;
  /** `value − baseline`. */
  delta?: number;
  /** `delta` in percent of the baseline; absent for a baseline of 0. */
  deltaPercent?: number;
  /** Points `[unix seconds, value]` over the series window, for a sparkline. */
  series: Array<[number, number]>;
  state: MetricGateState;
  /**
   * Why the state is not `ok`, as a type and its data. A baseline window
   * the query has values in for less than half of it makes a baseline
   * comparison `unknown` (`notEnoughHistory`); `delta` and `deltaPercent`
   * are then left out.
   */
  because?: GateReason;
  /**
   * The same in English, such as `not enough history: the baseline window
   * holds 3 of 30 minutes of review_pass_failures_total`.
   */
  reason?: string;
  /**
   * Set on a metric that reads `ok` while one of the rollout's alerts whose
   * Prometheus rule reads the same metric is firing.
   */
  contradictedBy?: GateContradiction[];
};

/**
 * One alert of the checklist, as Alertmanager has it.
 * @public
 */
export type AlertGate = {
  /** The id of the checklist's alert. */
  alertId: string;
  name: string;
  state: AlertGateState;
  /** The labels of the alert instance the state was taken from. */
  labels?: Record<string, string>;
  /** Why the state is `unknown`, as a type and its data. */
  because?: GateReason;
  /** The same in English. */
  reason?: string;
};

/**
 * One rollback criterion: evaluated from a query, or marked by a person.
 * @public
 */
export type CriterionGate = {
  /** The id of the checklist's criterion. */
  criterionId: string;
  text: string;
  /**
   * `query`: evaluated from Prometheus; `steps`: from the latest runs of the
   * runbook steps it names, since the rollout started; `manual`: a person
   * marks it.
   */
  kind: 'query' | 'steps' | 'manual';
  /** For a `steps` criterion: the ids of the steps it is judged on. */
  stepIds?: string[];
  query?: string;
  comparison?: {
    operator: '>' | '>=' | '<' | '<=';
    threshold: number | 'baseline';
    tolerancePercent?: number;
  };
  value?: number;
  baseline?: number;
  state: CriterionGateState;
  /**
   * Why the state is what it is, as a type and its data: why it is
   * `unknown`, and why a criterion judged from steps is `triggered`. For a
   * comparison with the baseline over too short a history,
   * `notEnoughHistory` as on a metric.
   */
  because?: GateReason;
  /** The same in English, such as `not enough history: …`. */
  reason?: string;
  /**
   * Set on a `query` criterion that reads `ok` while one of the rollout's
   * alerts whose Prometheus rule reads the same metric is firing.
   */
  contradictedBy?: GateContradiction[];
  /** Who marked a manual criterion, and when. */
  markedBy?: string;
  markedAt?: string;
};

/**
 * Whether a gate source is configured and answered.
 * @public
 */
export type GateSourceStatus = {
  configured: boolean;
  /**
   * Why the source's rows are unknown, when it failed as a whole or is not
   * configured, as a type and its data.
   */
  because?: GateReason;
  /** The same in English. */
  error?: string;
};

/**
 * What blocked a rollout, when its latest status change was a gate's.
 * @public
 */
export type GateBlock = {
  /** The history's sentence of it, in English. */
  message: string;
  /** When it was blocked. */
  at: string;
  /**
   * The gates that blocked it: `alert:<id>`, `criterion:<id>` or
   * `metric:<id>`, ids of the checklist's items. Absent from servers that
   * did not send them yet.
   */
  gates?: string[];
  /**
   * Set when a person blocked it by marking a rollback criterion
   * triggered: who (an entity ref).
   */
  markedBy?: string;
};

/**
 * The gates of a rollout, evaluated at `evaluatedAt`.
 * @public
 */
export type RolloutGates = {
  rolloutId: string;
  evaluatedAt: string;
  /** The window the baselines were taken over. */
  baselineWindow: { start: string; end: string };
  metrics: MetricGate[];
  alerts: AlertGate[];
  criteria: CriterionGate[];
  sources: { prometheus: GateSourceStatus; alertmanager: GateSourceStatus };
  /** Set while the rollout is blocked because a gate fired. */
  blockedBy?: GateBlock;
};

/**
 * One phrase per gate that says the release should stop: a metric breached,
 * a criterion triggered or an alert firing. Empty when none does.
 * @public
 */
export function failingGates(gates: RolloutGates): string[] {
  return [
    ...gates.metrics
      .filter(metric => metric.state === 'breached')
      .map(
        metric =>
          `metric ${metric.name} breached${
            metric.reason ? `: ${metric.reason}` : ''
          }`,
      ),
    ...gates.criteria
      .filter(criterion => criterion.state === 'triggered')
      .map(criterion => `criterion "${criterion.text}" triggered`),
    ...gates.alerts
      .filter(alert => alert.state === 'firing')
      .map(alert => `alert ${alert.name} firing`),
  ];
}
