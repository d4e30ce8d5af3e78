import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import type { Grant } from '@shared/auth/permission';
import type { Environment } from '@shared/catalogue/environment';
import type { FeatureToggle } from '@shared/toggles/feature-toggle';
import { testAuditEntry } from '../audit/test-audit-entry';
import { testConfigEnvironment, testDeploymentMap } from '../catalogue/test-catalogue';
import { Confirmation } from '../core/confirmation';
import { settle } from '../core/settle';
import { fieldErrors, sentBody, tooltipOf, typeInto } from '../core/test-form';
import { openTestPage } from '../core/test-page';
import { flushProblem } from '../core/test-problem';
import { KillSwitch } from './kill-switch';
import { testSetting, testToggle } from './test-toggle';
import { TogglePage } from './toggle-page';

const togglePath = '/api/v1/feature-toggles/checkout/new-cart';
const prod: Environment = {
  EnvironmentName: 'pr1',
  Value: { EnvironmentType: 'Prod', OwningCluster: 'Infra', DeploymentMap: 'Main' },
  Version: 1,
};
const environments = [testConfigEnvironment('st1', 'Main'), prod, testConfigEnvironment('other1', 'Other')];
const maps = [testDeploymentMap('Main', ['checkout']), testDeploymentMap('Other', ['search'])];
const paymentsEverywhere: Grant = {
  Action: 'manage-feature-toggles',
  Clusters: ['Payments'],
  EnvironmentTypes: 'all',
};
const atTenPercent = () =>
  testToggle({ environments: [testSetting({ state: 'percentage', percentage: 10, version: 3 })] });

describe('TogglePage', () => {
  let fixture: ComponentFixture<TogglePage>;
  let page: HTMLElement;
  let http: HttpTestingController;
  let killSwitch: jasmine.SpyObj<KillSwitch>;
  let confirm: jasmine.Spy;

  async function open(options: { grants?: Grant[]; toggle?: FeatureToggle } = {}): Promise<void> {
    killSwitch = jasmine.createSpyObj<KillSwitch>('KillSwitch', ['confirm']);
    confirm = jasmine.createSpy('ask').and.resolveTo(true);
    ({ fixture, page, http } = await openTestPage(TogglePage, {
      grants: options.grants ?? [paymentsEverywhere],
      inputs: { service: 'checkout', name: 'new-cart' },
      providers: [
        { provide: KillSwitch, useValue: killSwitch },
        { provide: Confirmation, useValue: { ask: confirm } },
      ],
      replies: (mock) => flushReads(mock, options.toggle ?? atTenPercent()),
    }));
    flushHistory([]);
    await settle(fixture);
  }

  function flushReads(mock: HttpTestingController, toggle: FeatureToggle): void {
    mock.expectOne(togglePath).flush(toggle);
    mock.expectOne('/api/v1/config/environments').flush(environments);
    mock.expectOne('/api/v1/config/deployment-maps').flush(maps);
  }

  function flushHistory(entries: unknown[]): TestRequest {
    const request = http.expectOne(
      (r) => r.url === '/api/v1/audit' && r.params.get('Entity.Type') === 'FeatureToggleState',
    );
    request.flush(entries);
    return request;
  }

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();
  const row = (environment: string) => page.querySelector(`tr[data-environment="${environment}"]`);
  const click = async (css: string) => {
    page.querySelector<HTMLElement>(css)!.click();
    await settle(fixture);
  };
  const submitSetting = async () => {
    typeInto(page, 'reason', 'ramp up');
    await click('app-setting-form button.save');
  };

  it('shows its setting in every environment that hosts its service', async () => {
    await open();

    const rows = Array.from(page.querySelectorAll('table.environments tbody tr')).map((r) => [
      text(r.querySelector('.environment')),
      text(r.querySelector('.setting')),
    ]);
    expect(rows).toEqual([
      ['pr1', 'off not set'],
      ['st1', '10%'],
    ]);
    expect(text(page.querySelector('h1'))).toBe('Toggle new-cart of checkout');
  });

  it('changes a setting with the slider, targets and a reason, sending the version read', async () => {
    await open();
    await click('tr[data-environment="st1"] button.edit');

    expect(page.querySelector('mat-slider input[matSliderThumb]')?.getAttribute('aria-valuetext')).toBe(
      '10%',
    );
    typeInto(page, 'percentage', '12.5');
    typeInto(page, 'includeUsers', 'u1 u2');
    await submitSetting();

    const put = http.expectOne(`${togglePath}/environments/st1`);
    expect(put.request.method).toBe('PUT');
    expect(put.request.headers.get('If-Match')).toBe('"3"');
    expect(sentBody(put)).toEqual({
      state: 'percentage',
      percentage: 12.5,
      include: { users: ['u1', 'u2'], groups: [] },
      exclude: { users: [], groups: [] },
      reason: 'ramp up',
    });
    put.flush(
      testToggle({
        environments: [
          testSetting({ state: 'percentage', percentage: 12.5, includeUsers: ['u1', 'u2'], version: 4 }),
        ],
      }),
    );
    await settle(fixture);
    flushHistory([]);
    await settle(fixture);

    expect(text(page.querySelector('.notice'))).toBe('new-cart is now 12.5% in st1.');
    expect(text(row('st1')?.querySelector('.setting'))).toBe('12.5% 2 users included');
    expect(page.querySelector('app-setting-form')).toBeNull();
  });

  it('sends version 0 for the first setting in an environment', async () => {
    await open();
    await click('tr[data-environment="pr1"] button.edit');
    await click('mat-radio-button[value="on"] input');
    await submitSetting();

    const put = http.expectOne(`${togglePath}/environments/pr1`);
    expect(put.request.headers.get('If-Match')).toBe('"0"');
    expect(sentBody(put).state).toBe('on');
    expect(sentBody(put).percentage).toBeUndefined();
    put.flush(testToggle({ environments: [testSetting({ environment: 'pr1', type: 'Prod', state: 'on' })] }));
    await settle(fixture);
    flushHistory([]);
  });

  it('asks for a reason before sending anything', async () => {
    await open();
    await click('tr[data-environment="st1"] button.edit');
    await click('app-setting-form button.save');

    expect(fieldErrors(page)).toEqual(['Say why it changes (it is kept in the audit trail).']);
  });

  it('says so when someone changed the setting meanwhile (409) and reads it again', async () => {
    await open();
    await click('tr[data-environment="st1"] button.edit');
    await submitSetting();

    flushProblem(http.expectOne(`${togglePath}/environments/st1`), {
      status: 409,
      detail: 'the setting of new-cart in st1 has changed: you sent version 3, the current version is 4',
    });
    await settle(fixture);
    flushReads(http, testToggle({ environments: [testSetting({ state: 'on', version: 4 })] }));
    await settle(fixture);
    flushHistory([]);
    await settle(fixture);

    expect(text(page.querySelector('.notice'))).toContain(
      'Someone else changed new-cart in st1 since you read it',
    );
    expect(page.querySelector('.notice')?.getAttribute('role')).toBe('alert');
    expect(text(row('st1')?.querySelector('.setting'))).toBe('on');
    // the form follows the setting read again, ready for the change to be made again at version 4
    expect(page.querySelector<HTMLInputElement>('mat-radio-button[value="on"] input')?.checked).toBeTrue();
  });

  it("shows the server's refusal of a field under that field", async () => {
    await open();
    await click('tr[data-environment="st1"] button.edit');
    await submitSetting();

    flushProblem(http.expectOne(`${togglePath}/environments/st1`), {
      status: 400,
      detail: 'The request is not valid.',
      errors: [{ field: 'body.percentage', message: 'must be between 0 and 100' }],
    });
    await settle(fixture);

    expect(fieldErrors(page)).toEqual(['The percentage must be between 0 and 100.']);
  });

  it('says a protected change waits for approval by someone else, whose Approve it is (202)', async () => {
    await open();
    await click('tr[data-environment="pr1"] button.edit');
    await click('mat-radio-button[value="on"] input');
    await submitSetting();

    http.expectOne(`${togglePath}/environments/pr1`).flush(
      testToggle({
        environments: [
          testSetting({ state: 'percentage', percentage: 10, version: 3 }),
          testSetting({ environment: 'pr1', type: 'Prod', state: 'off', pending: { requestedBy: 'ada' } }),
        ],
      }),
      { status: 202, statusText: 'Accepted' },
    );
    await settle(fixture);
    flushHistory([]);
    await settle(fixture);

    expect(text(page.querySelector('.notice'))).toBe(
      'The change of new-cart in pr1 is waiting for approval by someone else.',
    );
    expect(text(row('pr1')?.querySelector('.setting'))).toBe('off waiting for approval: on, asked by ada');
    const approve = row('pr1')!.querySelector<HTMLButtonElement>('button.approve')!;
    expect(approve.getAttribute('aria-disabled')).toBe('true');
    expect(tooltipOf(fixture, 'tr[data-environment="pr1"] button.approve')).toBe(
      'You asked for this change: it waits for approval by someone else.',
    );
    approve.click();
    await settle(fixture);
  });

  it('approves the change someone else asked for, at the version read', async () => {
    const waiting = testSetting({ environment: 'pr1', type: 'Prod', state: 'off', version: 2, pending: {} });
    await open({ toggle: testToggle({ environments: [waiting] }) });
    await click('tr[data-environment="pr1"] button.approve');

    const approve = http.expectOne(`${togglePath}/environments/pr1/approve`);
    expect(approve.request.method).toBe('POST');
    expect(approve.request.headers.get('If-Match')).toBe('"2"');
    approve.flush(
      testToggle({ environments: [testSetting({ environment: 'pr1', type: 'Prod', version: 3 })] }),
    );
    await settle(fixture);
    flushHistory([]);
    await settle(fixture);

    expect(text(page.querySelector('.notice'))).toBe(
      'The change of new-cart in pr1 is approved and applied.',
    );
    expect(row('pr1')?.querySelector('button.approve')).toBeNull();
  });

  it('turns it off in one environment with the kill switch, once confirmed with a reason', async () => {
    await open();
    killSwitch.confirm.and.resolveTo('error spike');
    await click('tr[data-environment="st1"] button.kill');

    expect(killSwitch.confirm).toHaveBeenCalledWith({ toggle: 'new-cart', environment: 'st1' });
    const kill = http.expectOne(`${togglePath}/kill`);
    expect(sentBody(kill)).toEqual({ environment: 'st1', reason: 'error spike' });
    kill.flush(testToggle({ environments: [testSetting({ state: 'off', version: 4 })] }));
    await settle(fixture);
    flushHistory([]);
    await settle(fixture);

    expect(text(page.querySelector('.notice'))).toBe('new-cart is off in st1.');
  });

  it('turns it off everywhere with the kill switch, and sends nothing when the user keeps it', async () => {
    await open();
    killSwitch.confirm.and.resolveTo(null);
    await click('button.kill-everywhere');
    http.expectNone(`${togglePath}/kill`);

    killSwitch.confirm.and.resolveTo('incident 42');
    await click('button.kill-everywhere');
    expect(killSwitch.confirm).toHaveBeenCalledWith({ toggle: 'new-cart', environment: undefined });
    const kill = http.expectOne(`${togglePath}/kill`);
    expect(sentBody(kill)).toEqual({ reason: 'incident 42' });
    kill.flush(testToggle({ environments: [testSetting({ state: 'off', version: 4 })] }));
    await settle(fixture);
    flushHistory([]);
  });

  it('archives it once confirmed', async () => {
    await open();
    await click('button.archive');

    expect(confirm).toHaveBeenCalled();
    const archive = http.expectOne(togglePath);
    expect(archive.request.method).toBe('DELETE');
    archive.flush(testToggle({ archived: true }));
    await settle(fixture);
    flushHistory([]);
    await settle(fixture);

    expect(text(page.querySelector('.archived'))).toContain('Archived');
    expect(page.querySelector('button.edit')?.getAttribute('aria-disabled')).toBe('true');
  });

  it('disables what the user may not do, with the reason in words', async () => {
    await open({
      grants: [{ Action: 'manage-feature-toggles', Clusters: ['Payments'], EnvironmentTypes: ['Staging'] }],
    });

    expect(row('st1')?.querySelector('button.edit')?.getAttribute('aria-disabled')).not.toBe('true');
    expect(row('pr1')?.querySelector('button.edit')?.getAttribute('aria-disabled')).toBe('true');
    expect(tooltipOf(fixture, 'tr[data-environment="pr1"] button.edit')).toBe(
      'Needs the "manage-feature-toggles" permission for team Payments and environment type Prod.',
    );
    expect(tooltipOf(fixture, 'tr[data-environment="pr1"] button.kill')).toBe(
      'It is not set here: it is off already.',
    );
    expect(page.querySelector('button.archive')?.getAttribute('aria-disabled')).not.toBe('true');

    await click('tr[data-environment="pr1"] button.edit');
    expect(page.querySelector('app-setting-form')).toBeNull();
  });

  it('disables every change for a user of another team', async () => {
    await open({ grants: [] });

    expect(page.querySelector('button.kill-everywhere')?.getAttribute('aria-disabled')).toBe('true');
    expect(text(page.querySelector('#kill-all-blocker'))).toContain('for team Payments in every environment');
    expect(text(page.querySelector('#archive-blocker'))).toBe(
      'Archive: Needs the "manage-feature-toggles" permission for team Payments.',
    );
  });

  it('shows the history of its settings, old and new side by side', async () => {
    killSwitch = jasmine.createSpyObj<KillSwitch>('KillSwitch', ['confirm']);
    ({ fixture, page, http } = await openTestPage(TogglePage, {
      grants: [],
      inputs: { service: 'checkout', name: 'new-cart' },
      replies: (mock) => flushReads(mock, atTenPercent()),
    }));
    const history = flushHistory([
      testAuditEntry({
        id: '01KB0000000000000000000002',
        type: 'FeatureToggleState',
        key: 'checkout/new-cart/st1',
        by: 'grace',
        oldValue: { State: 'off', Reason: 'created off' },
        newValue: { State: 'percentage', Percentage: 10, Reason: 'launch' },
      }),
      testAuditEntry({
        id: '01KB0000000000000000000003',
        type: 'FeatureToggleState',
        key: 'checkout/other/st1',
      }),
    ]);
    await settle(fixture);

    expect(history.request.params.get('since')).toBe('2026-11-01T09:00:00.000Z');
    const changes = page.querySelectorAll('app-toggle-history article');
    expect(changes.length).toBe(1);
    expect(text(changes[0]!.querySelector('h3'))).toContain('st1:');
    expect(text(changes[0]!.querySelector('h3'))).toContain('by grace');
    const diff = text(changes[0]!.querySelector('table.diff'));
    expect(diff).toContain('Removed: "State": "off"');
    expect(diff).toContain('Added: "State": "percentage"');
  });
});
