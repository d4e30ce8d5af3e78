import { provideHttpClient, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApiProblem } from './api-problem';
import { AuthSession } from './auth-session';
import { problemInterceptor } from './problem-interceptor';
import { testSessionUser } from './test-session-user';

describe('AuthSession', () => {
  let session: AuthSession;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(
          withXsrfConfiguration({ cookieName: 'XSRF-TOKEN', headerName: 'X-XSRF-TOKEN' }),
          withInterceptors([problemInterceptor]),
        ),
        provideHttpClientTesting(),
      ],
    });
    session = TestBed.inject(AuthSession);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    document.cookie = 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  });

  it('signs in with the credentials and remembers the user the server returns', async () => {
    const signingIn = session.signIn({ username: 'ada', password: 'secret' });

    const request = http.expectOne('/api/v1/login');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ username: 'ada', password: 'secret' });
    request.flush(testSessionUser());

    expect(await signingIn).toEqual(testSessionUser());
    expect(session.user()?.displayName).toBe('Ada Lovelace');
    expect(session.isSignedIn()).toBeTrue();
  });

  it('sends the XSRF cookie back as a header on sign-in', async () => {
    document.cookie = 'XSRF-TOKEN=token-123; path=/';
    const signingIn = session.signIn({ username: 'ada', password: 'secret' });

    const request = http.expectOne('/api/v1/login');
    expect(request.request.headers.get('X-XSRF-TOKEN')).toBe('token-123');
    request.flush(testSessionUser());
    await signingIn;
  });

  it('rejects a refused sign-in with the server problem and stays signed out', async () => {
    const signingIn = session.signIn({ username: 'ada', password: 'wrong' });

    http
      .expectOne('/api/v1/login')
      .flush(
        { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Invalid username or password' },
        { status: 401, statusText: 'Unauthorized', headers: { 'Content-Type': 'application/problem+json' } },
      );

    const error = await signingIn.then(
      () => fail('sign-in should have been refused'),
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).message).toBe('Invalid username or password');
    expect(session.isSignedIn()).toBeFalse();
  });

  it('refuses a login reply that does not describe a user', async () => {
    const signingIn = session.signIn({ username: 'ada', password: 'secret' });

    http.expectOne('/api/v1/login').flush({ username: 'ada' });

    await expectAsync(signingIn).toBeRejectedWithError(ApiProblem);
    expect(session.isSignedIn()).toBeFalse();
  });

  it('restores the user from /me, asking the server only once', async () => {
    const first = session.restore();
    const second = session.restore();

    const request = http.expectOne('/api/v1/me');
    expect(request.request.method).toBe('GET');
    request.flush(testSessionUser({ username: 'grace', displayName: 'Grace Hopper' }));
    await Promise.all([first, second]);
    await session.restore();

    http.expectNone('/api/v1/me');
    expect(session.user()?.username).toBe('grace');
  });

  it('treats 401 from /me as signed out without failing', async () => {
    const restoring = session.restore();

    http
      .expectOne('/api/v1/me')
      .flush(
        { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Not signed in' },
        { status: 401, statusText: 'Unauthorized' },
      );

    await expectAsync(restoring).toBeResolved();
    expect(session.user()).toBeNull();
  });

  it('signs out on the server and forgets the user', async () => {
    const signingIn = session.signIn({ username: 'ada', password: 'secret' });
    http.expectOne('/api/v1/login').flush(testSessionUser());
    await signingIn;

    const signingOut = session.signOut();
    const request = http.expectOne('/api/v1/logout');
    expect(request.request.method).toBe('POST');
    request.flush(null, { status: 200, statusText: 'OK' });
    await signingOut;

    expect(session.isSignedIn()).toBeFalse();
  });

  it('forgets the user even when the sign-out call fails', async () => {
    const signingIn = session.signIn({ username: 'ada', password: 'secret' });
    http.expectOne('/api/v1/login').flush(testSessionUser());
    await signingIn;

    const signingOut = session.signOut();
    http.expectOne('/api/v1/logout').flush(null, { status: 503, statusText: 'Service Unavailable' });

    await expectAsync(signingOut).toBeRejectedWithError(ApiProblem);
    expect(session.isSignedIn()).toBeFalse();
  });
});
