import {
  formatDeltaPercent,
  formatMetricValue,
  formatNumber,
  formatRelative,
} from './gateFormat';

describe('gate formatting', () => {
  it('gives numbers three significant digits, compact when large', () => {
    expect(formatNumber(0.0123456)).toBe('0.0123');
    expect(formatNumber(3.14159)).toBe('3.14');
    expect(formatNumber(1234)).toBe('1,230');
    expect(formatNumber(123_456)).toBe('123K');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(undefined)).toBe('—');
    expect(formatNumber(NaN)).toBe('—');
  });

  it('reads _seconds metrics in seconds, and milliseconds below one', () => {
    const metric = { name: 'review_pass_runtime_seconds' };
    expect(formatMetricValue(41.834, metric)).toBe('41.8 s');
    expect(formatMetricValue(0.4183, metric)).toBe('418 ms');
    expect(formatMetricValue(0, metric)).toBe('0 s');
    expect(formatMetricValue(undefined, metric)).toBe('—');
  });

  it('reads _total metrics queried as a rate per second', () => {
    expect(
      formatMetricValue(0.05591, {
        name: 'review_pass_failures_total',
        query: 'sum(rate(review_pass_failures_total[5m]))',
      }),
    ).toBe('0.0559/s');
    expect(
      formatMetricValue(12, {
        name: 'review_pass_failures_total',
        query: 'sum(increase(review_pass_failures_total[1h]))',
      }),
    ).toBe('12');
    expect(formatMetricValue(7.5, { name: 'queue_depth' })).toBe('7.5');
  });

  it('signs a change in percent to one decimal', () => {
    expect(formatDeltaPercent(7.4999)).toBe('+7.5%');
    expect(formatDeltaPercent(-1.7857)).toBe('-1.8%');
    expect(formatDeltaPercent(0)).toBe('0.0%');
    expect(formatDeltaPercent(undefined)).toBe('—');
  });

  it('says how long ago a time was', () => {
    const now = Date.parse('2025-11-21T10:00:00.000Z');
    expect(formatRelative('2025-11-21T10:00:00.000Z', now)).toBe('now');
    expect(formatRelative('2025-11-21T10:00:04.000Z', now)).toBe('now');
    expect(formatRelative('2025-11-21T09:59:30.000Z', now)).toBe(
      '30 seconds ago',
    );
    expect(formatRelative('2025-11-21T09:58:00.000Z', now)).toBe(
      '2 minutes ago',
    );
    expect(formatRelative('2025-11-21T07:00:00.000Z', now)).toBe('3 hours ago');
    expect(formatRelative('2025-11-20T10:00:00.000Z', now)).toBe('yesterday');
  });
});
