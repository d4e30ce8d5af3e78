import { isAbort } from '../api/portal-client';
import { TimedOutError } from '../cli-errors';

/** One look at what a wait waits for: done with a value, or not yet, in words. */
export type Poll<T> =
  { readonly done: true; readonly value: T } | { readonly done: false; readonly state: string };

/** How a polling wait goes. */
export interface PollOptions {
  readonly timeoutSeconds: number;
  readonly intervalMs: number;
  /** Told each state that differs from the one before. */
  readonly onState: (state: string) => void;
}

/** Looks until `probe` says done, every interval, until the timeout (a TimedOutError naming the last state). */
export async function pollUntil<T>(
  what: string,
  probe: (signal: AbortSignal) => Promise<Poll<T>>,
  options: PollOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  let last: string | undefined;
  const timedOut = () =>
    new TimedOutError(
      `timed out after ${options.timeoutSeconds} s waiting for ${what}${last ? ` (${last})` : ''}`,
    );
  for (;;) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw timedOut();
    let poll: Poll<T>;
    try {
      poll = await probe(AbortSignal.timeout(remaining));
    } catch (e) {
      if (isAbort(e)) throw timedOut();
      throw e;
    }
    if (poll.done) return poll.value;
    if (poll.state !== last) options.onState(poll.state);
    last = poll.state;
    await new Promise((resolve) => setTimeout(resolve, Math.min(options.intervalMs, Math.max(0, remaining))));
  }
}
