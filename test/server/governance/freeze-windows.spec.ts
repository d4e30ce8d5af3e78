import { EnvironmentValue } from '@shared/catalogue/environment';
import { EnvironmentTypeValue } from '@shared/catalogue/environment-type';
import type { FreezeWindow } from '@shared/catalogue/freeze-window';
import { invalidFields } from '../../../server/http/parse-input';
import { activeFreezeWindow, endOfWindowAt } from '../../../server/governance/freeze-windows';

const at = (iso: string) => Date.parse(iso);
const weekend: FreezeWindow = {
  Name: 'Weekend',
  Recurring: { Start: 'Fri 16:00', End: 'Mon 08:00', TimeZone: 'Europe/London' },
};
const christmas: FreezeWindow = {
  Name: 'Christmas',
  Start: '2026-12-20T00:00:00Z',
  End: '2027-01-04T08:00:00Z',
  Reason: 'peak sales',
};
const over = (environmentWindows: FreezeWindow[], typeWindows: FreezeWindow[] = []) => ({
  environment: 'pr1',
  environmentWindows,
  environmentType: 'Prod',
  typeWindows,
});

describe('freeze windows in force', () => {
  it('holds a one-off window from its start (inclusive) to its end (exclusive)', () => {
    expect(endOfWindowAt(christmas, at('2026-12-19T23:59:59Z'))).toBeUndefined();
    expect(endOfWindowAt(christmas, at('2026-12-20T00:00:00Z'))?.toISOString()).toBe(
      '2027-01-04T08:00:00.000Z',
    );
    expect(endOfWindowAt(christmas, at('2027-01-04T07:59:59Z'))).toBeDefined();
    expect(endOfWindowAt(christmas, at('2027-01-04T08:00:00Z'))).toBeUndefined();
  });

  it('holds a weekly window from Friday 16:00 to Monday 08:00 in its time zone', () => {
    // 2026-11-06 is a Friday; London is on GMT then
    expect(endOfWindowAt(weekend, at('2026-11-06T15:59:00Z'))).toBeUndefined();
    expect(endOfWindowAt(weekend, at('2026-11-06T16:00:00Z'))?.toISOString()).toBe(
      '2026-11-09T08:00:00.000Z',
    );
    expect(endOfWindowAt(weekend, at('2026-11-08T12:00:00Z'))?.toISOString()).toBe(
      '2026-11-09T08:00:00.000Z',
    );
    expect(endOfWindowAt(weekend, at('2026-11-09T08:00:00Z'))).toBeUndefined();
    expect(endOfWindowAt(weekend, at('2026-11-11T12:00:00Z'))).toBeUndefined();
  });

  it('follows the clocks across the end of summer time: starts at 16:00 BST, ends at 08:00 GMT', () => {
    // BST ends on Sunday 2026-10-25: Friday 16:00 is 15:00Z, Monday 08:00 is 08:00Z
    expect(endOfWindowAt(weekend, at('2026-10-23T14:59:00Z'))).toBeUndefined();
    expect(endOfWindowAt(weekend, at('2026-10-23T15:00:00Z'))?.toISOString()).toBe(
      '2026-10-26T08:00:00.000Z',
    );
    // 07:30 GMT on Monday: still frozen (an hour's arithmetic in BST would have opened it at 07:00Z)
    expect(endOfWindowAt(weekend, at('2026-10-26T07:30:00Z'))?.toISOString()).toBe(
      '2026-10-26T08:00:00.000Z',
    );
    expect(endOfWindowAt(weekend, at('2026-10-26T08:00:00Z'))).toBeUndefined();
  });

  it('follows the clocks across the start of summer time: starts at 16:00 GMT, ends at 08:00 BST', () => {
    // BST starts on Sunday 2027-03-28: Friday 16:00 is 16:00Z, Monday 08:00 is 07:00Z
    expect(endOfWindowAt(weekend, at('2027-03-26T15:30:00Z'))).toBeUndefined();
    expect(endOfWindowAt(weekend, at('2027-03-26T16:00:00Z'))?.toISOString()).toBe(
      '2027-03-29T07:00:00.000Z',
    );
    expect(endOfWindowAt(weekend, at('2027-03-29T07:00:00Z'))).toBeUndefined();
  });

  it('holds a daily window across midnight', () => {
    const nightly: FreezeWindow = {
      Name: 'Nightly batch',
      Recurring: { Start: '22:00', End: '02:00', TimeZone: 'America/New_York' },
    };
    // 22:00 in New York on 2026-11-10 (EST) is 03:00Z on the 11th
    expect(endOfWindowAt(nightly, at('2026-11-11T02:59:00Z'))).toBeUndefined();
    expect(endOfWindowAt(nightly, at('2026-11-11T04:00:00Z'))?.toISOString()).toBe(
      '2026-11-11T07:00:00.000Z',
    );
    expect(endOfWindowAt(nightly, at('2026-11-11T07:00:00Z'))).toBeUndefined();
  });

  it("names the environment's window and where it was set, with its end and reason", () => {
    expect(activeFreezeWindow(over([christmas]), at('2026-12-24T12:00:00Z'))).toEqual({
      Name: 'Christmas',
      Scope: 'environment',
      SetOn: 'pr1',
      EndsAt: '2027-01-04T08:00:00.000Z',
      Reason: 'peak sales',
    });
    expect(activeFreezeWindow(over([christmas]), at('2027-02-01T12:00:00Z'))).toBeUndefined();
  });

  it("applies the environment type's windows to its environments", () => {
    expect(activeFreezeWindow(over([], [weekend]), at('2026-11-07T12:00:00Z'))).toEqual({
      Name: 'Weekend',
      Scope: 'environment-type',
      SetOn: 'Prod',
      EndsAt: '2026-11-09T08:00:00.000Z',
    });
  });

  it('of several in force, names the one that ends last', () => {
    // Saturday 2026-12-26: both the weekend and Christmas hold; Christmas ends last
    const found = activeFreezeWindow(over([christmas], [weekend]), at('2026-12-26T12:00:00Z'));
    expect(found?.Name).toBe('Christmas');
  });

  it('names a window stored before windows had names after its reason, else its dates', () => {
    const { Name: _name, ...unnamed } = christmas as { Name: string };
    expect(activeFreezeWindow(over([unnamed as FreezeWindow]), at('2026-12-24T00:00:00Z'))?.Name).toBe(
      'peak sales',
    );
    const { Reason: _reason, ...bare } = unnamed as { Reason: string };
    expect(activeFreezeWindow(over([bare as FreezeWindow]), at('2026-12-24T00:00:00Z'))?.Name).toBe(
      '2026-12-20T00:00:00Z .. 2027-01-04T08:00:00Z',
    );
  });
});

describe('freeze window definitions', () => {
  const environment = (FreezeWindows: unknown[]) => ({
    EnvironmentType: 'Prod',
    OwningCluster: 'Checkout',
    DeploymentMap: 'map',
    FreezeWindows,
  });
  const fieldsOf = (windows: unknown[]) => {
    const result = EnvironmentValue.safeParse(environment(windows));
    return result.success ? [] : invalidFields('body.Value', result.error);
  };

  it('accepts one-off and recurring windows on environments and environment types', () => {
    expect(EnvironmentValue.safeParse(environment([christmas, weekend])).success).toBeTrue();
    expect(EnvironmentTypeValue.safeParse({ FreezeWindows: [christmas, weekend] }).success).toBeTrue();
  });

  it('names the field of a bad recurring window: time zone, moment, same start and end, name', () => {
    const recurring = (fields: Record<string, unknown>, name: unknown = 'W') => ({
      Name: name,
      Recurring: { Start: 'Fri 16:00', End: 'Mon 08:00', TimeZone: 'Europe/London', ...fields },
    });
    expect(fieldsOf([recurring({ TimeZone: 'Mars/Olympus' })])).toEqual([
      {
        field: 'body.Value.FreezeWindows.0.Recurring.TimeZone',
        message: 'must be an IANA time zone such as Europe/London or UTC',
      },
    ]);
    expect(fieldsOf([recurring({ Start: 'Friday 4pm' })]).map((f) => f.field)).toEqual([
      'body.Value.FreezeWindows.0.Recurring.Start',
    ]);
    expect(fieldsOf([recurring({ End: 'Fri 16:00' })])).toEqual([
      { field: 'body.Value.FreezeWindows.0.Recurring.End', message: 'must differ from Start' },
    ]);
    expect(fieldsOf([recurring({ End: '08:00' })]).map((f) => f.field)).toEqual([
      'body.Value.FreezeWindows.0.Recurring.End',
    ]);
    expect(fieldsOf([recurring({}, '  ')]).map((f) => f.field)).toEqual(['body.Value.FreezeWindows.0.Name']);
    const { Name: _name, ...unnamed } = recurring({});
    expect(fieldsOf([unnamed]).map((f) => f.field)).toEqual(['body.Value.FreezeWindows.0.Name']);
  });

  it('names the field of a bad one-off window', () => {
    expect(fieldsOf([{ Name: 'X', Start: christmas.Start, End: '2026-12-01T00:00:00Z' }])).toEqual([
      { field: 'body.Value.FreezeWindows.0.End', message: 'must end after it starts' },
    ]);
    expect(fieldsOf([{ Name: 'X', Start: 'tomorrow', End: christmas.Start }]).map((f) => f.field)).toEqual([
      'body.Value.FreezeWindows.0.Start',
    ]);
  });
});
