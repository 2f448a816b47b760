import {
  AlertGate,
  CriterionGate,
  GateReason,
  Metric,
  MetricGate,
  RollbackCriterion,
  Rollout,
  RolloutGates,
} from '@rollout/backstage-plugin-rollout-common';

/**
 * Made-up readings for the checklist's metrics in order, cycled: a healthy
 * runtime, failures creeping up, steady latency and steady throughput.
 */
const metricProfiles: Array<{
  expectation: MetricGate['expectation'];
  baseline: number;
  /** The reading now, as a fraction of the baseline away from it. */
  drift: number;
  state: MetricGate['state'];
  because?: GateReason;
  reason?: string;
}> = [
  { expectation: 'within_baseline', baseline: 41.8, drift: 0.032, state: 'ok' },
  {
    expectation: 'no_increase',
    baseline: 0.052,
    drift: 0.075,
    state: 'warning',
    because: {
      type: 'changedFromBaseline',
      direction: 'up',
      percent: 7.5,
      tolerancePercent: 10,
    },
    reason: 'rose 7.5% from the baseline (tolerance 10%)',
  },
  { expectation: 'no_increase', baseline: 0.84, drift: -0.018, state: 'ok' },
  { expectation: 'no_dip', baseline: 3.2, drift: -0.021, state: 'ok' },
];

const SERIES_POINTS = 30;
const SERIES_STEP_SECONDS = 60;
const CRITERION_TOLERANCE_PERCENT = 50;

/** The PromQL the backend runs for a metric without a query of its own. */
function metricQuery(metric: Metric): string {
  if (metric.query?.trim()) {
    return metric.query;
  }
  if (metric.name.endsWith('_total')) {
    return `sum(rate(${metric.name}[5m]))`;
  }
  if (metric.name.endsWith('_seconds')) {
    return `histogram_quantile(0.5, sum(rate(${metric.name}_bucket[5m])) by (le))`;
  }
  return metric.name;
}

/**
 * The checklist metric a criterion is evaluated by, as the backend picks
 * it: the first watched metric its text names in a code span.
 */
export function criterionMetric(
  criterion: RollbackCriterion,
  metrics: Metric[],
): Metric | undefined {
  const names = [...criterion.text.matchAll(/`([a-zA-Z_:][\w:]*)`/g)].map(
    match => match[1],
  );
  return metrics.find(metric => names.includes(metric.name));
}

function metricGate(metric: Metric, index: number, now: number): MetricGate {
  const profile = metricProfiles[index % metricProfiles.length];
  const { baseline, drift, state, because, reason } = profile;
  const value = Number((baseline * (1 + drift)).toPrecision(4));
  const end = Math.floor(now / 1000);
  const series = Array.from(
    { length: SERIES_POINTS },
    (_, i): [number, number] => {
      const time = end - (SERIES_POINTS - 1 - i) * SERIES_STEP_SECONDS;
      if (i === SERIES_POINTS - 1) {
        return [time, value];
      }
      // Flat at the baseline, then easing towards the value, with noise.
      const progress = Math.max(
        0,
        (i - SERIES_POINTS / 2) / (SERIES_POINTS / 2),
      );
      const noise = Math.sin(i * 1.7 + index) * 0.01 * baseline;
      return [time, baseline + (value - baseline) * progress + noise];
    },
  );
  return {
    metricId: metric.id,
    name: metric.name,
    query: metricQuery(metric),
    expectation: metric.expectation ?? profile.expectation,
    ...(metric.threshold !== undefined ? { threshold: metric.threshold } : {}),
    value,
    baseline,
    delta: value - baseline,
    deltaPercent: ((value - baseline) / baseline) * 100,
    series,
    state,
    ...(because ? { because } : {}),
    ...(reason ? { reason } : {}),
  };
}

function alertGate(
  alert: Rollout['checklist']['alerts'][number],
  index: number,
  rollout: Rollout,
): AlertGate {
  if (index % 2 === 0) {
    return { alertId: alert.id, name: alert.name, state: 'inactive' };
  }
  return {
    alertId: alert.id,
    name: alert.name,
    state: 'silenced',
    labels: {
      alertname: alert.name,
      severity: 'warning',
      service: rollout.entityRef.split('/').pop() ?? rollout.entityRef,
    },
  };
}

function criterionGate(
  criterion: RollbackCriterion,
  rollout: Rollout,
  metrics: MetricGate[],
): CriterionGate {
  const base = { criterionId: criterion.id, text: criterion.text };
  const metric = criterionMetric(criterion, rollout.checklist.metrics);
  if (!criterion.query && !metric) {
    const state = criterion.state ?? 'unknown';
    return {
      ...base,
      kind: 'manual',
      state,
      ...(state === 'unknown'
        ? {
            because: { type: 'notMarked' as const, unknownCommands: [] },
            reason: 'not marked yet',
          }
        : {}),
      ...(criterion.markedBy ? { markedBy: criterion.markedBy } : {}),
      ...(criterion.markedAt ? { markedAt: criterion.markedAt } : {}),
    };
  }
  const reading = metrics.find(gate => gate.metricId === metric?.id);
  const comparison = criterion.comparison ?? {
    operator: '>' as const,
    threshold: 'baseline' as const,
    tolerancePercent: CRITERION_TOLERANCE_PERCENT,
  };
  const query = criterion.query ?? reading?.query;
  if (reading?.value === undefined || reading.baseline === undefined) {
    return {
      ...base,
      kind: 'query',
      query,
      comparison,
      state: 'unknown',
      because: { type: 'noValueToCompare' },
      reason: 'no value to compare',
    };
  }
  const limit =
    comparison.threshold === 'baseline'
      ? reading.baseline * (1 + (comparison.tolerancePercent ?? 0) / 100)
      : comparison.threshold;
  const above = comparison.operator.startsWith('>');
  const fired = above ? reading.value > limit : reading.value < limit;
  return {
    ...base,
    kind: 'query',
    query,
    comparison,
    value: reading.value,
    baseline: reading.baseline,
    state: fired ? 'triggered' : 'ok',
  };
}

/**
 * A plausible gate report for a rollout, as the backend would give it with
 * Prometheus and Alertmanager configured: readings made up from the
 * position of each metric and alert, criteria evaluated from them or as
 * people marked them.
 */
export function demoGates(
  rollout: Rollout,
  options: { now?: number; blockedBy?: RolloutGates['blockedBy'] } = {},
): RolloutGates {
  const now = options.now ?? Date.now();
  const { checklist } = rollout;
  const metrics = checklist.metrics.map((metric, index) =>
    metricGate(metric, index, now),
  );
  const baselineEnd = new Date(rollout.startedAt ?? rollout.createdAt);
  return {
    rolloutId: rollout.id,
    evaluatedAt: new Date(now).toISOString(),
    baselineWindow: {
      start: new Date(baselineEnd.getTime() - 3_600_000).toISOString(),
      end: baselineEnd.toISOString(),
    },
    metrics,
    alerts: checklist.alerts.map((alert, index) =>
      alertGate(alert, index, rollout),
    ),
    criteria: checklist.rollbackCriteria.map(criterion =>
      criterionGate(criterion, rollout, metrics),
    ),
    sources: {
      prometheus: { configured: true },
      alertmanager: { configured: true },
    },
    ...(options.blockedBy ? { blockedBy: options.blockedBy } : {}),
  };
}
