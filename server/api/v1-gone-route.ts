import type { z } from 'zod';
import { Problem } from '@shared/api/problem';
import { DomainError } from '../errors/domain-errors';
import { route, type Route } from '../http/route';
import { problemResponses } from './problem-responses';

/**
 * An operation of the original whose mechanism is gone here (410): the detail says how this portal does
 * it instead.
 */
export class GoneError extends DomainError {
  readonly status = 410;
  readonly title = 'Gone';
}

/** What a gone operation is: the original's path, method and inputs, and what replaced it. */
export interface GoneOperation {
  readonly method: Route['method'];
  readonly path: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** How this portal manages what the operation did. */
  readonly instead: string;
}

/** A route of one of the original's writes whose mechanism is gone: signed in, it answers 410 saying what replaced it. */
export function goneRoute(op: GoneOperation): Route {
  return route<unknown, unknown, unknown>({
    method: op.method,
    path: op.path,
    summary: `${op.summary} (gone: ${op.instead})`,
    tags: op.tags,
    auth: 'signed-in',
    deprecated: true,
    ...(op.params ? { params: op.params } : {}),
    ...(op.query ? { query: op.query } : {}),
    ...(op.body ? { body: op.body } : {}),
    responses: {
      ...problemResponses(400, 401),
      410: { description: `Gone: ${op.instead}`, schema: Problem },
    },
    handle: () => Promise.reject(new GoneError(op.instead)),
  });
}
