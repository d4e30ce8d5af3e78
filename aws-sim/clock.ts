/**
 * Simulated time: AWS durations (boot delays, health check intervals, grace periods, draining) are given in
 * AWS seconds and run `msPerSecond` real milliseconds each: 1000 in the sandbox demo, ~10 in tests.
 */
export class SimClock {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(readonly msPerSecond: number) {}

  /** Real milliseconds for a number of AWS seconds. */
  ms(seconds: number): number {
    return Math.max(1, Math.round(seconds * this.msPerSecond));
  }

  /** Runs `fn` after some AWS seconds; cancelled by `stop()`. */
  after(seconds: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, this.ms(seconds));
    this.timers.add(t);
    return t;
  }

  /** Runs `fn` every so many AWS seconds; cancelled by `stop()`. */
  every(seconds: number, fn: () => void): NodeJS.Timeout {
    const t = setInterval(fn, this.ms(seconds));
    this.timers.add(t);
    return t;
  }

  cancel(t: NodeJS.Timeout): void {
    clearTimeout(t);
    clearInterval(t);
    this.timers.delete(t);
  }

  /** Cancels every timer. */
  stop(): void {
    for (const t of this.timers) {
      clearTimeout(t);
      clearInterval(t);
    }
    this.timers.clear();
  }
}
