import { ApiProblem } from './api-problem';

/** Any failure as an `ApiProblem`, so a page always has a readable message to show. */
export function problemOf(error: unknown, fallback: string): ApiProblem {
  if (error instanceof ApiProblem) {
    return error;
  }
  return new ApiProblem({ type: 'about:blank', title: fallback, status: 0, detail: fallback });
}
