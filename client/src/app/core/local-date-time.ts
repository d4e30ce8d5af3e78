const pad = (n: number) => String(n).padStart(2, '0');

// A `datetime-local` input holds the browser's local time, to the minute, with no zone; the API speaks
// ISO 8601. These convert between the two so every time field and filter reads the same way.

/** An ISO 8601 instant as a `datetime-local` input shows it (local time, to the minute); '' when not one. */
export function toLocalDateTime(iso: string | undefined): string {
  const d = new Date(iso ?? '');
  if (Number.isNaN(d.getTime())) {
    return '';
  }
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * A `datetime-local` value as ISO 8601 with the browser's offset at that moment (`2030-01-01T10:00:00+01:00`),
 * as records keep it (a freeze window reads as the local time it was set in); '' when not a date-time.
 */
export function fromLocalDateTime(local: string): string {
  const d = new Date(local);
  if (local === '' || Number.isNaN(d.getTime())) {
    return '';
  }
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${toLocalDateTime(d.toISOString())}:${pad(d.getSeconds())}${zone}`;
}

/**
 * A `datetime-local` value as a UTC instant (`2030-01-01T09:00:00.000Z`), or null when empty or not a
 * date-time: for list filters, whose bounds the URL carries and which compare as text.
 */
export function instantOfLocalDateTime(local: string): string | null {
  const time = local ? new Date(local).getTime() : NaN;
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
