import { contradictionsOf, metricNames } from './contradictions';

describe('metricNames', () => {
  it('finds the metrics of derived queries and rules as Prometheus prints them', () => {
    expect(metricNames('sum(rate(review_pass_failures_total[5m]))')).toEqual([
      'review_pass_failures_total',
    ]);
    expect(
      metricNames(
        'histogram_quantile(0.9, sum by (le) (rate(llm_request_latency_seconds_bucket[5m]))) > 5',
      ),
    ).toEqual(['llm_request_latency_seconds_bucket']);
    expect(
      metricNames(
        'histogram_quantile(0.5, sum(rate(x_seconds_bucket[1m])) by (le))',
      ),
    ).toEqual(['x_seconds_bucket']);
  });

  it('leaves out labels, strings, durations, numbers and keywords', () => {
    expect(
      metricNames(
        'sum without (instance) (rate(errors_total{job="api", path=~"/v1/.*"}[5m] offset 1h))' +
          ' / on (job) group_left (team) sum(rate(requests_total[5m])) > bool 1e3' +
          ' and vector(1) unless absent(up{job="api"}) or Inf',
      ),
    ).toEqual(['errors_total', 'requests_total', 'up']);
  });

  it('reads names in __name__ matchers and recording rules', () => {
    expect(
      metricNames('{__name__="queue_depth", env="prod"} + job:errors:rate5m'),
    ).toEqual(['queue_depth', 'job:errors:rate5m']);
  });
});

describe('contradictionsOf', () => {
  const rules = [
    { name: 'FailuresHigh', query: 'sum(rate(failures_total[1m])) > 2' },
    {
      name: 'LatencyHigh',
      query:
        'histogram_quantile(0.9, sum by (le) (rate(latency_seconds_bucket[5m]))) > 5',
    },
  ];

  it('names each firing alert whose rule reads a watched metric', () => {
    expect(
      contradictionsOf(
        ['failures_total'],
        ['FailuresHigh', 'LatencyHigh'],
        rules,
      ),
    ).toEqual([
      {
        alert: 'FailuresHigh',
        metric: 'failures_total',
        reason:
          'the alert FailuresHigh, whose rule reads failures_total, is firing although this reads ok',
      },
    ]);
  });

  it('ties the series of one histogram', () => {
    expect(
      contradictionsOf(['latency_seconds'], ['LatencyHigh'], rules).map(
        c => c.alert,
      ),
    ).toEqual(['LatencyHigh']);
  });

  it('says nothing of alerts not firing, rules of other metrics or unknown rules', () => {
    expect(contradictionsOf(['failures_total'], [], rules)).toEqual([]);
    expect(
      contradictionsOf(['sessions_total'], ['FailuresHigh'], rules),
    ).toEqual([]);
    expect(contradictionsOf(['failures_total'], ['Other'], rules)).toEqual([]);
  });
});
