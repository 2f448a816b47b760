/*
 * How gate numbers and times read on the tab. Kept apart from the components
 * so the rules can be tested on their own.
 */

const UNKNOWN = '—';

function significant(value: number): string {
  return new Intl.NumberFormat('en-US', {
    maximumSignificantDigits: 3,
    notation: Math.abs(value) >= 10_000 ? 'compact' : 'standard',
  }).format(value);
}

/**
 * A number to three significant digits, compact from ten thousand up
 * ("12.3K"); "—" when it is unknown.
 */
export function formatNumber(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) {
    return UNKNOWN;
  }
  return significant(value);
}

/**
 * A metric's value in the unit its name gives it, by the Prometheus naming
 * conventions: `_seconds` in seconds (milliseconds below one second), and a
 * `_total` counter queried as a rate per second.
 */
export function formatMetricValue(
  value: number | undefined,
  metric: { name: string; query?: string },
): string {
  if (value === undefined || !Number.isFinite(value)) {
    return UNKNOWN;
  }
  if (metric.name.endsWith('_seconds')) {
    return Math.abs(value) < 1 && value !== 0
      ? `${significant(value * 1000)} ms`
      : `${significant(value)} s`;
  }
  if (metric.name.endsWith('_total') && /\brate\(/.test(metric.query ?? '')) {
    return `${significant(value)}/s`;
  }
  return significant(value);
}

/** A change in percent, signed, to one decimal: "+7.5%"; "—" when unknown. */
export function formatDeltaPercent(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) {
    return UNKNOWN;
  }
  return `${new Intl.NumberFormat('en-US', {
    signDisplay: 'exceptZero',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(value)}%`;
}

const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/**
 * How long ago `iso` was, such as "2 minutes ago" or "now". A time ahead of
 * the reader's clock reads "now": the server's clock may run a little ahead.
 */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const elapsed = Math.min(0, new Date(iso).getTime() - now);
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(elapsed) >= size) {
      return format.format(Math.round(elapsed / size), unit);
    }
  }
  return format.format(0, 'second');
}

/** A time in the reader's locale and time zone. */
export function formatLocal(iso: string): string {
  return new Date(iso).toLocaleString();
}
