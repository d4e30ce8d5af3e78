import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { Grant } from '@shared/auth/permission';
import type { Environment } from '@shared/catalogue/environment';
import { settle } from '../../core/settle';
import { chooseIn, fieldErrors, sentBody, tooltipOf, typeInto } from '../../core/test-form';
import { openTestPage } from '../../core/test-page';
import { adminGrant } from '../../core/test-sign-in';
import { EnvironmentEditPage } from './environment-edit-page';
import { flushProblem } from '../../core/test-problem';

const st1: Environment = {
  EnvironmentName: 'st1',
  Value: {
    EnvironmentType: 'NonProd',
    OwningCluster: 'Tango',
    DeploymentMap: 'core',
    FreezeWindows: [{ Start: '2030-12-24T00:00:00Z', End: '2030-12-27T00:00:00Z', Reason: 'Holidays' }],
    NotificationSettingsId: 'tango-alerts',
    SchemaVersion: 1,
  },
  Version: 6,
};
const tangoNonProd: Grant = {
  Action: 'edit-environments',
  Clusters: ['Tango'],
  EnvironmentTypes: ['NonProd'],
};

describe('EnvironmentEditPage', () => {
  let fixture: ComponentFixture<EnvironmentEditPage>;
  let page: HTMLElement;
  let http: HttpTestingController;
  let navigate: jasmine.Spy;

  async function open(options: { grants: Grant[]; name?: string; record?: Environment }): Promise<void> {
    ({ fixture, page, http } = await openTestPage(EnvironmentEditPage, {
      grants: options.grants,
      inputs: { name: options.name },
      replies: (http) => {
        http.expectOne('/api/v1/config/environment-types').flush([
          { EnvironmentType: 'Prod', Value: {}, Version: 1 },
          { EnvironmentType: 'NonProd', Value: {}, Version: 1 },
        ]);
        http.expectOne('/api/v1/config/clusters').flush([
          { ClusterName: 'Tango', Value: { ShortName: 'tan' }, Version: 1 },
          { ClusterName: 'Infra', Value: { ShortName: 'inf' }, Version: 1 },
        ]);
        http
          .expectOne('/api/v1/config/deployment-maps')
          .flush([{ DeploymentMapName: 'core', Value: { DeploymentTarget: [] }, Version: 1 }]);
        if (options.name) {
          http.expectOne(`/api/v1/config/environments/${options.name}`).flush(options.record ?? st1);
        }
      },
    }));
    navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
  }

  afterEach(() => http.verify());

  const save = () => page.querySelector<HTMLButtonElement>('button.save')!.click();

  it('offers the existing types, teams and maps', async () => {
    await open({ grants: [adminGrant] });

    const options = (name: string) =>
      Array.from(page.querySelectorAll(`select[name="${name}"] option`)).map((o) => o.textContent?.trim());
    expect(options('EnvironmentType')).toEqual(['Choose a type', 'NonProd', 'Prod']);
    expect(options('OwningCluster')).toEqual(['Choose a team', 'Infra', 'Tango']);
    expect(options('DeploymentMap')).toEqual(['Choose a deployment map', 'core']);
  });

  it('disables Save with the reason when the chosen team is outside the grant', async () => {
    await open({ grants: [tangoNonProd] });
    chooseIn(page, 'EnvironmentType', 'NonProd');
    chooseIn(page, 'OwningCluster', 'Tango');
    await settle(fixture);
    expect(page.querySelector('button.save')?.getAttribute('aria-disabled')).not.toBe('true');

    chooseIn(page, 'OwningCluster', 'Infra');
    await settle(fixture);
    expect(page.querySelector('button.save')?.getAttribute('aria-disabled')).toBe('true');
    expect(tooltipOf(fixture, 'button.save')).toBe(
      'Needs the "edit-environments" permission for team Infra and environment type NonProd.',
    );
  });

  it('creates an environment with a freeze window sent as ISO date-times with offset', async () => {
    await open({ grants: [tangoNonProd] });
    typeInto(page, 'EnvironmentName', 'st9');
    chooseIn(page, 'EnvironmentType', 'NonProd');
    chooseIn(page, 'OwningCluster', 'Tango');
    chooseIn(page, 'DeploymentMap', 'core');
    chooseIn(page, 'AlertSettings', 'ServiceOwner');
    page.querySelector<HTMLButtonElement>('button.add-window')!.click();
    await settle(fixture);
    typeInto(page, 'window-0-start', '2030-01-01T10:00');
    typeInto(page, 'window-0-end', '2030-01-02T18:30');
    typeInto(page, 'window-0-reason', 'Launch');
    await settle(fixture);
    save();
    await settle(fixture);

    const request = http.expectOne('/api/v1/config/environments');
    expect(request.request.method).toBe('POST');
    const sent = sentBody(request);
    expect(sent.EnvironmentName).toBe('st9');
    expect(sent.Value).toEqual({
      EnvironmentType: 'NonProd',
      OwningCluster: 'Tango',
      DeploymentMap: 'core',
      AlertSettings: 'ServiceOwner',
      FreezeWindows: [{ Start: jasmine.any(String), End: jasmine.any(String), Reason: 'Launch' }],
    });
    const window = sent.Value.FreezeWindows[0];
    expect(window.Start).toMatch(/^2030-01-01T10:00:00[+-]\d\d:\d\d$/);
    expect(Date.parse(window.Start)).toBe(new Date(2030, 0, 1, 10, 0).getTime());
    expect(Date.parse(window.End)).toBe(new Date(2030, 0, 2, 18, 30).getTime());
    request.flush({ ...st1, EnvironmentName: 'st9', Version: 1 });
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith(['/configuration/environments']);
  });

  it('refuses a freeze window that ends before it starts, as the shared schema does', async () => {
    await open({ grants: [adminGrant], name: 'st1' });
    typeInto(page, 'window-0-end', '2030-12-01T00:00');
    await settle(fixture);
    save();
    await settle(fixture);

    http.expectNone('/api/v1/config/environments/st1');
    expect(page.querySelector('.window-error')?.textContent).toContain(
      'The window must end after it starts.',
    );
  });

  it('keeps recurring freeze windows and window names it does not show, as loaded', async () => {
    const weekend = {
      Name: 'Weekend',
      Recurring: { Start: 'Fri 16:00', End: 'Mon 08:00', TimeZone: 'Europe/London' },
    };
    const christmas = { ...st1.Value.FreezeWindows![0]!, Name: 'Christmas' };
    await open({
      grants: [tangoNonProd],
      name: 'st1',
      record: { ...st1, Value: { ...st1.Value, FreezeWindows: [christmas, weekend] } },
    });
    // the form edits one-off windows only: the recurring one is on the Freeze windows screen
    expect(page.querySelector('[name="window-0-reason"]')).not.toBeNull();
    expect(page.querySelector('[name="window-1-reason"]')).toBeNull();
    save();
    await settle(fixture);

    const request = http.expectOne('/api/v1/config/environments/st1');
    const windows = sentBody(request).FreezeWindows;
    expect(windows.length).toBe(2);
    expect(windows[0]).toEqual(jasmine.objectContaining({ Name: 'Christmas', Reason: 'Holidays' }));
    expect(windows[1]).toEqual(weekend);
    request.flush({ ...st1, Version: 7 });
    await settle(fixture);
  });

  it('updates with If-Match and shows server field errors at the freeze window and map fields', async () => {
    await open({ grants: [tangoNonProd], name: 'st1' });
    expect(page.querySelector<HTMLInputElement>('[name="window-0-reason"]')!.value).toBe('Holidays');
    typeInto(page, 'Description', 'Staging for Tango');
    save();
    await settle(fixture);

    const request = http.expectOne('/api/v1/config/environments/st1');
    expect(request.request.method).toBe('PUT');
    expect(request.request.headers.get('If-Match')).toBe('"6"');
    const sent = sentBody(request);
    expect(sent).toEqual(
      jasmine.objectContaining({
        Description: 'Staging for Tango',
        DeploymentMap: 'core',
        // what the form does not show is kept as loaded
        NotificationSettingsId: 'tango-alerts',
        SchemaVersion: 1,
      }),
    );
    expect(Date.parse(sent.FreezeWindows[0].Start)).toBe(Date.parse('2030-12-24T00:00:00Z'));
    flushProblem(request, {
      title: 'Bad request',
      status: 400,
      detail: 'invalid body',
      errors: [
        { field: 'body.DeploymentMap', message: 'DeploymentMap core is deleted' },
        { field: 'body.FreezeWindows.0.Reason', message: 'must not contain control characters' },
      ],
    });
    await settle(fixture);

    expect(fieldErrors(page)).toEqual([
      'The deployment map DeploymentMap core is deleted.',
      'The reason must not contain control characters.',
    ]);
    expect(navigate).not.toHaveBeenCalled();
  });
});
