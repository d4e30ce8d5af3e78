import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthSession } from './auth-session';

/** Keeps a signed-in user off the sign-in page by sending them home. */
export const signedOutGuard: CanActivateFn = async () => {
  const session = inject(AuthSession);
  const router = inject(Router);
  await session.restore();
  return session.isSignedIn() ? router.createUrlTree(['/']) : true;
};
