import type { z } from 'zod';
import { Problem } from '@shared/api/problem';
import { GoneError, NotImplementedYetError, type DomainError } from '../errors/domain-errors';
import { route, type Route, type ResponseSpec } from '../http/route';
import { problemResponses } from './problem-responses';

/** One of the original's operations as documented: its path, method and inputs (checked before answering). */
export interface OriginalOperation {
  readonly method: Route['method'];
  readonly path: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
}

/** A signed-in route that checks the original's inputs, then answers the problem `refusal` makes. */
function unavailableRoute(
  op: OriginalOperation,
  summary: string,
  response: { readonly status: number; readonly spec: ResponseSpec },
  refusal: () => DomainError,
  deprecated: boolean,
): Route {
  return route<unknown, unknown, unknown>({
    method: op.method,
    path: op.path,
    summary,
    tags: op.tags,
    auth: 'signed-in',
    ...(deprecated ? { deprecated: true } : {}),
    ...(op.params ? { params: op.params } : {}),
    ...(op.query ? { query: op.query } : {}),
    ...(op.body ? { body: op.body } : {}),
    responses: { ...problemResponses(400, 401), [response.status]: response.spec },
    handle: () => Promise.reject(refusal()),
  });
}

/** One of the original's writes whose mechanism is gone here: 410 saying how this portal does it (`instead`). */
export function goneRoute(op: OriginalOperation & { readonly instead: string }): Route {
  return unavailableRoute(
    op,
    `${op.summary} (gone: ${op.instead})`,
    { status: 410, spec: { description: `Gone: ${op.instead}`, schema: Problem } },
    () => new GoneError(op.instead),
    true,
  );
}

/**
 * One of the original's operations that comes with a later feature (`comesWith`, e.g. "image patching
 * (issue 11)"): 501 naming it, or saying `detail` when more needs saying.
 */
export function notYetRoute(
  op: OriginalOperation & { readonly comesWith: string; readonly detail?: string },
): Route {
  const detail =
    op.detail ??
    `${op.method.toUpperCase()} ${op.path} is not implemented yet: it comes with ${op.comesWith}`;
  return unavailableRoute(
    op,
    `[not implemented yet: comes with ${op.comesWith}] ${op.summary}`,
    {
      status: 501,
      spec: { description: `Not implemented yet: comes with ${op.comesWith}`, schema: Problem },
    },
    () => new NotImplementedYetError(detail),
    false,
  );
}
