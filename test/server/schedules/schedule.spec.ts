import { environmentScheduleText } from '@shared/schedules/environment-schedule';
import { nextSwitches, readSchedule, stateAt, type Schedule } from '@shared/schedules/schedule';

function read(text: string): Schedule {
  const reading = readSchedule(text);
  if (!reading.ok) throw new Error(`${text}: ${reading.message}`);
  return reading.schedule;
}

const at = (iso: string) => new Date(iso);

describe('schedules as the original wrote them (shared/schedules/schedule.ts)', () => {
  it('reads the words in any case: NOSCHEDULE, 247, off, and on as the working day in UTC', () => {
    expect(read('NoSchedule')).toEqual({ kind: 'none' });
    expect(read(' 247 ')).toEqual({ kind: 'always', state: 'on' });
    expect(read('OFF')).toEqual({ kind: 'always', state: 'off' });
    const on = read('on');
    expect(stateAt(on, at('2026-06-01T06:29:00Z'))).toBe('off');
    expect(stateAt(on, at('2026-06-01T06:30:00Z'))).toBe('on');
    expect(stateAt(on, at('2026-06-01T18:30:00Z'))).toBe('off');
  });

  it('refuses what does not read, saying why', () => {
    const message = (text: string) => {
      const r = readSchedule(text);
      return r.ok ? 'read' : r.message;
    };
    expect(message('Start: 61 8 * * *')).toContain('not a valid cron expression');
    expect(message('Start: 0 8 * *')).toContain('five fields');
    expect(message('Begin: 0 8 * * *')).toContain('must be "Start: <cron>" or "Stop: <cron>"');
    expect(message('Start: 0 8 * * * | Mars/Olympus')).toContain('"Mars/Olympus" is not an IANA time zone');
    expect(message('Start: 0 8 * * * | UTC | UTC')).toContain('one time zone');
    expect(message('')).toContain('must not be empty');
  });

  it('is off over a weekend after a working week, with several parts and the later switch winning', () => {
    const week = read('Start: 0 8 * * 1-5; Stop: 0 19 * * 1-5');
    expect(stateAt(week, at('2026-12-04T18:59:00Z'))).toBe('on'); // Friday
    expect(stateAt(week, at('2026-12-05T12:00:00Z'))).toBe('off'); // Saturday
    expect(stateAt(week, at('2026-12-07T08:00:00Z'))).toBe('on'); // Monday, at the switch itself
  });

  it('keeps a group on past midnight when its stop is the next morning', () => {
    const late = read('Start: 0 7 * * *; Stop: 0 1 * * * | Europe/London');
    expect(stateAt(late, at('2026-12-01T23:30:00Z'))).toBe('on');
    expect(stateAt(late, at('2026-12-02T00:59:00Z'))).toBe('on');
    expect(stateAt(late, at('2026-12-02T01:00:00Z'))).toBe('off');
    expect(stateAt(late, at('2026-12-02T06:59:00Z'))).toBe('off');
    expect(nextSwitches(late, at('2026-12-01T23:30:00Z'))).toEqual({
      on: at('2026-12-02T07:00:00Z'),
      off: at('2026-12-02T01:00:00Z'),
    });
  });

  describe('in Europe/London across daylight saving', () => {
    const office = read('Start: 0 8 * * *; Stop: 0 19 * * * | Europe/London');

    it('starts at 08:00 local time on both sides of the spring change (08:00Z, then 07:00Z)', () => {
      expect(stateAt(office, at('2026-03-28T07:30:00Z'))).toBe('off'); // 07:30 GMT
      expect(stateAt(office, at('2026-03-28T08:00:00Z'))).toBe('on');
      expect(stateAt(office, at('2026-03-30T07:30:00Z'))).toBe('on'); // 08:30 BST
      expect(nextSwitches(office, at('2026-03-28T20:00:00Z')).on).toEqual(at('2026-03-29T07:00:00Z'));
    });

    it('starts at 08:00 local time on both sides of the autumn change (07:00Z, then 08:00Z)', () => {
      expect(stateAt(office, at('2026-10-24T07:30:00Z'))).toBe('on'); // 08:30 BST
      expect(stateAt(office, at('2026-10-26T07:30:00Z'))).toBe('off'); // 07:30 GMT
      expect(nextSwitches(office, at('2026-10-25T20:00:00Z')).on).toEqual(at('2026-10-26T08:00:00Z'));
    });

    it('switches at the first moment after a time the spring change skips, and once in the hour it repeats', () => {
      const night = read('Start: 0 0 * * *; Stop: 30 1 * * * | Europe/London');
      // 01:30 does not exist on 29 March: it stops at 02:00 BST (01:00Z)
      expect(stateAt(night, at('2026-03-29T00:59:00Z'))).toBe('on');
      expect(stateAt(night, at('2026-03-29T01:00:00Z'))).toBe('off');
      // 01:30 comes twice on 25 October: it stops at the first (00:30Z) and stays off
      expect(stateAt(night, at('2026-10-25T00:29:00Z'))).toBe('on');
      expect(stateAt(night, at('2026-10-25T00:30:00Z'))).toBe('off');
      expect(stateAt(night, at('2026-10-25T01:45:00Z'))).toBe('off');
    });
  });

  describe('in America/New_York across daylight saving', () => {
    const week = read('Start: 0 8 * * 1-5; Stop: 0 18 * * 1-5 | America/New_York');

    it('starts at 08:00 local time on both sides of the March change (13:00Z, then 12:00Z)', () => {
      expect(stateAt(week, at('2026-03-06T12:30:00Z'))).toBe('off'); // Friday 07:30 EST
      expect(stateAt(week, at('2026-03-06T13:00:00Z'))).toBe('on');
      expect(stateAt(week, at('2026-03-07T15:00:00Z'))).toBe('off'); // Saturday
      expect(nextSwitches(week, at('2026-03-07T15:00:00Z')).on).toEqual(at('2026-03-09T12:00:00Z'));
      expect(stateAt(week, at('2026-03-09T12:30:00Z'))).toBe('on'); // Monday 08:30 EDT
    });

    it('stops at 18:00 local time on both sides of the November change (22:00Z, then 23:00Z)', () => {
      expect(stateAt(week, at('2026-10-30T22:00:00Z'))).toBe('off'); // Friday 18:00 EDT
      expect(stateAt(week, at('2026-11-02T22:30:00Z'))).toBe('on'); // Monday 17:30 EST
      expect(nextSwitches(week, at('2026-11-02T22:30:00Z')).off).toEqual(at('2026-11-02T23:00:00Z'));
    });
  });

  it("reads an environment's value as the original did: off, on by hand, or its DefaultSchedule", () => {
    expect(environmentScheduleText({ ManualScheduleUp: false, ScheduleAutomatically: false })).toBe('off');
    expect(environmentScheduleText({})).toBe('247');
    expect(
      environmentScheduleText({
        ManualScheduleUp: true,
        ScheduleAutomatically: true,
        DefaultSchedule: 'off',
      }),
    ).toBe('247');
    expect(environmentScheduleText({ ScheduleAutomatically: true, DefaultSchedule: 'NOSCHEDULE' })).toBe(
      'NOSCHEDULE',
    );
  });
});
