import type { HttpTestingController } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { Router } from '@angular/router';
import { TestBed } from '@angular/core/testing';
import type { Grant } from '@shared/auth/permission';
import { testConfigEnvironment, testDeploymentMap } from '../catalogue/test-catalogue';
import { settle } from '../core/settle';
import { chooseIn, tooltipOf } from '../core/test-form';
import { openTestPage } from '../core/test-page';
import { testSetting, testToggle } from './test-toggle';
import { ToggleListPage } from './toggle-list-page';

const toggles = [
  testToggle({
    name: 'new-cart',
    environments: [
      testSetting({ environment: 'st1', state: 'percentage', percentage: 25, includeGroups: ['beta'] }),
      testSetting({ environment: 'pr1', type: 'Prod', state: 'off', pending: { requestedBy: 'bob' } }),
    ],
  }),
  testToggle({
    service: 'search',
    name: 'fuzzy',
    owner: 'Search',
    environments: [testSetting({ environment: 'st1' })],
  }),
  testToggle({ name: 'express-pay' }),
];
const environments = [
  testConfigEnvironment('st1', 'Main'),
  testConfigEnvironment('pr1', 'Main'),
  testConfigEnvironment('sr1', 'SearchOnly'),
];
const maps = [testDeploymentMap('Main', ['checkout', 'search']), testDeploymentMap('SearchOnly', ['search'])];

describe('ToggleListPage', () => {
  let fixture: ComponentFixture<ToggleListPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  async function open(options: { grants?: Grant[]; inputs?: Record<string, unknown> } = {}): Promise<void> {
    ({ fixture, page, http } = await openTestPage(ToggleListPage, {
      grants: options.grants ?? [],
      inputs: options.inputs,
      replies: (mock) => {
        mock.expectOne('/api/v1/feature-toggles').flush(toggles);
        mock.expectOne('/api/v1/config/environments').flush(environments);
        mock.expectOne('/api/v1/config/deployment-maps').flush(maps);
      },
    }));
  }

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();
  const header = () => Array.from(page.querySelectorAll('table.toggles thead th')).map((th) => text(th));
  const rows = () =>
    Array.from(page.querySelectorAll('table.toggles tbody tr')).map((r) =>
      Array.from(r.querySelectorAll('th, td')).map((c) => text(c)),
    );

  it('shows each toggle with its state in every environment side by side', async () => {
    await open();

    expect(header()).toEqual(['Toggle', 'Team', 'pr1', 'sr1', 'st1']);
    expect(rows()).toEqual([
      [
        'express-pay checkout · release',
        'Payments',
        'off not set',
        '–checkout is not in this environment',
        'off not set',
      ],
      [
        'new-cart checkout · release',
        'Payments',
        'off waiting for approval: on, asked by bob',
        '–checkout is not in this environment',
        '25% 1 group included',
      ],
      ['fuzzy search · release', 'Search', 'off not set', 'off not set', 'on'],
    ]);
    expect(page.querySelector('tbody a')?.getAttribute('href')).toBe('/feature-toggles/checkout/express-pay');
  });

  it('filters by service and by team, keeping the filters in the URL', async () => {
    await open();
    const navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);

    chooseIn(page, 'service', 'search');
    await settle(fixture);
    expect(rows().map((r) => r[0])).toEqual(['fuzzy search · release']);
    expect(navigate).toHaveBeenCalledWith([], {
      queryParams: { service: 'search', team: null, archived: null },
      replaceUrl: true,
    });

    chooseIn(page, 'service', '');
    chooseIn(page, 'team', 'Payments');
    await settle(fixture);
    expect(rows().map((r) => r[0])).toEqual([
      'express-pay checkout · release',
      'new-cart checkout · release',
    ]);
    // only the environments of the toggles shown are columns
    expect(header()).toEqual(['Toggle', 'Team', 'pr1', 'st1']);
  });

  it('opens filtered by the service and team of the URL', async () => {
    await open({ inputs: { service: 'checkout', team: 'Payments' } });
    expect(rows().length).toBe(2);
    expect(page.querySelector<HTMLSelectElement>('select[name="service"]')?.value).toBe('checkout');
  });

  it('offers New toggle to a holder of manage-feature-toggles, and says why not to others', async () => {
    await open();
    expect(page.querySelector('button.create')?.getAttribute('aria-disabled')).toBe('true');
    expect(tooltipOf(fixture, 'button.create')).toBe(
      'Needs the "manage-feature-toggles" permission for the team of the service.',
    );
    fixture.destroy();
    http.verify();
    TestBed.resetTestingModule();

    await open({
      grants: [{ Action: 'manage-feature-toggles', Clusters: ['Payments'], EnvironmentTypes: 'all' }],
    });
    expect(page.querySelector('button.create')?.getAttribute('aria-disabled')).not.toBe('true');
    expect(page.querySelector('#create-blocker')).toBeNull();
  });
});
