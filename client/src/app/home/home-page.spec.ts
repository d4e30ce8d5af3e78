import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Grant } from '@shared/auth/permission';
import type { Deployment } from '@shared/deployments/deployment';
import { problemInterceptor } from '../core/problem-interceptor';
import { settle } from '../core/settle';
import { testSignIn } from '../core/test-sign-in';
import { testDeployment } from '../deployments/test-deployment';
import { HomePage } from './home-page';

describe('HomePage', () => {
  let fixture: ComponentFixture<HomePage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  async function open(grants: Grant[], waiting: Deployment[], mine: Deployment[]): Promise<void> {
    TestBed.configureTestingModule({
      imports: [HomePage],
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([problemInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await testSignIn(http, grants);
    fixture = TestBed.createComponent(HomePage);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    const approvals = http.expectOne((r) => r.params.get('status') === 'Awaiting Approval');
    expect(approvals.request.params.get('since')).toMatch(/^\d{4}-\d\d-\d\dT/);
    approvals.flush(waiting);
    const own = http.expectOne((r) => r.params.get('user') === 'ada');
    expect(own.request.params.get('per_page')).toBe('10');
    own.flush(mine);
    http.expectOne('/api/v1/diagnostics/healthcheck').flush({ OK: true, Version: '0.1.0' });
    await settle(fixture);
  }

  afterEach(() => http.verify());

  function waitingFor(id: string, user: string, cluster = 'Infra'): Deployment {
    const d = testDeployment({ id, status: 'Awaiting Approval' });
    return { ...d, Value: { ...d.Value, User: user, OwningCluster: cluster } };
  }

  it('lists the deployments you may approve, never your own or those outside your grant', async () => {
    await open(
      [{ Action: 'approve-deployments', Clusters: ['Infra'], EnvironmentTypes: 'all' }],
      [waitingFor('01A', 'grace'), waitingFor('01B', 'ada'), waitingFor('01C', 'grace', 'Tango')],
      [],
    );

    const links = Array.from(page.querySelectorAll<HTMLAnchorElement>('.approvals a'));
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['/deployments/01A']);
    expect(page.querySelector('.approvals')?.textContent).toContain('requested by grace');
  });

  it("shows your recent deployments, and no approval section when there's nothing for you", async () => {
    await open([], [waitingFor('01A', 'grace')], [testDeployment({ id: '01M', status: 'Success' })]);

    expect(page.querySelector('.approvals')).toBeNull();
    const row = page.querySelector('.mine tbody tr')!;
    expect(row.querySelector('a')?.getAttribute('href')).toBe('/deployments/01M');
    expect(row.textContent).toContain('checkout 1.3.0');
    expect(row.textContent).toContain('Success');
  });

  it('says what to do when you have not deployed lately', async () => {
    await open([], [], []);

    expect(page.querySelector('.mine')?.textContent).toContain('None in the last 30 days');
    expect(page.querySelector('.version')?.textContent).toContain('Server version 0.1.0');
  });
});
