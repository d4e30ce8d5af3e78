import {
  Deployment,
  isTerminal,
  type DeploymentLogLine,
  type DeploymentStatus,
} from '../../shared/deployments/deployment';
import { p } from '../api/api-path';
import { isAbort, type JsonReply, type PortalClient } from '../api/portal-client';
import { TimedOutError, UnavailableError } from '../cli-errors';
import { deploymentEvents } from './deployment-event-stream';
import type { DeploymentObserver } from './deployment-observer';

/** How many times in a row a broken stream is opened again before the portal counts as unreachable. */
const RECONNECTS = 5;

/** How a wait on a deployment goes. */
export interface FollowOptions {
  /** When to give up (epoch milliseconds). */
  readonly deadline: number;
  readonly timeoutSeconds: number;
  readonly observer: DeploymentObserver;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Passes each log line on once, though a stream opened again sends every line from the start. */
class LogOnce {
  private readonly seen = new Map<string, number>();
  private counts = new Map<string, number>();

  /** Starts counting a new connection's lines. */
  reconnected(): void {
    this.counts = new Map();
  }

  /** Whether the line is new (not sent on an earlier connection). */
  isNew(line: DeploymentLogLine): boolean {
    const key = `${line.at}\u0000${line.level}\u0000${line.message}`;
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    if (n <= (this.seen.get(key) ?? 0)) return false;
    this.seen.set(key, n);
    return true;
  }
}

/**
 * Follows a deployment's event stream until it is over, then answers its final record (as
 * `GET /deployments/{id}` gives it). A broken stream is opened again; the deadline is a TimedOutError.
 */
export async function followDeployment(
  client: PortalClient,
  id: string,
  options: FollowOptions,
): Promise<JsonReply<Deployment>> {
  const logs = new LogOnce();
  let status: DeploymentStatus | undefined;
  let failures = 0;
  const timedOut = () =>
    new TimedOutError(
      `timed out after ${options.timeoutSeconds} s waiting for deployment ${id}` +
        (status ? ` (${status}); it goes on in the portal` : ''),
    );
  for (;;) {
    const remaining = options.deadline - Date.now();
    if (remaining <= 0) throw timedOut();
    const signal = AbortSignal.timeout(remaining);
    try {
      logs.reconnected();
      for await (const event of deploymentEvents(client, id, signal)) {
        failures = 0;
        if (event.kind === 'deployment') {
          status = event.deployment.Value.Status;
          options.observer.deployment(event.deployment);
        } else if (event.kind === 'log') {
          if (logs.isNew(event.line)) options.observer.log(event.line);
        } else if (isTerminal(event.status)) {
          return await client.get(p`/deployments/${id}`, Deployment, { signal });
        }
      }
      // closed before its end (a portal restarting, a proxy's idle timeout): open it again
      if (++failures > RECONNECTS)
        throw new UnavailableError(`the event stream of deployment ${id} keeps closing`);
      await sleep(Math.min(500 * failures, Math.max(0, options.deadline - Date.now())));
    } catch (e) {
      if (isAbort(e) || signal.aborted) throw timedOut();
      if (!(e instanceof UnavailableError) || ++failures > RECONNECTS) throw e;
      await sleep(Math.min(500 * failures, Math.max(0, options.deadline - Date.now())));
    }
  }
}
