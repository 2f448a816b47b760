/*
 * How gate numbers and times read on the tab, in the user's language. Kept
 * apart from the components so the rules can be tested on their own.
 */
import { RolloutFormat, RolloutTranslationFunction } from '../../translation';

const UNKNOWN = '—';

function known(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value);
}

function significant(format: RolloutFormat, value: number): string {
  return format.number(value, {
    maximumSignificantDigits: 3,
    notation: Math.abs(value) >= 10_000 ? 'compact' : 'standard',
  });
}

/**
 * A number to three significant digits, compact from ten thousand up
 * ("12.3K", in Russian "12,3 тыс."); "—" when it is unknown.
 */
export function formatNumber(
  format: RolloutFormat,
  value: number | undefined,
): string {
  return known(value) ? significant(format, value) : UNKNOWN;
}

/**
 * A number as precise as it came, as the language writes it: for a value
 * compared with a threshold, where three digits could make them read
 * alike.
 */
export function formatExact(format: RolloutFormat, value: number): string {
  return format.number(value, { maximumSignificantDigits: 15 });
}

/**
 * A metric's value in the unit its name gives it, by the Prometheus naming
 * conventions: `_seconds` in seconds (milliseconds below one second), and a
 * `_total` counter queried as a rate per second.
 */
export function formatMetricValue(
  format: RolloutFormat,
  t: RolloutTranslationFunction,
  value: number | undefined,
  metric: { name: string; query?: string },
): string {
  if (!known(value)) {
    return UNKNOWN;
  }
  if (metric.name.endsWith('_seconds')) {
    return Math.abs(value) < 1 && value !== 0
      ? t('monitoring.units.milliseconds', {
          value: significant(format, value * 1000),
        })
      : t('monitoring.units.seconds', { value: significant(format, value) });
  }
  if (metric.name.endsWith('_total') && /\brate\(/.test(metric.query ?? '')) {
    return t('monitoring.units.perSecond', {
      value: significant(format, value),
    });
  }
  return significant(format, value);
}

/**
 * A percentage (`7.5` for 7.5%) as the language writes it, to at most
 * `fractionDigits` decimals (at least that many with `fixed`).
 */
export function formatPercent(
  format: RolloutFormat,
  percent: number,
  options: { fractionDigits?: number; fixed?: boolean; signed?: boolean } = {},
): string {
  const { fractionDigits = 2, fixed = false, signed = false } = options;
  return format.number(percent / 100, {
    style: 'percent',
    maximumFractionDigits: fractionDigits,
    ...(fixed ? { minimumFractionDigits: fractionDigits } : {}),
    ...(signed ? { signDisplay: 'exceptZero' as const } : {}),
  });
}

/** A change in percent, signed, to one decimal: "+7.5%"; "—" when unknown. */
export function formatDeltaPercent(
  format: RolloutFormat,
  value: number | undefined,
): string {
  return known(value)
    ? formatPercent(format, value, {
        fractionDigits: 1,
        fixed: true,
        signed: true,
      })
    : UNKNOWN;
}

/**
 * How long ago `iso` was, such as "2 minutes ago" or "now". A time ahead of
 * the reader's clock reads "now": the server's clock may run a little ahead.
 */
export function formatRelative(
  format: RolloutFormat,
  iso: string,
  now: number = Date.now(),
): string {
  return format.relative(iso, now);
}

/** A date and time as the reader's language writes it, in their time zone. */
export function formatLocal(format: RolloutFormat, iso: string): string {
  return format.dateTime(iso);
}
