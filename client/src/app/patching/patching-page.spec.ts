import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { Grant } from '@shared/auth/permission';
import { Confirmation } from '../core/confirmation';
import { settle } from '../core/settle';
import { openTestPage } from '../core/test-page';
import { flushProblem } from '../core/test-problem';
import { testEnvironment, testImage } from '../environments/test-fleet';
import { PATCH_POLL_MS } from './patching-api';
import { PatchingPage } from './patching-page';
import { testGroup, testPatch, testPlan } from './test-patches';

describe('PatchingPage', () => {
  let fixture: ComponentFixture<PatchingPage>;
  let page: HTMLElement;
  let http: HttpTestingController;
  let confirm: jasmine.Spy;

  const patcher: Grant[] = [{ Action: 'patch-images', Clusters: ['Infra'], EnvironmentTypes: 'all' }];

  const images = [
    { ...testImage('ami-3', '1.2.0', { rank: 1 }), DaysBehindLatest: 0 },
    { ...testImage('ami-2', '1.1.0', { rank: 2, latestStable: true }), DaysBehindLatest: 0 },
    { ...testImage('ami-1', '1.0.0', { rank: 3 }), DaysBehindLatest: 12 },
    testImage('ami-9', '2.0.0', { type: 'win-2022', latestStable: true }),
  ];

  async function open(
    grants: Grant[],
    history: unknown[] = [],
    options: { patch?: string; replies?: (mock: HttpTestingController) => void } = {},
  ): Promise<void> {
    confirm = jasmine.createSpy('ask').and.resolveTo(true);
    ({ fixture, page, http } = await openTestPage(PatchingPage, {
      grants,
      inputs: { patch: options.patch },
      providers: [
        { provide: Confirmation, useValue: { ask: confirm } },
        { provide: PATCH_POLL_MS, useValue: 0 },
      ],
      replies: (mock) => {
        mock.expectOne('/api/v1/images').flush(images);
        mock
          .expectOne('/api/v1/environments')
          .flush([testEnvironment(), testEnvironment({ name: 'pr1', type: 'Prod' })]);
        mock.expectOne('/api/v1/patches').flush(history);
        options.replies?.(mock);
      },
    }));
  }

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  const text = (css: string) => page.querySelector(css)?.textContent?.replace(/\s+/g, ' ').trim();
  const cellsOf = (row: Element) =>
    Array.from(row.children)
      .map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim())
      .join(' | ');
  const button = (css: string) => page.querySelector<HTMLButtonElement>(`button.${css}`)!;
  function choose(name: string, value: string): void {
    const control = page.querySelector<HTMLSelectElement | HTMLInputElement>(`[name="${name}"]`)!;
    control.value = value;
    control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input'));
  }

  async function planFor(plan = testPlan()): Promise<void> {
    choose('environment', 'st1');
    choose('reason', 'monthly patch');
    button('plan').click();
    await settle(fixture);
    const request = http.expectOne((r) => r.url === '/api/v1/patches' && r.params.get('dry_run') === 'true');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      environment: 'st1',
      toImage: 'latest-stable',
      maxParallel: 1,
      onFailure: 'stop',
      reason: 'monthly patch',
    });
    request.flush(plan);
    await settle(fixture);
  }

  it('shows each image type with its latest stable and the other versions, days behind', async () => {
    await open(patcher);

    const rows = Array.from(page.querySelectorAll('table.images tbody tr')).map((row) => cellsOf(row));
    expect(rows).toEqual([
      'web-linux | web-linux-1.1.0 (ami-2) | 1.2.0 (0 days), 1.0.0 (12 days)',
      'win-2022 | win-2022-2.0.0 (ami-9) | None',
    ]);
    expect(text('.recent .empty')).toBe('No patches in the last 30 days.');
  });

  it('plans a patch and shows the groups it changes and those left out with their reasons', async () => {
    await open(patcher);
    await planFor(
      testPlan({
        Groups: [
          testGroup('st1-web-blue'),
          testGroup('st1-web-green', {
            Action: 'template-only',
            Slice: 'green',
            InstanceCount: 0,
            ScaleOutTo: 0,
          }),
        ],
        LeftOut: [
          {
            AutoScalingGroupName: 'st1-api',
            ServerRole: 'api',
            OwningCluster: 'Infra',
            Reason: 'unhealthy',
            Detail: '1 of 2 instances unhealthy',
          },
        ],
      }),
    );

    const groups = Array.from(page.querySelectorAll('table.plan-groups tbody tr')).map((r) => cellsOf(r));
    expect(groups).toEqual([
      'st1-web-blue | Infra | web-linux-1.0.0 | web-linux-1.1.0 | 2 | Scale out to 4, then back to 2',
      'st1-web-green | Infra | web-linux-1.0.0 | web-linux-1.1.0 | 0 | Template only (idle green slice, no instances)',
    ]);
    expect(cellsOf(page.querySelector('table.left-out tbody tr')!)).toBe(
      'st1-api | Infra | unhealthy | 1 of 2 instances unhealthy',
    );
    expect(button('run').getAttribute('aria-disabled')).not.toBe('true');
  });

  it('shows the problem of a refused plan', async () => {
    await open(patcher);
    choose('environment', 'st1');
    button('plan').click();
    await settle(fixture);
    flushProblem(
      http.expectOne((r) => r.url === '/api/v1/patches'),
      { status: 409, detail: 'Nothing to patch in st1.' },
    );
    await settle(fixture);

    expect(text('app-problem-banner')).toContain('Nothing to patch in st1.');
    expect(page.querySelector('button.run')).toBeNull();
  });

  it('disables Run with the reason for a user without patch-images on the groups', async () => {
    await open([{ Action: 'patch-images', Clusters: ['Tango'], EnvironmentTypes: 'all' }]);
    await planFor();

    expect(button('run').getAttribute('aria-disabled')).toBe('true');
    expect(text('#run-blocker')).toBe('Running needs patch-images on Staging environments for Infra.');
    button('run').click();
    await settle(fixture);
    http.expectNone('/api/v1/patches');
  });

  it('runs the plan with the same body without dry_run, then polls the patch until it ends', async () => {
    await open(patcher);
    await planFor();

    button('run').click();
    await settle(fixture);
    const start = http.expectOne((r) => r.url === '/api/v1/patches' && r.method === 'POST');
    expect(start.request.params.has('dry_run')).toBeFalse();
    expect(start.request.body).toEqual({
      environment: 'st1',
      toImage: 'latest-stable',
      maxParallel: 1,
      onFailure: 'stop',
      reason: 'monthly patch',
    });
    start.flush(testPatch({ Status: 'Queued' }), { status: 202, statusText: 'Accepted' });
    await settle(fixture);
    http.expectOne((r) => r.url === '/api/v1/patches' && r.method === 'GET').flush([testPatch()]);
    await settle(fixture);

    expect(text('app-patch-view .status')).toBe('Queued');
    http.expectOne('/api/v1/patches/p1').flush(testPatch());
    await settle(fixture);
    expect(text('app-patch-view .status')).toBe('In Progress');
    expect(text('app-patch-view .patch-summary')).not.toContain('ended');
    const link = page.querySelector<HTMLAnchorElement>('app-patch-view table.groups a')!;
    expect(link.getAttribute('href')).toBe('/deployments/p1-1');

    http.expectOne('/api/v1/patches/p1').flush(
      testPatch({
        Status: 'Success',
        EndTimestamp: '2026-03-01T10:20:00.000Z',
        Groups: [{ ...testGroup('st1-web-blue'), DeploymentID: 'p1-1', Status: 'Success' }],
      }),
    );
    await settle(fixture);
    expect(text('app-patch-view .status')).toBe('Success');
    expect(text('app-patch-view .group-status')).toBe('Success');
    expect(text('app-patch-view .patch-summary')).toMatch(/:\d\d\s[AP]M, ended \w{3} \d/);
    // the recent patches list says where it now stands, not where it stood when listed
    expect(cellsOf(page.querySelector('table.history tbody tr')!)).toMatch(
      /^Show patch p1 \| Success \| st1 \|/,
    );
    await settle(fixture);
    http.expectNone('/api/v1/patches/p1');
  });

  const frozenPlan = () =>
    testPlan({
      Groups: [],
      LeftOut: [
        {
          AutoScalingGroupName: 'st1-web-blue',
          ServerRole: 'web',
          OwningCluster: 'Infra',
          Reason: 'freeze-window',
          Detail: 'st1 is in the freeze window "Weekend" until 2026-03-02T08:00:00.000Z',
        },
      ],
      FreezeWindow: {
        Name: 'Weekend',
        Scope: 'environment',
        SetOn: 'st1',
        EndsAt: '2026-03-02T08:00:00.000Z',
        Overridden: false,
      },
    });

  it('offers "Patch anyway (break-glass)" for a plan held by a freeze window, and runs it with the reason', async () => {
    await open([...patcher, { Action: 'break-glass', Clusters: ['Infra'], EnvironmentTypes: 'all' }]);
    await planFor(frozenPlan());

    expect(text('[aria-label="Freeze window"] .window')).toContain(
      'Weekend (set on st1) freezes changes until',
    );
    expect(button('break-glass').textContent?.trim()).toBe('Patch anyway (break-glass)');
    choose('breakGlassReason', 'CVE-2026-1234 is exploited');
    button('break-glass').click();
    await settle(fixture);
    const start = http.expectOne((r) => r.url === '/api/v1/patches' && r.method === 'POST');
    expect(start.request.params.has('dry_run')).toBeFalse();
    expect(start.request.body).toEqual(
      jasmine.objectContaining({
        environment: 'st1',
        reason: 'monthly patch',
        breakGlass: { reason: 'CVE-2026-1234 is exploited' },
      }),
    );
    start.flush(testPatch({ Status: 'Queued' }), { status: 202, statusText: 'Accepted' });
    await settle(fixture);
    http.expectOne((r) => r.url === '/api/v1/patches' && r.method === 'GET').flush([testPatch()]);
    await settle(fixture);
    http.expectOne('/api/v1/patches/p1').flush(testPatch({ Status: 'Success' }));
    await settle(fixture);
    expect(page.querySelector('[aria-label="Freeze window"]')).toBeNull();
  });

  it('shows the freeze window and its end, without an override, to a user without break-glass', async () => {
    await open(patcher);
    await planFor(frozenPlan());

    expect(text('[aria-label="Freeze window"]')).toContain('Weekend');
    expect(text('.no-break-glass')).toContain('break-glass permission');
    expect(page.querySelector('button.break-glass')).toBeNull();
  });

  it('lists the recent patches and shows one when clicked', async () => {
    await open(patcher, [
      testPatch({
        PatchID: 'p2',
        Status: 'Failed',
        User: 'bob',
        ToImage: 'web-linux-1.1.0',
        EndTimestamp: '2026-03-02T10:00:00.000Z',
      }),
      testPatch({ Status: 'Success', EndTimestamp: '2026-03-01T11:00:00.000Z' }),
    ]);

    const rows = Array.from(page.querySelectorAll('table.history tbody tr')).map((r) =>
      r.querySelectorAll('td'),
    );
    expect(
      rows.map((cells) => [
        cells[1].textContent?.trim(),
        cells[2].textContent?.trim(),
        cells[3].textContent?.trim(),
        cells[4].textContent?.trim(),
      ]),
    ).toEqual([
      ['Failed', 'st1', 'web-linux-1.1.0', 'bob'],
      ['Success', 'st1', 'Latest stable of each type', 'ada'],
    ]);
    page.querySelector<HTMLButtonElement>('button.show-patch')!.click();
    await settle(fixture);

    expect(text('app-patch-view h2')).toBe('Patch p2 of st1');
    expect(text('app-patch-view .status')).toBe('Failed');
    expect(TestBed.inject(Router).url).toBe('/?patch=p2');
    http.expectNone('/api/v1/patches/p2');
  });

  it('opens the patch the URL names (?patch=), as the home page links to it', async () => {
    await open(patcher, [], {
      patch: 'p3',
      replies: (mock) =>
        mock.expectOne('/api/v1/patches/p3').flush(
          testPatch({
            PatchID: 'p3',
            Status: 'Success',
            EndTimestamp: '2026-03-01T10:20:00.000Z',
          }),
        ),
    });

    expect(text('app-patch-view h2')).toBe('Patch p3 of st1');
    expect(text('app-patch-view .status')).toBe('Success');
  });

  it('says so when the patch the URL names cannot be read', async () => {
    await open(patcher, [], {
      patch: 'p404',
      replies: (mock) =>
        flushProblem(mock.expectOne('/api/v1/patches/p404'), { status: 404, detail: 'no patch p404' }),
    });

    expect(text('app-problem-banner')).toContain('no patch p404');
    expect(page.querySelector('app-patch-view')).toBeNull();
  });
});
