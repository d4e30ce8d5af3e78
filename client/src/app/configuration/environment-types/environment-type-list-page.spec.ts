import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture } from '@angular/core/testing';
import type { Grant } from '@shared/auth/permission';
import type { EnvironmentType } from '@shared/catalogue/environment-type';
import { Confirmation } from '../../core/confirmation';
import { settle } from '../../core/settle';
import { openTestPage } from '../../core/test-page';
import { adminGrant } from '../../core/test-sign-in';
import { EnvironmentTypeListPage } from './environment-type-list-page';
import { flushProblem } from '../../core/test-problem';

const prod: EnvironmentType = {
  EnvironmentType: 'Prod',
  Value: {
    AWSAccountNumber: '123456789012',
    AWSAccountName: 'live',
    Region: 'eu-west-1',
    ProtectedActions: ['deploy', 'operate-asgs'],
    RequiresApproval: true,
  },
  Version: 7,
};
const nonProd: EnvironmentType = { EnvironmentType: 'NonProd', Value: {}, Version: 1 };

describe('EnvironmentTypeListPage', () => {
  let fixture: ComponentFixture<EnvironmentTypeListPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  async function open(grants: Grant[]): Promise<void> {
    ({ fixture, page, http } = await openTestPage(EnvironmentTypeListPage, {
      grants,
      providers: [{ provide: Confirmation, useValue: { ask: () => Promise.resolve(true) } }],
      replies: (http) => {
        http.expectOne('/api/v1/config/environment-types').flush([prod, nonProd]);
      },
    }));
  }

  afterEach(() => http.verify());

  const rows = () =>
    Array.from(page.querySelectorAll('tbody tr')).map((row) =>
      Array.from(row.querySelectorAll('td'))
        .slice(0, 5)
        .map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim()),
    );

  it('lists each type with its account, region, protected actions and approval', async () => {
    await open([]);

    expect(rows()).toEqual([
      ['NonProd', '', '', 'none', 'not required'],
      ['Prod', '123456789012 (live)', 'eu-west-1', 'deploy, operate-asgs', 'required'],
    ]);
  });

  it('disables New and Delete for a user who is not an admin everywhere', async () => {
    await open([{ Action: 'admin', Clusters: ['Tango'], EnvironmentTypes: 'all' }]);

    expect(page.querySelector('button.create')?.getAttribute('aria-disabled')).toBe('true');
    expect(page.querySelector('button.delete')?.getAttribute('aria-disabled')).toBe('true');
    expect(page.querySelector('.read-only')?.textContent).toContain(
      'Needs the "admin" permission for all teams and environment types',
    );
  });

  it('deletes with If-Match and names the environments still of that type', async () => {
    await open([adminGrant]);

    page.querySelectorAll<HTMLButtonElement>('button.delete')[1]!.click();
    await settle(fixture);
    const request = http.expectOne('/api/v1/config/environment-types/Prod');
    expect(request.request.method).toBe('DELETE');
    expect(request.request.headers.get('If-Match')).toBe('"7"');
    flushProblem(request, {
      status: 409,
      detail: 'EnvironmentType Prod is still referenced by Environment:pr1',
      referrers: ['Environment:pr1'],
    });
    await settle(fixture);

    expect(page.querySelector('.referrers li')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'environment pr1',
    );
  });
});
