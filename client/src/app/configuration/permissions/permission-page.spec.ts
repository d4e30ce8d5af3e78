import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { Grant } from '@shared/auth/permission';
import { settle } from '../../core/settle';
import { openTestPage } from '../../core/test-page';
import { PermissionPage } from './permission-page';

describe('PermissionPage', () => {
  let fixture: ComponentFixture<PermissionPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  const admin: Grant[] = [{ Action: 'admin', Clusters: 'all', EnvironmentTypes: 'all' }];

  async function open(options: { grants: Grant[]; name?: string }): Promise<void> {
    ({ fixture, page, http } = await openTestPage(PermissionPage, {
      grants: options.grants,
      inputs: { name: options.name },
      replies: (http) => {
        http.expectOne('/api/v1/config/clusters').flush([
          { ClusterName: 'Infra', Value: { ShortName: 'inf' }, Version: 1 },
          { ClusterName: 'Tango', Value: { ShortName: 'tan' }, Version: 1 },
        ]);
        http
          .expectOne('/api/v1/config/environment-types')
          .flush([{ EnvironmentType: 'Staging', Value: {}, Version: 1 }]);
      },
    }));
    spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
    if (options.name) {
      http.expectOne(`/api/v1/config/permissions/${options.name}`).flush({
        Name: options.name,
        Permissions: [{ Action: 'deploy', Clusters: ['Infra'], EnvironmentTypes: 'all' }],
        Version: 2,
      });
    } else {
      http.expectOne('/api/v1/config/permissions').flush([{ Name: 'platform', Permissions: [], Version: 1 }]);
      http.expectOne('/api/v1/users').flush([
        { Username: 'grace', Groups: [], Disabled: false, Version: 1 },
        { Username: 'platform', Groups: [], Disabled: false, Version: 1 },
      ]);
      http.expectOne('/api/v1/groups').flush([{ GroupName: 'operators', Version: 1 }]);
    }
    await settle(fixture);
  }

  afterEach(() => http.verify());

  const rows = () => Array.from(page.querySelectorAll('tr.grant'));
  const saveButton = () => page.querySelector<HTMLButtonElement>('button.save')!;

  async function choose(trigger: Element, options: string[]): Promise<void> {
    trigger.querySelector<HTMLElement>('.mat-mdc-select-trigger')!.click();
    await settle(fixture);
    const shown = Array.from(document.querySelectorAll<HTMLElement>('mat-option'));
    for (const option of options) {
      const match = shown.find((o) => o.textContent?.trim() === option);
      if (!match) {
        throw new Error(`no option ${option} among ${shown.map((o) => o.textContent?.trim()).join(', ')}`);
      }
      match.click();
      await settle(fixture);
    }
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await settle(fixture);
  }

  async function untick(row: Element, css: string): Promise<void> {
    row.querySelector<HTMLInputElement>(`mat-checkbox.${css} input`)!.click();
    await settle(fixture);
  }

  it('sends a grant left at \'all\' as "all", with the version it read', async () => {
    await open({ grants: admin, name: 'platform' });

    page.querySelector<HTMLButtonElement>('button.add-grant')!.click();
    await settle(fixture);
    await choose(rows()[1]!.querySelector('mat-select.action')!, ['operate-asgs']);
    expect(rows()[1]!.querySelector('.description')?.textContent).toContain('Resize auto scaling groups');
    saveButton().click();
    await settle(fixture);

    const request = http.expectOne('/api/v1/config/permissions/platform');
    expect(request.request.method).toBe('PUT');
    expect(request.request.headers.get('If-Match')).toBe('"2"');
    expect(request.request.body).toEqual([
      { Action: 'deploy', Clusters: ['Infra'], EnvironmentTypes: 'all' },
      { Action: 'operate-asgs', Clusters: 'all', EnvironmentTypes: 'all' },
    ]);
    request.flush({ Name: 'platform', Permissions: request.request.body, Version: 3 });
    await settle(fixture);
  });

  it('creates a record for a user without one, with the clusters chosen', async () => {
    await open({ grants: admin });

    await choose(page.querySelector('mat-select.record-name')!, ['grace']);
    page.querySelector<HTMLButtonElement>('button.add-grant')!.click();
    await settle(fixture);
    await untick(rows()[0]!, 'all-clusters');
    await choose(rows()[0]!.querySelector('mat-select.clusters')!, ['Infra', 'Tango']);
    saveButton().click();
    await settle(fixture);

    const request = http.expectOne('/api/v1/config/permissions');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      Name: 'grace',
      Permissions: [{ Action: 'deploy', Clusters: ['Infra', 'Tango'], EnvironmentTypes: 'all' }],
    });
    request.flush({ ...request.request.body, Version: 1 }, { status: 201, statusText: 'Created' });
    await settle(fixture);
  });

  it('offers only users and groups without a record, and asks for a cluster when not all', async () => {
    await open({ grants: admin });

    page.querySelector<HTMLElement>('mat-select.record-name .mat-mdc-select-trigger')!.click();
    await settle(fixture);
    const offered = Array.from(document.querySelectorAll('mat-option')).map((o) => o.textContent?.trim());
    expect(offered).toEqual(['grace', 'operators']);
    document.querySelectorAll<HTMLElement>('mat-option')[0]!.click();
    await settle(fixture);

    page.querySelector<HTMLButtonElement>('button.add-grant')!.click();
    await settle(fixture);
    await untick(rows()[0]!, 'all-clusters');
    saveButton().click();
    await settle(fixture);

    http.expectNone('/api/v1/config/permissions');
    expect(rows()[0]!.querySelector('mat-error')?.textContent).toContain('Choose at least one cluster');
  });

  it('disables Save with the reason for someone who is not an administrator everywhere', async () => {
    await open({
      grants: [{ Action: 'admin', Clusters: ['Infra'], EnvironmentTypes: 'all' }],
      name: 'platform',
    });

    expect(saveButton().getAttribute('aria-disabled')).toBe('true');
    expect(page.querySelector('#save-blocker')?.textContent).toContain(
      'Needs the "admin" permission for all teams and environment types',
    );
    saveButton().click();
    await settle(fixture);
    http.expectNone('/api/v1/config/permissions/platform');
  });
});
