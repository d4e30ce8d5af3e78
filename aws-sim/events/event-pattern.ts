import { AwsError } from '../protocol/aws-error';

/** An event pattern: each member a list of values to match exactly, or a pattern of a nested object. */
export interface EventPattern {
  readonly [key: string]: readonly (string | number | boolean | null)[] | EventPattern;
}

const invalid = (why: string) =>
  new AwsError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${why}`);

/**
 * Parses an EventBridge event pattern. aws-sim matches exact values (`{"source": ["aws.autoscaling"]}`,
 * nested objects such as `{"detail": {"AutoScalingGroupName": ["web"]}}`); a content filter (`prefix`,
 * `anything-but`, `numeric`, `exists`, ...) is refused with a message that says so.
 */
export function parseEventPattern(text: string): EventPattern {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('it is not JSON');
  }
  return checked(value, '');
}

function checked(value: unknown, at: string): EventPattern {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(`${at || 'the pattern'} must be an object`);
  const entries = Object.entries(value);
  if (!entries.length) throw invalid(`${at || 'the pattern'} is empty`);
  const out: Record<string, EventPattern[string]> = {};
  for (const [key, v] of entries) {
    const path = at ? `${at}.${key}` : key;
    if (Array.isArray(v)) {
      if (!v.length) throw invalid(`Empty arrays are not allowed (${path})`);
      for (const x of v)
        if (typeof x === 'object' && x !== null)
          throw invalid(`aws-sim matches exact values only; ${path} holds a content filter`);
      out[key] = v as (string | number | boolean | null)[];
    } else out[key] = checked(v, path);
  }
  return out;
}

/** Whether an event (its envelope: `source`, `detail-type`, `detail`, ...) matches the pattern. */
export function matches(pattern: EventPattern, event: unknown): boolean {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as Record<string, unknown>;
  return Object.entries(pattern).every(([key, want]) => {
    const have = e[key];
    if (!Array.isArray(want)) return matches(want as EventPattern, have);
    const values = Array.isArray(have) ? have : [have];
    return values.some((v) => v !== undefined && want.includes(v as string));
  });
}
