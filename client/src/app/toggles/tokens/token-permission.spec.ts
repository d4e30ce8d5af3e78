import { testConfigEnvironment, testService } from '../../catalogue/test-catalogue';
import { tokenBlocker, tokenScopeOf } from './token-permission';

describe('token permission', () => {
  const services = [testService({ name: 'checkout', team: 'Payments' })];
  const environments = [testConfigEnvironment('int1', 'web')];

  it("decides on the service's team and the environment's type, as the catalogue has them", () => {
    expect(tokenScopeOf({ service: 'checkout', environment: 'int1' }, services, environments)).toEqual({
      team: 'Payments',
      environmentType: 'Staging',
    });
  });

  it('cannot decide for a service or an environment not in the catalogue', () => {
    expect(tokenScopeOf({ service: 'gone', environment: 'int1' }, services, environments)).toBeNull();
    expect(tokenScopeOf({ service: 'checkout', environment: 'gone' }, services, environments)).toBeNull();
  });

  it('allows manage-feature-toggles for the team and the environment type, or admin', () => {
    const scope = { team: 'Payments', environmentType: 'Staging' };
    expect(
      tokenBlocker(
        [{ Action: 'manage-feature-toggles', Clusters: ['Payments'], EnvironmentTypes: ['Staging'] }],
        scope,
      ),
    ).toBeNull();
    expect(tokenBlocker([{ Action: 'admin', Clusters: 'all', EnvironmentTypes: 'all' }], scope)).toBeNull();
  });

  it('says which team and environment type the permission is needed for otherwise', () => {
    const grants = [
      { Action: 'manage-feature-toggles' as const, Clusters: ['Payments'], EnvironmentTypes: ['Staging'] },
    ];
    expect(tokenBlocker(grants, { team: 'Payments', environmentType: 'Production' })).toBe(
      'Needs the "manage-feature-toggles" permission for team Payments and environment type Production.',
    );
    expect(tokenBlocker(grants, { team: 'Search', environmentType: 'Staging' })).toBe(
      'Needs the "manage-feature-toggles" permission for team Search and environment type Staging.',
    );
  });
});
