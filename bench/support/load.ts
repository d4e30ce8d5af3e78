import autocannon from 'autocannon';

const MB = 1024 * 1024;

/** What one autocannon run measured, in the units the table prints. */
export interface Figures {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly mbPerSecond: number;
  readonly non2xx: number;
  /** Replies counted by status code (a conditional run answers 304, which autocannon counts as non-2xx). */
  readonly statuses: Readonly<Record<string, number>>;
  readonly errors: number;
  readonly total: number;
}

/** Loads a URL with autocannon on loopback for `duration` seconds (a worker thread keeps it off this event loop). */
export async function load(
  url: string,
  duration: number,
  headers: Record<string, string> = {},
  connections = 10,
): Promise<Figures> {
  // a worker thread keeps the load generator off the event loop of the bare server, which lives here
  const r = await autocannon({ url, connections, duration, headers, timeout: 30, workers: 1 });
  return {
    requestsPerSecond: r.requests.mean,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    mbPerSecond: r.throughput.mean / MB,
    non2xx: r.non2xx,
    statuses: Object.fromEntries(
      Object.entries(r.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0]),
    ),
    errors: r.errors,
    total: r.requests.total,
  };
}
