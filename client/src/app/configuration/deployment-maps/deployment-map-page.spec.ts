import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { Grant } from '@shared/auth/permission';
import type { DeploymentMap } from '@shared/catalogue/deployment-map';
import { Confirmation } from '../../core/confirmation';
import { settle } from '../../core/settle';
import { openTestPage } from '../../core/test-page';
import { DeploymentMapPage } from './deployment-map-page';
import { flushProblem, listedReferrers } from '../../core/test-problem';

const webMap: DeploymentMap = {
  DeploymentMapName: 'web-map',
  Version: 3,
  Value: {
    Description: 'Public web',
    DeploymentTarget: [
      {
        ServerRoleName: 'Web',
        OwningCluster: 'Infra',
        Services: [{ ServiceName: 'web' }],
        AutoScalingSettings: { MinCapacity: 1, DesiredCapacity: 2, MaxCapacity: 4 },
        InstanceType: 't3.small',
        FleetPerSlice: true,
        SubnetTypeName: 'PrivateApp',
        Volumes: [{ Name: 'OS', Size: 50, Type: 'SSD' }],
      },
    ],
    SchemaVersion: 1,
  },
};

describe('DeploymentMapPage', () => {
  let fixture: ComponentFixture<DeploymentMapPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  async function open(options: { grants: Grant[]; map?: DeploymentMap }): Promise<void> {
    ({ fixture, page, http } = await openTestPage(DeploymentMapPage, {
      grants: options.grants,
      inputs: { name: 'web-map' },
      replies: (http) => {
        http.expectOne('/api/v1/config/deployment-maps/web-map').flush(options.map ?? webMap);
        http.expectOne('/api/v1/config/clusters').flush([
          { ClusterName: 'Infra', Value: { ShortName: 'inf' }, Version: 1 },
          { ClusterName: 'Tango', Value: { ShortName: 'tan' }, Version: 1 },
        ]);
        http.expectOne('/api/v1/config/services').flush(
          ['web', 'billing', 'billing-worker', 'old'].map((name) => ({
            ServiceName: name,
            OwningCluster: 'Infra',
            Value: { Lifecycle: 'production' },
            Version: 1,
            ...(name === 'old' ? { Deleted: true } : {}),
          })),
        );
      },
    }));
    spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
  }

  afterEach(() => http.verify());

  const roles = () => Array.from(page.querySelectorAll('app-role-editor'));
  // Material may show a panel in the overlay container or as a popover beside its field: look everywhere.
  const overlay = () => document;

  function type(input: HTMLInputElement, value: string): void {
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function choose(trigger: Element, option: string): Promise<void> {
    (trigger as HTMLElement).click();
    await settle(fixture);
    const match = Array.from(overlay().querySelectorAll<HTMLElement>('mat-option')).find(
      (o) => o.textContent?.trim() === option,
    );
    if (!match) {
      throw new Error(`no option ${option}`);
    }
    match.click();
    await settle(fixture);
  }

  async function pickService(role: Element, query: string, option: string): Promise<void> {
    const input = role.querySelector<HTMLInputElement>('input.service-query')!;
    input.dispatchEvent(new Event('focusin'));
    type(input, query);
    await settle(fixture);
    const options = Array.from(overlay().querySelectorAll<HTMLElement>('mat-option'));
    expect(options.map((o) => o.textContent?.trim())).not.toContain('old');
    options.find((o) => o.textContent?.trim() === option)!.click();
    await settle(fixture);
  }

  const saveButton = () => page.querySelector<HTMLButtonElement>('button.save')!;

  it('adds a role and a service, and saves the map Value with the version it read, keeping what it does not show', async () => {
    await open({
      grants: [{ Action: 'edit-environments', Clusters: ['Infra', 'Tango'], EnvironmentTypes: 'all' }],
    });

    page.querySelector<HTMLButtonElement>('button.add-role')!.click();
    await settle(fixture);
    const batch = roles()[1]!;
    type(batch.querySelector<HTMLInputElement>('input[name="ServerRoleName"]')!, 'Batch');
    await choose(batch.querySelector('mat-select.owning-cluster .mat-mdc-select-trigger')!, 'Tango');
    await pickService(batch, 'bill', 'billing-worker');
    expect(batch.querySelector('.service-name')?.textContent).toBe('billing-worker');
    saveButton().click();
    await settle(fixture);

    const request = http.expectOne('/api/v1/config/deployment-maps/web-map');
    expect(request.request.method).toBe('PUT');
    expect(request.request.headers.get('If-Match')).toBe('"3"');
    expect(request.request.body).toEqual({
      Description: 'Public web',
      DeploymentTarget: [
        webMap.Value.DeploymentTarget[0],
        {
          ServerRoleName: 'Batch',
          OwningCluster: 'Tango',
          Services: [{ ServiceName: 'billing-worker' }],
          AutoScalingSettings: { MinCapacity: 1, DesiredCapacity: 1, MaxCapacity: 2 },
          InstanceType: 't3.small',
          FleetPerSlice: false,
        },
      ],
      SchemaVersion: 1,
    });
    request.flush({ ...webMap, Version: 4, Value: request.request.body });
    await settle(fixture);
    expect(roles().length).toBe(2);
    expect(page.querySelector('[role="status"]')?.textContent).toContain('Saved as version 4.');
  });

  it('shows min <= desired <= max at the Desired field and does not send a map that breaks it', async () => {
    await open({ grants: [{ Action: 'admin', Clusters: 'all', EnvironmentTypes: 'all' }] });

    const web = roles()[0]!;
    const desired = web.querySelector<HTMLInputElement>('input[name="DesiredCapacity"]')!;
    type(desired, '7');
    desired.dispatchEvent(new Event('blur'));
    await settle(fixture);

    const field = desired.closest('mat-form-field')!;
    expect(field.querySelector('mat-error')?.textContent).toContain(
      'must satisfy MinCapacity <= DesiredCapacity <= MaxCapacity',
    );
    saveButton().click();
    await settle(fixture);
    http.expectNone('/api/v1/config/deployment-maps/web-map');
  });

  it("shows the server's error about a role's service at that service", async () => {
    const twoRoles: DeploymentMap = {
      ...webMap,
      Value: {
        ...webMap.Value,
        DeploymentTarget: [
          webMap.Value.DeploymentTarget[0]!,
          {
            ...webMap.Value.DeploymentTarget[0]!,
            ServerRoleName: 'Batch',
            Services: [{ ServiceName: 'billing' }],
          },
        ],
      },
    };
    await open({ grants: [{ Action: 'admin', Clusters: 'all', EnvironmentTypes: 'all' }], map: twoRoles });

    saveButton().click();
    await settle(fixture);
    flushProblem(http.expectOne('/api/v1/config/deployment-maps/web-map'), {
      title: 'Bad request',
      status: 400,
      detail: 'Service billing does not exist',
      errors: [
        {
          field: 'body.Value.DeploymentTarget.1.Services.0.ServiceName',
          message: 'names a service that does not exist',
        },
      ],
    });
    await settle(fixture);

    expect(roles()[0]!.querySelector('.field-error')).toBeNull();
    expect(roles()[1]!.querySelector('.service .field-error')?.textContent).toContain(
      'billing names a service that does not exist',
    );
  });

  it('disables Save with the reason for a user without edit-environments on a role cluster', async () => {
    await open({ grants: [{ Action: 'edit-environments', Clusters: ['Tango'], EnvironmentTypes: 'all' }] });

    expect(saveButton().getAttribute('aria-disabled')).toBe('true');
    expect(page.querySelector('#save-blocker')?.textContent).toBe(
      'You need the edit-environments permission on Infra to change this map.',
    );
    saveButton().click();
    await settle(fixture);
    http.expectNone('/api/v1/config/deployment-maps/web-map');
  });

  it('names the environments that still use the map when the delete is refused', async () => {
    await open({ grants: [{ Action: 'admin', Clusters: 'all', EnvironmentTypes: 'all' }] });
    spyOn(TestBed.inject(Confirmation), 'ask').and.resolveTo(true);

    page.querySelector<HTMLButtonElement>('button.delete')!.click();
    await settle(fixture);
    const request = http.expectOne('/api/v1/config/deployment-maps/web-map');
    expect(request.request.method).toBe('DELETE');
    expect(request.request.headers.get('If-Match')).toBe('"3"');
    flushProblem(request, {
      status: 409,
      detail: 'DeploymentMap web-map is still referenced by Environment:st1, Environment:pr1',
      referrers: ['Environment:st1', 'Environment:pr1'],
    });
    await settle(fixture);

    const listed = listedReferrers(page);
    expect(listed).toEqual(['environment st1', 'environment pr1']);
    expect(page.querySelector('app-config-problem')?.textContent).toContain('It is still used by');
  });
});
