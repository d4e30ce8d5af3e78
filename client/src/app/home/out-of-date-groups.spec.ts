import { groupsWithInstances, outOfDateGroups } from './out-of-date-groups';
import { testInstance } from './test-instance';

describe('outOfDateGroups', () => {
  it('names each group with an instance off the latest stable image, how many and how far behind', () => {
    const instances = [
      testInstance({ id: 'i-1', image: 'base-1.2.0', latestStable: false, daysBehind: 14 }),
      testInstance({ id: 'i-2', image: 'base-1.1.0', latestStable: false, daysBehind: 30 }),
      testInstance({ id: 'i-3' }),
      testInstance({ id: 'i-4', group: 'pr1-inf-Web', environment: 'pr1', image: null }),
      testInstance({ id: 'i-5', group: 'st1-inf-Ok' }),
      testInstance({ id: 'i-6', group: null, image: 'base-1.0.0', latestStable: false }),
    ];

    expect(outOfDateGroups(instances)).toEqual([
      { group: 'pr1-inf-Web', environment: 'pr1', reason: '1 of 1 instances on an image not of the account' },
      {
        group: 'st1-inf-Web',
        environment: 'st1',
        reason: '2 of 3 instances on base-1.1.0, base-1.2.0, 30 days behind the latest stable',
      },
    ]);
    expect(groupsWithInstances(instances)).toBe(3);
  });

  it('leaves out terminated instances', () => {
    expect(
      outOfDateGroups([testInstance({ image: 'base-1.2.0', latestStable: false, state: 'terminated' })]),
    ).toEqual([]);
  });
});
