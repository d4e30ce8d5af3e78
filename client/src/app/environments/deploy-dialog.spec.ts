import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { Router } from '@angular/router';
import { acceptedDeployment } from '@shared/deployments/deployment';
import { settle } from '../core/settle';
import { configureTestPage } from '../core/test-page';
import { testDeployment } from '../deployments/test-deployment';
import { DeployDialog, type DeployDialogData } from './deploy-dialog';
import { flushProblem } from '../core/test-problem';
import { typeInto } from '../core/test-form';

describe('DeployDialog', () => {
  let fixture: ComponentFixture<DeployDialog>;
  let page: HTMLElement;
  let http: HttpTestingController;
  let close: jasmine.Spy;

  const data: DeployDialogData = {
    environment: 'st1',
    environmentType: 'Staging',
    targets: [
      { service: 'billing', serverRole: 'Batch', cluster: 'Infra', fleetPerSlice: false },
      { service: 'web', serverRole: 'Web', cluster: 'Infra', fleetPerSlice: true },
    ],
  };

  beforeEach(async () => {
    close = jasmine.createSpy('close');
    http = configureTestPage(DeployDialog, [
      { provide: MAT_DIALOG_DATA, useValue: data },
      { provide: MatDialogRef, useValue: { close } },
    ]);
    fixture = TestBed.createComponent(DeployDialog);
    page = fixture.nativeElement as HTMLElement;
    await settle(fixture);
  });

  afterEach(() => http.verify());

  function chooseTarget(index: number): void {
    const select = page.querySelector<HTMLSelectElement>('select[name="target"]')!;
    select.value = String(index);
    select.dispatchEvent(new Event('change'));
  }

  const click = (css: string) => page.querySelector<HTMLButtonElement>(`button.${css}`)!.click();

  it('offers blue/green only for a role with a fleet per slice', async () => {
    expect(page.textContent).toContain('Batch has no blue/green slices');
    expect(page.querySelector('mat-radio-group')).toBeNull();

    chooseTarget(1);
    await settle(fixture);
    expect(page.querySelector('mat-radio-group[aria-label="Strategy"]')).not.toBeNull();
  });

  it('checks the version as the server does before asking it', async () => {
    typeInto(page, 'version', '-bad version');
    click('dry-run');
    await settle(fixture);

    http.expectNone((r) => r.url === '/api/v1/deployments');
    expect(page.querySelector('mat-error')?.textContent).toContain('must be a version such as 1.4.2');
  });

  it('shows the dry-run plan: target ASG, current and new version, steps and warnings', async () => {
    typeInto(page, 'version', '1.3.0');
    click('dry-run');
    await settle(fixture);

    const request = http.expectOne('/api/v1/deployments?dry_run=true');
    expect(request.request.body).toEqual({
      environment: 'st1',
      service: 'billing',
      serverRole: 'Batch',
      version: '1.3.0',
      mode: 'overwrite',
      requireApproval: false,
    });
    request.flush({
      environment: 'st1',
      environmentType: 'Staging',
      service: 'billing',
      version: '1.3.0',
      mode: 'overwrite',
      slice: 'none',
      serverRole: 'Batch',
      owningCluster: 'Infra',
      autoScalingGroupName: 'st1-inf-Batch',
      resources: { AutoScalingGroup: 'st1-inf-Batch' },
      requireApproval: false,
      canarySteps: [],
      bakeSeconds: 0,
      steps: ['launch-new-instances', 'remove-old-instances'],
      currentVersions: ['1.2.0'],
      instances: 2,
      warnings: ['1 instance is unhealthy'],
    });
    await settle(fixture);

    expect(page.querySelector('.plan-asg')?.textContent).toBe('st1-inf-Batch');
    expect(page.querySelector('.plan-version')?.textContent).toBe('1.2.0 → 1.3.0');
    expect(page.querySelector('.plan-steps')?.textContent).toContain('remove-old-instances');
    expect(page.querySelector('.plan-warnings')?.textContent).toContain('1 instance is unhealthy');
  });

  it('sends blue/green settings and shows a refusal at the field it names', async () => {
    chooseTarget(1);
    await settle(fixture);
    page.querySelectorAll<HTMLInputElement>('mat-radio-button input')[1]!.click();
    await settle(fixture);
    typeInto(page, 'version', '2.0.0');
    typeInto(page, 'canarySteps', '10,50,100');
    typeInto(page, 'bakeSeconds', '60');
    click('dry-run');
    await settle(fixture);

    const request = http.expectOne('/api/v1/deployments?dry_run=true');
    expect(request.request.body).toEqual(
      jasmine.objectContaining({ mode: 'bg', slice: 'blue', canarySteps: [10, 50, 100], bakeSeconds: 60 }),
    );
    flushProblem(request, {
      title: 'Bad request',
      status: 400,
      detail: 'the version is not in the package store',
      errors: [{ field: 'body.version', message: 'is not a published version' }],
    });
    await settle(fixture);

    expect(page.querySelector('[role="alert"]')?.textContent).toContain(
      'the version is not in the package store',
    );
    expect(page.querySelector('mat-error')?.textContent).toContain('The version is not a published version.');
  });

  it('deploys and goes to the deployment page', async () => {
    const navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
    typeInto(page, 'version', '1.3.0');
    click('deploy');
    await settle(fixture);

    const request = http.expectOne('/api/v1/deployments');
    expect(request.request.method).toBe('POST');
    request.flush(acceptedDeployment(testDeployment({ id: '01JNEW', status: 'Queued' })), {
      status: 202,
      statusText: 'Accepted',
    });
    await settle(fixture);

    expect(close).toHaveBeenCalledWith('01JNEW');
    expect(navigate).toHaveBeenCalledWith(['/deployments', '01JNEW']);
  });

  it('explains a refusal without a field, such as a lock', async () => {
    typeInto(page, 'version', '1.3.0');
    click('deploy');
    await settle(fixture);

    flushProblem(http.expectOne('/api/v1/deployments'), {
      status: 423,
      detail: 'deployments to st1 are locked',
    });
    await settle(fixture);

    expect(page.querySelector('[role="alert"]')?.textContent).toContain('deployments to st1 are locked');
    expect(close).not.toHaveBeenCalled();
  });
});
