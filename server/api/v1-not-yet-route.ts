import type { z } from 'zod';
import { Problem } from '@shared/api/problem';
import { DomainError } from '../errors/domain-errors';
import { route, type Route } from '../http/route';
import { problemResponses } from './problem-responses';

/** An operation of the original this portal does not have yet (501): the detail says what it comes with. */
export class NotImplementedYetError extends DomainError {
  readonly status = 501;
  readonly title = 'Not implemented yet';
}

/** What a not-yet operation is: the original's path, method and inputs, and the feature it comes with. */
export interface NotYetOperation {
  readonly method: Route['method'];
  readonly path: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** The feature (and issue) that brings it, e.g. "image patching (issue 11)". */
  readonly comesWith: string;
  /** The problem's detail, when more needs saying than what it comes with. */
  readonly detail?: string;
}

/** A route of one of the original's operations that comes later: signed in, it answers 501 naming the feature. */
export function notYetRoute(op: NotYetOperation): Route {
  const detail =
    op.detail ??
    `${op.method.toUpperCase()} ${op.path} is not implemented yet: it comes with ${op.comesWith}`;
  return route<unknown, unknown, unknown>({
    method: op.method,
    path: op.path,
    summary: `[not implemented yet: comes with ${op.comesWith}] ${op.summary}`,
    tags: op.tags,
    auth: 'signed-in',
    ...(op.params ? { params: op.params } : {}),
    ...(op.query ? { query: op.query } : {}),
    ...(op.body ? { body: op.body } : {}),
    responses: {
      ...problemResponses(400, 401),
      501: { description: `Not implemented yet: comes with ${op.comesWith}`, schema: Problem },
    },
    handle: () => Promise.reject(new NotImplementedYetError(detail)),
  });
}
