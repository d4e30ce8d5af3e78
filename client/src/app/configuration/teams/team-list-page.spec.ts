import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture } from '@angular/core/testing';
import { MatTooltip } from '@angular/material/tooltip';
import { By } from '@angular/platform-browser';
import type { Grant } from '@shared/auth/permission';
import type { Cluster } from '@shared/catalogue/cluster';
import { Confirmation } from '../../core/confirmation';
import { settle } from '../../core/settle';
import { openTestPage } from '../../core/test-page';
import { adminGrant } from '../../core/test-sign-in';
import { TeamListPage } from './team-list-page';
import { flushProblem, listedReferrers } from '../../core/test-problem';

const tango: Cluster = {
  ClusterName: 'Tango',
  Value: { ShortName: 'tan', GroupEmailAddress: 'tango@example.com', ADMembershipGroup: 'team-tango' },
  Version: 3,
};
const infra: Cluster = { ClusterName: 'Infra', Value: { ShortName: 'inf' }, Version: 1 };

describe('TeamListPage', () => {
  let fixture: ComponentFixture<TeamListPage>;
  let page: HTMLElement;
  let http: HttpTestingController;
  let ask: jasmine.Spy;

  async function open(grants: Grant[]): Promise<void> {
    ask = jasmine.createSpy('ask').and.resolveTo(true);
    ({ fixture, page, http } = await openTestPage(TeamListPage, {
      grants,
      providers: [{ provide: Confirmation, useValue: { ask } }],
      replies: (http) => {
        http.expectOne('/api/v1/config/clusters').flush([tango, infra]);
      },
    }));
  }

  afterEach(() => http.verify());

  const rows = () =>
    Array.from(page.querySelectorAll('tbody tr')).map((row) =>
      Array.from(row.querySelectorAll('td'))
        .slice(0, 4)
        .map((cell) => cell.textContent?.trim()),
    );
  const button = (css: string) => page.querySelector<HTMLButtonElement>(`button.${css}`)!;
  const tooltip = (css: string) =>
    fixture.debugElement.query(By.css(`button.${css}`)).injector.get(MatTooltip).message;

  it('lists the teams by name with short name, e-mail and membership group', async () => {
    await open([]);

    expect(rows()).toEqual([
      ['Infra', 'inf', '', ''],
      ['Tango', 'tan', 'tango@example.com', 'team-tango'],
    ]);
    expect(page.querySelector('tbody a')?.getAttribute('href')).toBe('/configuration/teams/Infra');
    expect(page.querySelector('mat-paginator')).not.toBeNull();
  });

  it('disables New and Delete with the reason for a user without admin', async () => {
    await open([{ Action: 'edit-environments', Clusters: 'all', EnvironmentTypes: 'all' }]);

    expect(button('create').getAttribute('aria-disabled')).toBe('true');
    expect(button('delete').getAttribute('aria-disabled')).toBe('true');
    expect(tooltip('delete')).toContain('Needs the "admin" permission for all teams and environment types');
    expect(page.querySelector('.read-only')?.textContent).toContain('Needs the "admin" permission');
    button('delete').click();
    await settle(fixture);
    expect(ask).not.toHaveBeenCalled();
  });

  it('deletes a team at the version listed, after confirmation, and lists again', async () => {
    await open([adminGrant]);
    expect(button('create').getAttribute('aria-disabled')).not.toBe('true');

    page.querySelectorAll<HTMLButtonElement>('button.delete')[1]!.click();
    await settle(fixture);

    expect(ask).toHaveBeenCalledWith(jasmine.objectContaining({ title: 'Delete team Tango?' }));
    const request = http.expectOne('/api/v1/config/clusters/Tango');
    expect(request.request.method).toBe('DELETE');
    expect(request.request.headers.get('If-Match')).toBe('"3"');
    request.flush(tango);
    await settle(fixture);
    http.expectOne('/api/v1/config/clusters').flush([infra]);
    await settle(fixture);

    expect(rows().map((row) => row[0])).toEqual(['Infra']);
  });

  it('names the records that still use a team it cannot delete', async () => {
    await open([adminGrant]);

    page.querySelectorAll<HTMLButtonElement>('button.delete')[1]!.click();
    await settle(fixture);
    flushProblem(http.expectOne('/api/v1/config/clusters/Tango'), {
      status: 409,
      detail: 'Cluster Tango is still referenced by DeploymentMap:core, Environment:pr1',
      referrers: ['DeploymentMap:core', 'Environment:pr1'],
    });
    await settle(fixture);

    const items = listedReferrers(page);
    expect(items).toEqual(['deployment map core', 'environment pr1']);
    expect(page.querySelector('.referrers')?.textContent).toContain('Change or delete those first');
    expect(rows().length).toBe(2);
  });
});
