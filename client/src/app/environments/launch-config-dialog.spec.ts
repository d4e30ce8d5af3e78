import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { Grant } from '@shared/auth/permission';
import { configureTestPage } from '../core/test-page';
import { flushProblem } from '../core/test-problem';
import { settle } from '../core/settle';
import { testSignIn } from '../core/test-sign-in';
import { LaunchConfigDialog, type LaunchConfigDialogData } from './launch-config-dialog';
import { testImage, testLaunchConfig } from './test-fleet';
import { flushTypeProtections } from './test-type-protections';

describe('LaunchConfigDialog', () => {
  let fixture: ComponentFixture<LaunchConfigDialog>;
  let page: HTMLElement;
  let http: HttpTestingController;

  const configUrl = '/api/v1/asgs/st1-inf-Web-blue/launch-config?environment=st1';
  const images = [
    testImage('ami-0aaaaaaaaaaaaaaa2', '1.1.0', { latestStable: true, rank: 1 }),
    testImage('ami-0aaaaaaaaaaaaaaa1', '1.0.0', { rank: 2 }),
    testImage('ami-0bbbbbbbbbbbbbbb1', '2.0.0', { type: 'batch-linux', latestStable: true }),
  ];

  const operator: Grant = { Action: 'operate-asgs', Clusters: ['Infra'], EnvironmentTypes: ['Staging'] };

  /**
   * Opens the dialog for Infra's Web group in a Staging environment, for a user with these grants
   * (operate-asgs there, Staging protecting nothing, by default); Staging's `ProtectedActions`, when given,
   * answer the read the dialog makes for a holder of the permission without admin.
   */
  async function open(
    options: { grants: Grant[]; protectedActions?: readonly string[] } = {
      grants: [operator],
      protectedActions: [],
    },
  ): Promise<void> {
    const data: LaunchConfigDialogData = {
      environment: 'st1',
      asg: 'st1-inf-Web-blue',
      role: 'Web',
      image: { Name: 'web-linux-1.0.0', Age: 40, IsLatestStable: false },
      scope: { cluster: 'Infra', environmentType: 'Staging' },
    };
    http = configureTestPage(LaunchConfigDialog, [
      { provide: MAT_DIALOG_DATA, useValue: data },
      { provide: MatDialogRef, useValue: { close: jasmine.createSpy('close') } },
    ]);
    await testSignIn(http, options.grants);
    fixture = TestBed.createComponent(LaunchConfigDialog);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne(configUrl).flush(testLaunchConfig());
    await settle(fixture);
    if (options.protectedActions) {
      flushTypeProtections(http, 'Staging', options.protectedActions);
      await settle(fixture);
    }
  }

  afterEach(() => http.verify());

  const text = (css: string) => page.querySelector(css)?.textContent?.replace(/\s+/g, ' ').trim();
  const button = (css: string) => page.querySelector<HTMLButtonElement>(`button.${css}`)!;

  async function startChange(): Promise<void> {
    button('change').click();
    await settle(fixture);
    http.expectOne('/api/v1/images').flush(images);
    await settle(fixture);
  }

  function choose(imageId: string, instanceType?: string): void {
    const select = page.querySelector<HTMLSelectElement>('select[name="ImageId"]')!;
    select.value = imageId;
    select.dispatchEvent(new Event('change'));
    if (instanceType !== undefined) {
      const input = page.querySelector<HTMLInputElement>('input[name="InstanceType"]')!;
      input.value = instanceType;
      input.dispatchEvent(new Event('input'));
    }
  }

  async function save(): Promise<void> {
    button('save').click();
    await settle(fixture);
  }

  it('shows the image, instance type, profile, security groups, volumes and services launched', async () => {
    await open();

    expect(text('.image')).toBe(
      'web-linux-1.0.0 (ami-0aaaaaaaaaaaaaaa1) · 40 days old · not the latest stable',
    );
    expect(text('.instance-type')).toBe('t3.small');
    expect(text('.instance-profile')).toBe('st1-web-profile');
    expect(text('.security-groups')).toBe('sg-0123456789abcdef0, sg-0fedcba9876543210');
    expect(Array.from(page.querySelectorAll('.volumes .item')).map((v) => v.textContent?.trim())).toEqual([
      'OS /dev/xvda: 30 GiB SSD',
      'Data /dev/sdb: 100 GiB Disk',
    ]);
    expect(text('.services')).toBe('web 1.2.0');
    expect(text('.template')).toBe('lt-0123456789abcdef0 version 3');
    expect(button('change').getAttribute('aria-disabled')).not.toBe('true');
  });

  it('disables Change with the reason for a user without operate-asgs there', async () => {
    await open({ grants: [{ ...operator, EnvironmentTypes: ['Prod'] }] });

    expect(button('change').getAttribute('aria-disabled')).toBe('true');
    expect(button('change').getAttribute('aria-describedby')).toContain('launch-config-blocker');
    expect(text('#launch-config-blocker')).toBe(
      'Changing launch configurations needs operate-asgs on Staging environments of Infra.',
    );
    button('change').click();
    await settle(fixture);
    expect(page.querySelector('form')).toBeNull();
  });

  it('disables Change for a holder of operate-asgs alone where Staging protects it, saying who may', async () => {
    await open({ grants: [operator], protectedActions: ['operate-asgs'] });

    expect(button('change').getAttribute('aria-disabled')).toBe('true');
    expect(button('change').getAttribute('aria-describedby')).toContain('launch-config-blocker');
    expect(text('#launch-config-blocker')).toBe(
      'Staging protects operate-asgs: an admin of Infra and Staging may do this.',
    );
    button('change').click();
    await settle(fixture);
    expect(page.querySelector('form')).toBeNull();
  });

  it('offers Change to a holder of operate-asgs and admin there where Staging protects it', async () => {
    await open({
      grants: [operator, { Action: 'admin', Clusters: ['Infra'], EnvironmentTypes: ['Staging'] }],
    });

    expect(page.querySelector('#launch-config-blocker')).toBeNull();
    await startChange();
    expect(page.querySelector('form')).not.toBeNull();
  });

  it('says only new instances get the change, and marks the latest stable image of the current type', async () => {
    await open();
    await startChange();

    expect(text('.only-new')).toContain('Only new instances get this change.');
    expect(text('.only-new')).toContain(
      'keep their configuration until a patch or a deployment replaces them',
    );
    const options = Array.from(page.querySelectorAll('select[name="ImageId"] option')).map((o) =>
      o.textContent?.trim(),
    );
    expect(options).toEqual([
      'web-linux-1.1.0 (ami-0aaaaaaaaaaaaaaa2) — latest stable',
      'web-linux-1.0.0 (ami-0aaaaaaaaaaaaaaa1) — current',
      'batch-linux-2.0.0 (ami-0bbbbbbbbbbbbbbb1)',
    ]);
    expect(page.querySelector<HTMLSelectElement>('select[name="ImageId"]')!.value).toBe(
      'ami-0aaaaaaaaaaaaaaa1',
    );
  });

  it('sends only the changed image, then closes the form and shows the configuration reloaded', async () => {
    await open();
    await startChange();
    choose('ami-0aaaaaaaaaaaaaaa2');
    await save();

    const put = http.expectOne({ method: 'PUT', url: configUrl });
    expect(put.request.body).toEqual({ ImageId: 'ami-0aaaaaaaaaaaaaaa2' });
    put.flush(testLaunchConfig({ AMI: 'web-linux-1.1.0', ImageId: 'ami-0aaaaaaaaaaaaaaa2' }));
    await settle(fixture);
    const reload = http.expectOne({ method: 'GET', url: configUrl });
    reload.flush(
      testLaunchConfig({
        AMI: 'web-linux-1.1.0',
        ImageId: 'ami-0aaaaaaaaaaaaaaa2',
        LaunchTemplate: { LaunchTemplateId: 'lt-0123456789abcdef0', Version: '4' },
      }),
    );
    await settle(fixture);

    expect(page.querySelector('form')).toBeNull();
    expect(text('.image')).toContain('web-linux-1.1.0 (ami-0aaaaaaaaaaaaaaa2)');
    expect(text('.template')).toBe('lt-0123456789abcdef0 version 4');
    expect(text('.saved')).toContain('the running ones keep theirs');
  });

  it('sends only the instance type when only it changed, and nothing when nothing did', async () => {
    await open();
    await startChange();
    await save();
    expect(text('.unchanged')).toContain('Nothing is changed');
    http.expectNone({ method: 'PUT', url: configUrl });

    choose('ami-0aaaaaaaaaaaaaaa1', 'm5.large');
    await save();
    const put = http.expectOne({ method: 'PUT', url: configUrl });
    expect(put.request.body).toEqual({ InstanceType: 'm5.large' });
    put.flush(testLaunchConfig({ InstanceType: 'm5.large' }));
    await settle(fixture);
    http.expectOne({ method: 'GET', url: configUrl }).flush(testLaunchConfig({ InstanceType: 'm5.large' }));
    await settle(fixture);
    expect(text('.instance-type')).toBe('m5.large');
  });

  for (const problem of [
    { status: 423, detail: 'Deployments to st1 are locked: Release freeze.' },
    { status: 409, detail: 'Deployment d-1 is working on st1-inf-Web-blue.' },
  ]) {
    it(`shows a ${problem.status} refusal in the dialog and keeps the form`, async () => {
      await open();
      await startChange();
      choose('ami-0aaaaaaaaaaaaaaa2');
      await save();

      flushProblem(http.expectOne({ method: 'PUT', url: configUrl }), problem);
      await settle(fixture);

      expect(text('app-problem-banner')).toContain(problem.detail);
      expect(page.querySelector('form')).not.toBeNull();
      expect(text('.image')).toBeUndefined();
    });
  }

  it('shows a 400 field error under its field', async () => {
    await open();
    await startChange();
    choose('ami-0aaaaaaaaaaaaaaa1', 'x9.huge');
    await save();

    flushProblem(http.expectOne({ method: 'PUT', url: configUrl }), {
      status: 400,
      detail: 'The launch configuration is not valid.',
      errors: [{ field: 'body.InstanceType', message: 'is not offered in this region' }],
    });
    await settle(fixture);

    expect(text('app-problem-banner')).toContain('The launch configuration is not valid.');
    expect(text('mat-error')).toBe('The instance type is not offered in this region.');
  });
});
