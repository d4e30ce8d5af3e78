import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiProblem } from './api-problem';
import { AuthSession } from './auth-session';
import { problemInterceptor } from './problem-interceptor';

describe('problemInterceptor', () => {
  let client: HttpClient;
  let http: HttpTestingController;
  let router: Router;
  let session: AuthSession;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([problemInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    client = TestBed.inject(HttpClient);
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    session = TestBed.inject(AuthSession);
    spyOn(router, 'navigate').and.resolveTo(true);
  });

  afterEach(() => http.verify());

  it('rejects failed calls with an ApiProblem carrying the server detail', async () => {
    const call = firstValueFrom(client.get('/api/v1/environments'));

    http
      .expectOne('/api/v1/environments')
      .flush(
        { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No environment named c50' },
        { status: 404, statusText: 'Not Found' },
      );

    const error: unknown = await call.catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).message).toBe('No environment named c50');
    expect(router.navigate).not.toHaveBeenCalled();
  });

  it('sends the user to sign in when a call answers 401', async () => {
    const forget = spyOn(session, 'forget').and.callThrough();
    const call = firstValueFrom(client.get('/api/v1/environments'));

    http.expectOne('/api/v1/environments').flush(null, { status: 401, statusText: 'Unauthorized' });

    await expectAsync(call).toBeRejectedWithError(ApiProblem);
    expect(forget).toHaveBeenCalled();
    expect(router.navigate).toHaveBeenCalledWith(['/sign-in'], jasmine.objectContaining({}));
  });

  it('leaves a 401 from the login call to the sign-in page', async () => {
    const call = firstValueFrom(client.post('/api/v1/login', { username: 'ada', password: 'wrong' }));

    http.expectOne('/api/v1/login').flush(null, { status: 401, statusText: 'Unauthorized' });

    await expectAsync(call).toBeRejectedWithError(ApiProblem);
    expect(router.navigate).not.toHaveBeenCalled();
  });
});
