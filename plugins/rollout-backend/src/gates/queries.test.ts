import { Metric } from '@rollout/backstage-plugin-rollout-common';
import { deriveMetricQuery, withOverrides } from './queries';

function metric(name: string, query?: string): Metric {
  return { id: name, name, description: '', ...(query ? { query } : {}) };
}

describe('deriveMetricQuery', () => {
  it('uses the query written on the metric', () => {
    expect(deriveMetricQuery(metric('jobs_total', 'sum(jobs_total)'))).toBe(
      'sum(jobs_total)',
    );
  });

  it('watches a counter as its rate', () => {
    expect(deriveMetricQuery(metric('review_pass_failures_total'))).toBe(
      'sum(rate(review_pass_failures_total[5m]))',
    );
  });

  it('watches a seconds histogram as its median', () => {
    expect(deriveMetricQuery(metric('llm_request_latency_seconds'))).toBe(
      'histogram_quantile(0.5, sum(rate(llm_request_latency_seconds_bucket[5m])) by (le))',
    );
  });

  it('takes rates over the window it is given', () => {
    expect(deriveMetricQuery(metric('jobs_total'), '30s')).toBe(
      'sum(rate(jobs_total[30s]))',
    );
    expect(deriveMetricQuery(metric('job_seconds'), '1m')).toBe(
      'histogram_quantile(0.5, sum(rate(job_seconds_bucket[1m])) by (le))',
    );
  });

  it('queries any other name as is', () => {
    expect(deriveMetricQuery(metric('queue_depth'))).toBe('queue_depth');
  });

  it('ignores a blank query', () => {
    expect(deriveMetricQuery(metric('queue_depth', '  '))).toBe('queue_depth');
  });
});

describe('withOverrides', () => {
  const overrides = { jobs_total: 'sum(rate(jobs_total{env="prod"}[5m]))' };

  it('replaces the query of a metric with an override', () => {
    const original = metric('jobs_total', 'sum(jobs_total)');
    const result = withOverrides(original, overrides);
    expect(result.query).toBe('sum(rate(jobs_total{env="prod"}[5m]))');
    expect(deriveMetricQuery(result)).toBe(
      'sum(rate(jobs_total{env="prod"}[5m]))',
    );
    expect(original.query).toBe('sum(jobs_total)');
  });

  it('leaves a metric without an override alone', () => {
    const original = metric('queue_depth');
    expect(withOverrides(original, overrides)).toBe(original);
  });

  it('ignores blank overrides and inherited keys', () => {
    expect(withOverrides(metric('jobs_total'), { jobs_total: '' }).query).toBe(
      undefined,
    );
    expect(withOverrides(metric('toString'), {}).query).toBe(undefined);
  });
});
