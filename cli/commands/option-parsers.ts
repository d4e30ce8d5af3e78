import { InvalidArgumentError, Option } from 'commander';

/** The default time a wait gives before it exits 3. */
export const DEFAULT_TIMEOUT_SECONDS = 1800;

/** A whole number of seconds, at least 1. */
export function seconds(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError('must be a number of seconds');
  return Number(value);
}

/** A whole number of at least 1. */
export function count(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('must be a whole number');
  return Number(value);
}

/** Canary traffic steps in percent (`10,50`); 100 is added as the last step when it is not given. */
export function canarySteps(value: string): number[] {
  const steps = value.split(',').map((s) => s.trim());
  if (!steps.every((s) => /^\d+$/.test(s))) {
    throw new InvalidArgumentError('must be percentages separated by commas, such as 10,50');
  }
  const numbers = steps.map(Number);
  return numbers[numbers.length - 1] === 100 ? numbers : [...numbers, 100];
}

/**
 * A point in time: ISO 8601 as is, or a span back from now (`30m`, `12h`, `7d`) turned into ISO 8601.
 */
export function pointInTime(value: string, now: () => number = Date.now): string {
  const span = /^(\d+)([mhd])$/.exec(value);
  if (span) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[span[2] as 'm' | 'h' | 'd'];
    return new Date(now() - Number(span[1]) * unit).toISOString();
  }
  if (Number.isNaN(Date.parse(value)) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw new InvalidArgumentError('must be an ISO 8601 date-time or a span such as 30m, 12h or 7d');
  }
  return value;
}

/** `--timeout SECONDS` of every wait. */
export function timeoutOption(): Option {
  return new Option('--timeout <seconds>', 'give up waiting after this many seconds (exit 3)')
    .argParser(seconds)
    .default(DEFAULT_TIMEOUT_SECONDS);
}

/** `--json` of every command. */
export function jsonOption(): Option {
  return new Option('--json', "print the API's JSON instead of text");
}
