import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { Grant } from '@shared/auth/permission';
import type { RunningService } from '@shared/fleet/running-service';
import { AuthSession } from '../core/auth-session';
import { Confirmation } from '../core/confirmation';
import { settle } from '../core/settle';
import { testSessionUser } from '../core/test-session-user';
import { configureTestPage } from '../core/test-page';
import { testDeployment } from '../deployments/test-deployment';
import { ServicePage } from './service-page';
import { testConfigEnvironment, testDeploymentMap, testService } from './test-catalogue';
import { flushProblem } from '../core/test-problem';

describe('ServicePage', () => {
  let fixture: ComponentFixture<ServicePage>;
  let page: HTMLElement;
  let http: HttpTestingController;
  let confirm: jasmine.Spy;

  const checkout = testService({
    name: 'checkout',
    team: 'Infra',
    description: 'Takes the money',
    tags: ['pci', 'public-api'],
    version: 4,
    value: {
      BluePort: 8080,
      GreenPort: 8081,
      PackageType: 'NodeJs',
      Contacts: [{ Name: 'Grace', Email: 'grace@example.com', Role: 'lead' }, { Name: 'Ops desk' }],
      Links: [{ Title: 'Runbook', Url: 'https://wiki.example.com/checkout' }],
    },
  });

  const running = (environment: string): RunningService[] => [
    {
      Name: 'checkout',
      EnvironmentName: environment,
      ServerRole: 'Web',
      OwningCluster: 'Infra',
      Versions: [
        { Version: `1.2.0-${environment}`, Slice: 'blue', InstanceCount: 2 },
        { Version: '1.3.0', Slice: 'green', InstanceCount: 1 },
      ],
    },
    { Name: 'basket', EnvironmentName: environment, ServerRole: 'Web', OwningCluster: 'Infra', Versions: [] },
  ];

  async function open(options: { grants?: Grant[] } = {}): Promise<void> {
    confirm = jasmine.createSpy('ask').and.resolveTo(true);
    http = configureTestPage(ServicePage, [{ provide: Confirmation, useValue: { ask: confirm } }]);
    const signingIn = TestBed.inject(AuthSession).signIn({ username: 'ada', password: 'secret' });
    http.expectOne('/api/v1/login').flush(testSessionUser({ grants: options.grants ?? [] }));
    await signingIn;

    fixture = TestBed.createComponent(ServicePage);
    fixture.componentRef.setInput('name', 'checkout');
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne('/api/v1/config/service/checkout').flush(checkout);
    http
      .expectOne('/api/v1/config/environments')
      .flush([
        testConfigEnvironment('st1', 'web-map'),
        testConfigEnvironment('pr1', 'web-map'),
        testConfigEnvironment('dev1', 'other-map'),
      ]);
    http
      .expectOne('/api/v1/config/deployment-maps')
      .flush([
        testDeploymentMap('web-map', ['basket', 'checkout']),
        testDeploymentMap('other-map', ['basket']),
      ]);
    await settle(fixture);
    http
      .expectOne((r) => r.url === '/api/v1/deployments')
      .flush([testDeployment({ id: 'DEP1', started: '2026-11-27T09:00:00.000Z' })]);
  }

  afterEach(() => http.verify());

  function runningReply(environment: string) {
    return http.expectOne((r) => r.url === '/api/v1/services' && r.params.get('environment') === environment);
  }

  function tableRows(): string[][] {
    return Array.from(page.querySelectorAll('app-where-it-runs tbody tr')).map((row) =>
      Array.from(row.querySelectorAll('th, td')).map((cell) => cell.textContent?.trim() ?? ''),
    );
  }

  it('shows the metadata, owner, contacts and links', async () => {
    await open();
    runningReply('pr1').flush([]);
    runningReply('st1').flush([]);
    await settle(fixture);

    expect(page.querySelector('.description')?.textContent).toBe('Takes the money');
    expect(page.querySelector('.ports')?.textContent?.trim()).toBe('blue 8080 · green 8081');
    expect(Array.from(page.querySelectorAll('.tag')).map((t) => t.textContent)).toEqual([
      'pci',
      'public-api',
    ]);
    expect(page.querySelector('.owner')?.getAttribute('href')).toBe('/configuration/teams');
    expect(page.querySelector('.contacts a')?.getAttribute('href')).toBe('mailto:grace@example.com');
    expect(page.querySelector('.contacts')?.textContent).toContain('Ops desk');
    expect(page.querySelector('.links a')?.getAttribute('href')).toBe('https://wiki.example.com/checkout');
    expect(page.querySelector('app-recent-deployments a')?.getAttribute('href')).toBe('/deployments/DEP1');
  });

  it('shows where it runs: the versions per environment hosting it, with slice and instances, and a failing one inline', async () => {
    await open();
    // dev1's map does not host checkout, so it is not asked
    http.expectNone((r) => r.url === '/api/v1/services' && r.params.get('environment') === 'dev1');
    runningReply('st1').flush(running('st1'));
    flushProblem(runningReply('pr1'), { status: 502, detail: 'AWS did not answer for pr1' });
    await settle(fixture);

    expect(tableRows()).toEqual([
      ['pr1', 'AWS did not answer for pr1'],
      ['st1', 'Web', '1.2.0-st1', 'blue', '2'],
      ['Web', '1.3.0', 'green', '1'],
    ]);
    expect(page.querySelector('[data-environment="st1"] a')?.getAttribute('href')).toBe('/environments/st1');
    expect(page.querySelector('[data-environment="pr1"] [role="alert"]')).not.toBeNull();
  });

  it('says an environment hosting it runs no instance of it', async () => {
    await open();
    runningReply('pr1').flush(running('pr1').slice(1));
    runningReply('st1').flush([]);
    await settle(fixture);

    expect(tableRows()).toEqual([
      ['pr1', 'Not running'],
      ['st1', 'Not running'],
    ]);
  });

  it('disables Edit and Delete with the reason for a user without edit-catalogue on its team', async () => {
    await open({ grants: [{ Action: 'edit-catalogue', Clusters: ['Tango'], EnvironmentTypes: 'all' }] });
    runningReply('pr1').flush([]);
    runningReply('st1').flush([]);
    await settle(fixture);

    for (const css of ['button.edit', 'button.delete']) {
      expect(page.querySelector(css)?.getAttribute('aria-disabled')).withContext(css).toBe('true');
    }
    expect(page.querySelector('#edit-blocker')?.textContent).toContain(
      'You may not edit the catalogue for Infra',
    );
    page.querySelector<HTMLButtonElement>('button.delete')!.click();
    expect(confirm).not.toHaveBeenCalled();
  });

  it('deletes after confirmation with the version it showed, then returns to the catalogue', async () => {
    await open({ grants: [{ Action: 'edit-catalogue', Clusters: ['Infra'], EnvironmentTypes: 'all' }] });
    runningReply('pr1').flush([]);
    runningReply('st1').flush([]);
    await settle(fixture);
    const navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);

    page.querySelector<HTMLButtonElement>('button.delete')!.click();
    await settle(fixture);
    expect(confirm).toHaveBeenCalledTimes(1);
    const request = http.expectOne('/api/v1/config/services/checkout/Infra');
    expect(request.request.method).toBe('DELETE');
    expect(request.request.headers.get('If-Match')).toBe('"4"');
    request.flush({ ...checkout, Version: 5, Deleted: true });
    await settle(fixture);

    expect(navigate).toHaveBeenCalledWith(['/catalogue']);
  });

  it('explains a 409 on delete and offers to reload', async () => {
    await open({ grants: [{ Action: 'admin', Clusters: 'all', EnvironmentTypes: 'all' }] });
    runningReply('pr1').flush([]);
    runningReply('st1').flush([]);
    await settle(fixture);

    page.querySelector<HTMLButtonElement>('button.delete')!.click();
    await settle(fixture);
    flushProblem(http.expectOne('/api/v1/config/services/checkout/Infra'), {
      status: 409,
      detail: 'Service checkout has changed: you sent version 4, the current version is 5',
    });
    await settle(fixture);

    expect(page.querySelector('[role="alert"]')?.textContent).toContain('the current version is 5');
    page.querySelector<HTMLButtonElement>('button.reload')!.click();
    http.expectOne('/api/v1/config/service/checkout').flush({ ...checkout, Version: 5 });
    await settle(fixture);
    expect(page.querySelector('[role="alert"]')).toBeNull();
  });
});
