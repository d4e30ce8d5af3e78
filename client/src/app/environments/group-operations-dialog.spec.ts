import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { Grant } from '@shared/auth/permission';
import type { ScheduledAction } from '@shared/fleet/scheduled-action';
import { Confirmation } from '../core/confirmation';
import { configureTestPage } from '../core/test-page';
import { flushProblem } from '../core/test-problem';
import { settle } from '../core/settle';
import { testSignIn } from '../core/test-sign-in';
import { testInstance } from '../home/test-instance';
import { GroupOperationsDialog, type GroupOperationsDialogData } from './group-operations-dialog';
import { flushTypeProtections } from './test-type-protections';

/** A scheduled action as the server lists it. */
function testAction(name: string, options: Partial<ScheduledAction> = {}): ScheduledAction {
  return {
    ScheduledActionName: name,
    AutoScalingGroupName: 'st1-inf-Web',
    Recurrence: '0 8 * * 1-5',
    TimeZone: 'Europe/London',
    StartTime: '2026-12-02T08:00:00.000Z',
    EndTime: null,
    MinSize: 2,
    MaxSize: 10,
    DesiredCapacity: 10,
    ...options,
  };
}

describe('GroupOperationsDialog', () => {
  let fixture: ComponentFixture<GroupOperationsDialog>;
  let page: HTMLElement;
  let http: HttpTestingController;
  let confirm: jasmine.Spy;

  const instancesUrl = '/api/v1/instances?environment=st1';
  const actionsUrl = '/api/v1/asgs/st1-inf-Web/scheduled-actions?environment=st1';
  const inService = testInstance({ id: 'i-0001' });
  const inStandby = { ...testInstance({ id: 'i-0002' }), LifecycleState: 'Standby', Maintenance: true };
  const elsewhere = testInstance({ id: 'i-0003', group: 'st1-inf-Batch' });

  const operator: Grant = { Action: 'operate-asgs', Clusters: ['Infra'], EnvironmentTypes: ['Staging'] };
  const adminThere: Grant = { Action: 'admin', Clusters: ['Infra'], EnvironmentTypes: ['Staging'] };

  /**
   * Opens the dialog for the Web group of Infra in a Staging environment, for a user with these grants
   * (operate-asgs there, Staging protecting nothing, by default); Staging's `ProtectedActions`, when given,
   * answer the read the dialog makes for a holder of the permission without admin.
   */
  async function open(
    options: { grants: Grant[]; protectedActions?: readonly string[] } = {
      grants: [operator],
      protectedActions: [],
    },
  ): Promise<void> {
    const data: GroupOperationsDialogData = {
      environment: 'st1',
      asg: 'st1-inf-Web',
      scope: { cluster: 'Infra', environmentType: 'Staging' },
    };
    confirm = jasmine.createSpy('ask').and.resolveTo(true);
    http = configureTestPage(GroupOperationsDialog, [
      { provide: MAT_DIALOG_DATA, useValue: data },
      { provide: MatDialogRef, useValue: { close: jasmine.createSpy('close') } },
      { provide: Confirmation, useValue: { ask: confirm } },
    ]);
    await testSignIn(http, options.grants);
    fixture = TestBed.createComponent(GroupOperationsDialog);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne(instancesUrl).flush([inService, inStandby, elsewhere]);
    http.expectOne(actionsUrl).flush([testAction('weekday-morning')]);
    if (options.protectedActions) flushTypeProtections(http, 'Staging', options.protectedActions);
    await settle(fixture);
  }

  /** Every button that changes the group is disabled but focusable, names the reason, and does nothing. */
  async function expectChangesBlocked(reason: string): Promise<void> {
    expect(page.querySelector('#group-operations-blocker')?.textContent).toBe(reason);
    const changes = [
      ...page.querySelectorAll<HTMLButtonElement>('button.toggle-maintenance'),
      button('delete-action'),
      button('add-action'),
    ];
    expect(changes.length).toBe(4);
    for (const b of changes) {
      expect(b.getAttribute('aria-disabled'))
        .withContext(b.textContent ?? '')
        .toBe('true');
      expect(b.getAttribute('aria-describedby')).toContain('group-operations-blocker');
      b.click();
    }
    await settle(fixture);
    expect(confirm).not.toHaveBeenCalled();
    expect(page.querySelector('form.add-action')).toBeNull();
    http.expectNone(() => true);
  }

  afterEach(() => http.verify());

  const rows = (css: string) =>
    Array.from(page.querySelectorAll(`table.${css} tbody tr`)).map((r) =>
      Array.from(r.querySelectorAll('td'))
        .map((c) => c.textContent?.replace(/\s+/g, ' ').trim())
        .filter(Boolean)
        .join(' '),
    );
  const button = (css: string, index = 0) =>
    page.querySelectorAll<HTMLButtonElement>(`button.${css}`)[index]!;
  const type = (name: string, value: string) => {
    const input = page.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };

  it("lists the group's instances, marking those in maintenance, and its scheduled actions", async () => {
    await open();
    expect(rows('instances')).toEqual([
      'i-0001 eu-west-1a InService Into maintenance',
      'i-0002 eu-west-1a Standby in maintenance Back in service',
    ]);
    expect(page.querySelector('.maintenance-count')?.textContent?.trim()).toBe('1 in maintenance');
    expect(rows('actions')).toEqual([
      'weekday-morning 0 8 * * 1-5 Europe/London min 2 · desired 10 · max 10 Delete',
    ]);
  });

  it('puts an instance into maintenance once confirmed, with the original body, and shows it after', async () => {
    await open();
    button('toggle-maintenance', 0).click();
    await settle(fixture);
    expect(confirm.calls.mostRecent().args[0].title).toBe('Put i-0001 into maintenance?');
    const put = http.expectOne('/api/v1/instances/i-0001/maintenance');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({ enable: true });
    put.flush({
      ok: true,
      InstanceId: 'i-0001',
      AutoScalingGroupName: 'st1-inf-Web',
      Maintenance: true,
      LifecycleState: 'EnteringStandby',
      DesiredCapacity: 1,
      Replaced: false,
    });
    await settle(fixture);
    http
      .expectOne(instancesUrl)
      .flush([{ ...inService, LifecycleState: 'EnteringStandby', Maintenance: true }, inStandby]);
    await settle(fixture);
    expect(rows('instances')[0]).toBe('i-0001 eu-west-1a EnteringStandby in maintenance Back in service');
    expect(button('toggle-maintenance', 0).disabled).toBeTrue();
  });

  it('brings an instance back with enable false, and changes nothing when not confirmed', async () => {
    await open();
    confirm.and.resolveTo(false);
    button('toggle-maintenance', 1).click();
    await settle(fixture);
    http.expectNone('/api/v1/instances/i-0002/maintenance');
    confirm.and.resolveTo(true);
    button('toggle-maintenance', 1).click();
    await settle(fixture);
    expect(confirm.calls.mostRecent().args[0].title).toBe('Bring i-0002 back into service?');
    const put = http.expectOne('/api/v1/instances/i-0002/maintenance');
    expect(put.request.body).toEqual({ enable: false });
  });

  it("shows the server's refusal of a maintenance change", async () => {
    await open();
    button('toggle-maintenance', 0).click();
    await settle(fixture);
    flushProblem(http.expectOne('/api/v1/instances/i-0001/maintenance'), {
      status: 409,
      title: 'Conflict',
      detail: 'deployment 01J is working on ASG st1-inf-Web: wait for it or cancel it first',
    });
    await settle(fixture);
    expect(page.querySelector('app-problem-banner')?.textContent).toContain(
      'deployment 01J is working on ASG',
    );
  });

  it('adds a scheduled action checked as the server checks it, then lists it', async () => {
    await open();
    button('add-action').click();
    await settle(fixture);
    type('name', 'weekday-evening');
    type('Recurrence', '0 20 * *');
    type('MinSize', '3');
    type('DesiredCapacity', '2');
    button('save-action').click();
    await settle(fixture);
    const errors = Array.from(page.querySelectorAll('.field-error')).map((e) => e.textContent?.trim());
    expect(errors).toContain('must be a cron expression of five fields (minute hour day month weekday)');
    expect(errors).toContain('must not be less than MinSize');
    http.expectNone((r) => r.method === 'PUT');

    type('Recurrence', '0 20 * * 1-5');
    type('TimeZone', 'Europe/London');
    type('MinSize', '2');
    button('save-action').click();
    await settle(fixture);
    const put = http.expectOne('/api/v1/asgs/st1-inf-Web/scheduled-actions/weekday-evening?environment=st1');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({
      Recurrence: '0 20 * * 1-5',
      TimeZone: 'Europe/London',
      MinSize: 2,
      DesiredCapacity: 2,
    });
    const evening = testAction('weekday-evening', {
      Recurrence: '0 20 * * 1-5',
      MinSize: 2,
      DesiredCapacity: 2,
      MaxSize: null,
    });
    put.flush(evening);
    await settle(fixture);
    http.expectOne(actionsUrl).flush([evening, testAction('weekday-morning')]);
    await settle(fixture);
    expect(rows('actions').map((r) => r!.split(' ')[0])).toEqual(['weekday-evening', 'weekday-morning']);
    expect(page.querySelector('form.add-action')).toBeNull();
  });

  it('deletes a scheduled action once confirmed', async () => {
    await open();
    button('delete-action').click();
    await settle(fixture);
    expect(confirm.calls.mostRecent().args[0].title).toBe('Delete the scheduled action "weekday-morning"?');
    const del = http.expectOne('/api/v1/asgs/st1-inf-Web/scheduled-actions/weekday-morning?environment=st1');
    expect(del.request.method).toBe('DELETE');
    del.flush(testAction('weekday-morning'));
    await settle(fixture);
    expect(rows('actions')).toEqual(['No scheduled actions.']);
  });

  it('disables every change, and says why, without operate-asgs for the cluster', async () => {
    await open({ grants: [{ ...operator, Clusters: ['Tango'] }] });
    await expectChangesBlocked(
      'Changing instances and scheduled actions needs operate-asgs on Staging environments of Infra.',
    );
  });

  describe('where Staging protects operate-asgs', () => {
    it('disables maintenance and scheduled actions for a holder of operate-asgs alone, saying who may', async () => {
      await open({ grants: [operator], protectedActions: ['operate-asgs'] });
      await expectChangesBlocked('Staging protects operate-asgs: an admin of Infra and Staging may do this.');
    });

    it('puts an instance into maintenance for a holder of operate-asgs and admin there', async () => {
      await open({ grants: [operator, adminThere] });

      expect(page.querySelector('#group-operations-blocker')).toBeNull();
      button('toggle-maintenance', 0).click();
      await settle(fixture);
      expect(confirm.calls.mostRecent().args[0].title).toBe('Put i-0001 into maintenance?');
      expect(http.expectOne('/api/v1/instances/i-0001/maintenance').request.body).toEqual({ enable: true });
    });
  });

  it('offers maintenance to a holder of operate-asgs alone where Staging protects other actions', async () => {
    await open({ grants: [operator], protectedActions: ['lock-environments', 'toggle-slices'] });

    expect(page.querySelector('#group-operations-blocker')).toBeNull();
    expect(button('toggle-maintenance', 0).getAttribute('aria-disabled')).not.toBe('true');
    button('toggle-maintenance', 0).click();
    await settle(fixture);
    http.expectOne('/api/v1/instances/i-0001/maintenance');
  });
});
