import { coreApis, useApiHolder } from '@backstage/frontend-plugin-api';
import { useEffect, useMemo, useState } from 'react';

/**
 * Dates, numbers and lists in the language the user picked in Settings,
 * by `Intl`.
 */
export type RolloutFormat = {
  /** The language tag the formats follow, such as `en` or `ru`. */
  locale: string;
  /** A date and time, such as "6 Dec 2026, 19:24". */
  dateTime(iso: string): string;
  /** How long ago `iso` was: "2 minutes ago"; a time ahead reads "now". */
  relative(iso: string, now?: number): string;
  /** A number as the language writes it. */
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** "a, b and c" in the language. */
  list(items: string[]): string;
};

const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** The formats of one language; `useRolloutFormat` in components. */
export function rolloutFormat(locale: string): RolloutFormat {
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const list = new Intl.ListFormat(locale, { type: 'conjunction' });
  return {
    locale,
    dateTime: iso => dateTime.format(new Date(iso)),
    relative: (iso, now = Date.now()) => {
      const elapsed = Math.min(0, new Date(iso).getTime() - now);
      for (const [unit, size] of units) {
        if (Math.abs(elapsed) >= size) {
          return relative.format(Math.round(elapsed / size), unit);
        }
      }
      return relative.format(0, 'second');
    },
    number: (value, options) =>
      new Intl.NumberFormat(locale, options).format(value),
    list: items => list.format(items),
  };
}

/**
 * The language the user picked (`en` where the app offers no choice), kept
 * up to date when they pick another.
 */
export function useRolloutLanguage(): string {
  const languageApi = useApiHolder().get(coreApis.appLanguage);
  const [language, setLanguage] = useState(
    () => languageApi?.getLanguage().language ?? 'en',
  );
  useEffect(() => {
    if (!languageApi) {
      return undefined;
    }
    const subscription = languageApi
      .language$()
      .subscribe(snapshot => setLanguage(snapshot.language));
    return () => subscription.unsubscribe();
  }, [languageApi]);
  return language;
}

/** Dates, numbers and lists in the user's language. */
export function useRolloutFormat(): RolloutFormat {
  const language = useRolloutLanguage();
  return useMemo(() => rolloutFormat(language), [language]);
}
