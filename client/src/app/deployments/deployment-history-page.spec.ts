import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { problemInterceptor } from '../core/problem-interceptor';
import { settle } from '../core/settle';
import { DeploymentHistoryPage } from './deployment-history-page';
import { testDeployment } from './test-deployment';

describe('DeploymentHistoryPage', () => {
  let fixture: ComponentFixture<DeploymentHistoryPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [DeploymentHistoryPage],
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([problemInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DeploymentHistoryPage);
    page = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => http.verify());

  it('asks with the query-string filters and lists the deployments newest first', async () => {
    fixture.componentRef.setInput('environment', 'st1');
    fixture.componentRef.setInput('status', 'Failed');
    fixture.detectChanges();

    const request = http.expectOne((r) => r.url === '/api/v1/deployments');
    expect(request.request.params.get('environment')).toBe('st1');
    expect(request.request.params.get('status')).toBe('Failed');
    expect(request.request.params.has('service')).toBeFalse();
    request.flush([
      testDeployment({ id: 'OLD', started: '2026-11-26T09:00:00.000Z' }),
      testDeployment({ id: 'NEW', started: '2026-11-27T09:00:00.000Z' }),
    ]);
    await settle(fixture);

    const links = Array.from(page.querySelectorAll('tbody a')).map((a) => a.getAttribute('href'));
    expect(links).toEqual(['/deployments/NEW', '/deployments/OLD']);
  });

  it('puts the chosen filters in the URL', async () => {
    fixture.detectChanges();
    http.expectOne((r) => r.url === '/api/v1/deployments').flush([]);
    await settle(fixture);
    const navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);

    page.querySelector<HTMLInputElement>('input[name="service"]')!.value = 'checkout';
    page.querySelector('form')!.dispatchEvent(new Event('submit'));

    expect(navigate).toHaveBeenCalledWith(['/deployments'], {
      queryParams: { environment: null, service: 'checkout', status: null },
    });
    expect(page.textContent).toContain('No deployment matches');
  });

  it('shows the server refusal of a filter', async () => {
    fixture.detectChanges();
    http
      .expectOne((r) => r.url === '/api/v1/deployments')
      .flush(
        {
          type: 'about:blank',
          title: 'Bad request',
          status: 400,
          detail: 'invalid query',
          errors: [{ field: 'query.service', message: 'may contain only letters' }],
        },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle(fixture);

    expect(page.querySelector('[role="alert"]')?.textContent).toContain(
      'query.service: may contain only letters',
    );
  });
});
