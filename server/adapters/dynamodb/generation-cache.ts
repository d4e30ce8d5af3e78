/** A counter's value, and when the read that answered it was sent (this process's monotonic clock). */
interface Fresh {
  readonly value: number;
  readonly sentAt: number;
}

/** The reads of one counter: the one in flight, the one the callers that came after it wait for, the last. */
interface Lane {
  inFlight?: Promise<number>;
  queued?: Promise<number>;
  fresh?: Fresh;
  /** Bumped by every local write of the counter: a read sent before one is not kept. */
  writes: number;
}

const settle = () => undefined;

/** How the cache behaves; the clock is injected so specs need not wait. */
export interface GenerationCacheOptions {
  /**
   * How long a value is answered from memory, counted from when its read was sent (0: never, every call
   * shares a read sent after it began). The writers of the counters wait as long after each write (see
   * DynamoDbRecordStore.commit), so no process answers a value older than the last write that returned.
   */
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

/**
 * Shares the generation-counter reads of concurrent list calls without making any of them staler than
 * `maxAgeMs`: a call is answered from a read sent less than `maxAgeMs` before it, or shares a read sent
 * after the call began. While a read is in flight, calls that arrive wait for it to end and then share
 * the next one; so a busy kind costs at most one GetItem in flight (and one queued), and, with a window,
 * one per `maxAgeMs` however many requests list it.
 *
 * The window is safe because writers wait it out: a write that returned at W was committed before W, so
 * every read sent after W sees it, and a read sent before W is answered from memory until before W +
 * `maxAgeMs` at most, when the writer returns. A write in this process forgets the counter at once.
 */
export class GenerationCache {
  private readonly lanes = new Map<string, Lane>();
  readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(options: GenerationCacheOptions = {}) {
    this.maxAgeMs = options.maxAgeMs ?? 0;
    this.now = options.now ?? (() => performance.now());
  }

  /** The counter `key` as read by `load`: in a read sent within `maxAgeMs`, or after this call began. */
  read(key: string, load: () => Promise<number>): Promise<number> {
    let lane = this.lanes.get(key);
    if (lane === undefined) {
      lane = { writes: 0 };
      this.lanes.set(key, lane);
    }
    const fresh = lane.fresh;
    if (fresh !== undefined && this.now() - fresh.sentAt < this.maxAgeMs) return Promise.resolve(fresh.value);
    const inFlight = lane.inFlight;
    if (inFlight === undefined) return this.send(lane, load);
    // the read in flight was sent before this call and may miss a write committed since: take the next
    const current = lane;
    current.queued ??= inFlight.then(settle, settle).then(() => {
      current.queued = undefined;
      return this.send(current, load);
    });
    return current.queued;
  }

  /** A write of `key` in this process: what was read before it is not answered again. */
  forget(key: string): void {
    const lane = this.lanes.get(key);
    if (lane === undefined) return;
    lane.writes += 1;
    lane.fresh = undefined;
  }

  private send(lane: Lane, load: () => Promise<number>): Promise<number> {
    const sentAt = this.now();
    const writes = lane.writes;
    const read = load();
    lane.inFlight = read;
    read.then(
      (value) => {
        if (lane.inFlight === read) lane.inFlight = undefined;
        if (this.maxAgeMs > 0 && lane.writes === writes && (lane.fresh?.sentAt ?? -Infinity) < sentAt)
          lane.fresh = { value, sentAt };
      },
      () => {
        if (lane.inFlight === read) lane.inFlight = undefined;
      },
    );
    return read;
  }
}
