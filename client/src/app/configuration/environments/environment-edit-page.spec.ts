import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatTooltip } from '@angular/material/tooltip';
import { By } from '@angular/platform-browser';
import { provideRouter, Router } from '@angular/router';
import type { Grant } from '@shared/auth/permission';
import type { Environment } from '@shared/catalogue/environment';
import { problemInterceptor } from '../../core/problem-interceptor';
import { settle } from '../../core/settle';
import { adminGrant, testSignIn } from '../config-kit/test-sign-in';
import { EnvironmentEditPage } from './environment-edit-page';

const st1: Environment = {
  EnvironmentName: 'st1',
  Value: {
    EnvironmentType: 'NonProd',
    OwningCluster: 'Tango',
    DeploymentMap: 'core',
    FreezeWindows: [{ Start: '2030-12-24T00:00:00Z', End: '2030-12-27T00:00:00Z', Reason: 'Holidays' }],
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

  async function open(options: { grants: Grant[]; name?: string }): Promise<void> {
    TestBed.configureTestingModule({
      imports: [EnvironmentEditPage],
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([problemInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
    await testSignIn(http, options.grants);
    fixture = TestBed.createComponent(EnvironmentEditPage);
    if (options.name) {
      fixture.componentRef.setInput('name', options.name);
    }
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
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
      http.expectOne(`/api/v1/config/environments/${options.name}`).flush(st1);
    }
    await settle(fixture);
  }

  afterEach(() => http.verify());

  function type(name: string, value: string): void {
    const input = page.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }
  function choose(name: string, value: string): void {
    const select = page.querySelector<HTMLSelectElement>(`select[name="${name}"]`)!;
    select.value = value;
    select.dispatchEvent(new Event('change'));
  }
  const save = () => page.querySelector<HTMLButtonElement>('button.save')!.click();
  const body = (request: { request: { body: unknown } }) => JSON.parse(JSON.stringify(request.request.body));
  const errors = () => Array.from(page.querySelectorAll('mat-error')).map((e) => e.textContent?.trim());

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
    choose('EnvironmentType', 'NonProd');
    choose('OwningCluster', 'Tango');
    await settle(fixture);
    expect(page.querySelector('button.save')?.getAttribute('aria-disabled')).not.toBe('true');

    choose('OwningCluster', 'Infra');
    await settle(fixture);
    expect(page.querySelector('button.save')?.getAttribute('aria-disabled')).toBe('true');
    expect(fixture.debugElement.query(By.css('button.save')).injector.get(MatTooltip).message).toBe(
      'Needs the "edit-environments" permission for team Infra and environment type NonProd.',
    );
  });

  it('creates an environment with a freeze window sent as ISO date-times with offset', async () => {
    await open({ grants: [tangoNonProd] });
    type('EnvironmentName', 'st9');
    choose('EnvironmentType', 'NonProd');
    choose('OwningCluster', 'Tango');
    choose('DeploymentMap', 'core');
    choose('AlertSettings', 'ServiceOwner');
    page.querySelector<HTMLButtonElement>('button.add-window')!.click();
    await settle(fixture);
    type('window-0-start', '2030-01-01T10:00');
    type('window-0-end', '2030-01-02T18:30');
    type('window-0-reason', 'Launch');
    await settle(fixture);
    save();
    await settle(fixture);

    const request = http.expectOne('/api/v1/config/environments');
    expect(request.request.method).toBe('POST');
    const sent = body(request);
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
    type('window-0-end', '2030-12-01T00:00');
    await settle(fixture);
    save();
    await settle(fixture);

    http.expectNone('/api/v1/config/environments/st1');
    expect(page.querySelector('.window-error')?.textContent).toContain(
      'The window must end after it starts.',
    );
  });

  it('updates with If-Match and shows server field errors at the freeze window and map fields', async () => {
    await open({ grants: [tangoNonProd], name: 'st1' });
    expect(page.querySelector<HTMLInputElement>('[name="window-0-reason"]')!.value).toBe('Holidays');
    type('Description', 'Staging for Tango');
    save();
    await settle(fixture);

    const request = http.expectOne('/api/v1/config/environments/st1');
    expect(request.request.method).toBe('PUT');
    expect(request.request.headers.get('If-Match')).toBe('"6"');
    const sent = body(request);
    expect(sent).toEqual(
      jasmine.objectContaining({ Description: 'Staging for Tango', DeploymentMap: 'core', SchemaVersion: 1 }),
    );
    expect(Date.parse(sent.FreezeWindows[0].Start)).toBe(Date.parse('2030-12-24T00:00:00Z'));
    request.flush(
      {
        type: 'about:blank',
        title: 'Bad request',
        status: 400,
        detail: 'invalid body',
        errors: [
          { field: 'body.DeploymentMap', message: 'DeploymentMap core is deleted' },
          { field: 'body.FreezeWindows.0.Reason', message: 'must not contain control characters' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);

    expect(errors()).toEqual([
      'The deployment map DeploymentMap core is deleted.',
      'The reason must not contain control characters.',
    ]);
    expect(navigate).not.toHaveBeenCalled();
  });
});
