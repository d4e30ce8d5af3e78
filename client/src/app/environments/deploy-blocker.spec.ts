import type { Grant } from '@shared/auth/permission';
import { deployBlocker } from './deploy-blocker';
import { deployTargets } from './deploy-target';
import { testEnvironment, testRole } from './test-fleet';

const deployInfra: Grant[] = [{ Action: 'deploy', Clusters: ['Infra'], EnvironmentTypes: ['Staging'] }];

describe('deployBlocker', () => {
  it('allows deploying when a role belongs to a cluster the user may deploy for', () => {
    expect(deployBlocker(testEnvironment(), [testRole({ cluster: 'Infra' })], deployInfra)).toBeNull();
  });

  it('names the clusters and type the user may not deploy to', () => {
    const roles = [testRole({ cluster: 'Tango' }), testRole({ role: 'Api', cluster: 'Alpha' })];
    expect(deployBlocker(testEnvironment(), roles, deployInfra)).toBe(
      'You may not deploy to Staging environments for Alpha, Tango.',
    );
    expect(deployBlocker(testEnvironment({ type: 'Production' }), [testRole()], deployInfra)).toContain(
      'Production',
    );
  });

  it('says a locked environment is locked, even to an admin', () => {
    const admin: Grant[] = [{ Action: 'admin', Clusters: 'all', EnvironmentTypes: 'all' }];
    expect(deployBlocker(testEnvironment({ locked: true }), [testRole()], admin)).toBe(
      'Deployments to st1 are locked.',
    );
  });
});

describe('deployTargets', () => {
  it('offers only the services of roles the user may deploy, with their role and slice support', () => {
    const roles = [
      testRole({ role: 'Web', cluster: 'Infra', services: ['web', 'checkout'], fleetPerSlice: true }),
      testRole({ role: 'Batch', cluster: 'Tango', services: ['billing'] }),
    ];
    expect(deployTargets(roles, deployInfra, 'Staging')).toEqual([
      { service: 'checkout', serverRole: 'Web', cluster: 'Infra', fleetPerSlice: true },
      { service: 'web', serverRole: 'Web', cluster: 'Infra', fleetPerSlice: true },
    ]);
    expect(deployTargets(roles, deployInfra, 'Production')).toEqual([]);
  });
});
