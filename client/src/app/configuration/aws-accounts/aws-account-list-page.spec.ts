import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture } from '@angular/core/testing';
import type { Grant } from '@shared/auth/permission';
import type { Account } from '@shared/catalogue/account';
import type { EnvironmentType } from '@shared/catalogue/environment-type';
import { Confirmation } from '../../core/confirmation';
import { settle } from '../../core/settle';
import { tooltipOf } from '../../core/test-form';
import { openTestPage } from '../../core/test-page';
import { flushProblem, listedReferrers } from '../../core/test-problem';
import { adminGrant } from '../../core/test-sign-in';
import type { AccountStatus } from '@shared/catalogue/account-status';
import { AwsAccountListPage } from './aws-account-list-page';

const home: Account = {
  AccountName: 'home',
  AccountNumber: '123456789012',
  RoleArn: null,
  IncludeAMIs: false,
  Version: 1,
};
const live: Account = {
  AccountName: 'live',
  AccountNumber: '210987654321',
  RoleArn: 'arn:aws:iam::210987654321:role/environment-manager',
  IncludeAMIs: true,
  Version: 3,
};
const spare: Account = {
  AccountName: 'spare',
  AccountNumber: '345678901234',
  IncludeAMIs: false,
  Version: 2,
};

const type = (name: string, value: EnvironmentType['Value']): EnvironmentType => ({
  EnvironmentType: name,
  Value: value,
  Version: 1,
});
const types = [
  type('Prod', { AWSAccountName: 'live' }),
  type('Staging', { AWSAccountNumber: '210987654321' }),
  type('Int', { AWSAccountNumber: '123456789012' }),
  type('Dev', {}),
  type('Lost', { AWSAccountName: 'gone' }),
];

/** The status of live as the server answers it, changed by `change`. */
const statusOfLive = (change: Partial<AccountStatus>): AccountStatus => ({
  AccountName: 'live',
  AccountNumber: '210987654321',
  RoleArn: live.RoleArn ?? null,
  Reached: true,
  CallerAccount: '210987654321',
  CallerArn: 'arn:aws:sts::210987654321:assumed-role/environment-manager/environment-manager',
  Error: null,
  EnvironmentTypes: ['Prod', 'Staging'],
  ...change,
});

describe('AwsAccountListPage', () => {
  let fixture: ComponentFixture<AwsAccountListPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  async function open(grants: Grant[]): Promise<void> {
    ({ fixture, page, http } = await openTestPage(AwsAccountListPage, {
      grants,
      providers: [{ provide: Confirmation, useValue: { ask: () => Promise.resolve(true) } }],
      replies: (http) => {
        http.expectOne('/api/v1/config/accounts').flush([spare, live, home]);
        http.expectOne('/api/v1/config/environment-types').flush(types);
      },
    }));
  }

  afterEach(() => http.verify());

  const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();
  const rows = () =>
    Array.from(page.querySelectorAll('tbody tr')).map((row) =>
      Array.from(row.querySelectorAll('td'))
        .slice(0, 5)
        .map((cell) => text(cell)),
    );
  const rowOf = (name: string) =>
    Array.from(page.querySelectorAll('tbody tr')).find((row) => text(row.querySelector('td')) === name)!;

  async function checkLive(): Promise<void> {
    rowOf('live').querySelector<HTMLButtonElement>('button.check-account')!.click();
    await settle(fixture);
  }
  const liveResult = () => text(rowOf('live').querySelector('.check-result'));

  it('lists each account with its number, credentials, AMIs and the environment types whose environments live there', async () => {
    await open([]);

    expect(rows()).toEqual([
      ['home', '123456789012', "the portal's own credentials", 'not included', 'Int'],
      [
        'live',
        '210987654321',
        'role arn:aws:iam::210987654321:role/environment-manager',
        'included',
        'Prod, Staging',
      ],
      ['spare', '345678901234', "the portal's own credentials", 'not included', 'none'],
    ]);
    expect(rowOf('live').querySelector('.types a')?.getAttribute('href')).toBe(
      '/configuration/environment-types/Prod',
    );
    expect(rowOf('live').querySelector('td a')?.getAttribute('href')).toBe(
      '/configuration/aws-accounts/210987654321',
    );
  });

  it('says the environment types are not known when they could not be read, rather than none', async () => {
    ({ fixture, page, http } = await openTestPage(AwsAccountListPage, {
      grants: [],
      replies: (http) => {
        http.expectOne('/api/v1/config/accounts').flush([spare]);
        flushProblem(http.expectOne('/api/v1/config/environment-types'), {
          status: 500,
          detail: 'store down',
        });
      },
    }));

    expect(rows()).toEqual([
      ['spare', '345678901234', "the portal's own credentials", 'not included', 'not known'],
    ]);
    expect(page.querySelector('app-problem-banner')?.textContent).toContain('store down');
  });

  it('checks an account and says which account and identity the portal reached', async () => {
    await open([]);
    await checkLive();

    const request = http.expectOne('/api/v1/config/accounts/210987654321/status');
    expect(request.request.method).toBe('GET');
    expect(rowOf('live').querySelector<HTMLButtonElement>('button.check-account')!.disabled).toBeTrue();
    expect(liveResult()).toBe('Checking…');
    request.flush(statusOfLive({}));
    await settle(fixture);

    expect(liveResult()).toBe(
      'Reached account 210987654321 as arn:aws:sts::210987654321:assumed-role/environment-manager/environment-manager.',
    );
    expect(rowOf('live').querySelector('.check-result')?.getAttribute('data-outcome')).toBe('reached');
    expect(rowOf('live').querySelector<HTMLButtonElement>('button.check-account')!.disabled).toBeFalse();
    expect(text(rowOf('home').querySelector('.check-result'))).toBe('');
  });

  it('says when the credentials reached a different account than the one recorded', async () => {
    await open([]);
    await checkLive();

    http.expectOne('/api/v1/config/accounts/210987654321/status').flush(
      statusOfLive({
        Reached: false,
        CallerAccount: '999999999999',
        CallerArn: 'arn:aws:sts::999999999999:assumed-role/environment-manager/environment-manager',
      }),
    );
    await settle(fixture);

    expect(liveResult()).toBe(
      'Reached a different account: 999999999999 as arn:aws:sts::999999999999:assumed-role/environment-manager/environment-manager, not 210987654321.',
    );
    expect(rowOf('live').querySelector('.check-result')?.getAttribute('data-outcome')).toBe('other-account');
  });

  it("says an account without a role was reached with the portal's own credentials, of another account", async () => {
    await open([]);
    rowOf('spare').querySelector<HTMLButtonElement>('button.check-account')!.click();
    await settle(fixture);

    http.expectOne('/api/v1/config/accounts/345678901234/status').flush({
      AccountName: 'spare',
      AccountNumber: '345678901234',
      RoleArn: null,
      Reached: false,
      CallerAccount: '123456789012',
      CallerArn: 'arn:aws:iam::123456789012:user/portal',
      Error: null,
      EnvironmentTypes: [],
    } satisfies AccountStatus);
    await settle(fixture);

    expect(text(rowOf('spare').querySelector('.check-result'))).toBe(
      "Reached a different account: 123456789012 as arn:aws:iam::123456789012:user/portal, not 345678901234. The portal's own credentials are of that account.",
    );
  });

  it('says why the account could not be reached', async () => {
    await open([]);
    await checkLive();

    http.expectOne('/api/v1/config/accounts/210987654321/status').flush(
      statusOfLive({
        Reached: false,
        CallerAccount: null,
        CallerArn: null,
        Error: 'AccessDenied: User is not authorized to perform: sts:AssumeRole',
      }),
    );
    await settle(fixture);

    expect(liveResult()).toBe(
      'Could not reach account 210987654321: AccessDenied: User is not authorized to perform: sts:AssumeRole.',
    );
    expect(rowOf('live').querySelector('.check-result')?.getAttribute('data-outcome')).toBe('failed');
  });

  it('says why a check could not be made when the server refuses it', async () => {
    await open([]);
    await checkLive();

    flushProblem(http.expectOne('/api/v1/config/accounts/210987654321/status'), {
      status: 404,
      detail: "account 210987654321 is not one of the portal's accounts (see /config/accounts)",
    });
    await settle(fixture);

    expect(liveResult()).toBe(
      "The check could not be made: account 210987654321 is not one of the portal's accounts (see /config/accounts)",
    );
  });

  it('offers the check but not the changes to a user who is not an admin everywhere, saying why', async () => {
    await open([{ Action: 'admin', Clusters: ['Tango'], EnvironmentTypes: 'all' }]);
    const reason = 'Needs the "admin" permission for all teams and environment types.';

    expect(page.querySelector('button.create')?.getAttribute('aria-disabled')).toBe('true');
    expect(tooltipOf(fixture, 'button.create')).toBe(reason);
    const deletes = Array.from(page.querySelectorAll('button.delete'));
    expect(deletes.length).toBe(3);
    expect(deletes.every((button) => button.getAttribute('aria-disabled') === 'true')).toBeTrue();
    expect(tooltipOf(fixture, 'button.delete')).toBe(reason);
    expect(text(page.querySelector('.read-only'))).toBe(`You may read the AWS accounts. ${reason}`);

    page.querySelector<HTMLButtonElement>('button.delete')!.click();
    await settle(fixture);
    http.expectNone((request) => request.method === 'DELETE');
    expect(page.querySelector<HTMLButtonElement>('button.check-account')!.disabled).toBeFalse();
  });

  it("deletes with If-Match and shows the server's refusal of an account an environment type still uses", async () => {
    await open([adminGrant]);

    rowOf('live').querySelector<HTMLButtonElement>('button.delete')!.click();
    await settle(fixture);
    const request = http.expectOne('/api/v1/config/accounts/210987654321');
    expect(request.request.method).toBe('DELETE');
    expect(request.request.headers.get('If-Match')).toBe('"3"');
    flushProblem(request, {
      status: 409,
      detail: 'Account 210987654321 is still referenced by EnvironmentType:Prod, EnvironmentType:Staging',
      referrers: ['EnvironmentType:Prod', 'EnvironmentType:Staging'],
    });
    await settle(fixture);

    expect(page.querySelector('app-problem-banner')?.textContent).toContain('still referenced');
    expect(listedReferrers(page)).toEqual(['environment type Prod', 'environment type Staging']);
    expect(rows().length).toBe(3);
  });
});
