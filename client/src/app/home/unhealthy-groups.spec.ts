import { testAsg } from './test-asg';
import { unhealthyGroups, unhealthyReason } from './unhealthy-groups';

describe('unhealthyReason', () => {
  it('finds nothing wrong with a group whose desired instances all serve', () => {
    expect(unhealthyReason(testAsg({ desired: 2, healthy: 2 }))).toBeUndefined();
  });

  it('counts a terminating instance as gone and a standby one as running but not healthy', () => {
    const group = testAsg({ desired: 2, healthy: 2 });
    const leaving = { ...group.Instances[0]!, LifecycleState: 'Terminating:Wait' };
    expect(unhealthyReason({ ...group, Instances: [leaving, group.Instances[1]!] })).toBe(
      '1 of 2 instances running',
    );
    const standby = { ...group.Instances[0]!, LifecycleState: 'Standby' };
    expect(unhealthyReason({ ...group, Instances: [standby, group.Instances[1]!] })).toBe(
      '1 of 2 instances healthy',
    );
  });

  it('flags a group with more instances than it wants (a scale-in under way)', () => {
    expect(unhealthyReason(testAsg({ desired: 1, healthy: 2 }))).toBe('2 of 1 instances running');
  });
});

describe('unhealthyGroups', () => {
  it('names each unhealthy group with the environment its tag gives, by name', () => {
    expect(
      unhealthyGroups([
        testAsg({ name: 'b', healthy: 0 }),
        testAsg({ name: 'ok' }),
        testAsg({ name: 'a', environment: null, unhealthy: 2, healthy: 0 }),
      ]),
    ).toEqual([
      { group: 'a', environment: undefined, reason: '0 of 2 instances healthy' },
      { group: 'b', environment: 'st1', reason: '0 of 2 instances running' },
    ]);
  });
});
