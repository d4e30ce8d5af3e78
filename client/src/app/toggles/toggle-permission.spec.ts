import type { Grant } from '@shared/auth/permission';
import {
  approveBlocker,
  archiveBlocker,
  changeBlocker,
  createBlocker,
  killEverywhereBlocker,
  manageBlocker,
} from './toggle-permission';
import { testSetting, testToggle } from './test-toggle';

const payments = (types: Grant['EnvironmentTypes']): Grant => ({
  Action: 'manage-feature-toggles',
  Clusters: ['Payments'],
  EnvironmentTypes: types,
});

describe('toggle permissions', () => {
  it('lets the service team create and archive, with the permission for any type', () => {
    expect(manageBlocker([payments(['Staging'])], 'Payments')).toBeNull();
    expect(manageBlocker([payments('all')], 'Search')).toBe(
      'Needs the "manage-feature-toggles" permission for team Search.',
    );
    expect(archiveBlocker([payments('all')], testToggle({ archived: true }))).toBe(
      'The toggle is archived already.',
    );
    expect(createBlocker([])).toContain('manage-feature-toggles');
    expect(createBlocker([{ Action: 'admin', Clusters: ['Search'], EnvironmentTypes: 'all' }])).toBeNull();
  });

  it('needs the team and the environment type to change a setting', () => {
    const toggle = testToggle();
    expect(changeBlocker([payments(['Staging'])], toggle, 'Staging')).toBeNull();
    expect(changeBlocker([payments(['Staging'])], toggle, 'Prod')).toBe(
      'Needs the "manage-feature-toggles" permission for team Payments and environment type Prod.',
    );
    expect(changeBlocker([payments('all')], testToggle({ archived: true }), 'Prod')).toContain('archived');
  });

  it('lets someone other than who asked approve, if they may change it there', () => {
    const toggle = testToggle();
    const waiting = testSetting({ type: 'Prod', pending: { requestedBy: 'bob' } });
    expect(approveBlocker([payments('all')], 'bob', toggle, waiting)).toBe(
      'You asked for this change: it waits for approval by someone else.',
    );
    expect(approveBlocker([payments('all')], 'ada', toggle, waiting)).toBeNull();
    expect(approveBlocker([payments(['Staging'])], 'ada', toggle, waiting)).toContain(
      'environment type Prod',
    );
    expect(approveBlocker([payments('all')], 'ada', toggle, testSetting())).toBe(
      'No change waits for approval here.',
    );
  });

  it('turns off everywhere only with the permission in every environment it is set in', () => {
    const toggle = testToggle({
      environments: [testSetting({ environment: 'st1' }), testSetting({ environment: 'pr1', type: 'Prod' })],
    });
    expect(killEverywhereBlocker([payments('all')], toggle)).toBeNull();
    expect(killEverywhereBlocker([payments(['Staging'])], toggle)).toContain('pr1 (Prod) too');
    expect(killEverywhereBlocker([payments('all')], testToggle())).toBe(
      'It is set in no environment: it is off everywhere.',
    );
  });
});
