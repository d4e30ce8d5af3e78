import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { problemInterceptor } from '../core/problem-interceptor';
import { flushProblem } from '../core/test-problem';
import { EnvironmentTypeProtections } from './environment-type-protections';
import { environmentTypeUrl, flushTypeProtections } from './test-type-protections';

/** Lets a flushed reply's awaited work finish. */
const turn = () => new Promise((resolve) => setTimeout(resolve));

describe('EnvironmentTypeProtections', () => {
  let http: HttpTestingController;
  let protections: EnvironmentTypeProtections;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([problemInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    protections = TestBed.inject(EnvironmentTypeProtections);
  });

  afterEach(() => http.verify());

  it("answers from the type's ProtectedActions once read, comparing names exactly as the server does", async () => {
    expect(protections.protects('Prod', 'operate-asgs')).toBeUndefined();
    flushTypeProtections(http, 'Prod', ['operate-asgs', 'BULK_PATCH_AMI']);
    await turn();

    expect(protections.protects('Prod', 'operate-asgs')).toBeTrue();
    expect(protections.protects('Prod', 'toggle-slices')).toBeFalse();
    expect(protections.protects('Prod', 'OPERATE-ASGS')).toBeFalse();
  });

  it('reads each type once, however often it is asked, and each type apart', async () => {
    protections.protects('Prod', 'operate-asgs');
    protections.protects('Prod', 'lock-environments');
    protections.protects('Staging', 'operate-asgs');
    flushTypeProtections(http, 'Prod', ['lock-environments']);
    flushTypeProtections(http, 'Staging', []);
    await turn();

    expect(protections.protects('Prod', 'lock-environments')).toBeTrue();
    expect(protections.protects('Staging', 'lock-environments')).toBeFalse();
    http.expectNone(environmentTypeUrl('Prod'));
    http.expectNone(environmentTypeUrl('Staging'));
  });

  it('takes a type that does not exist to protect nothing, as the server does', async () => {
    protections.protects('Gone', 'operate-asgs');
    flushProblem(http.expectOne(environmentTypeUrl('Gone')), { status: 404 });
    await turn();

    expect(protections.protects('Gone', 'operate-asgs')).toBeFalse();
  });

  it('leaves the decision to the permission when the type cannot be read (the server has the last word)', async () => {
    const warn = spyOn(console, 'warn');
    protections.protects('Prod', 'operate-asgs');
    flushProblem(http.expectOne(environmentTypeUrl('Prod')), { status: 503 });
    await turn();

    expect(protections.protects('Prod', 'operate-asgs')).toBeFalse();
    expect(warn).toHaveBeenCalled();
  });
});
