import { HttpTestingController } from '@angular/common/http/testing';
import { formatDate } from '@angular/common';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { Grant } from '@shared/auth/permission';
import type { OpsEnvironment } from '@shared/environments/ops-state';
import { Confirmation } from '../core/confirmation';
import { settle } from '../core/settle';
import { testSignIn } from '../core/test-sign-in';
import { configureTestPage } from '../core/test-page';
import { OpsControls } from './ops-controls';
import { testEnvironment, testLockedAt } from './test-fleet';
import { flushTypeProtections } from './test-type-protections';
import { flushProblem } from '../core/test-problem';

describe('OpsControls', () => {
  let fixture: ComponentFixture<OpsControls>;
  let page: HTMLElement;
  let http: HttpTestingController;
  let confirm: jasmine.Spy;
  let changed: OpsEnvironment[];

  const locker: Grant[] = [
    { Action: 'lock-environments', Clusters: ['Infra'], EnvironmentTypes: ['Staging'] },
  ];

  /** Staging's `ProtectedActions`, answered when the controls must read them (the permission without admin). */
  async function open(options: {
    grants: Grant[];
    locked?: boolean;
    maintenance?: boolean;
    protectedActions?: readonly string[];
  }): Promise<void> {
    confirm = jasmine.createSpy('ask').and.resolveTo(true);
    http = configureTestPage(OpsControls, [{ provide: Confirmation, useValue: { ask: confirm } }]);
    await testSignIn(http, options.grants);
    fixture = TestBed.createComponent(OpsControls);
    const environment = { ...testEnvironment(options), Version: 4 };
    fixture.componentRef.setInput('environment', environment);
    changed = [];
    fixture.componentInstance.changed.subscribe((env) => changed.push(env));
    page = fixture.nativeElement as HTMLElement;
    await settle(fixture);
    if (options.protectedActions) {
      flushTypeProtections(http, 'Staging', options.protectedActions);
      await settle(fixture);
    }
  }

  afterEach(() => http.verify());

  const button = (css: string) => page.querySelector<HTMLButtonElement>(`button.${css}`)!;
  function typeReason(value: string): void {
    const input = page.querySelector<HTMLInputElement>('input[name="reason"]')!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  it('disables lock and maintenance with the reason for a user without lock-environments there', async () => {
    await open({ grants: [{ Action: 'lock-environments', Clusters: ['Tango'], EnvironmentTypes: 'all' }] });

    for (const css of ['lock', 'maintenance']) {
      expect(button(css).getAttribute('aria-disabled')).withContext(css).toBe('true');
      expect(button(css).getAttribute('aria-describedby')).toContain('ops-blocker');
    }
    expect(page.querySelector('#ops-blocker')?.textContent).toBe(
      'Locking and maintenance need lock-environments on Staging environments of Infra.',
    );
    typeReason('release freeze');
    button('lock').click();
    button('maintenance').click();
    await settle(fixture);
    expect(confirm).not.toHaveBeenCalled();
    http.expectNone(() => true);
  });

  it('requires a reason before locking', async () => {
    await open({ grants: locker, protectedActions: [] });

    button('lock').click();
    await settle(fixture);

    expect(confirm).not.toHaveBeenCalled();
    http.expectNone('/api/v1/environments/st1/deploy-lock');
    expect(page.querySelector('mat-error')?.textContent).toContain('Say why deployments are locked.');
  });

  it('confirms, then sends the lock with the version read, and passes on the state the server replied', async () => {
    await open({ grants: locker, protectedActions: [] });

    typeReason('release freeze');
    button('lock').click();
    await settle(fixture);

    expect(confirm).toHaveBeenCalledTimes(1);
    expect(confirm.calls.mostRecent().args[0].message).toContain('Reason: release freeze');
    const request = http.expectOne('/api/v1/environments/st1/deploy-lock');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({ DeploymentsLocked: true, Reason: 'release freeze' });
    expect(request.request.headers.get('If-Match')).toBe('"4"');
    const reply = { ...testEnvironment({ locked: true }), Version: 5 };
    request.flush(reply);
    await settle(fixture);

    expect(changed).toEqual([reply]);
  });

  it('refuses a reason of only spaces or past the shared limit, as the server would', async () => {
    await open({ grants: locker, protectedActions: [] });

    typeReason('   ');
    button('lock').click();
    await settle(fixture);
    expect(page.querySelector('mat-error')?.textContent).toContain(
      'The reason must say why deployments are locked.',
    );

    typeReason('x'.repeat(201));
    button('lock').click();
    await settle(fixture);
    expect(page.querySelector('mat-error')?.textContent).toContain(
      'The reason must be at most 200 characters.',
    );
    expect(confirm).not.toHaveBeenCalled();
    http.expectNone('/api/v1/environments/st1/deploy-lock');
  });

  it("shows the server's complaint about the reason under the reason field", async () => {
    await open({ grants: locker, protectedActions: [] });

    typeReason('release freeze');
    button('lock').click();
    await settle(fixture);
    flushProblem(http.expectOne('/api/v1/environments/st1/deploy-lock'), {
      status: 400,
      detail: 'invalid body: body.Reason is required to lock deployments: say why they are locked',
      errors: [{ field: 'body.Reason', message: 'is required to lock deployments: say why they are locked' }],
    });
    await settle(fixture);

    expect(page.querySelector('mat-error')?.textContent).toContain(
      'The reason is required to lock deployments: say why they are locked.',
    );
    expect(page.querySelectorAll('[role="alert"] li').length).withContext('no field list repeated').toBe(0);
    expect(changed).toEqual([]);
  });

  it('sends nothing when the lock is not confirmed', async () => {
    await open({ grants: locker, protectedActions: [] });
    confirm.and.resolveTo(false);

    typeReason('release freeze');
    button('lock').click();
    await settle(fixture);

    http.expectNone('/api/v1/environments/st1/deploy-lock');
  });

  it('unlocks a locked environment and ends maintenance without asking', async () => {
    await open({
      grants: [{ Action: 'admin', Clusters: 'all', EnvironmentTypes: 'all' }],
      locked: true,
      maintenance: true,
    });

    expect(page.querySelector('input[name="reason"]')).toBeNull();
    const at = formatDate(testLockedAt, 'yyyy-MM-dd HH:mm', 'en-US');
    expect(page.querySelector('.lock-reason')?.textContent?.trim()).toBe(
      `Locked by alice at ${at}: Release freeze for the data-centre move`,
    );
    button('unlock').click();
    await settle(fixture);
    const unlock = http.expectOne('/api/v1/environments/st1/deploy-lock');
    expect(unlock.request.body).toEqual({ DeploymentsLocked: false });
    unlock.flush({ ...testEnvironment({ maintenance: true }), Version: 5 });
    await settle(fixture);

    expect(button('maintenance').textContent?.trim()).toBe('End maintenance');
    button('maintenance').click();
    await settle(fixture);
    const end = http.expectOne('/api/v1/environments/st1/maintenance');
    expect(end.request.method).toBe('PUT');
    expect(end.request.body).toEqual({ InMaintenance: false });
    end.flush(testEnvironment());
    await settle(fixture);

    expect(confirm).not.toHaveBeenCalled();
    expect(changed.length).toBe(2);
  });

  it('confirms before starting maintenance and sends it', async () => {
    await open({ grants: locker, protectedActions: [] });

    button('maintenance').click();
    await settle(fixture);

    expect(confirm).toHaveBeenCalledTimes(1);
    const request = http.expectOne('/api/v1/environments/st1/maintenance');
    expect(request.request.body).toEqual({ InMaintenance: true });
    request.flush({ ...testEnvironment({ maintenance: true }), Version: 5 });
    await settle(fixture);
    expect(changed[0]?.Value.InMaintenance).toBeTrue();
  });

  it('explains a conflict and reloads the state on request', async () => {
    await open({ grants: locker, protectedActions: [] });

    button('maintenance').click();
    await settle(fixture);
    flushProblem(http.expectOne('/api/v1/environments/st1/maintenance'), {
      status: 409,
      detail: 'version 4 is not current',
    });
    await settle(fixture);

    expect(page.querySelector('.conflict')?.textContent).toContain('Someone else changed');
    button('reload').click();
    await settle(fixture);
    const fresh = { ...testEnvironment({ locked: true }), Version: 6 };
    http.expectOne('/api/v1/environments/st1').flush(fresh);
    await settle(fixture);
    expect(changed).toEqual([fresh]);
    expect(page.querySelector('.conflict')).toBeNull();
  });

  describe('where Staging protects lock-environments', () => {
    const adminThere: Grant = { Action: 'admin', Clusters: ['Infra'], EnvironmentTypes: ['Staging'] };

    it('disables lock and maintenance for a holder of lock-environments alone, saying who may', async () => {
      await open({ grants: locker });
      expect(button('lock').getAttribute('aria-disabled')).withContext('while Staging is read').toBe('true');
      expect(page.querySelector('#ops-blocker')?.textContent).toBe(
        'Checking whether Staging protects lock-environments…',
      );
      flushTypeProtections(http, 'Staging', ['lock-environments']);
      await settle(fixture);

      for (const css of ['lock', 'maintenance']) {
        expect(button(css).getAttribute('aria-disabled')).withContext(css).toBe('true');
        expect(button(css).getAttribute('aria-describedby')).withContext(css).toContain('ops-blocker');
      }
      expect(page.querySelector('#ops-blocker')?.textContent).toBe(
        'Staging protects lock-environments: an admin of Infra and Staging may do this.',
      );
      typeReason('release freeze');
      button('lock').click();
      button('maintenance').click();
      await settle(fixture);
      expect(confirm).not.toHaveBeenCalled();
      http.expectNone(() => true);
    });

    it('disables unlock too for a holder of lock-environments alone', async () => {
      await open({ grants: locker, locked: true, protectedActions: ['lock-environments'] });

      expect(button('unlock').getAttribute('aria-disabled')).toBe('true');
      button('unlock').click();
      await settle(fixture);
      http.expectNone('/api/v1/environments/st1/deploy-lock');
    });

    it('locks and starts maintenance for a holder of lock-environments and admin there', async () => {
      await open({ grants: [...locker, adminThere] });

      expect(page.querySelector('#ops-blocker')).toBeNull();
      typeReason('release freeze');
      button('lock').click();
      await settle(fixture);
      http.expectOne('/api/v1/environments/st1/deploy-lock').flush(testEnvironment({ locked: true }));
      await settle(fixture);
      button('maintenance').click();
      await settle(fixture);
      http.expectOne('/api/v1/environments/st1/maintenance').flush(testEnvironment({ maintenance: true }));
      await settle(fixture);
      expect(changed.length).toBe(2);
    });

    it('is not satisfied by admin of another cluster', async () => {
      await open({
        grants: [...locker, { Action: 'admin', Clusters: ['Tango'], EnvironmentTypes: 'all' }],
        protectedActions: ['lock-environments'],
      });

      expect(page.querySelector('#ops-blocker')?.textContent).toBe(
        'Staging protects lock-environments: an admin of Infra and Staging may do this.',
      );
    });
  });

  it('offers lock and maintenance to a holder of lock-environments alone where Staging protects other actions', async () => {
    await open({ grants: locker, protectedActions: ['operate-asgs', 'BULK_PATCH_AMI'] });

    expect(page.querySelector('#ops-blocker')).toBeNull();
    expect(button('lock').getAttribute('aria-disabled')).not.toBe('true');
    expect(button('maintenance').getAttribute('aria-disabled')).not.toBe('true');
  });
});
