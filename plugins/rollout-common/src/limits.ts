/*
 * The bounds of everything a client may send, in one place: the schemas of
 * the vocabulary and the requests take their limits from here, the backend
 * checks the shape of every request body against them before anything else
 * reads it, and the database columns are sized to hold them.
 */
import { z } from 'zod';
import { checklistMarkdownLimits } from './markdown/limits';

/**
 * The limits of rollout input: lengths of strings, counts of items, depth
 * of JSON, and the bounds of a markdown checklist. The same on every database; a request past one is a 400 that
 * names the field and the limit.
 * @public
 */
export const rolloutLimits = {
  /** Characters of a rollout's or a checklist's title. */
  titleLength: 500,
  /** Characters of one text field: a step's command cell, a note, a reason. */
  textLength: 10_000,
  /**
   * Characters of an entity ref; the database's columns of refs hold 255
   * characters on every database.
   */
  entityRefLength: 255,
  /** Characters of an item id and of a version. */
  idLength: 100,
  /** Characters of a URL. */
  urlLength: 2_048,
  /** Items in one section of a checklist. */
  sectionItems: 500,
  /** Signers of one sign-off row. */
  signers: 50,
  /**
   * Levels of nesting of a request's JSON body, the body itself being the
   * first; the checklist's own shape needs seven, a step's template values
   * the rest.
   */
  jsonDepth: 32,
  /** What a markdown checklist may hold, checked before it is parsed. */
  markdown: checklistMarkdownLimits,
} as const;

/**
 * An http(s) URL: any other scheme (`javascript:`, `data:`, `file:`) could
 * run or read something where the URL is shown as a link.
 * @public
 */
export const httpUrlSchema = z
  .string()
  .max(rolloutLimits.urlLength)
  .refine(isHttpUrl, 'must be an http:// or https:// URL');

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The first problem of a JSON value's shape, walked without recursion so
 * that no depth can overflow the stack: nesting past `maxDepth` levels, or
 * a string (or key) holding a NUL character, which PostgreSQL cannot store
 * in text. Returns the path to the problem (`steps.0.action.values`) and
 * what is wrong with it, or `undefined` when there is none.
 * @public
 */
export function findJsonProblem(
  value: unknown,
  maxDepth: number = rolloutLimits.jsonDepth,
): { path: string; message: string } | undefined {
  const stack: Array<{ value: unknown; path: string[] }> = [
    { value, path: [] },
  ];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) {
        return { path: path.join('.'), message: 'contains a NUL character' };
      }
      continue;
    }
    if (typeof current !== 'object' || current === null) {
      continue;
    }
    if (path.length >= maxDepth) {
      return {
        path: path.join('.'),
        message: `is nested more than ${maxDepth} levels deep`,
      };
    }
    for (const [key, child] of Object.entries(current)) {
      if (key.includes('\u0000')) {
        return {
          path: [...path, key.split('\u0000').join('\\0')].join('.'),
          message: 'has a key holding a NUL character',
        };
      }
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return undefined;
}
