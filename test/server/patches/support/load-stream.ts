import http from 'node:http';
import { z } from 'zod';

/** What an aws-sim instance answers on `GET /`. */
const InstanceReply = z.object({ version: z.string(), instanceId: z.string() });

/** A request that did not get a 200 with an instance's reply: its status (0: no response) and why. */
export interface FailedRequest {
  readonly target: string;
  readonly status: number;
  readonly error: string;
  readonly at: number;
}

/** What one target's clients saw. */
export interface TargetLoad {
  readonly requests: number;
  readonly failed: readonly FailedRequest[];
  /** The versions the answers carried, with how many of each. */
  readonly versions: ReadonlyMap<string, number>;
  /** The instances that answered. */
  readonly instances: ReadonlySet<string>;
  /** The longest wait between two answers, ms: a figure to print, not a threshold. */
  readonly longestGapMs: number;
  readonly firstAt: number;
  readonly lastAt: number;
}

/** The load's figures, per target name. */
export interface LoadReport {
  readonly total: number;
  readonly failed: readonly FailedRequest[];
  readonly targets: ReadonlyMap<string, TargetLoad>;
  readonly elapsedMs: number;
}

/** How hard to load: clients per target, each sending one request at a time, one per `intervalMs`. */
export interface LoadOptions {
  readonly clientsPerTarget: number;
  readonly intervalMs: number;
  /** A bound on the requests of the whole stream, however long it runs. */
  readonly maxRequests: number;
  /** A request that takes longer counts as failed (and does not hold `stop` up). */
  readonly timeoutMs: number;
}

/** A running stream of requests; `stop` waits for the requests in flight and reports. */
export interface LoadStream {
  stop(): Promise<LoadReport>;
}

interface Tally {
  requests: number;
  failed: FailedRequest[];
  versions: Map<string, number>;
  instances: Set<string>;
  longestGapMs: number;
  firstAt: number;
  lastAt: number;
}

/** One GET over the client's kept-alive connection; resolves with the reply or the reason it failed. */
function getOnce(
  url: string,
  agent: http.Agent,
  timeoutMs: number,
): Promise<{ ok: true; version: string; instanceId: string } | { ok: false; status: number; error: string }> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => resolve({ ok: false, status: res.statusCode ?? 0, error: e.message }));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) {
          return resolve({ ok: false, status: res.statusCode ?? 0, error: text.slice(0, 200) });
        }
        try {
          const reply = InstanceReply.parse(JSON.parse(text));
          resolve({ ok: true, version: reply.version, instanceId: reply.instanceId });
        } catch (e) {
          resolve({ ok: false, status: 200, error: `not an instance's reply: ${String(e)}` });
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no reply in ${timeoutMs} ms`)));
    req.on('error', (e) => resolve({ ok: false, status: 0, error: e.message }));
  });
}

/**
 * Starts a bounded, loopback-only stream of `GET /` to each target (a listener's local URL): a few
 * clients per target, each on its own kept-alive connection, one request at a time at a steady pace.
 * Every request is counted; a non-200, a reply that is not an instance's, a connection error or a
 * timeout is a failure.
 */
export function startLoad(targets: ReadonlyMap<string, string>, options: LoadOptions): LoadStream {
  const started = Date.now();
  let stopped = false;
  let total = 0;
  const tallies = new Map<string, Tally>();
  const client = async (name: string, url: string): Promise<void> => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const tally = tallies.get(name)!;
    try {
      while (!stopped && total < options.maxRequests) {
        total++;
        const sent = Date.now();
        const reply = await getOnce(`${url}/`, agent, options.timeoutMs);
        const at = Date.now();
        tally.requests++;
        if (reply.ok) {
          tally.versions.set(reply.version, (tally.versions.get(reply.version) ?? 0) + 1);
          tally.instances.add(reply.instanceId);
          if (tally.lastAt) tally.longestGapMs = Math.max(tally.longestGapMs, at - tally.lastAt);
          tally.firstAt ||= at;
          tally.lastAt = at;
        } else {
          tally.failed.push({ target: name, status: reply.status, error: reply.error, at: at - started });
        }
        await new Promise((r) => setTimeout(r, Math.max(0, options.intervalMs - (at - sent))));
      }
    } finally {
      agent.destroy();
    }
  };
  const clients: Promise<void>[] = [];
  for (const [name, url] of targets) {
    tallies.set(name, {
      requests: 0,
      failed: [],
      versions: new Map(),
      instances: new Set(),
      longestGapMs: 0,
      firstAt: 0,
      lastAt: 0,
    });
    // spread the clients over the interval so that the targets see a steady rate, not bursts
    for (let c = 0; c < options.clientsPerTarget; c++) {
      const delay = (options.intervalMs * clients.length) / (targets.size * options.clientsPerTarget);
      clients.push(new Promise((r) => setTimeout(r, delay)).then(() => client(name, url)));
    }
  }
  return {
    async stop() {
      stopped = true;
      await Promise.all(clients);
      const failed = [...tallies.values()].flatMap((t) => t.failed);
      return { total, failed, targets: tallies, elapsedMs: Date.now() - started };
    },
  };
}
