import { InvalidArgumentError } from 'commander';
import { UsageError } from '../../../cli/cli-errors';
import { assertConfirmed } from '../../../cli/toggles/confirmation';
import { targetList, toggleState } from '../../../cli/toggles/toggle-arguments';
import { settingText, targetingText } from '../../../cli/toggles/toggle-text';

/** How `em toggle` reads its arguments, says a setting, and makes sure before a kill. */
describe("em toggle's arguments", () => {
  it('reads the state as on, off or a percentage with at most two decimals', () => {
    expect(toggleState('on')).toEqual({ state: 'on' });
    expect(toggleState('off')).toEqual({ state: 'off' });
    expect(toggleState('25%')).toEqual({ state: 'percentage', percentage: 25 });
    expect(toggleState('0.01%')).toEqual({ state: 'percentage', percentage: 0.01 });
    expect(toggleState('100%')).toEqual({ state: 'percentage', percentage: 100 });
    for (const bad of ['ON', '25', '100.01%', '1.005%', '-5%', '%', 'half'])
      expect(() => toggleState(bad))
        .withContext(bad)
        .toThrowError(InvalidArgumentError);
  });

  it('reads targets separated by commas, an empty value as none', () => {
    expect(targetList('alice, bob,,carol')).toEqual(['alice', 'bob', 'carol']);
    expect(targetList('')).toEqual([]);
  });

  it('says a setting in a phrase: the state, then who is always on (+) and off (-)', () => {
    const none = { users: [], groups: [] };
    expect(settingText({ state: 'percentage', percentage: 12.5, include: none, exclude: none })).toBe(
      '12.5%',
    );
    expect(
      targetingText({
        include: { users: ['alice'], groups: [] },
        exclude: { users: [], groups: ['banned', 'x'] },
      }),
    ).toBe('+users alice -groups banned,x');
  });

  it('asks before a kill: --yes goes ahead, y on a terminal goes ahead, anything else changes nothing', async () => {
    const asked: string[] = [];
    const answering = (answer: string) => async (q: string) => {
      asked.push(q);
      return answer;
    };
    await expectAsync(
      assertConfirmed('Turn x off?', { yes: true, isTty: false, ask: answering('n') }),
    ).toBeResolved();
    expect(asked).toEqual([]);
    await expectAsync(
      assertConfirmed('Turn x off?', { yes: false, isTty: true, ask: answering('Y') }),
    ).toBeResolved();
    expect(asked).toEqual(['Turn x off? [y/N] ']);
    await expectAsync(
      assertConfirmed('Turn x off?', { yes: false, isTty: true, ask: answering('') }),
    ).toBeRejectedWithError(UsageError, /not confirmed/);
    // without a terminal no one can answer: it never waits, it says --yes
    await expectAsync(
      assertConfirmed('Turn x off?', { yes: false, isTty: false, ask: answering('y') }),
    ).toBeRejectedWithError(UsageError, /--yes/);
    expect(asked.length).toBe(2);
  });
});
