import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { settle } from '../core/settle';
import { configureTestPage } from '../core/test-page';
import { DeploymentHistoryPage } from './deployment-history-page';
import { testDeployment } from './test-deployment';
import { flushProblem } from '../core/test-problem';

describe('DeploymentHistoryPage', () => {
  let fixture: ComponentFixture<DeploymentHistoryPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  beforeEach(() => {
    http = configureTestPage(DeploymentHistoryPage);
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
    page.querySelector<HTMLInputElement>('input[name="user"]')!.value = 'grace';
    page.querySelector<HTMLInputElement>('input[name="since"]')!.value = '2026-11-20T08:30';
    page.querySelector('form')!.dispatchEvent(new Event('submit'));

    expect(navigate).toHaveBeenCalledWith(['/deployments'], {
      queryParams: {
        environment: null,
        service: 'checkout',
        status: null,
        user: 'grace',
        since: new Date('2026-11-20T08:30').toISOString(),
        until: null,
      },
    });
    expect(page.textContent).toContain('No deployment matches');
  });

  it('shows the server refusal of a filter', async () => {
    fixture.detectChanges();
    flushProblem(
      http.expectOne((r) => r.url === '/api/v1/deployments'),
      {
        title: 'Bad request',
        status: 400,
        detail: 'invalid query',
        errors: [{ field: 'query.service', message: 'may contain only letters' }],
      },
    );
    await settle(fixture);

    expect(page.querySelector('[role="alert"]')?.textContent).toContain(
      'query.service: may contain only letters',
    );
  });

  it('asks with the user and time range from the query string, and shows the range in the form', async () => {
    fixture.componentRef.setInput('user', 'grace');
    fixture.componentRef.setInput('since', '2026-11-20T08:30:00.000Z');
    fixture.componentRef.setInput('until', 'not a time');
    fixture.detectChanges();

    const request = http.expectOne((r) => r.url === '/api/v1/deployments');
    expect(request.request.params.get('user')).toBe('grace');
    expect(request.request.params.get('since')).toBe('2026-11-20T08:30:00.000Z');
    expect(request.request.params.has('until')).toBeFalse();
    request.flush([]);
    await settle(fixture);

    const since = page.querySelector<HTMLInputElement>('input[name="since"]')!.value;
    expect(new Date(since).getTime()).toBe(Date.parse('2026-11-20T08:30:00.000Z'));
    expect(page.querySelector<HTMLInputElement>('input[name="user"]')!.value).toBe('grace');
    expect(page.textContent).toContain('No deployment matches these filters in the chosen time range.');
  });

  it('loads further pages by following the Link rel="next" cursor, until there is none', async () => {
    fixture.componentRef.setInput('service', 'checkout');
    fixture.detectChanges();
    const next = '/api/v1/deployments?service=checkout&since=2026-11-20T00%3A00%3A00.000Z&cursor=abc';
    http
      .expectOne((r) => r.url === '/api/v1/deployments' && !r.params.has('cursor'))
      .flush([testDeployment({ id: 'A', started: '2026-11-27T09:00:00.000Z' })], {
        headers: { Link: `<${next}>; rel="next"` },
      });
    await settle(fixture);
    expect(page.querySelector('.count')?.textContent).toContain('1 deployment shown; there are more');

    page.querySelector<HTMLButtonElement>('button.load-more')!.click();
    await settle(fixture);
    const more = http.expectOne(next);
    expect(more.request.method).toBe('GET');
    more.flush([testDeployment({ id: 'B', started: '2026-11-26T09:00:00.000Z' })]);
    await settle(fixture);

    const links = Array.from(page.querySelectorAll('tbody a')).map((a) => a.getAttribute('href'));
    expect(links).toEqual(['/deployments/A', '/deployments/B']);
    expect(page.querySelector('button.load-more')).toBeNull();
    expect(page.querySelector('.count')?.textContent?.trim()).toBe('2 deployments shown.');
  });
});
