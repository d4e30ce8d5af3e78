import type { Logger } from '../logger';

/** A change of an Auto Scaling group that Auto Scaling announced (an instance launched or terminated). */
export interface FleetEvent {
  readonly group: string;
  /** The AWS account of the group. */
  readonly account: string;
  /** What happened, in Auto Scaling's words (`EC2 Instance Launch Successful`, ...). */
  readonly kind: string;
}

/** Where the events come from: a long poll that answers the events that came, or none after its wait. */
export interface FleetEventSource {
  /** Waits for events (at most its long poll); each answered is taken off the source. */
  receive(signal: AbortSignal): Promise<readonly FleetEvent[]>;
}

/** Who hears of the events: each event, and each time the source stops answering (events may be missed). */
export interface FleetEventObserver {
  changed(event: FleetEvent): void;
  /** The source failed: until events come again, no event can be counted on. */
  lost(): void;
}

/** How long the listener waits after a failed receive: doubled each time, up to the most. */
export interface ListenerBackoff {
  readonly firstMs: number;
  readonly mostMs: number;
}

/**
 * Listens to a fleet event source without end and tells the observer of each event. The events hasten
 * what polling would find (a deployment's step reads the fleet itself), so a source that fails is retried
 * after a backoff, logged once per outage, and the observer told at once: waits poll as often as without
 * events meanwhile.
 */
export class FleetEventListener {
  private abort: AbortController | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly source: FleetEventSource,
    private readonly observer: FleetEventObserver,
    private readonly logger: Logger,
    private readonly backoff: ListenerBackoff = { firstMs: 1_000, mostMs: 60_000 },
  ) {}

  start(): void {
    if (this.loop) return;
    const abort = new AbortController();
    this.abort = abort;
    this.loop = this.listen(abort.signal);
  }

  /** Stops: the receive under way is abandoned. */
  async stop(): Promise<void> {
    this.abort?.abort();
    await this.loop;
    this.loop = undefined;
  }

  private async listen(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      try {
        const events = await this.source.receive(signal);
        if (failures) this.logger.info('fleet events are received again', { after: failures });
        failures = 0;
        for (const e of events) this.observer.changed(e);
      } catch (e) {
        if (signal.aborted) return;
        if (failures === 0) {
          this.observer.lost();
          this.logger.warn('fleet events cannot be received: deployments look at their groups at each poll', {
            error: e instanceof Error ? e.message : String(e),
          });
        }
        failures += 1;
        const wait = Math.min(this.backoff.firstMs * 2 ** (failures - 1), this.backoff.mostMs);
        // a stop ends the backoff at once; each backoff's listener goes with it (an outage adds none)
        await new Promise<void>((resolve) => {
          const stopped = () => {
            clearTimeout(t);
            resolve();
          };
          const t = setTimeout(() => {
            signal.removeEventListener('abort', stopped);
            resolve();
          }, wait);
          signal.addEventListener('abort', stopped, { once: true });
        });
      }
    }
  }
}
