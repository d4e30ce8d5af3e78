import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { Grant } from '@shared/auth/permission';
import type { DeploymentPlan } from '@shared/deployments/deployment';
import { settle } from '../core/settle';
import { sentBody, typeInto } from '../core/test-form';
import { configureTestPage } from '../core/test-page';
import { flushProblem } from '../core/test-problem';
import { testSignIn } from '../core/test-sign-in';
import { DeployDialog, type DeployDialogData } from '../environments/deploy-dialog';
import { testSetting, testToggle } from '../toggles/test-toggle';

describe('DeployDialog with feature toggles', () => {
  let fixture: ComponentFixture<DeployDialog>;
  let page: HTMLElement;
  let http: HttpTestingController;

  const data: DeployDialogData = {
    environment: 'st1',
    environmentType: 'Staging',
    targets: [{ service: 'web', serverRole: 'Web', cluster: 'Payments', fleetPerSlice: true }],
  };
  const toggler: Grant = {
    Action: 'manage-feature-toggles',
    Clusters: ['Payments'],
    EnvironmentTypes: ['Staging'],
  };
  const toggles = [
    testToggle({
      service: 'web',
      name: 'new-cart',
      environments: [testSetting({ environment: 'st1', state: 'percentage', percentage: 10 })],
    }),
    testToggle({ service: 'web', name: 'dark-mode' }),
  ];

  async function open(grants: Grant[]): Promise<void> {
    http = configureTestPage(DeployDialog, [
      { provide: MAT_DIALOG_DATA, useValue: data },
      { provide: MatDialogRef, useValue: { close: jasmine.createSpy('close') } },
    ]);
    await testSignIn(http, grants);
    fixture = TestBed.createComponent(DeployDialog);
    page = fixture.nativeElement as HTMLElement;
    await settle(fixture);
  }

  afterEach(() => http.verify());

  const button = (css: string) => page.querySelector<HTMLButtonElement>(`button.${css}`)!;

  async function addChange(options: { first?: boolean } = {}): Promise<void> {
    button('add-toggle').click();
    await settle(fixture);
    if (options.first) {
      http
        .expectOne((r) => r.url === '/api/v1/feature-toggles' && r.params.get('service') === 'web')
        .flush(toggles);
      await settle(fixture);
    }
  }

  async function chooseBlueGreen(steps: string): Promise<void> {
    page.querySelectorAll<HTMLInputElement>('mat-radio-group[aria-label="Strategy"] input')[1]!.click();
    await settle(fixture);
    typeInto(page, 'canarySteps', steps);
    await settle(fixture);
  }

  function plan(extra: Partial<DeploymentPlan>): DeploymentPlan {
    return {
      environment: 'st1',
      environmentType: 'Staging',
      service: 'web',
      version: '2.0.0',
      mode: 'bg',
      slice: 'blue',
      serverRole: 'Web',
      owningCluster: 'Payments',
      autoScalingGroupName: 'st1-pay-Web-blue',
      resources: { AutoScalingGroup: 'st1-pay-Web-blue' },
      requireApproval: false,
      canarySteps: [],
      bakeSeconds: 0,
      steps: ['launch-new-instances'],
      currentVersions: ['1.9.0'],
      instances: 2,
      warnings: [],
      ...extra,
    };
  }

  it('lists the live toggles with their setting here and sends the changes with the dry run', async () => {
    await open([toggler]);
    await addChange({ first: true });
    const options = Array.from(page.querySelectorAll('select[name="toggle-0"] option')).map((o) =>
      o.textContent?.trim(),
    );
    expect(options).toEqual(['new-cart (now 10%)', 'dark-mode (now not set (off))']);

    page.querySelectorAll<HTMLInputElement>('fieldset.change mat-radio-button input')[2]!.click();
    await settle(fixture);
    expect(page.querySelector('mat-slider')).not.toBeNull();
    typeInto(page, 'toggle-percentage-0', '25.5');
    typeInto(page, 'toggle-include-groups-0', 'beta, staff');
    await addChange();
    page.querySelectorAll<HTMLInputElement>('fieldset.change')[1]!.querySelectorAll('input')[1]!.click();
    typeInto(page, 'version', '2.0.0');
    button('dry-run').click();
    await settle(fixture);

    const request = http.expectOne('/api/v1/deployments?dry_run=true');
    expect(sentBody(request).toggles).toEqual([
      {
        name: 'new-cart',
        state: 'percentage',
        percentage: 25.5,
        include: { users: [], groups: ['beta', 'staff'] },
        exclude: { users: [], groups: [] },
      },
      {
        name: 'dark-mode',
        state: 'on',
        include: { users: [], groups: [] },
        exclude: { users: [], groups: [] },
      },
    ]);
    const none = { users: [], groups: [] };
    request.flush(
      plan({
        mode: 'overwrite',
        featureToggles: [
          {
            name: 'new-cart',
            state: 'percentage',
            percentage: 25.5,
            include: { users: [], groups: ['beta', 'staff'] },
            exclude: none,
            current: { state: 'percentage', percentage: 10, version: 3 },
            onSuccess: 'applied',
          },
          {
            name: 'dark-mode',
            state: 'on',
            include: none,
            exclude: none,
            current: null,
            onSuccess: 'pending',
          },
        ],
      }),
    );
    await settle(fixture);

    const planned = Array.from(page.querySelectorAll('.planned-toggles li')).map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(planned[0]).toContain('new-cart: 10% → 25.5% · 2 groups included — applied on success');
    expect(planned[1]).toContain('dark-mode: off (never set here) → on — will wait for approval');
  });

  it('lets a blue/green canary pick a toggle and shows its percentage at each step', async () => {
    await open([toggler]);
    await chooseBlueGreen('10,50,100');
    button('pick-canary').click();
    await settle(fixture);
    http.expectOne((r) => r.url === '/api/v1/feature-toggles').flush(toggles);
    await settle(fixture);
    const canary = page.querySelector<HTMLSelectElement>('select[name="canaryToggle"]')!;
    canary.value = 'new-cart';
    canary.dispatchEvent(new Event('change'));
    typeInto(page, 'version', '2.0.0');
    button('dry-run').click();
    await settle(fixture);

    const request = http.expectOne('/api/v1/deployments?dry_run=true');
    expect(sentBody(request).canaryToggle).toBe('new-cart');
    expect(sentBody(request).toggles).toBeUndefined();
    request.flush(
      plan({
        canarySteps: [10, 50, 100],
        canaryToggle: { name: 'new-cart', current: { state: 'off', version: 1 }, percentages: [10, 50, 100] },
      }),
    );
    await settle(fixture);

    expect(page.querySelector('.planned-canary')?.textContent).toContain('new-cart (now off)');
    const steps = Array.from(page.querySelectorAll('.canary-steps li')).map((li) => li.textContent?.trim());
    expect(steps).toEqual(['10% of traffic: 10%', '50% of traffic: 50%', '100% of traffic: on']);
  });

  it('offers no canary toggle without canary steps', async () => {
    await open([toggler]);
    await chooseBlueGreen('');

    expect(page.querySelector('button.pick-canary')).toBeNull();
  });

  it('shows a refusal naming a change under that change, and the canary toggle under its field', async () => {
    await open([toggler]);
    await chooseBlueGreen('10,100');
    await addChange({ first: true });
    typeInto(page, 'version', '2.0.0');
    button('dry-run').click();
    await settle(fixture);

    flushProblem(http.expectOne('/api/v1/deployments?dry_run=true'), {
      status: 400,
      detail: 'the deployment names toggles it cannot change',
      errors: [
        { field: 'body.toggles.0.name', message: 'is archived' },
        { field: 'body.canaryToggle', message: 'is not a toggle of web' },
      ],
    });
    await settle(fixture);

    expect(page.querySelector('fieldset.change .toggle-name-error')?.textContent).toContain(
      'The toggle is archived.',
    );
    expect(page.querySelector('.canary-error')?.textContent).toContain(
      'The canary toggle is not a toggle of web.',
    );
  });

  it('checks a change with the shared schema before asking the server', async () => {
    await open([toggler]);
    await addChange({ first: true });
    typeInto(page, 'toggle-include-users-0', 'x'.repeat(201));
    typeInto(page, 'version', '2.0.0');
    button('dry-run').click();
    await settle(fixture);

    http.expectNone((r) => r.url.startsWith('/api/v1/deployments'));
    expect(page.querySelector('fieldset.change mat-error')?.textContent).toContain('The included users');
  });

  it('says in words when the server refuses the toggle changes (403)', async () => {
    await open([toggler]);
    await addChange({ first: true });
    typeInto(page, 'version', '2.0.0');
    button('deploy').click();
    await settle(fixture);

    flushProblem(http.expectOne('/api/v1/deployments'), {
      status: 403,
      detail: 'ada may not manage-feature-toggles for Payments in Staging',
    });
    await settle(fixture);

    expect(page.querySelector('[role="alert"]')?.textContent).toContain(
      'ada may not manage-feature-toggles for Payments in Staging',
    );
  });

  it('offers the section disabled with the reason without manage-feature-toggles there', async () => {
    await open([
      { ...toggler, EnvironmentTypes: ['Prod'] },
      { Action: 'deploy', Clusters: 'all', EnvironmentTypes: 'all' },
    ]);
    await chooseBlueGreen('10,100');

    expect(button('add-toggle').disabled).toBeTrue();
    expect(button('pick-canary').disabled).toBeTrue();
    expect(button('add-toggle').getAttribute('aria-describedby')).toBe('deploy-toggles-blocker');
    expect(page.querySelector('#deploy-toggles-blocker')?.textContent).toContain(
      'needs the "manage-feature-toggles" permission for team Payments and environment type Staging',
    );
    http.expectNone((r) => r.url === '/api/v1/feature-toggles');
  });

  it('stops adding once every toggle has a change, and drops a change on request', async () => {
    await open([toggler]);
    await addChange({ first: true });
    await addChange();

    expect(button('add-toggle').disabled).toBeTrue();
    expect(page.querySelector('#deploy-toggles-add-blocker')?.textContent).toContain(
      'Every toggle has a change already.',
    );
    button('remove-toggle').click();
    await settle(fixture);
    expect(page.querySelectorAll('fieldset.change').length).toBe(1);
    expect(button('add-toggle').disabled).toBeFalse();
  });
});
