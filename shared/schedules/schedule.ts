import { Cron } from 'croner';

/** What a schedule wants a group to be: running at its sizes, or at zero. */
export type PowerState = 'on' | 'off';

/** One `Start: <cron>` or `Stop: <cron>` part of a schedule. */
export interface ScheduleSwitch {
  readonly state: PowerState;
  readonly cron: string;
}

/**
 * A schedule as the original wrote it, read: `NOSCHEDULE` (leave the group alone), always on (`247`) or
 * off (`off`), or switches at cron times in one IANA time zone (`on` is the original's default working
 * day, `Start: 30 6 * * *; Stop: 30 18 * * *` in UTC).
 */
export type Schedule =
  | { readonly kind: 'none' }
  | { readonly kind: 'always'; readonly state: PowerState }
  | { readonly kind: 'switches'; readonly switches: readonly ScheduleSwitch[]; readonly timeZone: string };

/** A schedule that reads, or why it does not. */
export type ScheduleReading =
  { readonly ok: true; readonly schedule: Schedule } | { readonly ok: false; readonly message: string };

/** The longest schedule: an Auto Scaling tag value holds at most 256 characters. */
export const SCHEDULE_MAX_LENGTH = 256;

/** The original's `on`: start at 06:30 and stop at 18:30 every day, in UTC. */
const DEFAULT_WORKING_DAY = 'Start: 30 6 * * *; Stop: 30 18 * * *';

const stateOfWord: Readonly<Record<string, PowerState>> = { start: 'on', stop: 'off' };

/** Whether the runtime knows the IANA time zone (Intl is the one source of zones, as croner's). */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function cronOf(expression: string, timeZone: string): Cron {
  return new Cron(expression, { timezone: timeZone, paused: true });
}

/** Reads one `Start: <cron>` / `Stop: <cron>` part, or says what is wrong with it. */
function readSwitch(part: string, index: number, timeZone: string): ScheduleSwitch | string {
  const colon = part.indexOf(':');
  const word = (colon < 0 ? part : part.slice(0, colon)).trim().toLowerCase();
  const state = stateOfWord[word];
  if (colon < 0 || !state) {
    return `part ${index + 1} ("${part.trim()}") must be "Start: <cron>" or "Stop: <cron>"`;
  }
  const cron = part
    .slice(colon + 1)
    .trim()
    .replace(/\s+/g, ' ');
  if (cron.split(' ').length !== 5) {
    return `part ${index + 1}: "${cron}" must be a cron expression of five fields (minute hour day month weekday)`;
  }
  try {
    cronOf(cron, timeZone);
  } catch (e) {
    return `part ${index + 1}: "${cron}" is not a valid cron expression (${e instanceof Error ? e.message : String(e)})`;
  }
  return { state, cron };
}

/**
 * Reads a schedule as the original wrote it (words in any case): `NOSCHEDULE`, `247`, `off`, `on`, or
 * `Start: <cron>; Stop: <cron>` with any number of parts and optionally `| <IANA time zone>` (UTC
 * without). Crons are read by croner, in the schedule's zone.
 */
export function readSchedule(text: string): ScheduleReading {
  const trimmed = text.trim();
  const word = trimmed.toLowerCase();
  if (word === 'noschedule') return { ok: true, schedule: { kind: 'none' } };
  if (word === '247') return { ok: true, schedule: { kind: 'always', state: 'on' } };
  if (word === 'off') return { ok: true, schedule: { kind: 'always', state: 'off' } };
  if (word === 'on') return readSchedule(DEFAULT_WORKING_DAY);
  if (trimmed === '') {
    return {
      ok: false,
      message: 'must not be empty: NOSCHEDULE, 247, off, on or "Start: <cron>; Stop: <cron>"',
    };
  }
  const bar = trimmed.split('|');
  if (bar.length > 2) return { ok: false, message: 'may name one time zone after a single "|"' };
  const timeZone = bar[1]?.trim() ?? 'UTC';
  if (!isTimeZone(timeZone)) {
    return { ok: false, message: `"${timeZone}" is not an IANA time zone (such as Europe/London)` };
  }
  const parts = bar[0]!.split(';').filter((p) => p.trim() !== '');
  if (!parts.length) return { ok: false, message: 'has no "Start: <cron>" or "Stop: <cron>" part' };
  const switches: ScheduleSwitch[] = [];
  for (const [i, part] of parts.entries()) {
    const read = readSwitch(part, i, timeZone);
    if (typeof read === 'string') return { ok: false, message: read };
    switches.push(read);
  }
  return { ok: true, schedule: { kind: 'switches', switches, timeZone } };
}

/** The moment a switch last fired at or before `at`, if it ever did. */
function lastFiring(s: ScheduleSwitch, timeZone: string, at: Date): Date | undefined {
  // previousRuns looks strictly before its reference's whole second: one second on, a switch firing at
  // `at` itself counts (crons fire on whole minutes, so nothing later can slip in)
  const reference = Math.floor(at.getTime() / 1000) * 1000 + 1000;
  return cronOf(s.cron, timeZone).previousRuns(1, new Date(reference))[0];
}

/**
 * The state the schedule wants at a moment: the state of the switch that fired last (read in the
 * schedule's own zone, so daylight-saving changes move the UTC moment, never the wall-clock time).
 * `undefined` for NOSCHEDULE, or switches that have never fired.
 */
export function stateAt(schedule: Schedule, at: Date): PowerState | undefined {
  if (schedule.kind === 'none') return undefined;
  if (schedule.kind === 'always') return schedule.state;
  let latest: { at: number; state: PowerState } | undefined;
  for (const s of schedule.switches) {
    const fired = lastFiring(s, schedule.timeZone, at);
    // on a tie, the later part wins, as it is written after
    if (fired && (!latest || fired.getTime() >= latest.at)) latest = { at: fired.getTime(), state: s.state };
  }
  return latest?.state;
}

/** When the schedule next switches on and off after a moment (absent when it never does). */
export function nextSwitches(schedule: Schedule, after: Date): { on?: Date; off?: Date } {
  if (schedule.kind !== 'switches') return {};
  const out: { on?: Date; off?: Date } = {};
  for (const s of schedule.switches) {
    const next = cronOf(s.cron, schedule.timeZone).nextRun(after);
    if (!next) continue;
    const current = out[s.state];
    if (!current || next < current) out[s.state] = next;
  }
  return out;
}
