import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { Grant } from '@shared/auth/permission';
import type { EnvironmentType } from '@shared/catalogue/environment-type';
import { settle } from '../../core/settle';
import { sentBody, typeInto } from '../../core/test-form';
import { openTestPage } from '../../core/test-page';
import { adminGrant } from '../../core/test-sign-in';
import { EnvironmentTypeEditPage } from './environment-type-edit-page';
import { flushProblem } from '../../core/test-problem';

const prod: EnvironmentType = {
  EnvironmentType: 'Prod',
  Value: { Region: 'eu-west-1', ProtectedActions: ['deploy'], RequiresApproval: true },
  Version: 7,
};

describe('EnvironmentTypeEditPage', () => {
  let fixture: ComponentFixture<EnvironmentTypeEditPage>;
  let page: HTMLElement;
  let http: HttpTestingController;
  let navigate: jasmine.Spy;

  async function open(options: { grants: Grant[]; name?: string; type?: EnvironmentType }): Promise<void> {
    ({ fixture, page, http } = await openTestPage(EnvironmentTypeEditPage, {
      grants: options.grants,
      inputs: { name: options.name },
      replies: (http) => {
        if (options.name) {
          http.expectOne(`/api/v1/config/environment-types/${options.name}`).flush(options.type ?? prod);
        }
      },
    }));
    navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
  }

  afterEach(() => http.verify());

  const check = (name: string) =>
    page.querySelector<HTMLInputElement>(`input[type="checkbox"][name="${name}"]`)!.click();
  const save = () => page.querySelector<HTMLButtonElement>('button.save')!.click();

  it('disables Save with the reason for a user without admin', async () => {
    await open({ grants: [], name: 'Prod' });

    expect(page.querySelector('button.save')?.getAttribute('aria-disabled')).toBe('true');
    expect(page.querySelector('.read-only')?.textContent).toContain('Needs the "admin" permission');
  });

  it('creates a type with the checked protected actions and approval', async () => {
    await open({ grants: [adminGrant] });
    typeInto(page, 'EnvironmentType', 'Prod');
    typeInto(page, 'AWSAccountNumber', '123456789012');
    typeInto(page, 'Region', 'eu-west-1');
    check('protect-deploy');
    check('protect-lock-environments');
    check('RequiresApproval');
    await settle(fixture);
    save();
    await settle(fixture);

    const request = http.expectOne('/api/v1/config/environment-types');
    expect(request.request.method).toBe('POST');
    expect(sentBody(request)).toEqual({
      EnvironmentType: 'Prod',
      Value: {
        AWSAccountNumber: '123456789012',
        Region: 'eu-west-1',
        ProtectedActions: ['deploy', 'lock-environments'],
        RequiresApproval: true,
      },
    });
    request.flush({ ...prod, Version: 1 });
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith(['/configuration/environment-types']);
  });

  it('refuses an account number that is not 12 digits before sending', async () => {
    await open({ grants: [adminGrant] });
    typeInto(page, 'EnvironmentType', 'Prod');
    typeInto(page, 'AWSAccountNumber', '1234');
    save();
    await settle(fixture);

    http.expectNone('/api/v1/config/environment-types');
    expect(page.querySelector('mat-error')?.textContent).toContain('must be a 12-digit AWS account number');
  });

  it('updates with If-Match and shows the server field error at its field', async () => {
    await open({ grants: [adminGrant], name: 'Prod' });
    expect(
      page.querySelector<HTMLInputElement>('input[type="checkbox"][name="protect-deploy"]')!.checked,
    ).toBeTrue();
    check('protect-deploy');
    typeInto(page, 'Region', 'eu-west-9');
    await settle(fixture);
    save();
    await settle(fixture);

    const request = http.expectOne('/api/v1/config/environment-types/Prod');
    expect(request.request.method).toBe('PUT');
    expect(request.request.headers.get('If-Match')).toBe('"7"');
    expect(sentBody(request)).toEqual({ Region: 'eu-west-9', ProtectedActions: [], RequiresApproval: true });
    flushProblem(request, {
      title: 'Bad request',
      status: 400,
      detail: 'invalid body',
      errors: [{ field: 'body.Region', message: 'is not a region this portal manages' }],
    });
    await settle(fixture);

    expect(page.querySelector('mat-error')?.textContent?.trim()).toBe(
      'The region is not a region this portal manages.',
    );
    expect(navigate).not.toHaveBeenCalled();
  });

  it("keeps the protected actions it has no checkbox for and the fields it does not show, as the original's types have them", async () => {
    // the type as the original wrote it: free-form actions beside one of ours, and its network settings
    const original = {
      Consul: { DataCenter: 'prod-eu-west-1', Port: 8500, Servers: ['consul-1.prod.internal'] },
      LoadBalancers: ['prod-ttl-internal'],
      Subnets: { PrivateApp: { AvailabilityZoneA: 'subnet-0a1b2c3d', Secure: false } },
      VpcId: 'vpc-0a1b2c3d',
    };
    await open({
      grants: [adminGrant],
      name: 'Prod',
      type: {
        ...prod,
        Value: {
          ...prod.Value,
          ...original,
          ProtectedActions: ['BULK_PATCH_AMI', 'deploy', 'SCHEDULE_ENVIRONMENT'],
        },
      },
    });
    await settle(fixture);
    expect(page.querySelector('.other-protected')?.textContent).toContain(
      'BULK_PATCH_AMI, SCHEDULE_ENVIRONMENT',
    );
    check('protect-toggle-slices');
    await settle(fixture);
    save();
    await settle(fixture);
    const request = http.expectOne('/api/v1/config/environment-types/Prod');
    expect(sentBody(request).ProtectedActions).toEqual([
      'BULK_PATCH_AMI',
      'SCHEDULE_ENVIRONMENT',
      'deploy',
      'toggle-slices',
    ]);
    expect(sentBody(request)).toEqual(jasmine.objectContaining(original));
  });
});
