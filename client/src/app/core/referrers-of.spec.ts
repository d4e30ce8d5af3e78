import { ApiProblem } from './api-problem';
import { referrersOf } from './referrers-of';

describe('referrersOf', () => {
  const problem = (status: number, referrers?: string[]) =>
    new ApiProblem({
      type: 'about:blank',
      title: 'Conflict',
      status,
      detail: 'Cluster Tango is still referenced by DeploymentMap:core',
      referrers,
    });

  it('names the referrers of a 409 with their kinds in words', () => {
    expect(referrersOf(problem(409, ['DeploymentMap:core', 'Environment:pr1', 'Cluster:Tango']))).toEqual([
      { kind: 'deployment map', key: 'core' },
      { kind: 'environment', key: 'pr1' },
      { kind: 'team', key: 'Tango' },
    ]);
  });

  it('reads only the carried list, not the detail text', () => {
    expect(referrersOf(problem(409))).toEqual([]);
  });

  it('finds none for another status', () => {
    expect(referrersOf(problem(400, ['Environment:pr1']))).toEqual([]);
  });
});
