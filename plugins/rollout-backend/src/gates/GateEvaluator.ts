import {
  AlertGate,
  Checklist,
  CriterionGate,
  GateReason,
  GateSourceStatus,
  Metric,
  MetricGate,
  RollbackCriterion,
  Rollout,
  RolloutGates,
} from '@rollout/backstage-plugin-rollout-common';
import { AlertmanagerClient } from './AlertmanagerClient';
import { GatesConfig, notConfigured } from './config';
import { contradictionsOf, metricNames } from './contradictions';
import {
  criterionQuery,
  criterionSteps,
  evaluateStepCriterion,
} from './criteria';
import {
  evaluateCriterion,
  evaluateMetric,
  expectationOf,
  why,
} from './expectations';
import { notEnoughHistory } from './history';
import { PrometheusClient } from './PrometheusClient';
import { deriveMetricQuery, withOverrides } from './queries';
import { QueryReader } from './QueryReader';

/**
 * The gates of a rollout without the parts only the store knows (what
 * blocked it). Reads Prometheus and Alertmanager; never throws for their
 * failures, which make the affected rows `unknown` with the reason.
 *
 * @internal
 */
export type EvaluatedGates = Omit<RolloutGates, 'blockedBy'>;

/**
 * Evaluates the metrics, alerts and rollback criteria of rollouts against
 * Prometheus and Alertmanager.
 *
 * @internal
 */
export class GateEvaluator {
  private readonly config: GatesConfig;
  private readonly prometheus?: PrometheusClient;
  private readonly alertmanager?: AlertmanagerClient;

  constructor(config: GatesConfig) {
    this.config = config;
    this.prometheus =
      config.prometheus && new PrometheusClient(config.prometheus);
    this.alertmanager =
      config.alertmanager && new AlertmanagerClient(config.alertmanager);
  }

  async evaluate(rollout: Rollout, now = new Date()): Promise<EvaluatedGates> {
    const { checklist } = rollout;
    const reader = new QueryReader(this.prometheus, {
      now,
      baselineEnd: this.baselineEnd(rollout, now),
      baselineMs: this.config.baselineWindowMs,
      seriesMs: this.config.seriesWindowMs,
    });

    const [readMetrics, alerts, readCriteria] = await Promise.all([
      Promise.all(
        checklist.metrics.map(metric =>
          this.metricGate(metric, this.queryOf(metric), reader),
        ),
      ),
      Promise.all(checklist.alerts.map(alert => this.alertGate(alert))),
      Promise.all(
        checklist.rollbackCriteria.map(criterion =>
          this.criterionGate(criterion, rollout, reader),
        ),
      ),
    ]);
    const { metrics, criteria } = await this.withContradictions(
      { metrics: readMetrics, criteria: readCriteria, alerts },
      checklist,
      reader,
    );

    return {
      rolloutId: rollout.id,
      evaluatedAt: now.toISOString(),
      baselineWindow: {
        start: reader.baselineStart.toISOString(),
        end: reader.baselineEnd.toISOString(),
      },
      metrics,
      alerts,
      criteria,
      sources: {
        prometheus: sourceStatus(
          this.prometheus,
          reader.failure(),
          'prometheus',
        ),
        alertmanager: sourceStatus(
          this.alertmanager,
          alerts.length && alerts.every(alert => alert.state === 'unknown')
            ? alerts[0].because
            : undefined,
          'alertmanager',
        ),
      },
    };
  }

  /**
   * Whether a rollback criterion is read from Prometheus, judged from the
   * runbook steps it names, or marked by a person.
   */
  criterionKind(
    criterion: RollbackCriterion,
    checklist: Checklist,
  ): CriterionGate['kind'] {
    if (this.criterionQuery(criterion, checklist)) {
      return 'query';
    }
    return criterionSteps(criterion, checklist).steps.length
      ? 'steps'
      : 'manual';
  }

  private criterionQuery(criterion: RollbackCriterion, checklist: Checklist) {
    return criterionQuery(
      criterion,
      checklist,
      metric => this.queryOf(metric),
      this.config.tolerancePercent,
    );
  }

  /**
   * The checklist metric whose PromQL this is, for a criterion that names
   * it or carries the same query.
   */
  private metricOfQuery(query: string, checklist: Checklist) {
    return checklist.metrics.find(metric => this.queryOf(metric) === query);
  }

  /** A metric's PromQL: app-config override, checklist query or derived. */
  private queryOf(metric: Metric): string {
    return deriveMetricQuery(
      withOverrides(metric, this.config.prometheus?.queries ?? {}),
      this.config.prometheus?.rateWindow,
    );
  }

  /**
   * Where the baseline window ends: when the rollout started; for one not
   * started yet, now. A rollout that left draft before start times were
   * kept counts from its creation.
   */
  private baselineEnd(rollout: Rollout, now: Date): Date {
    if (rollout.startedAt) {
      return new Date(rollout.startedAt);
    }
    return rollout.status === 'draft' ? now : new Date(rollout.createdAt);
  }

  private async metricGate(
    metric: Metric,
    query: string,
    reader: QueryReader,
  ): Promise<MetricGate> {
    const [current, baseline, series] = await Promise.all([
      reader.current(query),
      reader.baseline(query),
      reader.series(query),
    ]);
    const expectation = expectationOf(metric);
    // Too short a baseline is none: no comparison, no delta. A threshold
    // does not need one, so its state stands.
    const short = notEnoughHistory(baseline, metric.name);
    const evaluation = evaluateMetric({
      current: current.value,
      baseline: short ? undefined : baseline.value,
      expectation,
      threshold: metric.threshold,
      tolerance: this.config.tolerancePercent,
    });
    // An unknown state is explained by the failed read, if one failed.
    const because: GateReason | undefined =
      evaluation.state === 'unknown'
        ? current.error ??
          baseline.error ??
          (expectation !== 'threshold' && current.value !== undefined
            ? short
            : undefined) ??
          evaluation.because
        : evaluation.because;
    return {
      metricId: metric.id,
      name: metric.name,
      query,
      expectation,
      ...known('threshold', metric.threshold),
      ...known('value', current.value),
      // A baseline too short to compare with is not shown as one.
      ...known('baseline', short ? undefined : baseline.value),
      ...known('delta', evaluation.delta),
      ...known('deltaPercent', evaluation.deltaPercent),
      series: series.points,
      state: evaluation.state,
      ...(because ? why(because) : {}),
    };
  }

  private async criterionGate(
    criterion: RollbackCriterion,
    rollout: Rollout,
    reader: QueryReader,
  ): Promise<CriterionGate> {
    const { checklist } = rollout;
    const evaluation = this.criterionQuery(criterion, checklist);
    const named = evaluation ? undefined : criterionSteps(criterion, checklist);
    if (named?.steps.length) {
      return {
        criterionId: criterion.id,
        text: criterion.text,
        kind: 'steps',
        stepIds: named.steps.map(step => step.id),
        ...evaluateStepCriterion(rollout, named.steps),
      };
    }
    if (!evaluation) {
      return {
        criterionId: criterion.id,
        text: criterion.text,
        kind: 'manual',
        state: criterion.state ?? 'unknown',
        ...(criterion.state
          ? {}
          : why({
              type: 'notMarked',
              unknownCommands: named?.unknownCommands ?? [],
            })),
        ...(criterion.markedBy ? { markedBy: criterion.markedBy } : {}),
        ...(criterion.markedAt ? { markedAt: criterion.markedAt } : {}),
      };
    }
    const [current, baseline] = await Promise.all([
      reader.current(evaluation.query),
      reader.baseline(evaluation.query),
    ]);
    const short =
      evaluation.comparison.threshold === 'baseline'
        ? notEnoughHistory(
            baseline,
            this.metricOfQuery(evaluation.query, checklist)?.name,
          )
        : undefined;
    const state = evaluateCriterion({
      value: current.value,
      baseline: short ? undefined : baseline.value,
      comparison: evaluation.comparison,
    });
    const error: GateReason | undefined =
      current.error ??
      baseline.error ??
      (current.value === undefined ? undefined : short);
    return {
      criterionId: criterion.id,
      text: criterion.text,
      kind: 'query',
      ...evaluation,
      ...known('value', current.value),
      ...known('baseline', short ? undefined : baseline.value),
      state,
      ...(state === 'unknown'
        ? why(error ?? { type: 'noValueToCompare' })
        : {}),
    };
  }

  /**
   * The metrics and query criteria that read `ok` while a firing alert of
   * the rollout reads the same metric in its Prometheus rule, marked with
   * `contradictedBy`. The rules are read only then, once; if that read
   * fails, nothing is marked.
   */
  private async withContradictions(
    gates: {
      metrics: MetricGate[];
      criteria: CriterionGate[];
      alerts: AlertGate[];
    },
    checklist: Checklist,
    reader: QueryReader,
  ): Promise<{ metrics: MetricGate[]; criteria: CriterionGate[] }> {
    const { metrics, criteria } = gates;
    const firing = gates.alerts
      .filter(alert => alert.state === 'firing')
      .map(alert => alert.name);
    const readsOk =
      metrics.some(metric => metric.state === 'ok') ||
      criteria.some(
        criterion => criterion.kind === 'query' && criterion.state === 'ok',
      );
    if (!firing.length || !readsOk) {
      return { metrics, criteria };
    }
    const { rules, error } = await reader.alertRules();
    if (error) {
      return { metrics, criteria };
    }
    const mark = <T extends MetricGate | CriterionGate>(
      gate: T,
      watched: string[],
    ): T => {
      const found = contradictionsOf(watched, firing, rules);
      return found.length ? { ...gate, contradictedBy: found } : gate;
    };
    return {
      metrics: metrics.map(metric =>
        metric.state === 'ok'
          ? mark(metric, [metric.name, ...metricNames(metric.query)])
          : metric,
      ),
      criteria: criteria.map(criterion => {
        if (
          criterion.kind !== 'query' ||
          criterion.state !== 'ok' ||
          !criterion.query
        ) {
          return criterion;
        }
        const metric = this.metricOfQuery(criterion.query, checklist);
        return mark(criterion, [
          ...(metric ? [metric.name] : []),
          ...metricNames(criterion.query),
        ]);
      }),
    };
  }

  private async alertGate(alert: {
    id: string;
    name: string;
  }): Promise<AlertGate> {
    if (!this.alertmanager) {
      return {
        alertId: alert.id,
        name: alert.name,
        state: 'unknown',
        ...why(notConfigured('alertmanager')),
      };
    }
    const { state, labels, because } = await this.alertmanager.alertState(
      alert.name,
    );
    return {
      alertId: alert.id,
      name: alert.name,
      state,
      ...(labels ? { labels } : {}),
      ...(because ? why(because) : {}),
    };
  }
}

function known<K extends string>(
  key: K,
  value: number | undefined,
): Partial<Record<K, number>> {
  return value === undefined || Number.isNaN(value)
    ? {}
    : ({ [key]: value } as Record<K, number>);
}

function sourceStatus(
  client: unknown,
  failure: GateReason | undefined,
  source: Parameters<typeof notConfigured>[0],
): GateSourceStatus {
  if (!client) {
    const { because, reason } = why(notConfigured(source));
    return { configured: false, because, error: reason };
  }
  if (!failure) {
    return { configured: true };
  }
  const { because, reason } = why(failure);
  return { configured: true, because, error: reason };
}
