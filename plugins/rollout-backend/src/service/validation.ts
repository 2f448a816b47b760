import { InputError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';

/**
 * Parses a value with a zod schema; a failure becomes an InputError naming
 * each offending field by its path.
 */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  where: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues.map(issue => {
    const path = issue.path.join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  throw new InputError(`Invalid ${where}: ${problems.join('; ')}`);
}

/**
 * The canonical, lower-cased form of an entity ref; InputError naming the
 * field when it is not one.
 */
export function normalizeEntityRef(ref: string, field: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(ref)).toLocaleLowerCase('en-US');
  } catch (error) {
    throw new InputError(
      `Invalid ${field} '${ref}': expected an entity ref like 'component:default/my-service'`,
    );
  }
}
