import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { Router } from '@angular/router';
import { acceptedDeployment } from '@shared/deployments/deployment';
import { FREEZE_WINDOW_PROBLEM } from '@shared/governance/break-glass';
import { settle } from '../core/settle';
import { typeInto, sentBody } from '../core/test-form';
import { configureTestPage } from '../core/test-page';
import { flushProblem } from '../core/test-problem';
import { testDeployment } from '../deployments/test-deployment';
import { DeployDialog, type DeployDialogData } from './deploy-dialog';

const window = {
  Name: 'Christmas freeze',
  Scope: 'environment-type',
  SetOn: 'Prod',
  EndsAt: '2027-01-04T08:00:00.000Z',
  Reason: 'peak sales',
};

describe('DeployDialog inside a freeze window', () => {
  let fixture: ComponentFixture<DeployDialog>;
  let page: HTMLElement;
  let http: HttpTestingController;
  let close: jasmine.Spy;

  async function open(mayBreakGlass: boolean): Promise<void> {
    const data: DeployDialogData = {
      environment: 'pr1',
      environmentType: 'Prod',
      targets: [
        {
          service: 'billing',
          serverRole: 'Batch',
          cluster: 'Infra',
          fleetPerSlice: false,
          ...(mayBreakGlass ? { mayBreakGlass: true } : {}),
        },
      ],
    };
    close = jasmine.createSpy('close');
    http = configureTestPage(DeployDialog, [
      { provide: MAT_DIALOG_DATA, useValue: data },
      { provide: MatDialogRef, useValue: { close } },
    ]);
    fixture = TestBed.createComponent(DeployDialog);
    page = fixture.nativeElement as HTMLElement;
    await settle(fixture);
  }

  async function refusedByTheWindow(): Promise<void> {
    typeInto(page, 'version', '1.3.0');
    page.querySelector<HTMLButtonElement>('button.deploy')!.click();
    await settle(fixture);
    flushProblem(http.expectOne('/api/v1/deployments'), {
      status: 423,
      type: FREEZE_WINDOW_PROBLEM,
      detail: `pr1 is in the freeze window "Christmas freeze" until ${window.EndsAt}; a holder of break-glass can override it`,
      freezeWindow: window,
    });
    await settle(fixture);
  }

  afterEach(() => http.verify());

  it('offers "Deploy anyway (break-glass)" to a holder of break-glass, and sends the reason with the request', async () => {
    await open(true);
    const navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
    await refusedByTheWindow();

    const section = page.querySelector('[aria-label="Freeze window"]')!;
    expect(section.textContent).toContain('Christmas freeze');
    expect(section.textContent).toContain('set on every Prod environment');
    expect(section.querySelector('time')?.getAttribute('datetime')).toBe(window.EndsAt);
    const button = page.querySelector<HTMLButtonElement>('button.break-glass')!;
    expect(button.textContent?.trim()).toBe('Deploy anyway (break-glass)');

    button.click();
    await settle(fixture);
    http.expectNone('/api/v1/deployments');
    expect(page.querySelector('mat-error')?.textContent).toContain('Give the reason for breaking the glass.');

    typeInto(page, 'breakGlassReason', '  payments are down ');
    page.querySelector<HTMLButtonElement>('button.break-glass')!.click();
    await settle(fixture);
    const request = http.expectOne('/api/v1/deployments');
    expect(sentBody(request)).toEqual(
      jasmine.objectContaining({
        environment: 'pr1',
        service: 'billing',
        version: '1.3.0',
        breakGlass: { reason: 'payments are down' },
      }),
    );
    request.flush(acceptedDeployment(testDeployment({ id: '01JBREAK', status: 'Queued' })), {
      status: 202,
      statusText: 'Accepted',
    });
    await settle(fixture);
    expect(close).toHaveBeenCalledWith('01JBREAK');
    expect(navigate).toHaveBeenCalledWith(['/deployments', '01JBREAK']);
  });

  it('shows the window and when it ends to a user without break-glass, and offers no override', async () => {
    await open(false);
    await refusedByTheWindow();

    expect(page.querySelector('[role="alert"]')?.textContent).toContain('Christmas freeze');
    expect(page.querySelector('[aria-label="Freeze window"]')?.textContent).toContain('peak sales');
    expect(page.querySelector('.no-break-glass')?.textContent).toContain('break-glass permission');
    expect(page.querySelector('button.break-glass')).toBeNull();
  });

  it('offers no override for a lock (a 423 that is not a freeze window)', async () => {
    await open(true);
    typeInto(page, 'version', '1.3.0');
    page.querySelector<HTMLButtonElement>('button.deploy')!.click();
    await settle(fixture);
    flushProblem(http.expectOne('/api/v1/deployments'), { status: 423, detail: 'pr1 is locked by alice' });
    await settle(fixture);

    expect(page.querySelector('[aria-label="Freeze window"]')).toBeNull();
  });
});
