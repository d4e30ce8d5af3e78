import { fromLocalDateTime, instantOfLocalDateTime, toLocalDateTime } from './local-date-time';

describe('local date-times', () => {
  it('turns a datetime-local value into ISO 8601 with the local offset at that moment', () => {
    const iso = fromLocalDateTime('2030-07-01T09:15');
    expect(iso).toMatch(/^2030-07-01T09:15:00[+-]\d\d:\d\d$/);
    expect(Date.parse(iso)).toBe(new Date(2030, 6, 1, 9, 15).getTime());
  });

  it('shows an ISO date-time in local time, and round-trips', () => {
    const iso = '2030-12-24T00:00:00Z';
    expect(toLocalDateTime(iso)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    expect(Date.parse(fromLocalDateTime(toLocalDateTime(iso)))).toBe(Date.parse(iso));
    expect(instantOfLocalDateTime(toLocalDateTime(iso))).toBe('2030-12-24T00:00:00.000Z');
  });

  it('gives a UTC instant for a filter bound', () => {
    expect(instantOfLocalDateTime('2030-07-01T09:15')).toBe(new Date(2030, 6, 1, 9, 15).toISOString());
  });

  it('gives empty for what is not a date-time', () => {
    expect(fromLocalDateTime('')).toBe('');
    expect(toLocalDateTime('soon')).toBe('');
    expect(toLocalDateTime(undefined)).toBe('');
    expect(instantOfLocalDateTime('')).toBeNull();
    expect(instantOfLocalDateTime('soon')).toBeNull();
  });
});
