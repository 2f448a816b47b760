import { RolloutGates } from '@rollout/backstage-plugin-rollout-common';
import { GateStateRecord } from '../database/RolloutStore';

/**
 * One gate whose state changed since the last evaluation.
 */
export type GateChange = {
  gate: string;
  /** The gate as a person reads it, such as `alert MCPReviewerJobFailuresHigh`. */
  label: string;
  /** The metric's or alert's name, or the criterion's text. */
  name: string;
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
  name: string;
  state: string;
  reason?: string;
};

function readingsOf(gates: Omit<RolloutGates, 'blockedBy'>): GateReading[] {
  return [
    ...gates.metrics.map(metric => ({
      gate: `metric:${metric.metricId}`,
      label: `metric ${metric.name}`,
      name: metric.name,
      state: metric.state,
      reason: metric.reason,
    })),
    ...gates.alerts.map(alert => ({
      gate: `alert:${alert.alertId}`,
      label: `alert ${alert.name}`,
      name: alert.name,
      state: alert.state,
      reason: alert.reason,
    })),
    ...gates.criteria.map(criterion => ({
      gate: `criterion:${criterion.criterionId}`,
      label: `rollback criterion "${criterion.text}"`,
      name: criterion.text,
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

/** States a gate may start in without anyone needing to hear of it. */
const QUIET_STATES = new Set(['ok', 'inactive', 'unknown']);

/**
 * Compares an evaluation with the states saved after the previous one.
 * A gate not evaluated before counts as changed when it starts in a state
 * worth hearing of, so a criterion already triggered at the first
 * evaluation still calls for a rollback, while the first `ok`s of a rollout
 * do not fill its history.
 */
export function gateTransitions(
  previous: GateStateRecord[],
  gates: Omit<RolloutGates, 'blockedBy'>,
): GateTransitions {
  const before = new Map(previous.map(record => [record.gate, record]));
  const states: GateStateRecord[] = [];
  const changes: GateChange[] = [];
  const rollbackTriggers: GateChange[] = [];
  for (const reading of readingsOf(gates)) {
    const old = before.get(reading.gate);
    states.push({
      gate: reading.gate,
      state: reading.state,
      ...(reading.reason ? { reason: reading.reason } : {}),
      changedAt:
        old?.state === reading.state ? old.changedAt : gates.evaluatedAt,
      evaluatedAt: gates.evaluatedAt,
    });
    const changed = old
      ? old.state !== reading.state
      : !QUIET_STATES.has(reading.state);
    if (changed) {
      const change = {
        gate: reading.gate,
        label: reading.label,
        name: reading.name,
        ...(old ? { from: old.state } : {}),
        to: reading.state,
        ...(reading.reason ? { reason: reading.reason } : {}),
      };
      changes.push(change);
      if (callsForRollback(reading)) {
        rollbackTriggers.push(change);
      }
    }
  }
  return { states, changes, rollbackTriggers };
}

/** A sentence for the history: `alert X: inactive → firing`. */
export function describeChange(change: GateChange): string {
  const from = change.from ? `${change.from} → ` : '';
  const reason = change.reason ? ` (${change.reason})` : '';
  return `Gate ${change.label}: ${from}${change.to}${reason}`;
}
