import { InputError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { findJsonProblem } from '@rollout/backstage-plugin-rollout-common';
import express from 'express';
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

/**
 * Refuses, before anything else reads it, a request whose path, query or
 * body holds a NUL character (no database column can hold one the same
 * way on SQLite and PostgreSQL) or whose JSON nests deeper than
 * `rolloutLimits.jsonDepth`; the walk is iterative, so no depth overflows
 * the stack. Each refusal is a 400 naming where the problem is.
 */
export function inputGuard(): express.RequestHandler {
  return (req, _res, next) => {
    let path: string;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      next(new InputError('Invalid path: malformed percent-encoding'));
      return;
    }
    if (path.includes('\u0000')) {
      next(new InputError('Invalid path: contains a NUL character'));
      return;
    }
    for (const [where, value] of [
      ['query', req.query],
      ['request body', req.body],
    ] as const) {
      const problem = findJsonProblem(value);
      if (problem) {
        const at = problem.path ? `${problem.path} ` : '';
        next(new InputError(`Invalid ${where}: ${at}${problem.message}`));
        return;
      }
    }
    next();
  };
}

/**
 * Turns the body parsers' refusals into errors that say what was wrong with
 * the body: malformed JSON is a 400, a body over the limit a 413, an
 * unknown charset a 415.
 */
export function bodyErrors(limit: string): express.ErrorRequestHandler {
  return (error, _req, _res, next) => {
    switch (error?.type) {
      case 'entity.parse.failed':
        next(
          new InputError(`Invalid request body: not JSON (${error.message})`),
        );
        return;
      case 'entity.too.large':
        next(
          Object.assign(new Error(`The request body is larger than ${limit}`), {
            name: 'PayloadTooLargeError',
            statusCode: 413,
          }),
        );
        return;
      case 'charset.unsupported':
      case 'encoding.unsupported':
        next(
          Object.assign(
            new Error(
              `The request body's encoding is not supported: ${error.message}`,
            ),
            { name: 'UnsupportedMediaTypeError', statusCode: 415 },
          ),
        );
        return;
      default:
        next(error);
    }
  };
}
