import type { TestRequest } from '@angular/common/http/testing';

const reasons: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** What a spec's server refusal says; the title defaults to the status's reason phrase. */
export interface TestProblem {
  readonly status: number;
  readonly title?: string;
  readonly detail?: string;
  readonly [field: string]: unknown;
}

/** Answers a request as the server refuses one: problem+json with this status (`errors`, `referrers` as given). */
export function flushProblem(request: TestRequest, problem: TestProblem): void {
  const statusText = reasons[problem.status] ?? 'Error';
  request.flush(
    { type: 'about:blank', title: statusText, ...problem },
    { status: problem.status, statusText, headers: { 'Content-Type': 'application/problem+json' } },
  );
}

/** The records a page lists as still using the one it could not delete, in words ("environment st1"). */
export function listedReferrers(page: HTMLElement): (string | undefined)[] {
  return Array.from(page.querySelectorAll('.referrers li')).map((li) =>
    li.textContent?.replace(/\s+/g, ' ').trim(),
  );
}
