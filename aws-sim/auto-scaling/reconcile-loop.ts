import type { SimClock } from '../clock';

/** How often (AWS seconds) groups are reconciled when nothing asks sooner. */
const TICK_SECONDS = 1;

/**
 * Runs the reconciler every AWS second, and also promptly after anything that may give it work (an
 * Auto Scaling call that changed a group, an instance that booted or shut down, a target that drained):
 * at most one extra run per turn of the event loop however many ask, so a step never waits for the tick.
 */
export class ReconcileLoop {
  private timer: NodeJS.Timeout | undefined;
  private soon: NodeJS.Immediate | undefined;
  private running = false;

  constructor(
    private readonly clock: SimClock,
    private readonly reconcile: () => void,
  ) {}

  start(): void {
    this.running = true;
    this.timer = this.clock.every(TICK_SECONDS, () => this.run());
  }

  /** Reconciles once the current turn is done (coalesced with any other request in the same turn). */
  nudge(): void {
    if (!this.running || this.soon) return;
    this.soon = setImmediate(() => {
      this.soon = undefined;
      this.run();
    });
  }

  stop(): void {
    this.running = false;
    if (this.timer) this.clock.cancel(this.timer);
    if (this.soon) clearImmediate(this.soon);
    this.soon = undefined;
  }

  private run(): void {
    try {
      this.reconcile();
    } catch (e) {
      // one bad run must not stop the loop; the next one retries
      process.stderr.write(
        `aws-sim: autoscaling reconcile failed: ${e instanceof Error ? e.stack : String(e)}\n`,
      );
    }
  }
}
