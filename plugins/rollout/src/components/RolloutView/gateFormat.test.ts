import { rolloutTranslationApi } from '../../__testUtils__/translationApis';
import {
  RolloutTranslationFunction,
  rolloutFormat,
  rolloutTranslationRef,
} from '../../translation';
import {
  formatDeltaPercent,
  formatExact,
  formatMetricValue,
  formatNumber,
  formatPercent,
  formatRelative,
} from './gateFormat';

/** The no-break space Russian puts in numbers and before units. */
const nbsp = '\u00a0';

function translation(language: 'en' | 'ru') {
  return {
    format: rolloutFormat(language),
    t: rolloutTranslationApi(language).getTranslation(rolloutTranslationRef)
      .t as RolloutTranslationFunction,
  };
}

describe('gate formatting', () => {
  const en = translation('en');
  const ru = translation('ru');

  it('gives numbers three significant digits, compact when large', () => {
    expect(formatNumber(en.format, 0.0123456)).toBe('0.0123');
    expect(formatNumber(en.format, 3.14159)).toBe('3.14');
    expect(formatNumber(en.format, 1234)).toBe('1,230');
    expect(formatNumber(en.format, 12_345)).toBe('12.3K');
    expect(formatNumber(en.format, 123_456)).toBe('123K');
    expect(formatNumber(en.format, 0)).toBe('0');
    expect(formatNumber(en.format, undefined)).toBe('—');
    expect(formatNumber(en.format, NaN)).toBe('—');
  });

  it('writes numbers as Russian does', () => {
    expect(formatNumber(ru.format, 0.0123456)).toBe('0,0123');
    expect(formatNumber(ru.format, 1234)).toBe(`1${nbsp}230`);
    expect(formatNumber(ru.format, 12_345)).toBe(`12,3${nbsp}тыс.`);
    expect(formatNumber(ru.format, undefined)).toBe('—');
  });

  it('keeps every digit of a value compared with a threshold', () => {
    expect(formatExact(en.format, 0.1004)).toBe('0.1004');
    expect(formatExact(ru.format, 0.1004)).toBe('0,1004');
    expect(formatExact(en.format, 0.1 + 0.2)).toBe('0.3');
  });

  it('reads _seconds metrics in seconds, and milliseconds below one', () => {
    const metric = { name: 'review_pass_runtime_seconds' };
    const { format, t } = en;
    expect(formatMetricValue(format, t, 41.834, metric)).toBe('41.8 s');
    expect(formatMetricValue(format, t, 0.4183, metric)).toBe('418 ms');
    expect(formatMetricValue(format, t, 0, metric)).toBe('0 s');
    expect(formatMetricValue(format, t, undefined, metric)).toBe('—');
  });

  it('reads _total metrics queried as a rate per second', () => {
    const { format, t } = en;
    expect(
      formatMetricValue(format, t, 0.05591, {
        name: 'review_pass_failures_total',
        query: 'sum(rate(review_pass_failures_total[5m]))',
      }),
    ).toBe('0.0559/s');
    expect(
      formatMetricValue(format, t, 12, {
        name: 'review_pass_failures_total',
        query: 'sum(increase(review_pass_failures_total[1h]))',
      }),
    ).toBe('12');
    expect(formatMetricValue(format, t, 7.5, { name: 'queue_depth' })).toBe(
      '7.5',
    );
  });

  it('names the units in Russian', () => {
    const { format, t } = ru;
    const seconds = { name: 'review_pass_runtime_seconds' };
    expect(formatMetricValue(format, t, 41.834, seconds)).toBe('41,8 с');
    expect(formatMetricValue(format, t, 0.4183, seconds)).toBe('418 мс');
    expect(
      formatMetricValue(format, t, 12_345.6, {
        name: 'review_pass_failures_total',
        query: 'sum(rate(review_pass_failures_total[5m]))',
      }),
    ).toBe(`12,3${nbsp}тыс./с`);
  });

  it('signs a change in percent to one decimal', () => {
    expect(formatDeltaPercent(en.format, 7.4999)).toBe('+7.5%');
    expect(formatDeltaPercent(en.format, -1.7857)).toBe('-1.8%');
    expect(formatDeltaPercent(en.format, 0)).toBe('0.0%');
    expect(formatDeltaPercent(en.format, undefined)).toBe('—');
    expect(formatDeltaPercent(ru.format, 7.4999)).toBe(`+7,5${nbsp}%`);
    expect(formatDeltaPercent(ru.format, -1.7857)).toBe(`-1,8${nbsp}%`);
    expect(formatDeltaPercent(ru.format, 0)).toBe(`0,0${nbsp}%`);
  });

  it('writes a percentage to at most two decimals', () => {
    expect(formatPercent(en.format, 10)).toBe('10%');
    expect(formatPercent(en.format, 12.345)).toBe('12.35%');
    expect(formatPercent(ru.format, 10)).toBe(`10${nbsp}%`);
  });

  it('says how long ago a time was', () => {
    const now = Date.parse('2025-11-21T10:00:00.000Z');
    const ago = (iso: string) => formatRelative(en.format, iso, now);
    expect(ago('2025-11-21T10:00:00.000Z')).toBe('now');
    expect(ago('2025-11-21T10:00:04.000Z')).toBe('now');
    expect(ago('2025-11-21T09:59:30.000Z')).toBe('30 seconds ago');
    expect(ago('2025-11-21T09:58:00.000Z')).toBe('2 minutes ago');
    expect(ago('2025-11-21T07:00:00.000Z')).toBe('3 hours ago');
    expect(ago('2025-11-20T10:00:00.000Z')).toBe('yesterday');
  });

  it('says how long ago a time was, in Russian', () => {
    const now = Date.parse('2025-11-21T10:00:00.000Z');
    const ago = (iso: string) => formatRelative(ru.format, iso, now);
    expect(ago('2025-11-21T10:00:00.000Z')).toBe('сейчас');
    expect(ago('2025-11-21T09:58:00.000Z')).toBe('2 минуты назад');
    expect(ago('2025-11-21T09:55:00.000Z')).toBe('5 минут назад');
    expect(ago('2025-11-20T10:00:00.000Z')).toBe('вчера');
  });
});
