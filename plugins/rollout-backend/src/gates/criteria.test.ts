import { Metric } from '@rollout/backstage-plugin-rollout-common';
import { seedChecklist } from '../__testUtils__/fixtures';
import { criterionQuery } from './criteria';

const seed = seedChecklist();

const queryOf = (metric: Metric) => `q(${metric.name})`;

describe('criterionQuery', () => {
  it('reads the seed criteria: one from Prometheus, two for a person', () => {
    const queries = seed.rollbackCriteria.map(criterion =>
      criterionQuery(criterion, seed, queryOf, 10),
    );
    expect(queries).toEqual([
      undefined,
      undefined,
      {
        query: 'q(review_pass_failures_total)',
        comparison: {
          operator: '>',
          threshold: 'baseline',
          tolerancePercent: 10,
        },
      },
    ]);
  });

  it('compares downwards when the criterion speaks of a drop', () => {
    const criterion = {
      id: 'c',
      text: '`modular_reviewer_sessions_total` drops below baseline',
    };
    expect(criterionQuery(criterion, seed, queryOf, 5)?.comparison).toEqual({
      operator: '<',
      threshold: 'baseline',
      tolerancePercent: 5,
    });
  });

  it('keeps the query and comparison written on the criterion', () => {
    const criterion = {
      id: 'c',
      text: 'Too many restarts',
      query: 'sum(kube_pod_restarts)',
      comparison: { operator: '>=', threshold: 3 } as const,
    };
    expect(criterionQuery(criterion, seed, queryOf, 10)).toEqual({
      query: 'sum(kube_pod_restarts)',
      comparison: { operator: '>=', threshold: 3 },
    });
  });

  it('leaves a code span that names no watched metric to a person', () => {
    const criterion = { id: 'c', text: '`unknown_metric_total` spikes' };
    expect(criterionQuery(criterion, seed, queryOf, 10)).toBeUndefined();
  });
});
