import {
  AppLanguageApi,
  TranslationApi,
  TranslationRef,
  TranslationSnapshot,
} from '@backstage/frontend-plugin-api';
import { Observable } from '@backstage/types';
import { createInstance } from 'i18next';
import { Fragment, ReactNode, createElement, isValidElement } from 'react';
import {
  RolloutTranslationFunction,
  rolloutMessages,
  rolloutTranslationRef,
} from '../translation';
import rolloutRu from '../translation/ru';
import { flattenMessages } from '../translation/types';

/** A language the plugin ships. */
export type RolloutLanguage = 'en' | 'ru';

const never = <T>(): Observable<T> =>
  ({
    subscribe: () => ({ unsubscribe: () => {}, closed: false }),
    [Symbol.observable]() {
      return this;
    },
  } as unknown as Observable<T>);

/**
 * A translation API serving the plugin's messages in `language`, with
 * i18next's plural rules of that language and React elements as values, as
 * the app's own does; `MockTranslationApi` of test-utils knows English only.
 */
export function rolloutTranslationApi(
  language: RolloutLanguage,
): TranslationApi {
  let elements: ReactNode[] | undefined;
  const i18n = createInstance({
    lng: language,
    fallbackLng: 'en',
    ns: [rolloutTranslationRef.id],
    defaultNS: rolloutTranslationRef.id,
    resources: {
      en: { [rolloutTranslationRef.id]: flattenMessages(rolloutMessages) },
      ru: { [rolloutTranslationRef.id]: rolloutRu.messages },
    },
    keySeparator: false,
    initImmediate: false,
    interpolation: {
      escapeValue: false,
      alwaysFormat: true,
      format: value => {
        if (!isValidElement(value)) {
          return value;
        }
        elements = [...(elements ?? []), value];
        return `\uE000${elements.length - 1}\uE000`;
      },
    },
  });
  i18n.init();
  const t = (key: string, options?: Record<string, unknown>) => {
    elements = undefined;
    const text = i18n.t(key, options as any) as unknown as string;
    const used = elements;
    if (!used) {
      return text;
    }
    return createElement(
      Fragment,
      null,
      ...text
        .split(/\uE000(\d+)\uE000/)
        .map((part, index) =>
          index % 2
            ? createElement(Fragment, { key: index }, used[Number(part)])
            : part,
        ),
    );
  };
  return {
    getTranslation<TMessages extends { [key in string]: string }>(
      ref: TranslationRef<string, TMessages>,
    ): TranslationSnapshot<TMessages> {
      if (ref.id !== rolloutTranslationRef.id) {
        throw new Error(`This test API only knows ${rolloutTranslationRef.id}`);
      }
      return { ready: true, t } as unknown as TranslationSnapshot<TMessages>;
    },
    translation$: never,
  };
}

/** An app language API fixed at `language`, offering both. */
export function rolloutLanguageApi(language: RolloutLanguage): AppLanguageApi {
  return {
    getAvailableLanguages: () => ({ languages: ['en', 'ru'] }),
    setLanguage: () => {},
    getLanguage: () => ({ language }),
    language$: never,
  };
}

/** The plugin's translation function in `language`, for code outside React. */
export function rolloutT(
  language: RolloutLanguage,
): RolloutTranslationFunction {
  return rolloutTranslationApi(language).getTranslation(rolloutTranslationRef)
    .t as unknown as RolloutTranslationFunction;
}
