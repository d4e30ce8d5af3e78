import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import type { Grant } from '@shared/auth/permission';
import { AuthSession } from '../core/auth-session';
import { problemInterceptor } from '../core/problem-interceptor';
import { settle } from '../core/settle';
import { testSessionUser } from '../core/test-session-user';
import { EnvironmentPage } from './environment-page';
import { testEnvironment, testRole } from './test-fleet';

describe('EnvironmentPage', () => {
  let fixture: ComponentFixture<EnvironmentPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  async function open(options: { grants: Grant[]; locked?: boolean }): Promise<void> {
    TestBed.configureTestingModule({
      imports: [EnvironmentPage],
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([problemInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const signingIn = TestBed.inject(AuthSession).signIn({ username: 'ada', password: 'secret' });
    http.expectOne('/api/v1/login').flush(testSessionUser({ grants: options.grants }));
    await signingIn;

    fixture = TestBed.createComponent(EnvironmentPage);
    fixture.componentRef.setInput('name', 'st1');
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne('/api/v1/environments/st1').flush(testEnvironment({ locked: options.locked }));
    http
      .expectOne('/api/v1/environments/st1/servers')
      .flush([
        testRole({ role: 'Web', cluster: 'Infra', services: ['web'], fleetPerSlice: true }),
        testRole({ role: 'Batch', cluster: 'Tango', services: ['billing'] }),
      ]);
    await settle(fixture);
  }

  afterEach(() => http.verify());

  function deployButton(): HTMLButtonElement {
    return page.querySelector<HTMLButtonElement>('button.deploy')!;
  }

  it('shows each server role with its ASGs, counts, versions and slice weights', async () => {
    await open({ grants: [] });

    const web = page.querySelectorAll('app-server-role-card')[0]!;
    expect(web.querySelector('h2')?.textContent?.trim()).toBe('Web');
    const cells = Array.from(web.querySelectorAll('tbody tr')[0]!.querySelectorAll('td')).map((c) =>
      c.textContent?.trim(),
    );
    expect(cells).toEqual(['st1-inf-Web-blue', 'blue', '3', '2', '1', 'web 1.2.0 ×2']);
    expect(web.querySelector('.slices')?.textContent).toContain('blue: weight 100 (Active)');
    expect(web.querySelector('.slices')?.textContent).toContain('green: weight 0 (Inactive)');
  });

  it('enables Deploy for a user who may deploy one of its role clusters, and opens the dialog', async () => {
    await open({ grants: [{ Action: 'deploy', Clusters: ['Infra'], EnvironmentTypes: ['Staging'] }] });
    const dialogOpen = spyOn(TestBed.inject(MatDialog), 'open');

    expect(deployButton().getAttribute('aria-disabled')).not.toBe('true');
    expect(page.querySelector('#deploy-blocker')).toBeNull();
    deployButton().click();

    expect(dialogOpen).toHaveBeenCalledTimes(1);
    const config = dialogOpen.calls.mostRecent().args[1];
    expect(config?.data).toEqual({
      environment: 'st1',
      targets: [{ service: 'web', serverRole: 'Web', cluster: 'Infra', fleetPerSlice: true }],
    });
  });

  it('disables Deploy with the reason for a user without deploy on its clusters', async () => {
    await open({ grants: [{ Action: 'deploy', Clusters: ['Alpha'], EnvironmentTypes: 'all' }] });
    const dialogOpen = spyOn(TestBed.inject(MatDialog), 'open');

    expect(deployButton().getAttribute('aria-disabled')).toBe('true');
    expect(page.querySelector('#deploy-blocker')?.textContent).toBe(
      'You may not deploy to Staging environments for Infra, Tango.',
    );
    deployButton().click();
    expect(dialogOpen).not.toHaveBeenCalled();
  });

  it('disables Deploy with the reason when the environment is locked', async () => {
    await open({ grants: [{ Action: 'admin', Clusters: 'all', EnvironmentTypes: 'all' }], locked: true });

    expect(deployButton().getAttribute('aria-disabled')).toBe('true');
    expect(page.querySelector('#deploy-blocker')?.textContent).toBe('Deployments to st1 are locked.');
    expect(page.textContent).toContain('Deployments locked');
  });
});
