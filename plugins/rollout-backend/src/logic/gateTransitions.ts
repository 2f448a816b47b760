import { RolloutGates } from '@rollout/backstage-plugin-rollout-common';
import { GateStateRecord } from '../database/RolloutStore';

/**
 * One gate whose state changed since the last evaluation.
 */
export type GateChange = {
  gate: string;
  /** The gate as a person reads it, such as `alert MCPReviewerJobFailuresHigh`. */
  label: string;
  /** Absent for a gate not evaluated before. */
  from?: string;
  to: string;
  reason?: string;
};

/**
 * What an evaluation changed: the states to keep, the gates that changed and,
 * of those, the ones that call for a rollback (a criterion turning
 * `triggered`, an alert turning `firing`).
 */
export type GateTransitions = {
  states: GateStateRecord[];
  changes: GateChange[];
  rollbackTriggers: GateChange[];
};

type GateReading = {
  gate: string;
  label: string;
  state: string;
  reason?: string;
};

function readingsOf(gates: Omit<RolloutGates, 'blockedBy'>): GateReading[] {
  return [
    ...gates.metrics.map(metric => ({
      gate: `metric:${metric.metricId}`,
      label: `metric ${metric.name}`,
      state: metric.state,
      reason: metric.reason,
    })),
    ...gates.alerts.map(alert => ({
      gate: `alert:${alert.alertId}`,
      label: `alert ${alert.name}`,
      state: alert.state,
      reason: alert.reason,
    })),
    ...gates.criteria.map(criterion => ({
      gate: `criterion:${criterion.criterionId}`,
      label: `rollback criterion "${criterion.text}"`,
      state: criterion.state,
      reason: criterion.reason,
    })),
  ];
}

function callsForRollback(reading: GateReading): boolean {
  return (
    (reading.gate.startsWith('criterion:') && reading.state === 'triggered') ||
    (reading.gate.startsWith('alert:') && reading.state === 'firing')
  );
}

/**
 * Compares an evaluation with the states saved after the previous one.
 * A gate that was not evaluated before counts as changed, so a criterion
 * already triggered at the first evaluation still calls for a rollback.
 */
export function gateTransitions(
  previous: GateStateRecord[],
  gates: Omit<RolloutGates, 'blockedBy'>,
): GateTransitions {
  const before = new Map(previous.map(record => [record.gate, record]));
  const states: GateStateRecord[] = [];
  const changes: GateChange[] = [];
  for (const reading of readingsOf(gates)) {
    const old = before.get(reading.gate);
    const changed = old?.state !== reading.state;
    states.push({
      gate: reading.gate,
      state: reading.state,
      ...(reading.reason ? { reason: reading.reason } : {}),
      changedAt: changed || !old ? gates.evaluatedAt : old.changedAt,
      evaluatedAt: gates.evaluatedAt,
    });
    if (changed) {
      changes.push({
        gate: reading.gate,
        label: reading.label,
        ...(old ? { from: old.state } : {}),
        to: reading.state,
        ...(reading.reason ? { reason: reading.reason } : {}),
      });
    }
  }
  const rollbackTriggers = changes.filter(change =>
    callsForRollback({ ...change, state: change.to }),
  );
  return { states, changes, rollbackTriggers };
}

/** A sentence for the history: `alert X: inactive → firing`. */
export function describeChange(change: GateChange): string {
  const from = change.from ? `${change.from} → ` : '';
  const reason = change.reason ? ` (${change.reason})` : '';
  return `Gate ${change.label}: ${from}${change.to}${reason}`;
}
