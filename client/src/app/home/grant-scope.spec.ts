import { grantScope } from './grant-scope';

describe('grantScope', () => {
  it('reads "all" as All', () => {
    expect(grantScope('all')).toBe('All');
  });

  it('lists named items and says None for an empty list', () => {
    expect(grantScope(['Infra', 'Tango'])).toBe('Infra, Tango');
    expect(grantScope([])).toBe('None');
  });
});
