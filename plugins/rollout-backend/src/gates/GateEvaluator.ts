import {
  AlertGate,
  Checklist,
  CriterionGate,
  GateSourceStatus,
  Metric,
  MetricGate,
  RollbackCriterion,
  Rollout,
  RolloutGates,
} from '@rollout/backstage-plugin-rollout-common';
import { AlertmanagerClient } from './AlertmanagerClient';
import { GatesConfig, notConfigured } from './config';
import {
  criterionQuery,
  criterionSteps,
  evaluateStepCriterion,
} from './criteria';
import {
  evaluateCriterion,
  evaluateMetric,
  expectationOf,
} from './expectations';
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

    const [metrics, alerts, criteria] = await Promise.all([
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
          'rollout.prometheus',
        ),
        alertmanager: sourceStatus(
          this.alertmanager,
          alerts.length && alerts.every(alert => alert.state === 'unknown')
            ? alerts[0].reason
            : undefined,
          'rollout.alertmanager',
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
    const evaluation = evaluateMetric({
      current: current.value,
      baseline: baseline.value,
      expectation,
      threshold: metric.threshold,
      tolerance: this.config.tolerancePercent,
    });
    // An unknown state is explained by the failed read, if one failed.
    const reason =
      evaluation.state === 'unknown'
        ? current.error ?? baseline.error ?? evaluation.reason
        : evaluation.reason;
    return {
      metricId: metric.id,
      name: metric.name,
      query,
      expectation,
      ...known('threshold', metric.threshold),
      ...known('value', current.value),
      ...known('baseline', baseline.value),
      ...known('delta', evaluation.delta),
      ...known('deltaPercent', evaluation.deltaPercent),
      series: series.points,
      state: evaluation.state,
      ...(reason ? { reason } : {}),
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
      const unknown = named?.unknownCommands.length
        ? `it names ${named.unknownCommands
            .map(command => `\`${command}\``)
            .join(', ')}, which no runbook step runs and no metric watches; `
        : '';
      return {
        criterionId: criterion.id,
        text: criterion.text,
        kind: 'manual',
        state: criterion.state ?? 'unknown',
        ...(criterion.state ? {} : { reason: `${unknown}not marked yet` }),
        ...(criterion.markedBy ? { markedBy: criterion.markedBy } : {}),
        ...(criterion.markedAt ? { markedAt: criterion.markedAt } : {}),
      };
    }
    const [current, baseline] = await Promise.all([
      reader.current(evaluation.query),
      reader.baseline(evaluation.query),
    ]);
    const state = evaluateCriterion({
      value: current.value,
      baseline: baseline.value,
      comparison: evaluation.comparison,
    });
    const error = current.error ?? baseline.error;
    return {
      criterionId: criterion.id,
      text: criterion.text,
      kind: 'query',
      ...evaluation,
      ...known('value', current.value),
      ...known('baseline', baseline.value),
      state,
      ...(state === 'unknown'
        ? { reason: error ?? 'no value to compare' }
        : {}),
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
        reason: notConfigured('rollout.alertmanager'),
      };
    }
    const { state, labels, reason } = await this.alertmanager.alertState(
      alert.name,
    );
    return {
      alertId: alert.id,
      name: alert.name,
      state,
      ...(labels ? { labels } : {}),
      ...(reason ? { reason } : {}),
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
  failure: string | undefined,
  key: Parameters<typeof notConfigured>[0],
): GateSourceStatus {
  if (!client) {
    return { configured: false, error: notConfigured(key) };
  }
  return failure ? { configured: true, error: failure } : { configured: true };
}
