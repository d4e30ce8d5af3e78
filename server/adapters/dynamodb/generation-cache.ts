/** The reads of one counter: the one in flight, and the one the callers that came after it wait for. */
interface Lane {
  inFlight?: Promise<number>;
  queued?: Promise<number>;
}

const settle = () => undefined;

/**
 * Shares the generation-counter reads of concurrent list calls without making any of them staler: a call
 * only shares a read that was sent after the call began. While a read is in flight, calls that arrive
 * wait for it to end and then share the next one; so a busy kind costs at most one GetItem in flight (and
 * one queued) however many requests list it, and every answer is still as fresh as a GetItem of its own.
 * It keeps no value between reads: a write committed by any process is seen by the next call.
 */
export class GenerationCache {
  private readonly lanes = new Map<string, Lane>();

  /** The counter `key` as read by `load`, in a read that began after this call did. */
  read(key: string, load: () => Promise<number>): Promise<number> {
    let lane = this.lanes.get(key);
    if (lane === undefined) {
      lane = {};
      this.lanes.set(key, lane);
    }
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

  private send(lane: Lane, load: () => Promise<number>): Promise<number> {
    const read = load();
    lane.inFlight = read;
    const done = () => {
      if (lane.inFlight === read) lane.inFlight = undefined;
    };
    read.then(done, done);
    return read;
  }
}

const byOwner = new WeakMap<object, GenerationCache>();

/** The GenerationCache of one record store (each store has its own table and its own counters). */
export function generationCache(owner: object): GenerationCache {
  let cache = byOwner.get(owner);
  if (cache === undefined) {
    cache = new GenerationCache();
    byOwner.set(owner, cache);
  }
  return cache;
}
