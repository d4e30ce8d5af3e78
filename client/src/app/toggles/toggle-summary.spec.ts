import { percentText, toggleSummary } from './toggle-summary';
import { testSetting } from './test-toggle';

describe('toggleSummary', () => {
  it('says off for an environment with no setting, as the server evaluates it', () => {
    expect(toggleSummary(null)).toEqual({
      state: 'off',
      stateName: 'off',
      unset: true,
      targeting: [],
      pending: null,
    });
  });

  it('shows a percentage with at most two decimals', () => {
    expect(toggleSummary(testSetting({ state: 'percentage', percentage: 12.5 })).state).toBe('12.5%');
    expect(percentText(0.01)).toBe('0.01%');
    expect(percentText(33.333)).toBe('33.33%');
  });

  it('names who is always on and always off, in words', () => {
    const summary = toggleSummary(
      testSetting({
        state: 'off',
        includeUsers: ['u1', 'u2'],
        includeGroups: ['beta'],
        excludeUsers: ['u9'],
      }),
    );
    expect(summary.targeting).toEqual(['2 users included', '1 group included', '1 user excluded']);
  });

  it('says what waits for approval and who asked', () => {
    const summary = toggleSummary(
      testSetting({ state: 'off', pending: { state: 'percentage', percentage: 5, requestedBy: 'bob' } }),
    );
    expect(summary.state).toBe('off');
    expect(summary.pending).toBe('5%, asked by bob');
  });
});
