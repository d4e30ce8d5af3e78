import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { Grant } from '@shared/auth/permission';
import type { Account } from '@shared/catalogue/account';
import { settle } from '../../core/settle';
import { fieldErrors, sentBody, tooltipOf, typeInto } from '../../core/test-form';
import { openTestPage } from '../../core/test-page';
import { flushProblem } from '../../core/test-problem';
import { adminGrant } from '../../core/test-sign-in';
import { AwsAccountEditPage } from './aws-account-edit-page';

const live: Account = {
  AccountName: 'live',
  AccountNumber: '210987654321',
  RoleArn: 'arn:aws:iam::210987654321:role/environment-manager',
  IncludeAMIs: true,
  Version: 3,
};

describe('AwsAccountEditPage', () => {
  let fixture: ComponentFixture<AwsAccountEditPage>;
  let page: HTMLElement;
  let http: HttpTestingController;
  let navigate: jasmine.Spy;

  async function open(options: { grants: Grant[]; accountNumber?: string }): Promise<void> {
    ({ fixture, page, http } = await openTestPage(AwsAccountEditPage, {
      grants: options.grants,
      inputs: { accountNumber: options.accountNumber },
      replies: (http) => {
        if (options.accountNumber) {
          http.expectOne(`/api/v1/config/accounts/${options.accountNumber}`).flush(live);
        }
      },
    }));
    navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
  }

  afterEach(() => http.verify());

  const input = (name: string) => page.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  async function save(): Promise<void> {
    await settle(fixture);
    page.querySelector<HTMLButtonElement>('button.save')!.click();
    await settle(fixture);
  }

  it('creates an account with its number, name, role and AMI setting', async () => {
    await open({ grants: [adminGrant] });
    typeInto(page, 'AccountNumber', '210987654321');
    typeInto(page, 'AccountName', 'live');
    typeInto(page, 'RoleArn', 'arn:aws:iam::210987654321:role/environment-manager');
    input('IncludeAMIs').click();
    await save();

    const request = http.expectOne('/api/v1/config/accounts');
    expect(request.request.method).toBe('POST');
    expect(sentBody(request)).toEqual({
      AccountNumber: '210987654321',
      AccountName: 'live',
      RoleArn: 'arn:aws:iam::210987654321:role/environment-manager',
      IncludeAMIs: true,
    });
    request.flush({ ...live, Version: 1 });
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith(['/configuration/aws-accounts']);
  });

  it("sends an empty role as null: the account is reached with the portal's own credentials", async () => {
    await open({ grants: [adminGrant] });
    typeInto(page, 'AccountNumber', '123456789012');
    typeInto(page, 'AccountName', 'home');
    await save();

    const request = http.expectOne('/api/v1/config/accounts');
    expect(sentBody(request)).toEqual({
      AccountNumber: '123456789012',
      AccountName: 'home',
      RoleArn: null,
      IncludeAMIs: false,
    });
    request.flush({
      AccountName: 'home',
      AccountNumber: '123456789012',
      RoleArn: null,
      IncludeAMIs: false,
      Version: 1,
    });
    await settle(fixture);
  });

  it('refuses a role that is not an IAM role ARN before sending', async () => {
    await open({ grants: [adminGrant] });
    typeInto(page, 'AccountNumber', '123456789012');
    typeInto(page, 'AccountName', 'home');
    typeInto(page, 'RoleArn', 'environment-manager');
    await save();

    http.expectNone('/api/v1/config/accounts');
    expect(fieldErrors(page)).toEqual(['The role ARN must be an IAM role ARN.']);
  });

  it('updates the name, role and AMI setting at the version it read, the number kept as the key', async () => {
    await open({ grants: [adminGrant], accountNumber: '210987654321' });
    expect(input('AccountNumber').value).toBe('210987654321');
    expect(input('AccountNumber').disabled).toBeTrue();
    expect(input('RoleArn').value).toBe('arn:aws:iam::210987654321:role/environment-manager');
    expect(input('IncludeAMIs').checked).toBeTrue();
    typeInto(page, 'AccountName', 'production');
    typeInto(page, 'RoleArn', '');
    await save();

    const request = http.expectOne('/api/v1/config/accounts/210987654321');
    expect(request.request.method).toBe('PUT');
    expect(request.request.headers.get('If-Match')).toBe('"3"');
    expect(sentBody(request)).toEqual({ AccountName: 'production', RoleArn: null, IncludeAMIs: true });
    request.flush({ ...live, AccountName: 'production', RoleArn: null, Version: 4 });
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith(['/configuration/aws-accounts']);
  });

  it('says someone else changed the account and reloads the version saved meanwhile', async () => {
    await open({ grants: [adminGrant], accountNumber: '210987654321' });
    typeInto(page, 'AccountName', 'production');
    await save();
    flushProblem(http.expectOne('/api/v1/config/accounts/210987654321'), {
      status: 409,
      detail: 'Account 210987654321 has changed: you sent version 3, the current version is 4',
    });
    await settle(fixture);

    expect(page.querySelector('app-config-problem')?.textContent).toContain('Someone else changed this');
    expect(navigate).not.toHaveBeenCalled();
    page.querySelector<HTMLButtonElement>('button.reload')!.click();
    await settle(fixture);
    http
      .expectOne('/api/v1/config/accounts/210987654321')
      .flush({ ...live, AccountName: 'prod', Version: 4 });
    await settle(fixture);

    expect(input('AccountName').value).toBe('prod');
    expect(page.querySelector('app-config-problem')).toBeNull();
    await save();
    const again = http.expectOne('/api/v1/config/accounts/210987654321');
    expect(again.request.headers.get('If-Match')).toBe('"4"');
    again.flush({ ...live, AccountName: 'prod', Version: 5 });
    await settle(fixture);
  });

  it("shows the server's complaint about a field under that field", async () => {
    await open({ grants: [adminGrant], accountNumber: '210987654321' });
    typeInto(page, 'RoleArn', 'arn:aws:iam::999999999999:role/environment-manager');
    await save();
    flushProblem(http.expectOne('/api/v1/config/accounts/210987654321'), {
      status: 400,
      detail: 'invalid body',
      errors: [{ field: 'body.RoleArn', message: 'must be a role of account 210987654321' }],
    });
    await settle(fixture);

    expect(fieldErrors(page)).toEqual(['The role ARN must be a role of account 210987654321.']);
    const field = input('RoleArn').closest('mat-form-field');
    expect(field?.querySelector('mat-error')).not.toBeNull();
    expect(page.querySelector('app-problem-banner li')).toBeNull();
    expect(navigate).not.toHaveBeenCalled();
  });

  it('disables Save with the reason for a user who is not an admin everywhere', async () => {
    await open({
      grants: [{ Action: 'admin', Clusters: ['Tango'], EnvironmentTypes: 'all' }],
      accountNumber: '210987654321',
    });
    const reason = 'Needs the "admin" permission for all teams and environment types.';

    expect(page.querySelector('button.save')?.getAttribute('aria-disabled')).toBe('true');
    expect(page.querySelector('button.save')?.getAttribute('aria-describedby')).toContain(
      'account-read-only',
    );
    expect(tooltipOf(fixture, 'button.save')).toBe(reason);
    expect(page.querySelector('#account-read-only')?.textContent?.trim()).toBe(
      `You may read this AWS account. ${reason}`,
    );
    await save();
    http.expectNone('/api/v1/config/accounts/210987654321');
  });
});
