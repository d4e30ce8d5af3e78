import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { apiPaths } from './api-paths';
import { AuthSession } from './auth-session';
import { problemFromResponse } from './problem-from-response';

// A 401 from these means "wrong credentials" or "not signed in yet": their callers handle it in place.
const answersSignInItself: readonly string[] = [apiPaths.login, apiPaths.me];

/** Rejects failed calls with an `ApiProblem`, and sends the user to sign in when the session has ended. */
export const problemInterceptor: HttpInterceptorFn = (request, next) => {
  const session = inject(AuthSession);
  const router = inject(Router);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse)) {
        return throwError(() => error);
      }
      const problem = problemFromResponse(error);
      if (problem.status === 401 && !answersSignInItself.includes(request.url)) {
        session.forget();
        void router.navigate(['/sign-in'], { queryParams: { returnUrl: router.url } });
      }
      return throwError(() => problem);
    }),
  );
};
