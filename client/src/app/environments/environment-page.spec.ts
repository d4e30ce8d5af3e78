import { HttpTestingController } from '@angular/common/http/testing';
import { formatDate } from '@angular/common';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import type { Grant } from '@shared/auth/permission';
import { Confirmation } from '../core/confirmation';
import { settle } from '../core/settle';
import { testSignIn } from '../core/test-sign-in';
import { configureTestPage } from '../core/test-page';
import { EnvironmentPage } from './environment-page';
import { testInstance } from '../home/test-instance';
import { GroupOperationsDialog, type GroupOperationsDialogData } from './group-operations-dialog';
import { LaunchConfigDialog, type LaunchConfigDialogData } from './launch-config-dialog';
import { testEnvironment, testLockedAt, testRole } from './test-fleet';
import { flushTypeProtections, flushTypeProtectionsIfAsked } from './test-type-protections';
import { testDeploymentMap } from '../catalogue/test-catalogue';

describe('EnvironmentPage', () => {
  let fixture: ComponentFixture<EnvironmentPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  /** `protectedActions` answer the read of Staging's, which a holder of lock-environments without admin needs. */
  async function open(options: {
    grants: Grant[];
    locked?: boolean;
    inMaintenance?: unknown[];
    protectedActions?: readonly string[];
  }): Promise<void> {
    http = configureTestPage(EnvironmentPage, [
      { provide: Confirmation, useValue: { ask: () => Promise.resolve(true) } },
    ]);
    await testSignIn(http, options.grants);

    fixture = TestBed.createComponent(EnvironmentPage);
    fixture.componentRef.setInput('name', 'st1');
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne('/api/v1/environments/st1').flush(testEnvironment({ locked: options.locked }));
    http.expectOne('/api/v1/environments/st1/servers').flush({
      EnvironmentName: 'st1',
      Value: [
        {
          Name: 'st1-inf-Web-blue',
          Role: 'Web',
          Cluster: 'Infra',
          Status: { Status: 'Warning', Reason: '1 of 2 instances unhealthy' },
          Schedule: '',
          IsBeingDeleted: false,
          Size: { Current: 2, Desired: 3 },
          Services: [{ Name: 'web', FriendlyName: 'web', Version: '1.2.0', Slice: 'blue' }],
          Ami: { Name: 'web-linux-1.0.0', Age: 40, IsLatestStable: false },
          Slice: 'blue',
          InServiceCount: 2,
          HealthyCount: 1,
        },
      ],
      ServerRoles: [
        testRole({ role: 'Web', cluster: 'Infra', services: ['web'], fleetPerSlice: true }),
        testRole({ role: 'Batch', cluster: 'Tango', services: ['billing'] }),
      ],
    });
    http.expectOne('/api/v1/instances?environment=st1&maintenance=true').flush(options.inMaintenance ?? []);
    await settle(fixture);
    if (options.protectedActions) flushTypeProtections(http, 'Staging', options.protectedActions);
    // the schedule panel reads the environment's schedule once the environment is shown
    http
      .expectOne('/api/v1/environments/st1/schedule')
      .flush({ EnvironmentName: 'st1', Value: {}, Version: 0 });
    // the feature toggles panel reads the deployment map's services and the toggles
    http.expectOne('/api/v1/config/deployment-maps/Main').flush(testDeploymentMap('Main', ['web']));
    http.expectOne('/api/v1/feature-toggles').flush([]);
    await settle(fixture);
    // the schedule panel asks what Staging protects once the user could change a schedule there
    if (flushTypeProtectionsIfAsked(http, 'Staging', options.protectedActions ?? [])) await settle(fixture);
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
      c.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(cells).toEqual([
      'st1-inf-Web-blue',
      'blue',
      '3',
      '2',
      '1',
      'web 1.2.0 ×2',
      'Launch config Instances',
    ]);
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
      environmentType: 'Staging',
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
    const at = formatDate(testLockedAt, 'yyyy-MM-dd HH:mm', 'en-US');
    expect(page.querySelector('.lock-state .lock-details')?.textContent?.trim()).toBe(
      `Locked by alice at ${at}: Release freeze for the data-centre move`,
    );
  });

  it('shows the lock prominently after locking, from the server reply, and blocks Deploy', async () => {
    await open({
      grants: [
        { Action: 'deploy', Clusters: ['Infra'], EnvironmentTypes: 'all' },
        { Action: 'lock-environments', Clusters: ['Infra'], EnvironmentTypes: 'all' },
      ],
      protectedActions: [],
    });
    expect(page.querySelector('.lock-state')).toBeNull();
    expect(deployButton().getAttribute('aria-disabled')).not.toBe('true');

    const reason = page.querySelector<HTMLInputElement>('input[name="reason"]')!;
    reason.value = 'database migration';
    reason.dispatchEvent(new Event('input'));
    page.querySelector<HTMLButtonElement>('button.lock')!.click();
    await settle(fixture);
    const lock = http.expectOne('/api/v1/environments/st1/deploy-lock');
    expect(lock.request.body).toEqual({ DeploymentsLocked: true, Reason: 'database migration' });
    lock.flush(testEnvironment({ locked: true, reason: 'database migration' }));
    await settle(fixture);

    expect(page.querySelector('.lock-state')?.textContent).toContain('Deployments to st1 are locked.');
    expect(page.querySelector('.lock-state')?.textContent).toContain(': database migration');
    expect(page.querySelector('.lock-state')?.textContent).toContain('Locked by alice at ');
    expect(deployButton().getAttribute('aria-disabled')).toBe('true');
    expect(page.querySelector('#deploy-blocker')?.textContent).toBe('Deployments to st1 are locked.');
    expect(page.querySelector('button.unlock')).not.toBeNull();
  });

  it("marks an ASG's instances in maintenance, from GET /instances?maintenance=true", async () => {
    const standby = {
      ...testInstance({ id: 'i-0002', group: 'st1-inf-Web-blue' }),
      LifecycleState: 'Standby',
    };
    await open({ grants: [], inMaintenance: [{ ...standby, Maintenance: true }] });

    const row = page.querySelectorAll('app-server-role-card')[0]!.querySelector('tbody tr')!;
    expect(row.querySelector('.in-maintenance')?.textContent?.trim()).toBe('1 in maintenance');
    expect(page.querySelectorAll('.in-maintenance').length).toBe(1);
  });

  it("opens an ASG's instances and scheduled actions with where a change of it applies", async () => {
    await open({ grants: [{ Action: 'operate-asgs', Clusters: ['Infra'], EnvironmentTypes: ['Staging'] }] });
    const dialogOpen = spyOn(TestBed.inject(MatDialog), 'open');
    const button = (asg: string) =>
      page.querySelector<HTMLButtonElement>(
        `button.group-operations[aria-label="Instances and scheduled actions of ${asg}"]`,
      )!;
    button('st1-inf-Web-blue').click();
    expect(dialogOpen.calls.mostRecent().args[0]).toBe(GroupOperationsDialog);
    expect(dialogOpen.calls.mostRecent().args[1]?.data as GroupOperationsDialogData).toEqual({
      environment: 'st1',
      asg: 'st1-inf-Web-blue',
      scope: { cluster: 'Infra', environmentType: 'Staging' },
    });
    button('st1-inf-Batch').click();
    expect((dialogOpen.calls.mostRecent().args[1]?.data as GroupOperationsDialogData).scope).toEqual({
      cluster: 'Tango',
      environmentType: 'Staging',
    });
  });

  function openLaunchConfig(asg: string): LaunchConfigDialogData | undefined {
    const dialogOpen = spyOn(TestBed.inject(MatDialog), 'open');
    page
      .querySelector<HTMLButtonElement>(`button.launch-config[aria-label="Launch config of ${asg}"]`)!
      .click();
    expect(dialogOpen).toHaveBeenCalledTimes(1);
    expect(dialogOpen.calls.mostRecent().args[0]).toBe(LaunchConfigDialog);
    return dialogOpen.calls.mostRecent().args[1]?.data as LaunchConfigDialogData | undefined;
  }

  it("opens an ASG's launch configuration with its image and its role's cluster", async () => {
    await open({ grants: [{ Action: 'operate-asgs', Clusters: ['Infra'], EnvironmentTypes: ['Staging'] }] });

    expect(openLaunchConfig('st1-inf-Web-blue')).toEqual({
      environment: 'st1',
      asg: 'st1-inf-Web-blue',
      role: 'Web',
      image: { Name: 'web-linux-1.0.0', Age: 40, IsLatestStable: false },
      scope: { cluster: 'Infra', environmentType: 'Staging' },
    });
  });

  it("opens another role's launch configuration with that role's cluster", async () => {
    await open({ grants: [{ Action: 'operate-asgs', Clusters: ['Infra'], EnvironmentTypes: ['Staging'] }] });

    expect(openLaunchConfig('st1-inf-Batch')).toEqual({
      environment: 'st1',
      asg: 'st1-inf-Batch',
      role: 'Batch',
      image: null,
      scope: { cluster: 'Tango', environmentType: 'Staging' },
    });
  });
});
