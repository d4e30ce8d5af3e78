import { testRunningService } from './test-running-service';
import { versionCell, versionMatrix } from './version-matrix';

describe('versionCell', () => {
  it('gives the version alone when one runs, and nothing when none does', () => {
    expect(versionCell([{ Version: '2.9.0', Slice: 'blue', InstanceCount: 3 }])).toBe('2.9.0');
    expect(versionCell([])).toBe('');
  });

  it('gives each version with its slice and instance count when several run, blue first', () => {
    expect(
      versionCell([
        { Version: '2.8.1', Slice: 'green', InstanceCount: 2 },
        { Version: '2.9.0', Slice: 'blue', InstanceCount: 2 },
      ]),
    ).toBe('2.9.0 (blue, 2) / 2.8.1 (green, 2)');
  });

  it('adds up the instances of one version and slice on two server roles', () => {
    expect(
      versionCell([
        { Version: '1.0.0', Slice: 'none', InstanceCount: 2 },
        { Version: '1.1.0', Slice: 'none', InstanceCount: 1 },
        { Version: '1.0.0', Slice: 'none', InstanceCount: 3 },
      ]),
    ).toBe('1.1.0 (1) / 1.0.0 (5)');
  });
});

describe('versionMatrix', () => {
  it('makes a row per service by name with a cell per column, blank where it does not run', () => {
    const rows = versionMatrix([
      {
        environment: 'st1',
        services: [testRunningService('web', ['1.0.0']), testRunningService('api', ['2.0.0'])],
      },
      { environment: 'pr1', services: [testRunningService('api', ['2.0.0'])] },
    ]);
    expect(rows).toEqual([
      { service: 'api', cells: ['2.0.0', '2.0.0'], differs: false },
      { service: 'web', cells: ['1.0.0', ''], differs: true },
    ]);
  });

  it('marks a row whose versions differ, but not one that runs the same version on other slices', () => {
    const blue = testRunningService('api', [{ Version: '2.0.0', Slice: 'blue', InstanceCount: 2 }]);
    const green = testRunningService('api', [{ Version: '2.0.0', Slice: 'green', InstanceCount: 4 }]);
    const newer = testRunningService('api', ['2.1.0']);
    expect(
      versionMatrix([
        { environment: 'st1', services: [blue] },
        { environment: 'pr1', services: [green] },
      ])[0]!.differs,
    ).toBeFalse();
    expect(
      versionMatrix([
        { environment: 'st1', services: [blue] },
        { environment: 'pr1', services: [green] },
        { environment: 'pr2', services: [newer] },
      ])[0]!.differs,
    ).toBeTrue();
  });

  it('leaves a column that did not load out of the comparison', () => {
    const rows = versionMatrix([
      { environment: 'st1', services: [testRunningService('api', ['2.0.0'])] },
      { environment: 'pr1', services: undefined },
    ]);
    expect(rows).toEqual([{ service: 'api', cells: ['2.0.0', ''], differs: false }]);
  });
});
