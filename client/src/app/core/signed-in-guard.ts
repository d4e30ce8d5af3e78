import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthSession } from './auth-session';

/** Lets signed-in users through and sends everyone else to /sign-in, remembering where they were going. */
export const signedInGuard: CanActivateFn = async (_route, state) => {
  const session = inject(AuthSession);
  const router = inject(Router);
  await session.restore();
  if (session.isSignedIn()) {
    return true;
  }
  const returnUrl = state.url === '/' ? undefined : state.url;
  return router.createUrlTree(['/sign-in'], { queryParams: { returnUrl } });
};
