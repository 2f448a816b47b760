import { RolloutGates } from '@rollout/backstage-plugin-rollout-common';
import { GateStateRecord } from '../database/RolloutStore';
import { describeChange, gateTransitions } from './gateTransitions';

const earlier = '2026-11-26T12:00:00.000Z';
const now = '2026-11-26T12:00:30.000Z';

function gates(
  criterion: 'ok' | 'triggered' | 'unknown',
  alert: 'firing' | 'inactive',
  metric: 'ok' | 'breached' = 'ok',
): Omit<RolloutGates, 'blockedBy'> {
  return {
    rolloutId: 'r1',
    evaluatedAt: now,
    baselineWindow: { start: earlier, end: earlier },
    metrics: [
      {
        metricId: 'failures',
        name: 'failures_total',
        query: 'q',
        expectation: 'no_increase',
        series: [],
        state: metric,
      },
    ],
    alerts: [{ alertId: 'high', name: 'JobFailuresHigh', state: alert }],
    criteria: [
      {
        criterionId: 'criterion-3',
        text: 'failures spike',
        kind: 'query',
        state: criterion,
      },
    ],
    sources: {
      prometheus: { configured: true },
      alertmanager: { configured: true },
    },
  };
}

function saved(
  entries: Record<string, string>,
  changedAt = earlier,
): GateStateRecord[] {
  return Object.entries(entries).map(([gate, state]) => ({
    gate,
    state,
    changedAt,
    evaluatedAt: changedAt,
  }));
}

describe('gateTransitions', () => {
  it('reports at the first evaluation only the gates that start in a state worth hearing of', () => {
    const result = gateTransitions([], gates('triggered', 'inactive'));
    expect(result.changes.map(c => [c.gate, c.from, c.to])).toEqual([
      ['criterion:criterion-3', undefined, 'triggered'],
    ]);
    expect(result.states.map(s => [s.gate, s.state])).toEqual([
      ['metric:failures', 'ok'],
      ['alert:high', 'inactive'],
      ['criterion:criterion-3', 'triggered'],
    ]);
    expect(result.rollbackTriggers.map(c => c.gate)).toEqual([
      'criterion:criterion-3',
    ]);
    expect(result.states.every(s => s.changedAt === now)).toBe(true);
  });

  it('reports only what changed and keeps when unchanged gates changed', () => {
    const previous = saved({
      'metric:failures': 'ok',
      'alert:high': 'inactive',
      'criterion:criterion-3': 'triggered',
    });
    const result = gateTransitions(previous, gates('triggered', 'firing'));
    expect(result.changes).toEqual([
      {
        gate: 'alert:high',
        label: 'alert JobFailuresHigh',
        name: 'JobFailuresHigh',
        from: 'inactive',
        to: 'firing',
      },
    ]);
    // Still triggered is not a new trigger: a resumed rollout is not re-blocked.
    expect(result.rollbackTriggers.map(c => c.gate)).toEqual(['alert:high']);
    expect(
      result.states.find(s => s.gate === 'criterion:criterion-3')?.changedAt,
    ).toBe(earlier);
    expect(result.states.find(s => s.gate === 'alert:high')?.changedAt).toBe(
      now,
    );
  });

  it('does not call a breached metric or an unknown row a rollback trigger', () => {
    const previous = saved({
      'metric:failures': 'ok',
      'alert:high': 'inactive',
      'criterion:criterion-3': 'ok',
    });
    const result = gateTransitions(
      previous,
      gates('unknown', 'inactive', 'breached'),
    );
    expect(result.changes.map(c => c.to)).toEqual(['breached', 'unknown']);
    expect(result.rollbackTriggers).toEqual([]);
  });
});

describe('describeChange', () => {
  it('says what changed, from what, and why', () => {
    expect(
      describeChange({
        gate: 'metric:m',
        label: 'metric m_total',
        name: 'm_total',
        from: 'ok',
        to: 'unknown',
        reason: 'request failed: ECONNREFUSED',
      }),
    ).toBe('Gate metric m_total: ok → unknown (request failed: ECONNREFUSED)');
    expect(
      describeChange({
        gate: 'alert:a',
        label: 'alert A',
        name: 'A',
        to: 'inactive',
      }),
    ).toBe('Gate alert A: inactive');
  });
});
