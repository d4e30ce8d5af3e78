import { blankToggleChange, toggleChangeOf, toggleFieldPlace } from './toggle-change-draft';

describe('toggleChangeDraft', () => {
  it('places each field error of the request on its change and control', () => {
    expect(toggleFieldPlace('body.toggles.2.name')).toEqual({ kind: 'change', index: 2, control: 'name' });
    expect(toggleFieldPlace('body.toggles.0.percentage')).toEqual({
      kind: 'change',
      index: 0,
      control: 'percentage',
    });
    expect(toggleFieldPlace('body.toggles.1.exclude.users.4')).toEqual({
      kind: 'change',
      index: 1,
      control: 'excludeUsers',
    });
    expect(toggleFieldPlace('body.toggles.3')).toEqual({ kind: 'change', index: 3, control: 'name' });
    expect(toggleFieldPlace('body.canaryToggle')).toEqual({ kind: 'canary' });
    expect(toggleFieldPlace('body.version')).toBeUndefined();
  });

  it('asks for a percentage only with that state, in the steps the server keeps', () => {
    const draft = { ...blankToggleChange('new-cart'), state: 'percentage' as const, percentage: 12.345 };
    expect(toggleChangeOf(draft)).toEqual({
      name: 'new-cart',
      state: 'percentage',
      percentage: 12.35,
      include: { users: [], groups: [] },
      exclude: { users: [], groups: [] },
    });
    expect(toggleChangeOf({ ...draft, state: 'on' })).not.toEqual(
      jasmine.objectContaining({ percentage: 12.35 }),
    );
  });
});
