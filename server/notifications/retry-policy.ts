import type { TargetState } from './notification-outbox';

/** How often and how soon a failed delivery is tried again. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** The wait after the first failure (ms); it doubles after each further one, up to `maxBackoffMs`. */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
}

/** How one attempt went: a 2xx, no 2xx (tried again while attempts remain), or refused (never again). */
export type AttemptResult = 'delivered' | 'undelivered' | 'refused';

/**
 * A target after one attempt at `now`: delivered, to be tried again after the backoff, or given up (out
 * of attempts, or refused: an address webhooks may not reach will not become one by waiting).
 */
export function afterAttempt(
  target: TargetState,
  result: AttemptResult,
  now: number,
  policy: RetryPolicy,
): { next: TargetState; outcome: 'delivered' | 'retrying' | 'failed' } {
  const attempts = target.attempts + 1;
  if (result === 'delivered')
    return { next: { ...target, attempts, done: true, nextAt: undefined }, outcome: 'delivered' };
  if (result === 'refused' || attempts >= policy.maxAttempts) {
    return { next: { ...target, attempts, done: true, nextAt: undefined }, outcome: 'failed' };
  }
  const wait = Math.min(policy.backoffMs * 2 ** (attempts - 1), policy.maxBackoffMs);
  return { next: { ...target, attempts, done: false, nextAt: now + wait }, outcome: 'retrying' };
}

/** When the entry is next due: its earliest target not done, or undefined when all are. */
export function nextDue(targets: readonly TargetState[]): number | undefined {
  const open = targets.filter((t) => !t.done).map((t) => t.nextAt ?? 0);
  return open.length ? Math.min(...open) : undefined;
}
