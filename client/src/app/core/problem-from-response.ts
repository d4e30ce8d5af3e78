import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { Problem } from '@shared/api/problem';
import { ApiProblem } from './api-problem';

/** Turns a failed HTTP response into an `ApiProblem`, whether or not the server sent problem+json. */
export function problemFromResponse(response: HttpErrorResponse): ApiProblem {
  const retryAfterSeconds = retryAfterFrom(response.headers);
  if (response.status === 0) {
    return new ApiProblem({
      type: 'about:blank',
      title: 'Server unreachable',
      status: 0,
      detail: 'The server could not be reached. Check your connection and try again.',
    });
  }
  const parsed = Problem.safeParse(response.error);
  if (parsed.success) {
    return new ApiProblem({ ...parsed.data, status: response.status, retryAfterSeconds });
  }
  const title = response.statusText && response.statusText !== 'OK' ? response.statusText : 'Request failed';
  return new ApiProblem({
    type: 'about:blank',
    title,
    status: response.status,
    detail: `The server answered ${response.status} ${title}.`,
    retryAfterSeconds,
  });
}

/** Reads `Retry-After` as seconds from now; it may hold seconds or an HTTP date. */
function retryAfterFrom(headers: HttpHeaders): number | undefined {
  const value = headers.get('Retry-After')?.trim();
  if (!value) {
    return undefined;
  }
  if (/^\d+$/.test(value)) {
    return Number(value);
  }
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
