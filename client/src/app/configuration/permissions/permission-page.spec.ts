import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { Grant, PermissionEntry } from '@shared/auth/permission';
import { flushProblem } from '../../core/test-problem';
import { settle } from '../../core/settle';
import { openTestPage } from '../../core/test-page';
import { PermissionPage } from './permission-page';

describe('PermissionPage', () => {
  let fixture: ComponentFixture<PermissionPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  const admin: Grant[] = [{ Action: 'admin', Clusters: 'all', EnvironmentTypes: 'all' }];

  const deployOnInfra: Grant = { Action: 'deploy', Clusters: ['Infra'], EnvironmentTypes: 'all' };

  async function open(options: {
    grants: Grant[];
    name?: string;
    entries?: PermissionEntry[];
  }): Promise<void> {
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
        Permissions: options.entries ?? [deployOnInfra],
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

  describe("with the original's rules", () => {
    const rules: PermissionEntry[] = [
      { Resource: '/config/services/**', Access: 'POST' },
      { Resource: '**/deploy**', Access: 'post', Clusters: ['rubik'], EnvironmentTypes: 'all' },
      { Cluster: 'rubik' },
    ];

    it('shows them read-only with the note, apart from the grants, and sends them back as they came', async () => {
      await open({
        grants: admin,
        name: 'platform',
        entries: [rules[0]!, deployOnInfra, rules[1]!, rules[2]!],
      });

      const section = page.querySelector('.original-rules')!;
      expect(section.textContent).toContain(
        'Rules from the original Environment Manager grant nothing here: replace them with grants.',
      );
      expect(Array.from(section.querySelectorAll('li')).map((li) => li.textContent?.trim())).toEqual([
        'POST /config/services/**',
        'post **/deploy**, on clusters rubik, on environment types all',
        'cluster rubik',
      ]);
      expect(section.querySelector('input, mat-select, button')).toBeNull();
      expect(rows().length).toBe(1);

      page.querySelector<HTMLButtonElement>('button.add-grant')!.click();
      await settle(fixture);
      saveButton().click();
      await settle(fixture);

      const request = http.expectOne('/api/v1/config/permissions/platform');
      expect(request.request.body).toEqual([
        ...rules,
        deployOnInfra,
        { Action: 'deploy', Clusters: 'all', EnvironmentTypes: 'all' },
      ]);
      request.flush({ Name: 'platform', Permissions: request.request.body, Version: 3 });
      await settle(fixture);
      expect(page.querySelectorAll('.original-rules li').length).toBe(3);
      expect(rows().length).toBe(2);
    });

    it('places a server error on a grant under it, counting the rules sent first, and one on a rule in the banner', async () => {
      await open({ grants: admin, name: 'platform', entries: [...rules, deployOnInfra] });

      saveButton().click();
      await settle(fixture);
      flushProblem(http.expectOne('/api/v1/config/permissions/platform'), {
        status: 400,
        detail: 'invalid body',
        errors: [
          { field: 'body.3.Clusters.0', message: 'Cluster Infra does not exist' },
          { field: 'body.1.Access', message: 'must be GET, POST, PUT, PATCH, DELETE or ADMIN' },
        ],
      });
      await settle(fixture);

      expect(rows()[0]!.querySelector('mat-error')?.textContent).toContain('Cluster Infra does not exist');
      const banner = page.querySelector('app-problem-banner')?.textContent ?? '';
      expect(banner).toContain('must be GET, POST, PUT, PATCH, DELETE or ADMIN');
      expect(banner).not.toContain('Cluster Infra does not exist');
    });
  });
});
