import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Grant } from '@shared/auth/permission';
import type { Deployment, DeploymentStatus } from '@shared/deployments/deployment';
import { Subject } from 'rxjs';
import { Confirmation } from '../core/confirmation';
import { problemInterceptor } from '../core/problem-interceptor';
import { settle } from '../core/settle';
import { testSignIn } from '../core/test-sign-in';
import { configureTestPage } from '../core/test-page';
import { DeploymentEventStream, type DeploymentEvent } from './deployment-event-stream';
import { DeploymentPage } from './deployment-page';
import { testDeployment } from './test-deployment';
import { flushProblem } from '../core/test-problem';

const id = '01JTESTDEPLOYMENT000000001';

describe('DeploymentPage', () => {
  let fixture: ComponentFixture<DeploymentPage>;
  let page: HTMLElement;
  let http: HttpTestingController;
  let events: Subject<DeploymentEvent>;
  let confirm: jasmine.Spy;

  async function open(options: {
    grants: Grant[];
    status?: DeploymentStatus;
    value?: Partial<Deployment['Value']>;
  }): Promise<void> {
    events = new Subject();
    confirm = jasmine.createSpy('ask').and.resolveTo(true);
    http = configureTestPage(DeploymentPage, [
      { provide: DeploymentEventStream, useValue: { follow: () => events } },
      { provide: Confirmation, useValue: { ask: confirm } },
    ]);
    await testSignIn(http, options.grants);
    fixture = TestBed.createComponent(DeploymentPage);
    fixture.componentRef.setInput('id', id);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    const deployment = testDeployment({ status: options.status });
    http
      .expectOne(`/api/v1/deployments/${id}`)
      .flush({ ...deployment, Value: { ...deployment.Value, ...options.value } });
    await settle(fixture);
  }

  afterEach(() => http.verify());

  const deployer: Grant[] = [{ Action: 'deploy', Clusters: ['Infra'], EnvironmentTypes: 'all' }];
  const button = (css: string) => page.querySelector<HTMLButtonElement>(`button.${css}`);

  it('shows the status, step progress and current step, then follows the live stream', async () => {
    await open({ grants: [] });

    expect(page.querySelector('.status-value')?.textContent).toBe('In Progress');
    expect(page.querySelector('.step-count')?.textContent).toContain('1 of 3 steps done');
    expect(page.querySelector('.current-step')?.textContent).toBe('wait-healthy');

    const next = testDeployment({ status: 'Success', steps: ['succeeded', 'succeeded', 'succeeded'] });
    next.Value.Progress = {
      at: '2026-11-27T10:05:00.000Z',
      oldInstances: 0,
      newInstances: 2,
      instances: [
        { instanceId: 'i-0abc', generation: 'new', lifecycleState: 'InService', healthStatus: 'Healthy' },
      ],
    };
    events.next({ kind: 'deployment', deployment: next });
    events.next({
      kind: 'log',
      line: { at: '2026-11-27T10:05:00.000Z', level: 'info', message: 'all healthy' },
    });
    await settle(fixture);

    expect(page.querySelector('.status-value')?.textContent).toBe('Success');
    expect(page.querySelector('.step-count')?.textContent).toContain('3 of 3 steps done');
    expect(page.querySelector('.instance-counts')?.textContent).toContain('0 old, 2 new');
    expect(page.querySelector('table[aria-label="Instances"] tbody tr')?.textContent).toContain('i-0abc');
    expect(page.querySelector('.log')?.textContent).toContain('all healthy');
  });

  it('shows a break-glass override: who, past which window, and why', async () => {
    await open({
      grants: [],
      value: {
        BreakGlass: {
          By: 'alice',
          Reason: 'payments are down',
          At: '2026-12-24T10:00:00.000Z',
          Window: {
            Name: 'Christmas freeze',
            Scope: 'environment',
            SetOn: 'st1',
            EndsAt: '2027-01-04T08:00:00.000Z',
          },
        },
      },
    });
    const note = page.querySelector('.break-glass')?.textContent?.replace(/\s+/g, ' ');
    expect(note).toContain(
      'alice overrode the freeze window “Christmas freeze” (until 2027-01-04T08:00:00.000Z)',
    );
    expect(note).toContain('Reason: payments are down');
  });

  it('says nothing of break-glass for a deployment without one', async () => {
    await open({ grants: [] });
    expect(page.querySelector('.break-glass')).toBeNull();
  });

  it('charts the old and new instance counts from the progress the stream sends', async () => {
    await open({ grants: [] });
    const withProgress = (at: string, old: number, fresh: number) => {
      const deployment = testDeployment();
      deployment.Value.Progress = { at, oldInstances: old, newInstances: fresh, instances: [] };
      return deployment;
    };

    events.next({ kind: 'deployment', deployment: withProgress('2026-11-27T10:01:00.000Z', 2, 0) });
    events.next({ kind: 'deployment', deployment: withProgress('2026-11-27T10:02:00.000Z', 2, 2) });
    events.next({ kind: 'deployment', deployment: withProgress('2026-11-27T10:02:00.000Z', 2, 2) });
    events.next({ kind: 'deployment', deployment: withProgress('2026-11-27T10:03:00.000Z', 0, 2) });
    await settle(fixture);

    const chart = page.querySelector('app-instance-chart')!;
    expect(chart.querySelector('svg')?.getAttribute('aria-label')).toBe(
      'Old and new instances over time, 3 readings. Latest: 0 old, 2 new.',
    );
    expect(chart.querySelectorAll('tbody tr').length).toBe(3);
  });

  it('offers Cancel and Roll back only to users who may deploy the target, and none when it is over', async () => {
    await open({ grants: [] });
    expect(button('cancel')).toBeNull();
    expect(button('rollback')).toBeNull();
    expect(button('approve')).toBeNull();

    events.next({ kind: 'deployment', deployment: testDeployment({ status: 'Failed' }) });
    await settle(fixture);
    expect(button('cancel')).toBeNull();
  });

  it('cancels after confirmation and shows a refusal in words', async () => {
    await open({ grants: deployer });

    button('cancel')!.click();
    await settle(fixture);
    expect(confirm).toHaveBeenCalled();
    const request = http.expectOne(`/api/v1/deployments/${id}`);
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ Status: 'Cancelled' });
    flushProblem(request, {
      status: 409,
      detail: 'deployment is already being cancelled',
    });
    await settle(fixture);

    expect(page.querySelector('[role="alert"]')?.textContent).toContain(
      'deployment is already being cancelled',
    );
  });

  it('does nothing when the user does not confirm the rollback', async () => {
    await open({ grants: deployer });
    confirm.and.resolveTo(false);

    button('rollback')!.click();
    await settle(fixture);

    http.expectNone(`/api/v1/deployments/${id}/rollback`);
  });

  it('lets an approver approve a deployment awaiting approval', async () => {
    await open({
      grants: [{ Action: 'approve-deployments', Clusters: 'all', EnvironmentTypes: 'all' }],
      status: 'Awaiting Approval',
    });
    expect(button('cancel')).toBeNull();

    button('approve')!.click();
    await settle(fixture);
    const request = http.expectOne(`/api/v1/deployments/${id}/approve`);
    expect(request.request.method).toBe('POST');
    request.flush(testDeployment({ status: 'Queued' }));
    await settle(fixture);

    expect(page.querySelector('.status-value')?.textContent).toBe('Queued');
    expect(button('approve')).toBeNull();
  });

  it('says so when the deployment does not exist', async () => {
    events = new Subject();
    TestBed.configureTestingModule({
      imports: [DeploymentPage],
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([problemInterceptor])),
        provideHttpClientTesting(),
        { provide: DeploymentEventStream, useValue: { follow: () => events } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DeploymentPage);
    fixture.componentRef.setInput('id', id);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    flushProblem(http.expectOne(`/api/v1/deployments/${id}`), { status: 404, detail: `no deployment ${id}` });
    await settle(fixture);

    expect(page.querySelector('[role="alert"]')?.textContent).toContain(`no deployment ${id}`);
  });
});
