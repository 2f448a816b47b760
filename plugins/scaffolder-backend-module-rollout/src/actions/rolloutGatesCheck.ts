import { LoggerService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  AlertGate,
  AlertGateState,
  CriterionGate,
  CriterionGateState,
  failingGates,
  MetricGate,
  MetricGateState,
  RolloutGates,
} from '@rollout/backstage-plugin-rollout-common';
import { RolloutService } from '@rollout/backstage-plugin-rollout-node';
import { examples } from './rolloutGatesCheck.examples';

const metricStates: MetricGateState[] = [
  'ok',
  'warning',
  'breached',
  'unknown',
];
const alertStates: AlertGateState[] = [
  'firing',
  'silenced',
  'inactive',
  'unknown',
];
const criterionStates: CriterionGateState[] = ['ok', 'triggered', 'unknown'];

/**
 * Creates the `rollout:gates:check` action: evaluates the gates of a rollout
 * on behalf of the user who started the task, and fails the task when a
 * metric breached, a rollback criterion triggered or an alert fires.
 * @public
 */
export function createRolloutGatesCheckAction(options: {
  rollout: RolloutService;
}) {
  const { rollout } = options;

  return createTemplateAction({
    id: 'rollout:gates:check',
    description:
      "Evaluates a rollout's metrics, alerts and rollback criteria on behalf of the user who started the task, and fails the task when a metric breached, a criterion triggered or an alert fires.",
    examples,
    schema: {
      input: {
        rolloutId: z => z.string().min(1).describe('The id of the rollout'),
        failOnUnknown: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Also fail when a metric, an alert or a query criterion could not be evaluated, such as when Prometheus or Alertmanager cannot be read; manual criteria not marked yet never fail the task. Defaults to false',
            ),
      },
      output: {
        failing: z =>
          z
            .array(z.string())
            .describe('One phrase per gate that failed the task'),
        evaluatedAt: z =>
          z.string().describe('When the gates were evaluated, in ISO 8601'),
        counts: z =>
          z
            .object({
              metrics: z.record(z.number()),
              alerts: z.record(z.number()),
              criteria: z.record(z.number()),
            })
            .describe(
              'How many metrics, alerts and rollback criteria are in each state',
            ),
      },
    },
    async handler(ctx) {
      const { rolloutId, failOnUnknown = false } = ctx.input;

      // Not checkpointed: a retried task judges the gates as they are then.
      const gates = await rollout.getGates(rolloutId, {
        credentials: await ctx.getInitiatorCredentials(),
      });

      for (const metric of gates.metrics) {
        log(ctx.logger, metric.state, metricLine(metric));
      }
      for (const alert of gates.alerts) {
        log(ctx.logger, alert.state, alertLine(alert));
      }
      for (const criterion of gates.criteria) {
        log(ctx.logger, criterion.state, criterionLine(criterion));
      }

      const failing = [
        ...failingGates(gates),
        ...(failOnUnknown ? unknownGates(gates) : []),
      ];
      ctx.output('failing', failing);
      ctx.output('evaluatedAt', gates.evaluatedAt);
      ctx.output('counts', {
        metrics: countStates(metricStates, gates.metrics),
        alerts: countStates(alertStates, gates.alerts),
        criteria: countStates(criterionStates, gates.criteria),
      });

      if (failing.length > 0) {
        throw new Error(`Rollout gates failed: ${failing.join('; ')}`);
      }
    },
  });
}

/** Gates in a state that needs no one's attention log as info; others warn. */
function log(logger: LoggerService, state: string, line: string) {
  if (state === 'ok' || state === 'inactive' || state === 'silenced') {
    logger.info(line);
  } else {
    logger.warn(line);
  }
}

function metricLine(metric: MetricGate): string {
  const facts = [
    metric.value !== undefined && `value ${metric.value}`,
    metric.baseline !== undefined && `baseline ${metric.baseline}`,
  ];
  return `metric ${metric.name}: ${metric.state}${details(
    facts,
    metric.reason,
  )}`;
}

function alertLine(alert: AlertGate): string {
  return `alert ${alert.name}: ${alert.state}${details([], alert.reason)}`;
}

function criterionLine(criterion: CriterionGate): string {
  const facts = [
    criterion.value !== undefined && `value ${criterion.value}`,
    criterion.baseline !== undefined && `baseline ${criterion.baseline}`,
    criterion.markedBy !== undefined && `marked by ${criterion.markedBy}`,
  ];
  return `criterion "${criterion.text}": ${criterion.state}${details(
    facts,
    criterion.reason,
  )}`;
}

/** ` (value 1, baseline 2; reason)`, or nothing when there is nothing to say. */
function details(facts: Array<string | false>, reason?: string): string {
  const parts = [facts.filter(Boolean).join(', '), reason].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

/**
 * The gates that could not be evaluated. Manual criteria are left out: one
 * not marked yet is waiting for a person, not blind.
 */
function unknownGates(gates: RolloutGates): string[] {
  const because = (reason?: string) => (reason ? `: ${reason}` : '');
  return [
    ...gates.metrics
      .filter(metric => metric.state === 'unknown')
      .map(metric => `metric ${metric.name} unknown${because(metric.reason)}`),
    ...gates.criteria
      .filter(
        criterion =>
          criterion.kind !== 'manual' && criterion.state === 'unknown',
      )
      .map(
        criterion =>
          `criterion "${criterion.text}" unknown${because(criterion.reason)}`,
      ),
    ...gates.alerts
      .filter(alert => alert.state === 'unknown')
      .map(alert => `alert ${alert.name} unknown${because(alert.reason)}`),
  ];
}

/** Every state with how many gates are in it, zero included. */
function countStates<S extends string>(
  states: S[],
  gates: Array<{ state: S }>,
): Record<S, number> {
  const counts = Object.fromEntries(states.map(state => [state, 0])) as Record<
    S,
    number
  >;
  for (const gate of gates) {
    counts[gate.state] += 1;
  }
  return counts;
}
