import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { problemInterceptor } from './problem-interceptor';
import { signedInGuard } from './signed-in-guard';
import { testSessionUser } from './test-session-user';

@Component({ template: 'page' })
class BlankPage {}

describe('signedInGuard', () => {
  let router: Router;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'sign-in', component: BlankPage },
          { path: '', component: BlankPage, canActivate: [signedInGuard] },
          { path: 'deployments', component: BlankPage, canActivate: [signedInGuard] },
        ]),
        provideHttpClient(withInterceptors([problemInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    router = TestBed.inject(Router);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  /** Answers the guard's /me request, once navigation has got far enough to send it. */
  async function answerMe(body: object | null, status = 200): Promise<void> {
    for (let turn = 0; turn < 50; turn++) {
      const [request] = http.match('/api/v1/me');
      if (request) {
        request.flush(body, { status, statusText: status === 200 ? 'OK' : 'Unauthorized' });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve));
    }
    fail('the guard never asked /api/v1/me');
  }

  it('sends a user who is not signed in to /sign-in with the page they asked for', async () => {
    const navigation = router.navigateByUrl('/deployments');
    await answerMe({ type: 'about:blank', title: 'Unauthorized', status: 401 }, 401);
    await navigation;

    expect(router.url).toBe('/sign-in?returnUrl=%2Fdeployments');
  });

  it('lets a signed-in user through and asks the server only once', async () => {
    const first = router.navigateByUrl('/deployments');
    await answerMe(testSessionUser());
    expect(await first).toBeTrue();
    expect(router.url).toBe('/deployments');

    expect(await router.navigateByUrl('/')).toBeTrue();
    http.expectNone('/api/v1/me');
    expect(router.url).toBe('/');
  });
});
