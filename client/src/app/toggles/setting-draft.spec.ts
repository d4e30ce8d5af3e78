import { changeOf, draftOf, settingControlOf } from './setting-draft';
import { testSetting } from './test-toggle';

describe('setting draft', () => {
  it('sends the percentage only with that state, in 0.01 steps', () => {
    const draft = {
      ...draftOf(null),
      state: 'percentage' as const,
      percentage: 12.345000001,
      reason: ' ramp ',
    };
    expect(changeOf(draft)).toEqual({
      state: 'percentage',
      percentage: 12.35,
      include: { users: [], groups: [] },
      exclude: { users: [], groups: [] },
      reason: 'ramp',
    });
    expect(changeOf({ ...draft, state: 'on' }).percentage).toBeUndefined();
  });

  it('reads targets one per line or separated by spaces or commas', () => {
    const draft = { ...draftOf(null), includeUsers: 'u1\nu2, u3  u4,', excludeGroups: ' ops ' };
    const change = changeOf(draft);
    expect(change.include.users).toEqual(['u1', 'u2', 'u3', 'u4']);
    expect(change.exclude.groups).toEqual(['ops']);
  });

  it('starts from the setting read, one target a line, with no reason', () => {
    const draft = draftOf(testSetting({ state: 'percentage', percentage: 5, includeUsers: ['u1', 'u2'] }));
    expect(draft).toEqual(
      jasmine.objectContaining({ state: 'percentage', percentage: 5, includeUsers: 'u1\nu2', reason: '' }),
    );
  });

  it("puts the server's field errors on the control holding the field", () => {
    expect(settingControlOf('body.percentage')).toBe('percentage');
    expect(settingControlOf('body.include.users.3')).toBe('includeUsers');
    expect(settingControlOf('body.exclude.groups')).toBe('excludeGroups');
    expect(settingControlOf('reason')).toBe('reason');
    expect(settingControlOf('header.if-match')).toBeUndefined();
  });
});
