import type { InvalidField } from '@shared/api/problem';

/** Base of the errors that domain code throws; the error middleware turns each into problem+json. */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  /** A problem type more precise than the status's (a freeze window's 423 rather than a lock's). */
  readonly problemType: string | undefined = undefined;

  /** Members the problem carries beside the standard ones (RFC 9457 extensions), such as the window. */
  get extensions(): Record<string, unknown> {
    return {};
  }
}

/** The request is malformed or names things that do not exist (400). */
export class InputError extends DomainError {
  readonly status = 400;
  readonly title = 'Bad request';
  constructor(
    detail: string,
    readonly errors: InvalidField[] = [],
  ) {
    super(detail);
  }
}

/** No valid credentials came with the request (401). */
export class NotAuthenticatedError extends DomainError {
  readonly status = 401;
  readonly title = 'Not signed in';
}

/** The caller is signed in but holds no grant for this (403). */
export class NotAllowedError extends DomainError {
  readonly status = 403;
  readonly title = 'Not allowed';
}

/** The thing asked for does not exist (404). */
export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly title = 'Not found';
}

/** The change clashes with the stored state: stale version, taken name or port, still referenced (409). */
export class ConflictError extends DomainError {
  readonly status = 409;
  readonly title = 'Conflict';
  constructor(
    detail: string,
    readonly referrers: string[] = [],
    /** The input fields the clash is about (a taken port names `body.Value.BluePort`), so forms can point at them. */
    readonly errors: InvalidField[] = [],
  ) {
    super(detail);
  }
}

/**
 * A conditional write found the record at another version than the one it was based on (409): someone
 * else changed it meanwhile. Callers that may simply read again and retry recognise it by type.
 */
export class StaleVersionError extends ConflictError {}

/** A versioned write came without `expected-version` or `If-Match` (428). */
export class PreconditionRequiredError extends DomainError {
  readonly status = 428;
  readonly title = 'Precondition required';
}

/** Too many attempts; try again after `retryAfterSeconds` (429). */
export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  readonly title = 'Too many requests';
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(detail);
  }
}

/** The environment is locked against changes: its deployments are locked (423). */
export class LockedError extends DomainError {
  readonly status = 423;
  readonly title = 'Locked';
}

/** One of the original's operations whose mechanism is gone here (410): the detail says what replaced it. */
export class GoneError extends DomainError {
  readonly status = 410;
  readonly title = 'Gone';
}

/** One of the original's operations this portal does not have yet (501): the detail says what it comes with. */
export class NotImplementedYetError extends DomainError {
  readonly status = 501;
  readonly title = 'Not implemented yet';
}
