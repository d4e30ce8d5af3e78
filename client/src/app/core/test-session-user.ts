import type { Me } from '@shared/auth/user';

/** Builds a signed-in user for specs; pass only what the spec is about. */
export function testSessionUser(overrides: Partial<Me> = {}): Me {
  return {
    username: 'ada',
    displayName: 'Ada Lovelace',
    groups: ['platform-engineers'],
    teams: ['Platform', 'Payments'],
    grants: [{ Action: 'deploy', Clusters: ['Infra'], EnvironmentTypes: 'all' }],
    ...overrides,
  };
}
