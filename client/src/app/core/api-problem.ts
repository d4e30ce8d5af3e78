import type { InvalidField } from '@shared/api/problem';
import type { ActiveFreezeWindow } from '@shared/catalogue/freeze-window';

/** What an `ApiProblem` is built from: the RFC 9457 fields plus what the response headers add. */
export interface ApiProblemInit {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: readonly InvalidField[];
  /** On a 409 for a record still in use: the records that refer to it (`Environment/int1`). */
  readonly referrers?: readonly string[];
  readonly retryAfterSeconds?: number;
  /** On a 423 for a freeze window: the window in force. */
  readonly freezeWindow?: ActiveFreezeWindow;
}

/** A failed API call as the client sees it: the server's problem document with a readable message. */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string | undefined;
  readonly errors: readonly InvalidField[];
  /** The records still referring to the one a refused change was about; empty when none were named. */
  readonly referrers: readonly string[];
  /** Seconds to wait before trying again, from a `Retry-After` header. */
  readonly retryAfterSeconds: number | undefined;
  /** The freeze window that refused a deployment or patch (423), which break-glass can override. */
  readonly freezeWindow: ActiveFreezeWindow | undefined;

  constructor(init: ApiProblemInit) {
    super(init.detail ?? init.title);
    this.type = init.type;
    this.title = init.title;
    this.status = init.status;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.referrers = init.referrers ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.freezeWindow = init.freezeWindow;
  }
}

/** Whether an error is an `ApiProblem` with the given HTTP status. */
export function isApiProblem(error: unknown, status?: number): error is ApiProblem {
  return error instanceof ApiProblem && (status === undefined || error.status === status);
}
