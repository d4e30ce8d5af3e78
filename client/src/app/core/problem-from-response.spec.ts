import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { ApiProblem } from './api-problem';
import { problemFromResponse } from './problem-from-response';

describe('problemFromResponse', () => {
  it('takes title, detail and field errors from a problem document', () => {
    const problem = problemFromResponse(
      new HttpErrorResponse({
        status: 400,
        statusText: 'Bad Request',
        headers: new HttpHeaders({ 'Content-Type': 'application/problem+json' }),
        error: {
          type: 'https://example.test/problems/invalid-input',
          title: 'Invalid input',
          status: 400,
          detail: 'The request has 1 invalid field',
          errors: [{ field: 'body.username', message: 'Required' }],
        },
      }),
    );

    expect(problem).toBeInstanceOf(ApiProblem);
    expect(problem.status).toBe(400);
    expect(problem.title).toBe('Invalid input');
    expect(problem.message).toBe('The request has 1 invalid field');
    expect(problem.errors).toEqual([{ field: 'body.username', message: 'Required' }]);
  });

  it('keeps the records a 409 names as still referring to the one being deleted', () => {
    const problem = problemFromResponse(
      new HttpErrorResponse({
        status: 409,
        error: {
          type: 'urn:environment-manager:problem:conflict',
          title: 'Conflict',
          status: 409,
          detail: 'deployment map core is still referenced by Environment/int1, Environment/pr1',
          referrers: ['Environment/int1', 'Environment/pr1'],
        },
      }),
    );

    expect(problem.referrers).toEqual(['Environment/int1', 'Environment/pr1']);
  });

  it('falls back to the title when the problem has no detail', () => {
    const problem = problemFromResponse(
      new HttpErrorResponse({ status: 403, error: { type: 'about:blank', title: 'Forbidden', status: 403 } }),
    );

    expect(problem.message).toBe('Forbidden');
    expect(problem.detail).toBeUndefined();
  });

  it('reads Retry-After seconds from a 429', () => {
    const problem = problemFromResponse(
      new HttpErrorResponse({
        status: 429,
        headers: new HttpHeaders({ 'Retry-After': '42' }),
        error: {
          type: 'about:blank',
          title: 'Too Many Requests',
          status: 429,
          detail: 'Too many failed sign-ins',
        },
      }),
    );

    expect(problem.retryAfterSeconds).toBe(42);
    expect(problem.message).toBe('Too many failed sign-ins');
  });

  it('reads Retry-After given as an HTTP date', () => {
    const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
    const problem = problemFromResponse(
      new HttpErrorResponse({ status: 429, headers: new HttpHeaders({ 'Retry-After': inTwoMinutes }) }),
    );

    expect(problem.retryAfterSeconds).toBeGreaterThan(100);
    expect(problem.retryAfterSeconds).toBeLessThanOrEqual(120);
  });

  it('describes a response that is not a problem document by its status', () => {
    const problem = problemFromResponse(
      new HttpErrorResponse({ status: 502, statusText: 'Bad Gateway', error: '<html>proxy error</html>' }),
    );

    expect(problem.status).toBe(502);
    expect(problem.title).toBe('Bad Gateway');
    expect(problem.message).toBe('The server answered 502 Bad Gateway.');
    expect(problem.retryAfterSeconds).toBeUndefined();
  });

  it('says the server is unreachable when there was no response', () => {
    const problem = problemFromResponse(
      new HttpErrorResponse({ status: 0, error: new ProgressEvent('error') }),
    );

    expect(problem.status).toBe(0);
    expect(problem.message).toContain('could not be reached');
  });
});
