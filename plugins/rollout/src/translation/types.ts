/**
 * A translation of a group of messages: the same keys, nested the same
 * way, each a string. The compiler refuses a translation that lacks a key
 * or has one the English messages do not.
 */
export type Translated<T> = {
  [K in keyof T]: T[K] extends string ? string : Translated<T[K]>;
};

/** Nested messages as one object with dot-separated keys. */
export function flattenMessages(
  messages: { [key: string]: unknown },
  prefix = '',
): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === 'string') {
      flat[`${prefix}${key}`] = value;
    } else if (value && typeof value === 'object') {
      Object.assign(
        flat,
        flattenMessages(
          value as { [key: string]: unknown },
          `${prefix}${key}.`,
        ),
      );
    }
  }
  return flat;
}
