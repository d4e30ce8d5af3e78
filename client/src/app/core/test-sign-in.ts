import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Grant } from '@shared/auth/permission';
import { AuthSession } from './auth-session';
import { testSessionUser } from './test-session-user';

/** Signs a spec's user in with these grants, through the session as the app does. */
export async function testSignIn(http: HttpTestingController, grants: Grant[]): Promise<void> {
  const signingIn = TestBed.inject(AuthSession).signIn({ username: 'ada', password: 'secret' });
  http.expectOne('/api/v1/login').flush(testSessionUser({ grants }));
  await signingIn;
}

/** A grant of `admin` everywhere. */
export const adminGrant: Grant = { Action: 'admin', Clusters: 'all', EnvironmentTypes: 'all' };
