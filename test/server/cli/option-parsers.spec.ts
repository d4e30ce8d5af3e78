import { InvalidArgumentError } from 'commander';
import { canarySteps, pointInTime, seconds } from '../../../cli/commands/option-parsers';

/** How `em` reads the option values that are more than a word. */
describe("em's option values", () => {
  it('reads canary steps as percentages and ends them at 100', () => {
    expect(canarySteps('10,50')).toEqual([10, 50, 100]);
    expect(canarySteps('10, 50, 100')).toEqual([10, 50, 100]);
    expect(() => canarySteps('10,half')).toThrowError(InvalidArgumentError, /percentages/);
  });

  it('reads a point in time as ISO 8601 or as a span back from now', () => {
    const now = () => Date.parse('2026-12-01T12:00:00.000Z');
    expect(pointInTime('2h', now)).toBe('2026-12-01T10:00:00.000Z');
    expect(pointInTime('7d', now)).toBe('2026-11-24T12:00:00.000Z');
    expect(pointInTime('2026-11-30T08:00:00Z', now)).toBe('2026-11-30T08:00:00Z');
    expect(() => pointInTime('yesterday', now)).toThrowError(InvalidArgumentError);
  });

  it('takes a timeout only as a whole number of seconds', () => {
    expect(seconds('90')).toBe(90);
    expect(() => seconds('0')).toThrowError(InvalidArgumentError);
    expect(() => seconds('1.5')).toThrowError(InvalidArgumentError);
  });
});
